import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import pLimit from 'p-limit';

/**
 * A file name under `_astro/` as pages write it (`/_astro/SiteLayout.B9x.js`, with any base before
 * it), up to the end of its attribute: names may hold `(`, `)`, `,` and `'` (`diagram (1).png`,
 * written `diagram%20(1).png` or with `&#39;`), so `unloaded-assets.ts` also tries each match cut
 * at the characters that end a URL inside CSS or a `srcset`.
 */
export const assetInPage = /_astro\/((?:&#?\w+;|[^"\s?#<>])+)/g;

/** What the steps after Astro need of one HTML file of the built site. */
interface BuiltPage {
	/** SHA-256 of its bytes: the search shards' digests and the build's record are made from it. */
	sha256: Buffer;
	/** Each `_astro/` name it writes, as written (`assetInPage`). */
	assets: string[];
}

/** The built site's HTML files by path (relative to the output, `/`-separated). */
export type BuiltPages = ReadonlyMap<string, BuiltPage>;

/**
 * Every HTML file of the output folder, read once. The search index (`pagefind-index.ts`), the
 * sweep of bundled files no page loads (`unloaded-assets.ts`) and the build's record
 * (`site-record.ts`) each read every page after Astro wrote it: three reads of each page, 1,500
 * for the 500-page benchmark, where one gives all three what they need. Nothing of a page's text
 * is kept. Call it once every HTML file is in place (the tree's own are copied after Astro).
 */
export async function readBuiltPages(outDir: string): Promise<BuiltPages> {
	const files = (await readdir(outDir, { withFileTypes: true, recursive: true })).filter((entry) => entry.isFile() && entry.name.endsWith('.html')).map((entry) => join(entry.parentPath, entry.name));
	const pages = new Map<string, BuiltPage>();
	// A few at a time: each read holds a file descriptor until it is done (EMFILE at 20,000 at once).
	const limit = pLimit(16);
	await Promise.all(
		files.map((file) =>
			limit(async () => {
				const bytes = await readFile(file);
				const assets = [...bytes.toString('utf8').matchAll(assetInPage)].map((match) => match[1] ?? '');
				pages.set(relative(outDir, file).split(sep).join('/'), { sha256: createHash('sha256').update(bytes).digest(), assets });
			}),
		),
	);
	return pages;
}
