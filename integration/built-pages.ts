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

/** What the steps after Astro need of the built site's HTML files. */
export interface BuiltPages {
	/** SHA-256 of each file's bytes, by path (relative to the output, `/`-separated): the search shards' digests and the build's record are made from it. */
	digests: ReadonlyMap<string, Buffer>;
	/** Every `_astro/` name a page writes, as written (`assetInPage`): the sweep of unloaded bundled files needs only these, from all pages at once. */
	assets: ReadonlySet<string>;
}

/**
 * Every HTML file of the output folder, read once. The search index (`pagefind-index.ts`), the
 * sweep of bundled files no page loads (`unloaded-assets.ts`) and the build's record
 * (`site-record.ts`) each read every page after Astro wrote it: three reads of each page, 1,500
 * for the 500-page benchmark, where one gives all three what they need. Nothing of a page's text
 * is kept: the names are copies (a match is a slice, which would keep its page alive, 340 MB of
 * them at 20,000 pages). Call it once every HTML file is in place (the tree's own are copied after Astro).
 */
export async function readBuiltPages(outDir: string): Promise<BuiltPages> {
	const files = (await readdir(outDir, { withFileTypes: true, recursive: true }))
		.filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
		.map((entry) => join(entry.parentPath, entry.name));
	const digests = new Map<string, Buffer>();
	const assets = new Set<string>();
	// A few at a time: each read holds a file descriptor until it is done (EMFILE at 20,000 at once).
	const limit = pLimit(16);
	await Promise.all(
		files.map((file) =>
			limit(async () => {
				const bytes = await readFile(file);
				for (const match of bytes.toString('utf8').matchAll(assetInPage)) {
					const name = match[1] ?? '';
					if (!assets.has(name)) assets.add(Buffer.from(name).toString());
				}
				digests.set(
					relative(outDir, file).split(sep).join('/'),
					createHash('sha256').update(bytes).digest(),
				);
			}),
		),
	);
	return { digests, assets };
}
