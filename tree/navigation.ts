import { nameAsWords } from '../markdown/page-title.ts';
import { dirnameOf, resolveRelativeHref } from '../markdown/routes.ts';
import type { ToolReading } from '../tools/reading.ts';
import type { Tool, ToolData } from '../tools/tool.ts';
import { pageFact, type PageModel } from './parse-page.ts';

/** A folder without a folder page that the site gives one, listing what it holds. */
export interface GeneratedFolder {
	path: string;
	route: string;
	title: string;
	description?: string;
	order?: number;
	/** Docusaurus: the folder's name, which orders categories of one position. */
	sortKey?: string;
	/** Files of the folder itself that are not pages (relative to the root), for the listing. */
	files: string[];
}

/** The paths a page's links (not its images) name inside the root, read as relative paths; kept with the page between runs. */
function linkedPaths(page: PageModel): string[] {
	return pageFact(page, 'linked-paths', () =>
		page.links.flatMap((link) => {
			if (link.kind === 'image') return [];
			const resolved = resolveRelativeHref(page.path, link.url);
			return resolved && !resolved.escapesRoot ? [resolved.path] : [];
		}),
	);
}

/**
 * Folders that get a generated page, as the tree's tool lists folders (`Tool.folders`): those it
 * lists by itself (Docusaurus categories, Hugo's top-level sections) and, where it lists what pages
 * link (a forge, Hugo), every folder a page links to. MkDocs has no folder pages of its own.
 */
export function generatedFolders(
	pages: Iterable<PageModel>,
	files: { pages: readonly string[]; assets: readonly string[]; folders: readonly string[] },
	tool: Tool,
	reading: ToolReading,
	data: ToolData | undefined,
): Map<string, GeneratedFolder> {
	const rules = tool.folders ?? { linked: true };
	const withPage = new Set(files.pages.filter((path) => reading.isFolderPage(path)).map(dirnameOf));
	const folders = new Set(files.folders);
	const wanted = new Set<string>(rules.listed?.(files) ?? []);
	if (rules.linked)
		for (const page of pages)
			for (const path of linkedPaths(page)) if (folders.has(path)) wanted.add(path);
	const generated = new Map<string, GeneratedFolder>();
	for (const folder of [...wanted].sort()) {
		if (folder === '' || withPage.has(folder)) continue;
		const name = folder.split('/').pop() ?? folder;
		const entry = rules.describe?.(folder, data ?? {}) ?? {};
		generated.set(folder, {
			path: folder,
			route: reading.routeForPath(`${folder}/index.md`),
			title: entry.title ?? nameAsWords(entry.name ?? name),
			...(entry.description && { description: entry.description }),
			...(entry.order !== undefined && { order: entry.order }),
			...(entry.sortKey !== undefined && { sortKey: entry.sortKey }),
			files: files.assets.filter((asset) => dirnameOf(asset) === folder),
		});
	}
	return generated;
}
