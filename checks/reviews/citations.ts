import { posix } from 'node:path';
import { indexRunbooks, type SiteLocation } from '../../alerts/runbook-index.ts';
import type { AlertRule, AlertSet } from '../../alerts/types.ts';
import { generatedRouteOf } from '../../markdown/routes.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import { positionOfKey, type PageModel } from '../../tree/parse-page.ts';
import type { Position } from '../finding.ts';
import { collectProbes } from '../probes/collect.ts';
import type { LocatedProbe } from '../probes/types.ts';
import { statusWidgets } from '../probes/widgets.ts';
import { itemKey, type SourceItem } from './item-versions.ts';
import { indexTree } from '../rules/support/tree-index.ts';
import type { TreeIndex } from '../rules/support/tree-index-answers.ts';

/** Something whose change may make a page wrong: a file or folder of the repository, or one item in a file. */
export interface Source {
	/** Relative to the repository top, `/`-separated (`''` never: the root itself is not cited). */
	file: string;
	folder: boolean;
	/** As findings name it: relative to the guidebook root (`../monitoring/erp.rules.yml`). */
	shown: string;
	/** The line the item starts on in the work tree's file, for the message. */
	line?: number;
	item?: SourceItem;
}

type CitationKind = 'alert rule' | 'probe' | 'upstream page' | 'file';

/** One thing a page cites, at the line that cites it. */
export interface Citation {
	kind: CitationKind;
	/** The alert's name, the probe's id, or the path as shown. */
	name: string;
	position: Position;
	source: Source;
}

const top: Position = { line: 1, column: 1 };

/**
 * What each page of `pages` cites, each source once, at its first citing line: the alert rules
 * (from rule files) whose `runbook_url` lands on the page or that its `alerts:` names; the probes
 * its status widgets show that another page declares; the pages it names as `upstream`; the files
 * and folders it links that are not pages (in the tree, or in the repository around it; images
 * are part of the page, not cited). Empty outside a git repository: nothing has a history.
 */
export function collectCitations(
	tree: GuidebookTree,
	alerts: AlertSet,
	site: SiteLocation,
	pages: Iterable<string>,
): Map<string, readonly Citation[]> {
	const known = knownCitations(tree, alerts, site);
	const wanted = [...pages];
	const missing = wanted.filter((path) => !known.has(path));
	if (missing.length > 0) {
		const found = citationsOf(tree, alerts, site, missing);
		for (const path of missing) known.set(path, found.get(path) ?? []);
	}
	// The lists are the run's own, shared with every other caller: read-only.
	const cited = new Map<string, readonly Citation[]>();
	for (const path of wanted) {
		const list = known.get(path);
		if (list && list.length > 0) cited.set(path, list);
	}
	return cited;
}

// The rule (`cited-changes`) and the site's review list collect one tree's citations in one run:
// each page's once (at 3,000 pages, 0.2 s of resolving links). A tree is never changed once
// loaded, and its alerts and site address are part of the key.
const collected = new WeakMap<
	GuidebookTree,
	WeakMap<AlertSet, Map<string, Map<string, Citation[]>>>
>();

function knownCitations(
	tree: GuidebookTree,
	alerts: AlertSet,
	site: SiteLocation,
): Map<string, Citation[]> {
	const byAlerts =
		collected.get(tree) ?? new WeakMap<AlertSet, Map<string, Map<string, Citation[]>>>();
	collected.set(tree, byAlerts);
	const bySite = byAlerts.get(alerts) ?? new Map<string, Map<string, Citation[]>>();
	byAlerts.set(alerts, bySite);
	const key = JSON.stringify(site);
	const known = bySite.get(key) ?? new Map<string, Citation[]>();
	bySite.set(key, known);
	return known;
}

