import { open } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pathInRoot, resolveForgeHref } from '../markdown/forge-links.ts';
import { treeReading } from '../tools/index.ts';
import { sitePathOfHref } from '../markdown/routes.ts';
import type { Trust } from '../core/trust.ts';
import { isUnpublishedPath } from '../markdown/unpublished-names.ts';
import { isReallyInside } from '../core/really-inside.ts';
import { secretByContent, secretByName } from './secret-files.ts';
import type { GuidebookTree } from './load-tree.ts';
import type { RootLocation } from './repository.ts';

/**
 * Why the site cannot show an image a page asks for, as the page's placeholder says it:
 * `missing` ("Image not found: x.png"), `unreadable` (the file exists, outside the tree, but is not
 * a picture the bundler can read), or `outside` (the site never bundles it: it lies outside the
 * repository, or is reached through a link leading out of it, or outside the tree of an untrusted
 * run).
 */
export interface ImageProblem {
	kind: 'missing' | 'unreadable' | 'outside';
	/** What is wrong, as it reads after "Unexpected ": "image `x.png` outside the tree that is not a PNG…". */
	reason: string;
	/**
	 * For `outside`: which line it crossed. `repository` (the path leaves the repository, or the root
	 * outside git: `internal-links` reports the link), `link` (a symbolic link leads it out), or
	 * `untrusted` (a repository file outside the root of a tree under review), or `secret` (it looks
	 * like it holds one: `secret-files.ts`).
	 */
	crossed?: 'repository' | 'link' | 'untrusted' | 'secret';
}

/** Where the images of a tree may come from. */
export interface ImageBounds {
	/** Where the root sits in its repository (`GuidebookTree.place`): images outside the root are looked for there, as the site does. */
	place?: RootLocation;
	/** The tree under review bundles nothing from outside its root. */
	trust: Trust;
	/** Site paths of the tool's static files (`img/a.png`), published at the site's top and served from there. */
	staticPaths?: ReadonlySet<string>;
	/** A picture's URL as the tree's tool reads it first (`LinkRules.written`: Hugo's `/docs/main/img/a.png` is the root's `img/a.png`). */
	asWritten?: (fromPath: string, url: string) => string;
	/** The file a picture names by its page's URL, where the tool writes the src as the page has it (Hugo: `../img/a.png` from `/docs/x/`). */
	byPageUrl?: (fromPath: string, url: string) => string | undefined;
}

/** Where the images of `tree` may come from in a run of `trust`. */
export function imageBoundsOf(
	tree: Pick<GuidebookTree, 'place' | 'staticFiles' | 'pages' | 'dialect' | 'toolData' | 'files'>,
	trust: Trust,
): ImageBounds {
	const { written, urlFile } = treeReading(tree).links;
	const files = {
		pages: new Set(tree.files.pages),
		assets: new Set(tree.files.assets),
		place: tree.place,
	};
	const routes = urlFile
		? new Map([...tree.pages.values()].map((page) => [page.path, page.route]))
		: undefined;
	return {
		trust,
		...(tree.place && { place: tree.place }),
		...(tree.staticFiles && { staticPaths: new Set(tree.staticFiles.files.keys()) }),
		...(written && { asWritten: (fromPath: string, url: string) => written(fromPath, url, files) }),
		...(urlFile &&
			routes && {
				byPageUrl: (fromPath: string, url: string) => {
					const route = routes.get(fromPath);
					return route === undefined ? undefined : urlFile(route, url);
				},
			}),
	};
}

/** Formats Astro's image pipeline takes (`VALID_INPUT_FORMATS`). */
export const bundledImageFormats: ReadonlySet<string> = new Set([
	'.jpeg',
	'.jpg',
	'.png',
	'.apng',
	'.tiff',
	'.tif',
	'.webp',
	'.gif',
	'.svg',
	'.avif',
]);

/** Larger files are not read to measure them; Astro would read them whole. */
const maxImageBytes = 50 * 1024 * 1024;

/**
 * How the image `url`, written in the page `path`, fares on the site. Inside the tree it is
 * copied as a file (`assets`), so only its existence matters. Outside the tree the bundler reads
 * it, so it must be a repository file (its real path inside the repository's top; never outside
 * the root for an untrusted tree) and a picture the bundler can measure. Remote and `data:` URLs,
 * and root-absolute ones that name nothing outside the root, are not Waymark's to judge
 * (`undefined`). Never throws; `cache` remembers files already measured.
 */
export async function inspectImage(
	root: string,
	path: string,
	url: string,
	assets: ReadonlySet<string>,
	bounds: ImageBounds,
	cache = new Map<string, Promise<ImageProblem | undefined>>(),
): Promise<ImageProblem | undefined> {
	const located = locateImage(root, path, url, assets, bounds);
	if (located === undefined || 'problem' in located) return located?.problem;
	return inspectBundledImage(located.file, url, cache, located.top);
}

/**
 * Where the image `url` of the page `path` comes from, before any file is read: nothing of
 * Waymark's to judge (`undefined`: remote, a tree asset copied as it is, a static file), a problem
 * the path alone shows, or the file the bundler would read, with the folder its real path must
 * stay in. The page's HTML depends on that file's content, so a build keys the page to it too
 * (`integration/bundled-pictures.ts`).
 */
