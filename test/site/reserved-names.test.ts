import { request } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { formatFinding } from '../../checks/finding.ts';
import { checkBuiltSite } from '../../checks/links/check-site.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { hrefForRoute, routeForPath } from '../../markdown/routes.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// Page files whose names hold characters a URL reserves or must escape, as a built site holds them.
const names = [
	'c++',
	'a+b',
	'50%',
	'a#b',
	'what?',
	'with space',
	'überblick',
	'日本',
	"a&b=c;d,e@f:g$h!'(x)*",
];
const hrefs = names.map((name) => hrefForRoute(routeForPath(`${name}.md`)));

let dir: string;
let server: RunningServer;

beforeAll(async () => {
	const files: Record<string, string> = { '404.html': 'not found', 'funky+path.html': 'funky' };
	for (const name of names) files[`${name}/index.html`] = `<h1 id="top">${name}</h1>`;
	files['index.html'] =
		`<h1>Home</h1>${hrefs.map((href) => `<a href="${href}#top">x</a>`).join('')}<a href="funky%2Bpath.html">f</a>`;
	dir = await writeFixture(files);
	server = await startServer({ dir, port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
	await server.close();
	await removeFixture(dir);
});

/** GETs `path` exactly as written (no client-side normalisation). */
const get = (path: string) =>
	new Promise<{ status: number; body: string }>((resolve, reject) => {
		const { port } = new URL(server.url);
		request({ host: '127.0.0.1', port, path }, (res) => {
			let body = '';
			res.on('data', (chunk: Buffer) => (body += chunk.toString()));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		})
			.on('error', reject)
			.end();
	});

test.each(names.map((name, i) => [name, hrefs[i] as string]))(
	'`waymark serve` answers the link to %s (%s) with its page',
	async (name, href) => {
		// A browser sends the path of the resolved URL: what `href` becomes after URL parsing.
		expect(await get(new URL(href, 'http://site.invalid').pathname)).toEqual({
			status: 200,
			body: `<h1 id="top">${name}</h1>`,
		});
	},
);

test('decodes every escape, reserved ones included, as static hosts do', async () => {
	expect(await get('/c%2B%2B/')).toMatchObject({ status: 200 });
	expect(await get('/funky%2Bpath.html')).toEqual({ status: 200, body: 'funky' });
	// Positive control for the 404 path: an encoded slash never crosses into a folder.
	expect(await get('/c%2B%2B%2Findex.html')).toMatchObject({ status: 404 });
});

test('`check --site` finds every one of those pages and its fragment', async () => {
	const { findings } = await checkBuiltSite(dir, parseConfig({ network: { timeoutMs: 2000 } }));
	expect(findings.map(formatFinding)).toEqual([]);
});

test('`check --site` still reports a link to a missing page with such a name', async () => {
	const broken = await writeFixture({
		'index.html': `<a href="${hrefForRoute('/d++/')}">x</a><a href="${hrefForRoute('/a#c/')}">y</a>`,
	});
	try {
		const { findings } = await checkBuiltSite(
			broken,
			parseConfig({ network: { timeoutMs: 2000 } }),
		);
		expect(findings.map(formatFinding).sort()).toEqual([
			'/: Unexpected status 404 for /a%23c/ in the rendered page, expected a page or file in the built site (site-links)',
			'/: Unexpected status 404 for /d++/ in the rendered page, expected a page or file in the built site (site-links)',
		]);
	} finally {
		await removeFixture(broken);
	}
});
