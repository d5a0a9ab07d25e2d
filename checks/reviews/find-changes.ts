import type { SiteLocation } from '../../alerts/runbook-index.ts';
import type { AlertSet } from '../../alerts/types.ts';
import { git, resolveCommit, type Repository } from '../../core/git.ts';
import { utcDay } from '../../markdown/review-date.ts';
import { readBlobs } from '../../tree/git-blobs.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import { collectCitations, sourceKey, type Citation, type Source } from './citations.ts';
import type { FileChange } from './git-history.ts';
import { citedFiles, datedByRootLog, readCitedHistory } from './git-reads.ts';
import {
	alertVersions,
	changedFields,
	itemKey,
	probeVersions,
	versionsIn,
	type ItemVersion,
} from './item-versions.ts';
import { reviewFieldsOf } from './review-fields.ts';
import { errorLine } from '../../core/error-line.ts';

/** A change to something a page cites, made after the page's last change and not covered by its review. */
export interface CitedChange {
	citation: Citation;
	/** When: the commit's date (ISO 8601), or `uncommitted` for a change in the work tree. */
	at: string;
	/** Of an alert rule or probe: the fields that changed (`expr`, `labels.severity`), or `added`. */
	fields: string[];
}

interface PageChanges {
	/** The page's last commit date, or `uncommitted`. */
	lastChange: string;
	changes: CitedChange[];
}

export interface FindChangesInput {
	tree: GuidebookTree;
	alerts: AlertSet;
	site: SiteLocation;
	/** The pages to judge (relative to the root). */
	pages: Iterable<string>;
	/** What "uncommitted" counts as for a page's review. */
	now: Date;
	trace?: (line: string) => void;
}

export interface FoundChanges {
	/** Pages with at least one change to judge, by path. */
	pages: Map<string, PageChanges>;
	/** Why nothing could be judged (no repository, no commit yet). */
	skipped?: string;
}

export const uncommitted = 'uncommitted';

/** Commits per cited file compared item by item: past this, older changes are not looked at (a trace line says so). */
const maxComparedCommits = 200;

/**
 * The changes to what each page cites (`citations.ts`) made after the page's last change, less
 * those its `reviewed` day covers (a review on or after the day of the change). Git is asked a
 * fixed number of times, however many pages there are: one `git log` over the root for the pages'
 * dates (`tree/git-dates.ts`), one comparison of the work tree with HEAD, one `git log --raw` for
 * the cited files, one `git cat-file --batch` for the versions of the cited rules and probes.
 * Only objects are read; no git process ever runs on a file of the work tree.
 */
export async function findCitedChanges(input: FindChangesInput): Promise<FoundChanges> {
	const { tree } = input;
	// Before the first `await`: the citations read status widgets out of the syntax trees, which a
	// build may release once the rules have started.
	const cited = collectCitations(tree, input.alerts, input.site, input.pages);
	// A repository git cannot read (a missing object, a broken pack) is not the pages' fault: its
	// changes go unjudged, and the reason goes where "no repository" goes.
	return judge(input, cited).catch((error: unknown) => ({
		pages: new Map(),
		skipped: `git could not read the repository's history (${errorLine(error)})`,
	}));
}

