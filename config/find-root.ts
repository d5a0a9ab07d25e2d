import { readdir, readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { rootCandidates } from './root-candidates.ts';

export { rootCandidates };

/** The folder a command without a config file reads, and why: `book.toml` named it, or it is the first of `rootCandidates` with Markdown. */
export interface FoundRoot {
	/** Relative to the folder searched, e.g. `src` or `website/docs`. */
	folder: string;
	by: 'book.toml' | 'rootCandidates';
}

/**
 * The first folder below `dir` that holds a Markdown page (`.md`, `.mdx`, at most three folders
 * down, `node_modules` and dot folders skipped): an mdBook's `src` when `dir` holds its
 * `book.toml`, else the first of `rootCandidates`; `undefined` when none does.
 */
export async function findTreeRoot(dir: string): Promise<FoundRoot | undefined> {
	const book = await bookSource(dir);
	if (book && (await holdsMarkdown(join(dir, book), 3))) return { folder: book, by: 'book.toml' };
	for (const candidate of rootCandidates) {
		if (await holdsMarkdown(join(dir, candidate), 3)) return { folder: candidate, by: 'rootCandidates' };
	}
	return undefined;
}

async function holdsMarkdown(folder: string, depth: number): Promise<boolean> {
	const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
	if (entries.some((entry) => entry.isFile() && /\.mdx?$/i.test(entry.name))) return true;
	if (depth === 0) return false;
	for (const entry of entries) {
		if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules' && (await holdsMarkdown(join(folder, entry.name), depth - 1))) return true;
	}
	return false;
}

/**
 * The folder `dir/book.toml` reads its chapters from (`[book] src`, `src` unless set), as mdBook
 * reads it (`tree/dialect/mdbook-config.ts` reads it for the tree); one that leads out of `dir`,
 * or a file that is not TOML, names none.
 */
async function bookSource(dir: string): Promise<string | undefined> {
	const text = await readFile(join(dir, 'book.toml'), 'utf8').catch(() => undefined);
	if (text === undefined) return undefined;
	let book: unknown;
	try {
		book = (parseToml(text) as { book?: unknown }).book;
	} catch {
		return undefined;
	}
	const src = book && typeof book === 'object' && typeof (book as { src?: unknown }).src === 'string' ? (book as { src: string }).src : 'src';
	const folder = normalize(src).replace(/[\\/]+$/, '');
	return folder === '' || folder === '.' || folder.startsWith('..') || folder.startsWith('/') ? undefined : folder.split('\\').join('/');
}
