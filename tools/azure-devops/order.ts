import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dirnameOf } from '../../markdown/routes.ts';
import { toolFileAt } from '../tool-files.ts';
import type { PageNav } from '../page-nav.ts';
import { wikiKey, wikiTitle } from './page-names.ts';

/** The names a folder's `.order` lists (file names without `.md`), in order, by folder (`''` the top). */
export type WikiOrder = Record<string, string[]>;

/** Each folder's `.order`, read as the wiki reads it: one page name a line, blank lines skipped. Only regular files inside `boundary`. */
export async function readWikiOrder(
	root: string,
	folders: readonly string[],
	boundary: string,
): Promise<WikiOrder> {
	const order: WikiOrder = {};
	for (const folder of folders) {
		const file = join(root, folder, '.order');
		if ((await toolFileAt(file, boundary)) !== 'file') continue;
		const text = await readFile(file, 'utf8').catch(() => undefined);
		if (text !== undefined) order[folder] = parseOrder(text);
	}
	return order;
}

export function parseOrder(text: string): string[] {
	return text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);
}

/**
 * Where each page stands in the wiki's tree: its place in its folder's `.order`, then pages the
 * file does not list by name (as the wiki shows them), labelled with the title its file name
 * gives. A page with a folder of the same name holds that folder's pages as its subpages.
 */
export function wikiNavigation(pages: readonly string[], order: WikiOrder): Map<string, PageNav> {
	const navs = new Map<string, PageNav>();
	for (const path of pages) {
		const folder = dirnameOf(path);
		const name = path.split('/').pop()!.replace(/\.md$/i, '');
		const listed = (order[folder] ?? []).map(wikiKey).indexOf(wikiKey(name));
		navs.set(path, {
			...(listed !== -1 && { order: listed }),
			label: wikiTitle(name),
			sortKey: wikiTitle(name).toLowerCase(),
		});
	}
	return navs;
}

/** The wiki's home page: the first page of the top `.order`, else the first by name. */
export function wikiHome(pages: readonly string[], order: WikiOrder): string | undefined {
	const top = pages.filter((path) => !path.includes('/'));
	for (const name of order[''] ?? []) {
		const page = top.find((path) => wikiKey(path) === wikiKey(name));
		if (page) return page;
	}
	return [...top].sort((a, b) => wikiTitle(a).localeCompare(wikiTitle(b)))[0];
}

/** The subpages of `page` (the pages of the folder named as it), in the wiki's order. */
export function subpagesOf(page: string, pages: Iterable<string>, order: WikiOrder): string[] {
	const folder = page.replace(/\.md$/i, '');
	const children = [...pages].filter((path) => dirnameOf(path) === folder);
	const listed = (order[folder] ?? []).map(wikiKey);
	const rank = (path: string) => {
		const at = listed.indexOf(wikiKey(path.split('/').pop()!));
		return at === -1 ? listed.length : at;
	};
	return children.sort(
		(a, b) =>
			rank(a) - rank(b) ||
			wikiTitle(a.split('/').pop()!).localeCompare(wikiTitle(b.split('/').pop()!)),
	);
}
