import { collectGuidebookFiles, type GuidebookFiles } from './walk-files.ts';
import { parsePage, type PageModel } from './parse-page.ts';
import { readPageText } from './read-page.ts';
import { largePageChars, scanLargePage } from './scan-large-page.ts';
import { locateRoot, type RootLocation } from './repository.ts';

/** The whole guidebook tree, read and parsed once per run. */
export interface GuidebookTree {
	root: string;
	files: GuidebookFiles;
	/** Parsed pages by relative path. */
	pages: Map<string, PageModel>;
	/** Pages that could not be read as Markdown; reported by the `readable-files` rule. */
	unreadable: Array<{ path: string; reason: string; hint: string; line: number }>;
	/** Where the root sits in its git repository, for links that leave the root. Absent: links stay inside it. */
	place?: RootLocation;
}

/** Reads and parses every page under `root`. A page that fails never stops the others. */
export async function loadGuidebookTree(root: string): Promise<GuidebookTree> {
	const [files, place] = await Promise.all([collectGuidebookFiles(root), locateRoot(root)]);
	const tree: GuidebookTree = { root, files, pages: new Map(), unreadable: [], place };
	// Reads overlap (64 at a time) while parsing stays in page order, so reports are stable.
	for (let i = 0; i < files.pages.length; i += 64) {
		const batch = await Promise.all(files.pages.slice(i, i + 64).map(async (path) => ({ path, read: await readPageText(root, path) })));
		for (const { path, read } of batch) {
			if (!read.ok) {
				tree.unreadable.push({ path, reason: read.reason, hint: read.hint, line: read.line });
				continue;
			}
			try {
				tree.pages.set(path, read.text.length > largePageChars ? scanLargePage(path, read.text) : parsePage(path, read.text));
			} catch (error) {
				// The parser accepts any text; this guards against a bug of ours taking the run down.
				tree.unreadable.push({ path, reason: `it could not be parsed (${(error as Error).message})`, hint: 'Report this page to the Waymark maintainers.', line: 1 });
			}
		}
	}
	return tree;
}
