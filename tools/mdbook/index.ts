import { join } from 'node:path';
import { isInside } from '../../core/path-inside.ts';
import { defineTool } from '../tool.ts';
import type { MdbookData } from './reader.ts';
import type { MdbookSite } from './config.ts';

/**
 * mdBook: a `book.toml` whose `src` folder is the root or holds it. Its chapters are read as
 * CommonMark with GitHub's tables, task lists and alerts (pulldown-cmark's), as a forge reads them
 * (a root-absolute link a path from the repository's top, as before mdBook had a module of its
 * own); its `{{#include}}` links followed, its chapters' `.html` names reaching them, its
 * `SUMMARY.md` its navigation and the list of what it publishes, its `[book] title` the site's.
 */
const tool = defineTool<MdbookData, MdbookSite>({
	name: 'mdbook',
	label: 'mdBook',
	article: 'an',
	precedence: 35,
	forge: true,
	settingsFiles: ['book.toml'],
	pagesFolderLabel: "an mdBook's source folder",
	async pagesFolder(dir) {
		const { bookSource } = await import('./config.ts');
		const folder = await bookSource(dir);
		return folder === undefined
			? undefined
			: { folder, file: 'book.toml', what: "the book's source folder" };
	},
	async lookAround(dir, look, found) {
		if (found || !(await look.isFile(join(dir, 'book.toml')))) return found;
		const { readMdbookSite } = await import('./config.ts');
		const book = await readMdbookSite(join(dir, 'book.toml'));
		if (!book || !isInside(look.root, book.srcDir)) return undefined;
		look.evidence({ tool: 'mdbook', name: 'book.toml', weight: 100 });
		return book;
	},
	load: () => import('./reader.ts'),
});

export default tool;
