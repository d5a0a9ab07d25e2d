import type { SiteLocation } from '../../alerts/runbook-index.ts';
import type { AlertSet } from '../../alerts/types.ts';
import { listWorkTreeChanges } from '../../core/git-changes.ts';
import { git, resolveCommit, type Repository } from '../../core/git.ts';
import { utcDay } from '../../src/lib/review-date.ts';
import { readLastCommitDates } from '../../tree/git-dates.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import { collectCitations, sourceKey, type Citation, type Source } from './citations.ts';
import { readBlobs, readFileChanges, type FileChange } from './git-history.ts';
import { alertVersion, changedFields, itemIn, probeVersion, type ItemVersion } from './item-versions.ts';
import { reviewFieldsOf } from './review-fields.ts';

/** A change to something a page cites, made after the page's last change and not covered by its review. */
export interface CitedChange {
	citation: Citation;
	/** When: the commit's date (ISO 8601), or `uncommitted` for a change in the work tree. */
	at: string;
	/** Of an alert rule or probe: the fields that changed (`expr`, `labels.severity`), or `added`. */
	fields: string[];
}

export interface PageChanges {
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
	const { tree, trace } = input;
	// Before the first `await`: the citations read status widgets out of the syntax trees, which a
	// build may release once the rules have started.
	const cited = collectCitations(tree, input.alerts, input.site, input.pages);
	const repo = tree.place?.repository;
	if (!repo || !tree.place) return { pages: new Map(), skipped: 'the guidebook root is not in a git repository' };
	const head = await resolveCommit(repo, 'HEAD');
	if (!head) return { pages: new Map(), skipped: 'the repository has no commit yet' };
	if (cited.size === 0) return { pages: new Map() };
	const rootPrefix = tree.place.rootPath === '' ? '' : `${tree.place.rootPath}/`;
	const sources = new Map<string, Source>();
	for (const list of cited.values()) for (const { source } of list) sources.set(sourceKey(source), source);
	const files = new Set([...sources.values()].map((source) => source.file));
	const folders = [...sources.values()].filter((source) => source.folder).map((source) => `${source.file}/`);
	const pagePaths = new Set([...cited.keys()].map((path) => rootPrefix + path));
	const [pageDates, work, history] = await Promise.all([
		readLastCommitDates(tree.place),
		listWorkTreeChanges(repo, head, '', (path) => pagePaths.has(path) || files.has(path) || folders.some((folder) => path.startsWith(folder))),
		// Whole files in the root have their dates in the root's log; the rest need their own.
		readFileChanges(repo, [...new Set([...sources.values()].filter((source) => source.item || source.folder || !isInRoot(source.file, rootPrefix)).map((source) => source.file))]),
	]);
	if (trace && (await git(repo, ['rev-parse', '--is-shallow-repository']).catch(() => '')).trim() === 'true') trace('waymark: cited-changes: a shallow clone: changes before its oldest commit are not seen (fetch the whole history)');
	const changedNow = new Set(work.filter((change) => change.status !== 'D').map((change) => change.path));
	const isChangedNow = (source: Source) => changedNow.has(source.file) || (source.folder && [...changedNow].some((path) => path.startsWith(`${source.file}/`)));
	const changesOf = (source: Source): FileChange[] => (source.folder ? [...history].filter(([path]) => path.startsWith(`${source.file}/`)).flatMap(([, list]) => list) : (history.get(source.file) ?? []));
	const lastCommit = (source: Source): string | undefined => {
		if (!source.folder && isInRoot(source.file, rootPrefix) && !source.item) return pageDates.get(source.file.slice(rootPrefix.length));
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
		page.changes = page.changes.filter((change) => !review || review < (change.at === uncommitted ? today : change.at.slice(0, 10)));
		page.changes.sort((a, b) => a.citation.position.line - b.citation.position.line || a.citation.position.column - b.citation.position.column);
		if (page.changes.length === 0) judged.delete(path);
	}
	trace?.(`waymark: cited-changes: ${cited.size} pages cite ${sources.size} sources; ${judged.size} pages with changes since`);
	return { pages: judged };
}

