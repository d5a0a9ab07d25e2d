import { escapeLabel } from '../mkdocs/admonitions.ts';
import type { NavEntry } from '../mkdocs/nav-config.ts';
import type { TocEntry } from './config.ts';
import { globPattern, normalisePath, relativeTo } from './paths.ts';
import { own } from '../../core/own.ts';

/** A table of contents with its files found among the pages (paths from the root). */
export type TocTree = TocNode[];

interface TocNode {
	path?: string;
	title?: string;
	url?: string;
	children: TocNode[];
}

/**
 * The table of contents' entries as pages of the root: a file written without its extension is
 * the page with `.md` (or the notebook, `.ipynb`, which is no page of Waymark's and drops out), a
 * `pattern` every page it matches in name order; files outside the root, and those no page is,
 * drop out, their children kept.
 */
export function resolveToc(
	entries: readonly TocEntry[],
	rootPath: string,
	pages: ReadonlySet<string>,
): TocTree {
	const inRoot = (written: string): string | undefined => {
		const path = written.replace(/^\.\//, '').replace(/^\//, '');
		if (rootPath !== '' && !path.startsWith(rootPath)) return undefined;
		const local = path.slice(rootPath.length);
		return [local, `${local}.md`].find((candidate) => pages.has(candidate));
	};
	return entries.flatMap((entry): TocNode[] => {
		const children = resolveToc(entry.children, rootPath, pages);
		if (entry.pattern) {
			const pattern = globPattern(entry.pattern.replace(/^\.\//, ''));
			return [...pages]
				.filter((page) => pattern.test(rootPath + page))
				.sort()
				.map((path) => ({ path, children: [] }));
		}
		const path = entry.file === undefined ? undefined : inRoot(entry.file);
		if (entry.file !== undefined && path === undefined) return children;
		return [
			{
				...(path && { path }),
				...(entry.title && { title: entry.title }),
				...(entry.url && { url: entry.url }),
				children,
			},
		];
	});
}

/** The table of contents as an MkDocs `nav`, which the site's navigation reads: a file with children is a section led by its page. */
export function tocNav(toc: TocTree, titles: Readonly<Record<string, string>>): NavEntry[] {
	return toc.flatMap((node): NavEntry[] => {
		if (node.url) return [{ kind: 'link', title: node.title ?? node.url, url: node.url }];
		const children = tocNav(node.children, titles);
		if (node.path === undefined)
			return node.children.length > 0
				? [{ kind: 'section', title: node.title ?? '', children }]
				: [];
		const page: NavEntry = {
			kind: 'page',
			path: node.path,
			...(node.title && { title: node.title }),
		};
		return children.length > 0
			? [
					{
						kind: 'section',
						title: node.title ?? own(titles, node.path) ?? node.path,
						children: [page, ...children],
					},
				]
			: [page];
	});
}

/** The first page of the table of contents: the project's home. */
export function tocHome(toc: TocTree | undefined): string | undefined {
	for (const node of toc ?? []) {
		if (node.path) return node.path;
		const inner = tocHome(node.children);
		if (inner) return inner;
	}
	return undefined;
}

/**
 * The lines of a `{toc}` directive's list (mystmd): the page's children in the table of contents
 * (`children`), its section's pages (`section`), or the whole table (`project`), each a link
 * titled as the table or the page says; `undefined` when the page is in no table.
 */
export function tocLinks(
	toc: TocTree | undefined,
	from: string,
	scope: string,
	titles: Readonly<Record<string, string>> = {},
): string[] | undefined {
	if (!toc) return undefined;
	const find = (
		nodes: TocTree,
		parent: TocNode | undefined,
	): { node: TocNode; parent: TocNode | undefined } | undefined => {
		for (const node of nodes) {
			if (node.path === from) return { node, parent };
			const inner = find(node.children, node);
			if (inner) return inner;
		}
		return undefined;
	};
	const at = find(toc, undefined);
	const nodes =
		scope === 'project'
			? toc
			: scope === 'section'
				? (at?.parent?.children ?? toc)
				: at?.node.children;
	if (!nodes) return undefined;
	const lines: string[] = [];
	const list = (items: TocTree, depth: number) => {
		for (const node of items) {
			const title =
				node.title ??
				(node.path ? own(titles, node.path) : undefined) ??
				node.path ??
				node.url ??
				'';
			const target = node.url ?? (node.path ? relativeTo(from, node.path) : undefined);
			lines.push(
				`${'  '.repeat(depth)}- ${target ? `[${escapeLabel(title)}](<${target}>)` : escapeLabel(title)}`,
			);
			if (scope === 'project') list(node.children, depth + 1);
		}
	};
	list(nodes, 0);
	return lines;
}

/**
 * Sphinx's order: the root document's `toctree`s, each entry's own after it, depth first; an entry
 * read once (a page in two trees is where it is first).
 */
export function toctreeToc(
	rootDoc: string,
	texts: ReadonlyMap<string, string>,
	pages: ReadonlySet<string>,
): TocTree {
	const seen = new Set<string>();
	const visit = (path: string): TocTree => {
		const text = texts.get(path);
		if (text === undefined) return [];
		const folder = path.slice(0, path.lastIndexOf('/') + 1);
		const nodes: TocNode[] = [];
		for (const tree of text.matchAll(
			/^[ \t]*(`{3,}|:{3,})\{toctree\}[^\n]*\n((?:(?![ \t]*\1[ \t]*$)[^\n]*\n?)*)/gm,
		)) {
			const body = tree[2]!.split('\n');
			const caption = body
				.map((line) => /^[ \t]*:caption:[ \t]*(.*)$/.exec(line)?.[1])
				.find(Boolean);
			const glob = body.some((line) => /^[ \t]*:glob:/.test(line));
			const entries: TocNode[] = [];
			for (const raw of body) {
				const line = raw.trim();
				if (line === '' || line.startsWith(':') || line === 'self') continue;
				const titled = /^(.*?)\s*<([^<>]+)>$/.exec(line);
				const written = (titled?.[2] ?? line).trim();
				if (/^[a-z][a-z\d+.-]*:/i.test(written)) {
					entries.push({ url: written, ...(titled?.[1] && { title: titled[1] }), children: [] });
					continue;
				}
				const base = normalisePath(
					written.startsWith('/') ? written.slice(1) : folder + written,
				).replace(/\.(?:rst|md|ipynb|txt)$/, '');
				const found =
					glob && /[*?[]/.test(written)
						? [...pages]
								.filter(
									(page) => globPattern(`${base}.md`).test(page) || globPattern(base).test(page),
								)
								.sort()
						: [[base, `${base}.md`].find((candidate) => pages.has(candidate))].filter(
								(p): p is string => p !== undefined,
							);
				for (const page of found) {
					if (seen.has(page)) continue;
					seen.add(page);
					entries.push({
						path: page,
						...(titled?.[1] && { title: titled[1] }),
						children: visit(page),
					});
				}
			}
			if (caption) nodes.push({ title: caption, children: entries });
			else nodes.push(...entries);
		}
		return nodes;
	};
	const home = [rootDoc, `${rootDoc}.md`].find((candidate) => pages.has(candidate));
	if (!home) return [];
	seen.add(home);
	return [{ path: home, children: [] }, ...visit(home)];
}
