import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroPrerenderer } from 'astro';
import { describe, expect, it } from 'vitest';
import { teePages, type PageTee } from '../../integration/page-tee.ts';
import { walkOrder } from '../../integration/search-shard.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// Astro's own `renderPath` (astro/dist/core/build/generate.js, Astro pinned exactly): it builds the
// request a page is rendered for, asks the prerenderer, and names the file it writes. The tee must
// name the same file for the same page, and hand Astro the same bytes.
const astroDir = dirname(createRequire(import.meta.url).resolve('astro/package.json'));
const { renderPath } = (await import(
	pathToFileURL(join(astroDir, 'dist/core/build/generate.js')).href
)) as { renderPath: (input: unknown) => Promise<{ body: Buffer; outFile: URL } | null> };

const outDir = new URL('file:///site/out/');
const route = (type: 'page' | 'endpoint') => ({
	type,
	route: '/[...slug]',
	component: 'src/pages/[...slug].astro',
	params: ['...slug'],
	pattern: /^\/(.*?)\/?$/,
	segments: [],
	prerender: true,
	isIndex: false,
	fallbackRoutes: [],
	origin: 'project',
});

/** What Astro writes for `pathname` through `prerenderer`, with the site's settings and `base`. */
function astroRender(
	prerenderer: AstroPrerenderer,
	pathname: string,
	base: string,
	type: 'page' | 'endpoint' = 'page',
) {
	const settings = {
		config: {
			base,
			build: { format: 'directory', redirects: true },
			trailingSlash: 'always',
			outDir,
			publicDir: new URL('file:///site/no-public/'),
			compressHTML: true,
		},
		buildOutput: 'static',
	};
	const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined };
	return renderPath({
		prerenderer,
		pathname,
		route: route(type),
		options: { settings, origin: 'http://localhost', routesList: { routes: [] } },
		logger: quiet,
		collectMetadata: false,
	});
}

/** A prerenderer that renders each page as HTML naming its request, as `PrerenderResult` or a bare `Response`. */
function pages(
	shape: 'result' | 'response',
	status = 200,
): AstroPrerenderer & { tornDown: boolean } {
	const inner = {
		name: 'test',
		tornDown: false,
		getStaticPaths: () => Promise.resolve([]),
		render: (request: Request) => {
			const response = new Response(`<!doctype html><p>${request.url} café</p>`, {
				status,
				headers: { 'content-type': 'text/html' },
			});
			return Promise.resolve(
				shape === 'result' ? { response, metadata: { contentEntryKeys: ['x'] } } : response,
			);
		},
		teardown: () => Promise.resolve(void (inner.tornDown = true)),
	};
	return inner as unknown as AstroPrerenderer & { tornDown: boolean };
}

function recorder(): PageTee & {
	pages: Array<[string, string]>;
	done: number;
	paths: { all: string[]; pages: string[] } | undefined;
} {
	const tee = {
		pages: [] as Array<[string, string]>,
		done: 0,
		paths: undefined as { all: string[]; pages: string[] } | undefined,
		onPaths: (paths: { all: string[]; pages: string[] }) => void (tee.paths = paths),
		onPage: (file: string, bytes: Uint8Array) =>
			void tee.pages.push([file, new TextDecoder().decode(bytes)]),
		onDone: () => void tee.done++,
	};
	return tee;
}

// Segments of page names: letters, digits, spaces, accents and other scripts, and the punctuation
// a file name may hold; `%`, `#` and `?` are where a URL and a file name part.
const plain = [
	'runbooks',
	'db',
	'a b',
	'café',
	'日本',
	"it's",
	'(1)',
	'a&b',
	'x+y',
	'a,b',
	'[x]',
	'a=b',
	'@ops',
	'$v',
	'~x',
	'a_b-c.d',
	'!n',
];
const risky = ['50%', 'a#b', 'q?x', '%zz'];

function pathnames(seed: number, count: number): string[] {
	const random = seededRandom(seed);
	return Array.from(
		{ length: count },
		() =>
			`/${Array.from({ length: 1 + pick(random, 3) }, () => pickItem(random, random() < 0.15 ? risky : plain)).join('/')}/`,
	);
}