async function judge(
	input: FindChangesInput,
	cited: ReadonlyMap<string, readonly Citation[]>,
): Promise<FoundChanges> {
	const { tree, trace } = input;
	const repo = tree.place?.repository;
	if (!repo || !tree.place)
		return { pages: new Map(), skipped: 'the guidebook root is not in a git repository' };
	// HEAD as git gave it when the tree was read: the one commit this run judges against.
	const head = repo.found ? repo.found.head : await resolveCommit(repo, 'HEAD');
	if (!head) return { pages: new Map(), skipped: 'the repository has no commit yet' };
	if (cited.size === 0) return { pages: new Map() };
	const rootPrefix = tree.place.rootPath === '' ? '' : `${tree.place.rootPath}/`;
	const sources = new Map<string, Source>();
	for (const list of cited.values())
		for (const { source } of list) sources.set(sourceKey(source), source);
	const { pageDates, work, history } = await readCitedHistory(
		tree,
		repo,
		head,
		citedFiles(cited, sources.values(), rootPrefix),
	);
	if (
		trace &&
		(await git(repo, ['rev-parse', '--is-shallow-repository']).catch(() => '')).trim() === 'true'
	)
		trace(
			'waymark: cited-changes: a shallow clone: changes before its oldest commit are not seen (fetch the whole history)',
		);
	const changedNow = new Set(
		work.filter((change) => change.status !== 'D').map((change) => change.path),
	);
	const isChangedNow = (source: Source) =>
		changedNow.has(source.file) ||
		(source.folder && [...changedNow].some((path) => path.startsWith(`${source.file}/`)));
	const changesOf = (source: Source): readonly FileChange[] =>
		source.folder
			? [...history]
					.filter(([path]) => path.startsWith(`${source.file}/`))
					.flatMap(([, list]) => list)
			: (history.get(source.file) ?? []);
	const lastCommit = (source: Source): string | undefined => {
		if (datedByRootLog(source, rootPrefix))
			return pageDates.get(source.file.slice(rootPrefix.length));
		return latest(changesOf(source).map((change) => change.at));
	};

	const judged = new Map<string, PageChanges>();
	const toCompare: Array<{ path: string; citation: Citation; baseline: string }> = [];
	for (const [path, citations] of cited) {
		if (changedNow.has(rootPrefix + path)) continue;
		const baseline = pageDates.get(path);
		// Not committed and not changed: a file git ignores, with no history to judge by.
		if (baseline === undefined) continue;
		const page: PageChanges = { lastChange: baseline, changes: [] };
		for (const citation of citations) {
			const { source } = citation;
			if (isChangedNow(source)) {
				if (source.item) toCompare.push({ path, citation, baseline });
				else page.changes.push({ citation, at: uncommitted, fields: [] });
				continue;
			}
			const at = lastCommit(source);
			if (at === undefined || !isAfter(at, baseline)) continue;
			if (source.item) toCompare.push({ path, citation, baseline });
			else page.changes.push({ citation, at, fields: [] });
		}
		judged.set(path, page);
	}
	const items = await compareItems(repo, input, toCompare, isChangedNow, changesOf);
	for (const { path, citation } of toCompare) {
		const found = items.get(`${path}\0${sourceKey(citation.source)}`);
		if (found) judged.get(path)?.changes.push({ citation, ...found });
	}
	const today = utcDay(input.now);
	for (const [path, page] of judged) {
		const review = reviewFieldsOf(tree.pages.get(path)!).reviewed?.day;
		page.changes = page.changes.filter(
			(change) => !review || review < (change.at === uncommitted ? today : change.at.slice(0, 10)),
		);
		page.changes.sort(
			(a, b) =>
				a.citation.position.line - b.citation.position.line ||
				a.citation.position.column - b.citation.position.column,
		);
		if (page.changes.length === 0) judged.delete(path);
	}
	trace?.(
		`waymark: cited-changes: ${cited.size} pages cite ${sources.size} sources; ${judged.size} pages with changes since`,
	);
	return { pages: judged };
}

/**
 * For each cited alert rule or probe whose file changed after the citing page: the newest change
 * to the item itself after the page (a commit whose version of it differs from its parent's, or
 * the work tree's from HEAD's). Each source's commits are compared once, back to its oldest citing
 * page; every version needed is read in one batch and parsed once.
 */