export function locateImage(
	root: string,
	path: string,
	written: string,
	assets: ReadonlySet<string>,
	bounds: ImageBounds,
): { problem: ImageProblem } | { file: string; top: string } | undefined {
	// As the tool's site reads it first, as the site's links do (`rewriteHref`): Hugo's root's own URL names the root.
	const url = bounds.asWritten ? bounds.asWritten(path, written) : written;
	if (url === '' || url.startsWith('#') || url.startsWith('//') || /^[a-z][a-z\d+.-]*:/i.test(url))
		return undefined;
	try {
		decodeURI(url);
	} catch {
		return {
			problem: {
				kind: 'missing',
				reason: `image path \`${written}\`, which is not valid percent-encoding`,
			},
		};
	}
	// A root-absolute URL of the tool's static folders is a file the site publishes (`rewriteHref` serves it there).
	if (url.startsWith('/') && bounds.staticPaths?.has(sitePathOfHref(url))) return undefined;
	const candidates = resolveForgeHref(path, url, bounds.place);
	if (candidates.some((c) => c.where === 'tree' && assets.has(c.path))) return undefined;
	// Hugo writes the src as the page has it: the browser reads it from the page's pretty URL.
	const byUrl = bounds.byPageUrl?.(path, url);
	if (byUrl !== undefined && assets.has(byUrl)) return undefined;
	// As the site's links resolve it (`rewriteHref`): a repository file wins over a missing tree path.
	const target = candidates.find((c) => c.where !== 'tree') ?? candidates[0];
	if (!target) return undefined;
	// A picture in a folder the site never publishes (`.attachments/`), outside git: bundled from the tree.
	if (target.where === 'tree' && isUnpublishedPath(target.path))
		return /[?#]/.test(url)
			? {
					problem: {
						kind: 'unreadable',
						reason: `image \`${written}\` with a query or fragment, which the bundler cannot read`,
					},
				}
			: { file: join(root, target.path), top: root };
	if (target.where === 'tree')
		return url.startsWith('/')
			? undefined
			: { problem: { kind: 'missing', reason: `missing image \`${written}\`` } };
	const inRepository = bounds.place?.inRepository === true;
	if (target.where === 'outside')
		return {
			problem: {
				kind: 'outside',
				crossed: 'repository',
				reason: `image \`${written}\` outside the ${inRepository ? 'repository' : 'guidebook root'}`,
			},
		};
	// A repository file inside the root (`.attachments/a.png`, a name the site never publishes) is the tree's own, even under review.
	const inRoot = pathInRoot(bounds.place, target.path);
	if (bounds.trust === 'untrusted' && inRoot === undefined)
		return {
			problem: {
				kind: 'outside',
				crossed: 'untrusted',
				reason: `image \`${written}\` outside the tree of a run that does not trust it`,
			},
		};
	// The bundler would read `?x` as its own query and `#x` as part of the name.
	if (/[?#]/.test(url))
		return {
			problem: {
				kind: 'unreadable',
				reason: `image \`${written}\` outside the tree with a query or fragment, which the bundler cannot read`,
			},
		};
	if (bounds.trust === 'untrusted') return { file: join(root, inRoot ?? ''), top: root };
	const top = bounds.place?.top ?? root;
	return { file: join(top, target.path), top };
}

/**
 * Whether the bundler can take the picture at the absolute path `file` (written `url` on the
 * page): a file that exists, in a format it reads, that it can measure, and, given `top`, whose
 * real path lies inside it. Never throws; `cache` remembers files already measured.
 */
export function inspectBundledImage(
	file: string,
	url: string,
	cache = new Map<string, Promise<ImageProblem | undefined>>(),
	top?: string,
): Promise<ImageProblem | undefined> {
	let verdict = cache.get(file);
	if (!verdict) cache.set(file, (verdict = judge(file, url, top)));
	return verdict;
}

async function judge(
	file: string,
	url: string,
	top: string | undefined,
): Promise<ImageProblem | undefined> {
	const format = extname(file).toLowerCase();
	if (!bundledImageFormats.has(format))
		return {
			kind: 'unreadable',
			reason: `image \`${url}\` outside the tree in a format the site cannot bundle (\`${format || 'no extension'}\`)`,
		};
	let handle;
	try {
		handle = await open(file);
	} catch {
		return { kind: 'missing', reason: `missing image \`${url}\`` };
	}
	try {
		const info = await handle.stat();
		if (!info.isFile()) return { kind: 'missing', reason: `missing image \`${url}\` (a folder)` };
		if (top !== undefined && !(await isReallyInside(file, top)))
			return {
				kind: 'outside',
				crossed: 'link',
				reason: `image \`${url}\` reached through a symbolic link leading out of the repository`,
			};
		if (info.size > maxImageBytes)
			return {
				kind: 'unreadable',
				reason: `image \`${url}\` outside the tree of ${(info.size / 1024 / 1024).toFixed(0)} MB, more than the ${maxImageBytes / 1024 / 1024} MB the site bundles`,
			};
		// A bundled picture never passes the tree's secret filter (it is outside the tree, or in a
		// folder the walk skips): it is judged here, by name and by content (a key in an SVG's `<desc>`).
		const secret = secretByName(file) ?? (await secretByContent(file, url));
		if (secret)
			return {
				kind: 'outside',
				crossed: 'secret',
				reason: `image \`${url}\` that looks like ${secret}, which the site never publishes`,
			};
		// Astro's image code is loaded only for a picture from outside the tree, which few trees have.
		const { imageMetadata } = await import('astro/assets/utils');
		await imageMetadata(new Uint8Array(await handle.readFile()), file);
		return undefined;
	} catch {
		return {
			kind: 'unreadable',
			reason: `image \`${url}\` outside the tree that is not a readable ${format.slice(1).toUpperCase()} file`,
		};
	} finally {
		await handle.close();
	}
}
