import { fileURLToPath } from 'node:url';
import type { AstroPrerenderer } from 'astro';
import { walkOrder } from './search-shard.ts';
import { withoutStandIns } from '../markdown/route-stand-ins.ts';

export interface PageTee {
	/** The HTML files of every path Astro is about to generate (`/`-separated, relative to the output), and those of them it renders as pages. */
	onPaths(files: { all: string[]; pages: string[] }): void;
	/** A page Astro rendered, as the bytes it writes to `file`. */
	onPage(file: string, bytes: Uint8Array): void;
	/** Astro generated every path, or stopped: no page comes after this. */
	onDone(): void;
}

/** The HTTP statuses Astro writes as `404.html` and `500.html`, not as a folder's `index.html`. */
const statusPages = new Set(['/404', '/500']);

/**
 * Astro's prerenderer (the `astro:build:start` hook's `setPrerenderer`), with what it does told to
 * `tee`: the files of the paths it will generate, then each page's bytes as it renders it, which are
 * what Astro writes to the file (`renderPath` writes the response's body as it is). Only for
 * `build.format: 'directory'`, the site's: a page `/a/b/` is `a/b/index.html`. A page served from
 * Astro's incremental cache is never rendered, and never told. Astro generates the paths in the
 * order this gives them: the search index's (`walkOrder` of their files), so each part of the
 * index has its pages early and together (a folder's generated page came last of all).
 */
export function teePages(inner: AstroPrerenderer, base: string, tee: PageTee): AstroPrerenderer {
	// The base as it is in a request's URL: percent-encoded (a space, an accent).
	const under = new URL(base.endsWith('/') ? base : `${base}/`, 'http://site').pathname;
	const outer: AstroPrerenderer = {
		name: inner.name,
		getStaticPaths: async () => {
			const paths = inner.getStaticPaths().then((all) =>
				all.map((path) => ({
					path,
					file:
						path.route.type === 'endpoint' || statusPages.has(path.pathname)
							? undefined
							: fileOf(encodeURI(path.pathname)),
				})),
			);
			const known = (await paths).flatMap(({ path, file }) =>
				file === undefined ? [] : [{ file, page: path.route.type === 'page' }],
			);
			tee.onPaths({
				all: known.map(({ file }) => file),
				pages: known.filter(({ page }) => page).map(({ file }) => file),
			});
			const order = new Map(
				walkOrder([...new Set(known.map(({ file }) => file))]).map((file, n) => [file, n]),
			);
			const rank = (file: string | undefined) =>
				file === undefined ? Number.MAX_SAFE_INTEGER : (order.get(file) as number);
			// A stable sort: paths of one file, and those of none, keep the order Astro gave them.
			return (await paths).sort((a, b) => rank(a.file) - rank(b.file)).map(({ path }) => path);
		},
		render: async (request, options) => {
			const result = await inner.render(request, options);
			const response = result instanceof Response ? result : result.response;
			const path = new URL(request.url).pathname;
			if (
				options.routeData.type !== 'page' ||
				response.status !== 200 ||
				!response.body ||
				!path.startsWith(under)
			)
				return result;
			const file = fileOf(path.slice(under.length - 1));
			if (file === undefined) return result;
			const bytes = new Uint8Array(await response.arrayBuffer());
			tee.onPage(file, bytes);
			const again = new Response(bytes, {
				status: response.status,
				statusText: response.statusText,
				headers: response.headers,
			});
			return result instanceof Response ? again : { ...result, response: again };
		},
	};
	// The others are the inner one's own, called on it.
	if (inner.setup) outer.setup = inner.setup.bind(inner);
	if (inner.collectStaticImages) outer.collectStaticImages = inner.collectStaticImages.bind(inner);
	// Astro tears its prerenderer down once the pages are written, or when it stops (its `finally`).
	outer.teardown = async () => {
		tee.onDone();
		await inner.teardown?.();
	};
	return outer;
}

/**
 * The file Astro writes for a page at the URL path `path` (percent-encoded, from the site's top), as
 * Astro names it (`getOutFolder`, `getOutFile`); `undefined` for a path no file URL can hold (a
 * stray `%`). A name Astro writes otherwise (a `#` in it, which Astro's own URLs cut) only costs
 * the feed its work: `writeSearchIndex` checks every shard against the files on disk.
 */
function fileOf(path: string): string | undefined {
	try {
		// Named as the page's file will be once Astro's stand-ins are gone (`route-names.ts`).
		return withoutStandIns(
			fileURLToPath(
				new URL(`.${path.endsWith('/') ? path : `${path}/`}index.html`, 'file:///'),
			).slice(1),
		);
	} catch {
		return undefined;
	}
}
