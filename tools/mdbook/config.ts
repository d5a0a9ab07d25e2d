import { readFile } from 'node:fs/promises';
import { dirname, join, normalize, resolve } from 'node:path';
import { toml } from '../../core/toml.ts';

/** An mdBook: the folder its chapters are read from, and its title. */
export interface MdbookSite {
	/** `[book] src` from the folder holding `book.toml`; mdBook's default is `src`. */
	srcDir: string;
	title?: string;
}

/**
 * The book `file` (a `book.toml`) describes, as mdBook reads it (`mdbook build` in its folder):
 * `[book] src` relative to that folder, `[book] title`. `undefined` when the file cannot be read or
 * is not TOML: mdBook itself refuses to build then, so nothing of the tree is read its way.
 */
export async function readMdbookSite(file: string): Promise<MdbookSite | undefined> {
	const text = await readFile(file, 'utf8').catch(() => undefined);
	if (text === undefined) return undefined;
	let data: unknown;
	try {
		data = toml().parse(text);
	} catch {
		return undefined;
	}
	const book = (data as { book?: unknown }).book;
	const table =
		book && typeof book === 'object' && !Array.isArray(book)
			? (book as Record<string, unknown>)
			: {};
	const src = typeof table['src'] === 'string' ? table['src'] : 'src';
	const title =
		typeof table['title'] === 'string' && table['title'].trim() !== ''
			? table['title'].trim()
			: undefined;
	return { srcDir: resolve(dirname(file), src), ...(title && { title }) };
}

/**
 * The folder `dir/book.toml` reads its chapters from (`[book] src`, `src` unless set), as mdBook
 * reads it (`readMdbookSite` reads it for the tree); one that leads out of `dir`,
 * or a file that is not TOML, names none.
 */
export async function bookSource(dir: string): Promise<string | undefined> {
	const text = await readFile(join(dir, 'book.toml'), 'utf8').catch(() => undefined);
	if (text === undefined) return undefined;
	let book: unknown;
	try {
		book = (toml().parse(text) as { book?: unknown }).book;
	} catch {
		return undefined;
	}
	const src =
		book && typeof book === 'object' && typeof (book as { src?: unknown }).src === 'string'
			? (book as { src: string }).src
			: 'src';
	const folder = normalize(src).replace(/[\\/]+$/, '');
	return folder === '' || folder === '.' || folder.startsWith('..') || folder.startsWith('/')
		? undefined
		: folder.split('\\').join('/');
}
