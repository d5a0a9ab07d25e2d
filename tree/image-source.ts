import { open } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { resolveRelativeHref, safeDecode } from '../src/lib/routes.ts';

/**
 * Why the site cannot show an image a page asks for, as the page's placeholder says it:
 * `missing` ("Image not found: x.png"), or `unreadable` (the file exists, outside the tree, but
 * is not a picture the bundler can read).
 */
export interface ImageProblem {
	kind: 'missing' | 'unreadable';
	/** What is wrong, as it reads after "Unexpected ": "image `x.png` outside the tree that is not a PNG…". */
	reason: string;
}

/** Formats Astro's image pipeline takes (`VALID_INPUT_FORMATS`). */
export const bundledImageFormats: ReadonlySet<string> = new Set(['.jpeg', '.jpg', '.png', '.apng', '.tiff', '.tif', '.webp', '.gif', '.svg', '.avif']);

/** Larger files are not read to measure them; Astro would read them whole. */
const maxImageBytes = 50 * 1024 * 1024;

/**
 * How the image `url`, written in the page `path`, fares on the site. Inside the tree it is
 * copied as a file (`assets`), so only its existence matters; outside the tree the bundler reads
 * it, so it must be a picture it can measure. Remote, root-absolute and `data:` URLs are not
 * Waymark's to judge (`undefined`). Never throws; `cache` remembers files already measured.
 */
export async function inspectImage(root: string, path: string, url: string, assets: ReadonlySet<string>, cache = new Map<string, Promise<ImageProblem | undefined>>()): Promise<ImageProblem | undefined> {
	if (url === '' || url.startsWith('/') || url.startsWith('#') || /^[a-z][a-z\d+.-]*:/i.test(url)) return undefined;
	try {
		decodeURI(url);
	} catch {
		return { kind: 'missing', reason: `image path \`${url}\`, which is not valid percent-encoding` };
	}
	const resolved = resolveRelativeHref(path, url);
	if (!resolved) return undefined;
	if (!resolved.escapesRoot) return assets.has(resolved.path) ? undefined : { kind: 'missing', reason: `missing image \`${url}\`` };
	// The bundler would read `?x` as its own query and `#x` as part of the name.
	if (/[?#]/.test(url)) return { kind: 'unreadable', reason: `image \`${url}\` outside the tree with a query or fragment, which the bundler cannot read` };
	return inspectBundledImage(resolve(dirname(join(root, path)), safeDecode(url.replace(/[?#].*$/, ''))), url, cache);
}

/**
 * Whether the bundler can take the picture at the absolute path `file` (written `url` on the
 * page): a file that exists, in a format it reads, that it can measure. Never throws; `cache`
 * remembers files already measured.
 */
export function inspectBundledImage(file: string, url: string, cache = new Map<string, Promise<ImageProblem | undefined>>()): Promise<ImageProblem | undefined> {
	let verdict = cache.get(file);
	if (!verdict) cache.set(file, (verdict = measure(file, url)));
	return verdict;
}

async function measure(file: string, url: string): Promise<ImageProblem | undefined> {
	const format = extname(file).toLowerCase();
	if (!bundledImageFormats.has(format)) return { kind: 'unreadable', reason: `image \`${url}\` outside the tree in a format the site cannot bundle (\`${format || 'no extension'}\`)` };
	// Astro's image code is loaded only for a picture from outside the tree, which few trees have.
	const { imageMetadata } = await import('astro/assets/utils');
	let handle;
	try {
		handle = await open(file);
	} catch {
		return { kind: 'missing', reason: `missing image \`${url}\`` };
	}
	try {
		const info = await handle.stat();
		const size = info.size;
		if (!info.isFile()) return { kind: 'missing', reason: `missing image \`${url}\` (a folder)` };
		if (size > maxImageBytes) return { kind: 'unreadable', reason: `image \`${url}\` outside the tree of ${(size / 1024 / 1024).toFixed(0)} MB, more than the ${maxImageBytes / 1024 / 1024} MB the site bundles` };
		await imageMetadata(new Uint8Array(await handle.readFile()), file);
		return undefined;
	} catch {
		return { kind: 'unreadable', reason: `image \`${url}\` outside the tree that is not a readable ${format.slice(1).toUpperCase()} file` };
	} finally {
		await handle.close();
	}
}