function citationsOf(
	tree: GuidebookTree,
	alerts: AlertSet,
	site: SiteLocation,
	pages: string[],
): Map<string, Citation[]> {
	const cited = new Map<string, Citation[]>();
	const place = tree.place;
	if (!place?.repository) return cited;
	const toRepository = (shown: string): string | undefined => {
		const path = posix.normalize(posix.join(place.rootPath, shown));
		return path.startsWith('../') || path === '..' || path === '.' ? undefined : path;
	};
	const runbooks = indexRunbooks(alerts, tree, site);
	const probes = new Map(collectProbes(tree).probes.map((probe) => [probe.id, probe]));
	const index = indexTree(tree);
	const nthOf = ruleOrdinals(alerts.rules);
	for (const path of pages) {
		const page = tree.pages.get(path);
		if (!page) continue;
		const list: Citation[] = [];
		const add = (
			citation: Omit<Citation, 'source'>,
			source: Omit<Source, 'file'> & { file?: string },
		): void => {
			const file = source.file ?? toRepository(source.shown);
			if (file === undefined || file === '') return;
			list.push({ ...citation, source: { ...source, file } });
		};
		for (const { rule, hash } of runbooks.byPage.get(path) ?? []) {
			if (rule.origin.kind !== 'file') continue;
			const declared = runbooks.declared.find(
				(entry) => entry.path === path && entry.name === rule.name,
			);
			const position =
				declared?.position ??
				page.headings.find((heading) => heading.slug === hash && hash !== '')?.position ??
				titlePosition(page);
			add(
				{ kind: 'alert rule', name: rule.name, position },
				{
					shown: rule.origin.file,
					folder: false,
					line: rule.origin.position.line,
					item: { kind: 'alert', group: rule.group, name: rule.name, nth: nthOf.get(rule) ?? 0 },
				},
			);
		}
		for (const widget of statusWidgets(page)) {
			const probe: LocatedProbe | undefined =
				widget.id === undefined ? undefined : probes.get(widget.id);
			if (!probe || probe.file === path) continue;
			add(
				{ kind: 'probe', name: probe.id, position: widget.position },
				{
					shown: probe.file,
					folder: false,
					line: probe.line,
					item: { kind: 'probe', id: probe.id },
				},
			);
		}
		for (const { href, position } of upstreamEntries(page)) {
			const target = index.resolve(path, href)?.target;
			const upstream =
				target?.kind === 'page' ? target.path : target?.kind === 'folder' ? target.page : undefined;
			if (upstream && upstream !== path)
				add(
					{ kind: 'upstream page', name: upstream, position },
					{ shown: upstream, folder: false },
				);
		}
		for (const link of page.links) {
			if (link.kind !== 'link' && link.kind !== 'definition') continue;
			const file = linkedFile(index, path, link.url, place.rootPath);
			if (file) add({ kind: 'file', name: file.shown, position: link.position }, file);
		}
		const first = new Map<string, Citation>();
		for (const citation of list.sort(
			(a, b) => a.position.line - b.position.line || a.position.column - b.position.column,
		)) {
			const key = sourceKey(citation.source);
			if (!first.has(key)) first.set(key, citation);
		}
		if (first.size > 0) cited.set(path, [...first.values()]);
	}
	return cited;
}

/** One key per source: the file, and the item in it. */
export function sourceKey(source: Source): string {
	return `${source.file}\0${source.item ? `${source.item.kind}\0${itemKey(source.item)}` : ''}`;
}

/** A linked file or folder that is not a page: in the tree, or in the repository around it (shown relative to the root as well). */
function linkedFile(
	index: TreeIndex,
	path: string,
	href: string,
	rootPath: string,
): (Omit<Source, 'file'> & { file?: string }) | undefined {
	if (generatedRouteOf(href)) return undefined;
	const target = index.resolve(path, href)?.target;
	if (target?.kind === 'asset') return { shown: target.path, folder: false };
	if (target?.kind === 'folder' && target.path !== '' && !target.page)
		return { shown: target.path, folder: true };
	if (target?.kind === 'repository')
		return {
			file: target.path,
			shown: posix.relative(rootPath, target.path),
			folder: target.folder,
		};
	return undefined;
}

/** `upstream` in frontmatter (each entry at its line) and in the header block (each link at its place). */
function upstreamEntries(page: PageModel): Array<{ href: string; position: Position }> {
	const entries: Array<{ href: string; position: Position }> = [];
	const frontmatter = page.frontmatter;
	const value = frontmatter?.data?.['upstream'];
	const list: unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
	list.forEach((href, i) => {
		if (typeof href === 'string' && frontmatter)
			entries.push({
				href,
				position: positionOfKey(
					frontmatter,
					typeof value === 'string' ? ['upstream'] : ['upstream', i],
				),
			});
	});
	for (const link of page.headerBlock?.upstream ?? [])
		entries.push({ href: link.url, position: { line: link.line ?? 1, column: link.column ?? 1 } });
	return entries;
}

/** The page's own title line: where a citation that no line of the page names is reported. */
function titlePosition(page: PageModel): Position {
	return page.headings.find((heading) => heading.depth === 1)?.position ?? top;
}

/** Each file rule's place among the rules of its file with the same group and name (0 for the first). */
function ruleOrdinals(rules: AlertRule[]): Map<AlertRule, number> {
	const seen = new Map<string, number>();
	const ordinals = new Map<AlertRule, number>();
	for (const rule of rules) {
		if (rule.origin.kind !== 'file') continue;
		const key = `${rule.origin.file}\0${rule.group}\0${rule.name}`;
		const nth = seen.get(key) ?? 0;
		seen.set(key, nth + 1);
		ordinals.set(rule, nth);
	}
	return ordinals;
}