/**
 * For each cited alert rule or probe whose file changed after the citing page: the newest change
 * to the item itself (a commit whose version of it differs from its parent's, or the work tree's
 * from HEAD's), when it is after the page. Every version needed is read in one batch.
 */
async function compareItems(
	repo: Repository,
	input: FindChangesInput,
	wanted: Array<{ path: string; citation: Citation; baseline: string }>,
	isChangedNow: (source: Source) => boolean,
	changesOf: (source: Source) => FileChange[],
): Promise<Map<string, { at: string; fields: string[] }>> {
	const found = new Map<string, { at: string; fields: string[] }>();
	if (wanted.length === 0) return found;
	const candidates = new Map<string, FileChange[]>();
	for (const { citation, baseline } of wanted) {
		const source = citation.source;
		const after = changesOf(source).filter((change) => isAfter(change.at, baseline));
		const newest = after.sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, maxComparedCommits);
		if (after.length > maxComparedCommits) input.trace?.(`waymark: cited-changes: ${source.shown} changed in ${after.length} commits since a page citing it; the newest ${maxComparedCommits} are compared`);
		candidates.set(sourceKey(source), newest);
	}
	const objects = [...candidates.values()].flatMap((list) => list.flatMap((change) => [change.before, change.after])).filter((oid): oid is string => oid !== undefined);
	const heads = wanted.filter(({ citation }) => isChangedNow(citation.source)).map(({ citation }) => `HEAD:${citation.source.file}`);
	const blobs = await readBlobs(repo, [...objects, ...heads]);
	const versions = new Map<string, ItemVersion | undefined>();
	const version = (name: string | undefined, source: Source): ItemVersion | undefined => {
		if (name === undefined || !source.item) return undefined;
		const key = `${name}\0${sourceKey(source)}`;
		if (!versions.has(key)) {
			const text = blobs.get(name);
			versions.set(key, text === undefined ? undefined : itemIn(text, source.shown, source.item, input.tree.dialect.name));
		}
		return versions.get(key);
	};
	for (const { path, citation } of wanted) {
		const source = citation.source;
		const key = `${path}\0${sourceKey(source)}`;
		if (isChangedNow(source)) {
			const fields = changedFields(version(`HEAD:${source.file}`, source), workVersion(input, citation));
			if (fields.length > 0) {
				found.set(key, { at: uncommitted, fields });
				continue;
			}
		}
		for (const change of candidates.get(sourceKey(source)) ?? []) {
			const fields = changedFields(version(change.before, source), version(change.after, source));
			if (fields.length === 0) continue;
			found.set(key, { at: change.at, fields });
			break;
		}
	}
	return found;
}

/** The item as the work tree has it: the rule as the alert sources read it, the probe as its page declares it. */
function workVersion(input: FindChangesInput, citation: Citation): ItemVersion | undefined {
	const { item, shown } = citation.source;
	if (item?.kind === 'alert') {
		const rules = input.alerts.rules.filter((rule) => rule.origin.kind === 'file' && rule.origin.file === shown && rule.group === item.group && rule.name === item.name);
		const rule = rules[item.nth];
		return rule && alertVersion(rule);
	}
	if (item?.kind === 'probe') {
		const probes = input.tree.pages.get(shown)?.frontmatter?.data?.['probes'];
		const declaration = Array.isArray(probes) ? (probes as unknown[]).find((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null && (entry as Record<string, unknown>)['id'] === item.id) : undefined;
		return declaration && probeVersion(declaration);
	}
	return undefined;
}

function isInRoot(file: string, rootPrefix: string): boolean {
	return file.startsWith(rootPrefix);
}

function isAfter(at: string, baseline: string): boolean {
	return Date.parse(at) > Date.parse(baseline);
}

function latest(dates: string[]): string | undefined {
	return dates.reduce<string | undefined>((newest, at) => (newest === undefined || Date.parse(at) > Date.parse(newest) ? at : newest), undefined);
}
