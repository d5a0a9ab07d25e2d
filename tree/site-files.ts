import type { TreeFiles } from '../markdown/link-target.ts';
import { toolNamed, treeReading } from '../tools/index.ts';
import type { GuidebookTree } from './load-tree.ts';

/** What the site's Markdown plugins need of a tree: its files, moved routes, the tool's static files, and its tool, bound to what it read of the tree. */
export function siteFilesOf(tree: GuidebookTree): TreeFiles {
	const reading = treeReading(tree);
	const routes = new Map<string, string>();
	for (const page of tree.pages.values())
		if (page.route !== reading.routeForPath(page.path)) routes.set(page.path, page.route);
	const data = tree.toolData ?? {};
	const files: TreeFiles = {
		pages: new Set(tree.files.pages),
		assets: new Set(tree.files.assets),
		folders: new Set(tree.files.folders),
		...(routes.size > 0 && { routes }),
		...(tree.staticFiles && { staticFiles: tree.staticFiles.files }),
		toolData: { name: reading.name, data: toolNamed(tree.dialect.name).shownData?.(data) ?? data },
	};
	// Not listed: Astro's config digest reads the listed keys of the plugins' options, and the tool's are its data, listed above.
	Object.defineProperty(files, 'tool', { value: reading, enumerable: false });
	return files;
}
