import { createHash } from 'node:crypto';
import { access, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Rendered page bodies, one file per page, beside Astro's own cache. Astro's content store is
 * serialised whole into a module of the build and compiled by Node for the prerender: with every
 * page's HTML in it, the build's memory grew with the tree (63 MB of store for 3,000 pages, past
 * 8 GiB at 20,000). The store keeps each page's metadata and the name of its file; the route
 * reads the file when it renders the page, so one page's HTML is in memory at a time.
 */
export interface PageHtmlFiles {
	/** Absolute folder of the files (`<Astro cacheDir>/waymark-pages`). */
	dir: string;
}

/** The files' folder in Astro's cache folder. */
export const pageHtmlFolder = 'waymark-pages';

/** One file per page path: a later version of the page replaces it. */
export function htmlFileName(path: string): string {
	return `${createHash('sha256').update(path).digest('hex').slice(0, 32)}.html`;
}

export async function writePageHtml(files: PageHtmlFiles, path: string, html: string): Promise<string> {
	const name = htmlFileName(path);
	await mkdir(files.dir, { recursive: true });
	await writeFile(join(files.dir, name), html);
	return name;
}

export async function hasPageHtml(files: PageHtmlFiles, name: string): Promise<boolean> {
	return access(join(files.dir, name)).then(
		() => true,
		() => false,
	);
}

/** Removes the files of pages no longer in the tree. */
export async function prunePageHtml(files: PageHtmlFiles, paths: Iterable<string>): Promise<void> {
	const kept = new Set([...paths].map(htmlFileName));
	const names = await readdir(files.dir).catch(() => [] as string[]);
	await Promise.all(names.filter((name) => name.endsWith('.html') && !kept.has(name)).map((name) => rm(join(files.dir, name), { force: true })));
}