describe('teePages', () => {
	it.each([
		['/', 1],
		['/docs/', 2],
		['/docs', 3],
		['/on call/', 5],
		['/café', 6],
	])(
		'names the file Astro writes for each page, and gives Astro the bytes it rendered (base %s)',
		async (base, seed) => {
			for (const pathname of pathnames(seed, 120)) {
				const plainOnly = !/[%#?]/.test(pathname);
				const tee = recorder();
				const direct = await astroRender(pages('result'), pathname, base);
				const teed = await astroRender(teePages(pages('result'), base, tee), pathname, base);
				expect(teed?.body.toString(), pathname).toBe(direct?.body.toString());
				expect(teed?.outFile.href).toBe(direct?.outFile.href);
				const astroFile = decodeURIComponent(
					(direct?.outFile.href ?? '').slice(outDir.href.length),
				);
				// Every plain name is told as the file Astro writes; a risky one, when told, with the bytes Astro writes.
				if (plainOnly)
					expect(
						tee.pages.map(([file]) => file),
						pathname,
					).toEqual([astroFile]);
				for (const [, html] of tee.pages) expect(html).toBe(direct?.body.toString());
			}
		},
	);

	it('tells the files of the paths Astro will generate as Astro names them, endpoints and status pages left out', async () => {
		const names = [...new Set(pathnames(4, 60).filter((name) => !/[%#?]/.test(name)))];
		const tee = recorder();
		const inner = {
			...pages('response'),
			getStaticPaths: () =>
				Promise.resolve([
					...names.map((pathname) => ({ pathname, route: route('page') })),
					{ pathname: '/feed.json', route: route('endpoint') },
					{ pathname: '/404', route: route('page') },
				]),
		} as unknown as AstroPrerenderer;
		await teePages(inner, '/', tee).getStaticPaths();
		const expected: string[] = [];
		for (const pathname of names)
			expected.push(
				decodeURIComponent(
					((await astroRender(pages('response'), pathname, '/'))?.outFile.href ?? '').slice(
						outDir.href.length,
					),
				),
			);
		expect(tee.paths?.pages).toEqual(expected);
		expect(tee.paths?.all).toEqual(expected);
		// A name no file URL can hold is left out, and nothing throws.
		const risky = recorder();
		await teePages(
			{
				...inner,
				getStaticPaths: () =>
					Promise.resolve(pathnames(7, 60).map((pathname) => ({ pathname, route: route('page') }))),
			} as unknown as AstroPrerenderer,
			'/',
			risky,
		).getStaticPaths();
		expect(risky.paths?.all.length).toBeGreaterThan(0);
	});

	it('has Astro generate the paths in the order the search index takes their files, keeping the order of paths of no file', async () => {
		const names = pathnames(8, 80).filter((name) => !/[%#?]/.test(name));
		const inner = {
			...pages('response'),
			getStaticPaths: () =>
				Promise.resolve([
					{ pathname: '/feed.json', route: route('endpoint') },
					...names.map((pathname) => ({ pathname, route: route('page') })),
					{ pathname: '/404', route: route('page') },
				]),
		} as unknown as AstroPrerenderer;
		const tee = recorder();
		const ordered = await teePages(inner, '/', tee).getStaticPaths();
		expect(ordered).toHaveLength(names.length + 2);
		const files = ordered.slice(0, -2).map(({ pathname }) => `${pathname.slice(1)}index.html`);
		expect(new Set(files)).toEqual(new Set(tee.paths?.all));
		expect(files).toEqual(
			walkOrder([...new Set(files)]).flatMap((file) => files.filter((each) => each === file)),
		);
		// The endpoint and the 404 page have no file here: last, in the order Astro gave them.
		expect(ordered.slice(-2).map(({ pathname }) => pathname)).toEqual(['/feed.json', '/404']);
	});

	it('passes an endpoint, a page that is not 200 and a bare Response through as Astro gets them, telling nothing', async () => {
		for (const [inner, type] of [
			[pages('response', 200), 'endpoint'],
			[pages('result', 404), 'page'],
		] as const) {
			const tee = recorder();
			const direct = await astroRender(inner, '/ops/', '/', type);
			const teed = await astroRender(teePages(inner, '/', tee), '/ops/', '/', type);
			expect(teed?.body.toString()).toBe(direct?.body.toString());
			expect(tee.pages).toEqual([]);
		}
		const tee = recorder();
		expect(
			(await astroRender(teePages(pages('response'), '/', tee), '/ops/', '/'))?.body.toString(),
		).toContain('café');
		expect(tee.pages.map(([file]) => file)).toEqual(['ops/index.html']);
	});

	it('keeps the metadata of a PrerenderResult, and ends the feed when Astro tears the prerenderer down', async () => {
		const tee = recorder();
		const inner = pages('result');
		const outer = teePages(inner, '/', tee);
		const result = await outer.render(new Request('http://localhost/ops/'), {
			routeData: route('page') as never,
		});
		expect(result instanceof Response ? undefined : result.metadata).toEqual({
			contentEntryKeys: ['x'],
		});
		await outer.teardown?.();
		expect([tee.done, inner.tornDown]).toEqual([1, true]);
	});
});