async function compareItems(
	repo: Repository,
	input: FindChangesInput,
	wanted: Array<{ path: string; citation: Citation; baseline: string }>,
	isChangedNow: (source: Source) => boolean,
	changesOf: (source: Source) => readonly FileChange[],
): Promise<Map<string, { at: string; fields: string[] }>> {
	const found = new Map<string, { at: string; fields: string[] }>();
	if (wanted.length === 0) return found;
	const oldest = new Map<string, { source: Source; baseline: string }>();
	for (const { citation, baseline } of wanted) {
		const key = sourceKey(citation.source);
		const known = oldest.get(key);
		if (!known || isAfter(known.baseline, baseline))
			oldest.set(key, { source: citation.source, baseline });
	}
	const candidates = new Map<string, FileChange[]>();
	for (const [key, { source, baseline }] of oldest) {
		const after = changesOf(source).filter((change) => isAfter(change.at, baseline));
		if (after.length > maxComparedCommits)
			input.trace?.(
				`waymark: cited-changes: ${source.shown} changed in ${after.length} commits since a page citing it; the newest ${maxComparedCommits} are compared`,
			);
		candidates.set(
			key,
			after.sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, maxComparedCommits),
		);
	}
	const objects = [...candidates.values()]
		.flatMap((list) => list.flatMap((change) => [change.before, change.after]))
		.filter((oid): oid is string => oid !== undefined);
	const changedSources = [...oldest.values()].filter(({ source }) => isChangedNow(source));
	const blobs = await readBlobs(repo, [
		...objects,
		...changedSources.map(({ source }) => `HEAD:${source.file}`),
	]);
	const parsed = new Map<string, Map<string, ItemVersion>>();
	const version = (name: string | undefined, source: Source): ItemVersion | undefined => {
		if (name === undefined || !source.item) return undefined;
		let items = parsed.get(name);
		if (!items) {
			const text = blobs.get(name);
			items =
				text === undefined
					? new Map()
					: versionsIn(text, source.shown, source.item.kind, input.tree.dialect.name);
			parsed.set(name, items);
		}
		return items.get(itemKey(source.item));
	};
	const work = workVersions(input);
	const itemChanges = new Map<string, Array<{ at: string; fields: string[] }>>();
	for (const [key, { source }] of oldest) {
		const list: Array<{ at: string; fields: string[] }> = [];
		if (isChangedNow(source) && source.item) {
			const fields = changedFields(
				version(`HEAD:${source.file}`, source),
				work(source)?.get(itemKey(source.item)),
			);
			if (fields.length > 0) list.push({ at: uncommitted, fields });
		}
		for (const change of candidates.get(key) ?? []) {
			const fields = changedFields(version(change.before, source), version(change.after, source));
			if (fields.length > 0) list.push({ at: change.at, fields });
		}
		itemChanges.set(key, list);
	}
	for (const { path, citation, baseline } of wanted) {
		// Newest first: the first change after the page is the one to report.
		const newest = itemChanges
			.get(sourceKey(citation.source))
			?.find((change) => change.at === uncommitted || isAfter(change.at, baseline));
		if (newest) found.set(`${path}\0${sourceKey(citation.source)}`, newest);
	}
	return found;
}

/** The items of a cited file as the work tree has them: the rules as the alert sources read them, the probes as their page declares them. */
function workVersions(
	input: FindChangesInput,
): (source: Source) => Map<string, ItemVersion> | undefined {
	const cache = new Map<string, Map<string, ItemVersion>>();
	return (source) => {
		if (!source.item) return undefined;
		const key = `${source.item.kind}\0${source.shown}`;
		if (!cache.has(key)) {
			cache.set(
				key,
				source.item.kind === 'alert'
					? alertVersions(
							input.alerts.rules.filter(
								(rule) => rule.origin.kind === 'file' && rule.origin.file === source.shown,
							),
						)
					: probeVersions(input.tree.pages.get(source.shown)?.frontmatter?.data),
			);
		}
		return cache.get(key);
	};
}

function isAfter(at: string, baseline: string): boolean {
	return Date.parse(at) > Date.parse(baseline);
}

function latest(dates: string[]): string | undefined {
	return dates.reduce<string | undefined>(
		(newest, at) => (newest === undefined || Date.parse(at) > Date.parse(newest) ? at : newest),
		undefined,
	);
}
