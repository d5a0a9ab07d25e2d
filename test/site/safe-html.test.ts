import '../helpers/load-tools.ts';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPageRenderer, type PageRenderer } from '../../preview/render.ts';
import type { HtmlSafety } from '../../markdown/plugins.ts';
import { sanitizeSvg } from '../../integration/safe-svg.ts';
import { sanitizeOutputSvgs } from '../../integration/tree-assets.ts';
import { testReading } from '../helpers/tool-reading.ts';

// The site's own Markdown pipeline (the one `preview/` and the build share), on one page.
const renderers = new Map<string, PageRenderer>();
const runtime = { root: '/guidebooks', title: 'Runbooks', base: '/', editUrl: null };
const modes: Record<string, HtmlSafety> = {
	trusted: { trust: 'trusted', allowRawHtml: false },
	untrusted: { trust: 'untrusted', allowRawHtml: false },
	allowRawHtml: { trust: 'trusted', allowRawHtml: true },
	untrustedAllowRawHtml: { trust: 'untrusted', allowRawHtml: true },
};

beforeAll(async () => {
	for (const [name, safety] of Object.entries(modes))
		renderers.set(name, await createPageRenderer(runtime, safety));
});

const render = async (markdown: string, mode = 'trusted', path = 'page.md'): Promise<Document> =>
	parseHTML(
		`<!doctype html><html><body>${await renderers.get(mode)!(markdown, path)}</body></html>`,
	).document;

const attacks = [
	'<img src=x onerror="alert(1)">',
	'<a href="jav&#x61;script:alert(2)">encoded</a>',
	'<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(3)">decimal</a>',
	'<a href=" JaVaScRiPt:alert(4)">spaced</a>',
	'<a href="vbscript:msgbox(5)">vb</a>',
	'<a href="data:text/html,<script>alert(6)</script>">data</a>',
	'<details ontoggle="alert(7)" open><summary>More</summary>Body</details>',
	'<iframe srcdoc="<script>alert(8)</script>"></iframe>',
	'<object data="x.swf"></object><embed src="x.swf">',
	'<script>alert(9)</script>',
	'<svg><script>alert(10)</script></svg>',
	'<form action="javascript:alert(11)"><button formaction="javascript:alert(12)">Go</button></form>',
	'<style>body { display: none }</style>',
	'<img src="data:text/html;base64,PHNjcmlwdD4=" alt="data page"> <img src="data:image/png;base64,iVBORw0KGgo=" alt="data picture">',
	'[markdown link](javascript:alert(13))',
].join('\n\n');

const scriptable = (doc: Document): string[] => {
	const found: string[] = [];
	for (const element of doc.querySelectorAll('*')) {
		for (const { name, value } of element.attributes) {
			if (/^on/i.test(name)) found.push(`${element.localName}[${name}]`);
			if (
				/^(href|src|action|formaction|srcdoc|data)$/i.test(name) &&
				/^\s*(javascript|vbscript|data:(?!image\/))/i.test(value)
			)
				found.push(`${element.localName}[${name}=${value.slice(0, 20)}]`);
		}
		if (['script', 'iframe', 'object', 'embed', 'style', 'form'].includes(element.localName))
			found.push(element.localName);
	}
	return found;
};

describe.each(['trusted', 'untrusted', 'untrustedAllowRawHtml'])(
	'raw HTML in a %s tree',
	(mode) => {
		test('keeps nothing that runs: handlers, scripts, frames, plugins, javascript:, vbscript: and data: links', async () => {
			const doc = await render(attacks, mode);
			expect(scriptable(doc)).toEqual([]);
			// Dropped: the link rewriter reads entity-encoded URLs decoded, as a browser does, so it leaves them to the sanitiser.
			const protocols = [...doc.querySelectorAll('a')].map((a) => [
				a.textContent,
				a.hasAttribute('href')
					? new URL(a.getAttribute('href') ?? '', 'https://runbooks.example/').protocol
					: null,
			]);
			expect(protocols).toEqual([
				['encoded', null],
				['decimal', null],
				['spaced', null],
				['vb', null],
				['data', null],
				['markdown link', null],
			]);
		});

		test('keeps what a forge keeps: details, images (data: pictures too), the text of removed elements', async () => {
			const doc = await render(attacks, mode);
			expect(doc.querySelector('details[open] > summary')?.textContent).toBe('More');
			expect(
				[...doc.querySelectorAll('img')].map((img) => [
					img.getAttribute('alt'),
					img.getAttribute('src')?.slice(0, 15) ?? null,
				]),
			).toEqual([
				// `src=x`, relative, is rewritten to where the site serves it, like any tree link.
				[null, '/x'],
				['data page', null],
				['data picture', 'data:image/png;'],
			]);
			expect(doc.querySelector('button')).toBeNull();
			expect(doc.body.textContent).toContain('Go');
		});
	},
);

test("keeps GitHub-style markup and anchors, and Waymark's own markup", async () => {
	const doc = await render(
		[
			'# Page',
			'## Restore',
			'<a id="rollback"></a><a name="legacy-anchor"></a>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>',
			'<table><tr><td rowspan="2">cell</td></tr></table>',
			'> [!WARNING]\n> Stop the service first.',
			'```sh\nsystemctl stop erp\n```',
			'Status: :status{probe=erp}',
		].join('\n\n'),
	);
	expect(doc.querySelector('h2')?.id).toBe('restore');
	expect(doc.querySelector('a#rollback')).not.toBeNull();
	expect(doc.querySelector('a[name="legacy-anchor"]')).not.toBeNull();
	expect([...doc.querySelectorAll('kbd, sub, sup')].map((e) => e.outerHTML)).toEqual([
		'<kbd>Ctrl</kbd>',
		'<kbd>C</kbd>',
		'<sub>2</sub>',
		'<sup>2</sup>',
	]);
	expect(doc.querySelector('td')?.getAttribute('rowspan')).toBe('2');
	expect(doc.querySelector('aside.callout.callout-warning')?.textContent).toContain(
		'Stop the service first.',
	);
	expect(doc.querySelector('.code-block pre.astro-code .line > span[class^="c"]')).not.toBeNull();
	expect(doc.querySelector('.code-block button.copy-button')).not.toBeNull();
	expect(
		doc.querySelector('.wm-status.wm-badge[data-probe="erp"]')?.getAttribute('data-state'),
	).toBe('unknown');
});

test.each(['trusted', 'untrusted'])(
	"keeps the markup a tree's dialect renders (%s): callouts, collapsible callouts, tables of contents, old GitLab ids",
	async (mode) => {
		const dialectPage = async (
			dialect: 'mkdocs' | 'gitlab',
			markdown: string,
		): Promise<Document> => {
			const files = {
				pages: new Set(['page.md']),
				assets: new Set<string>(),
				folders: new Set(['']),
				tool: testReading({ dialect }),
			};
			const renderer = await createPageRenderer(runtime, modes[mode]!, files);
			return parseHTML(
				`<!doctype html><html><body>${await renderer(markdown, 'page.md')}</body></html>`,
			).document;
		};
		const mkdocs = await dialectPage(
			'mkdocs',
			'# Page\n\n!!! warning "Stop first"\n    Stop the service.\n\n??? tip\n    Hidden.\n',
		);
		expect(
			mkdocs.querySelector('aside.callout.callout-warning[role="note"] > p.callout-title')
				?.textContent,
		).toBe('Stop first');
		expect(
			mkdocs.querySelector('aside.callout-warning .callout-icon[aria-hidden="true"]'),
		).not.toBeNull();
		expect(
			mkdocs.querySelector('details.callout.callout-tip > summary.callout-title')?.textContent,
		).toBe('Tip');
		const gitlab = await dialectPage('gitlab', '# Page\n\n[[_TOC_]]\n\n## Restore + verify\n');
		expect(
			[...gitlab.querySelectorAll('nav.toc-inline a')].map((a) => a.getAttribute('href')),
		).toEqual(['#restore--verify']);
		expect(gitlab.querySelector('h2#restore--verify > a.legacy-anchor')?.id).toBe('restore-verify');
	},
);

test('`name` stays on links only, where it cannot shadow document methods', async () => {
	const doc = await render(
		'<img name="getElementById" src="a.png" alt="a"> <form name="cookie"></form>',
	);
	expect(doc.querySelector('img')?.hasAttribute('name')).toBe(false);
});

test('`site.allowRawHtml` publishes raw HTML as written in a trusted tree', async () => {
	const doc = await render(
		'<img src=x onerror="alert(1)">\n\n<script>alert(2)</script>',
		'allowRawHtml',
	);
	expect(doc.querySelector('img')?.getAttribute('onerror')).toBe('alert(1)');
	expect(doc.querySelector('script')?.textContent).toBe('alert(2)');
});

test('an untrusted `.mdx` page is sanitised like any page; a trusted one is left to MDX', async () => {
	const page = '<img src=x onerror="alert(1)">\n';
	expect(
		(await render(page, 'untrusted', 'page.mdx')).querySelector('img')?.hasAttribute('onerror'),
	).toBe(false);
	expect(
		(await render(page, 'trusted', 'page.mdx')).querySelector('img')?.getAttribute('onerror'),
	).toBe('alert(1)');
});

describe('an SVG file from the tree', () => {
	const svg = (body: string, rootAttributes = '') =>
		`<?xml version="1.0"?>\n<?xml-stylesheet href="evil.xsl" type="text/xsl"?>\n<!DOCTYPE svg [<!ENTITY x "y">]>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:l="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${rootAttributes}>${body}</svg>`;

	test('keeps its drawing, styles, gradients, links and diagram labels', () => {
		const safe =
			sanitizeSvg(
				svg(
					'<style>.a{fill:red}</style><defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><a href="https://example.com/"><rect class="a" width="10" height="10"/></a><foreignObject width="5" height="5"><div xmlns="http://www.w3.org/1999/xhtml"><span class="nodeLabel">Primary</span></div></foreignObject><use href="#g"/>',
				),
			) ?? '';
		const { document } = parseHTML(safe.replace(/^<\?xml[^>]*>\n/, ''));
		expect([...document.querySelectorAll('*')].map((e) => e.localName)).toEqual([
			'svg',
			'style',
			'defs',
			'lineargradient',
			'stop',
			'a',
			'rect',
			'foreignobject',
			'div',
			'span',
			'use',
		]);
		expect(safe).toContain('<a href="https://example.com/">');
		expect(safe).toContain('<use href="#g" />');
	});

	test('loses scripts, handlers, animations, javascript: links, stylesheet instructions and document types', () => {
		const safe = sanitizeSvg(
			svg(
				'<script>alert(1)</script><SCRIPT>alert(2)</SCRIPT><a xlink:href="javascript:alert(3)"><text>x</text></a><a l:href="java\tscript:alert(4)"><text>y</text></a><animate attributeName="href" to="javascript:alert(5)"/><set attributeName="onclick" to="alert(6)"/><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(7)"/><iframe srcdoc="&lt;script&gt;alert(8)&lt;/script&gt;"/><script>alert(9)</script></div></foreignObject><image href="data:text/html,x"/>',
				' onload="alert(10)"',
			),
		);
		expect(safe).toBeDefined();
		expect(safe).not.toMatch(/alert|script|xsl|ENTITY|onload|onerror|animate|<set|data:text/i);
	});

	test('is left out when it is not an SVG document', () => {
		expect(sanitizeSvg('<html><body><script>alert(1)</script></body></html>')).toBeUndefined();
		expect(sanitizeSvg('plain text')).toBeUndefined();
	});
});

describe('the SVG files of the output', () => {
	let outDir: string;
	beforeAll(async () => {
		outDir = await mkdtemp(join(tmpdir(), 'waymark-svgs-'));
	});
	afterAll(async () => {
		await rm(outDir, { recursive: true, force: true });
	});

	test("Waymark's own favicon is left as shipped; a favicon.svg of the tree in its place is sanitised", async () => {
		const own = await readFile(new URL('../../public/favicon.svg', import.meta.url), 'utf8');
		await writeFile(join(outDir, 'favicon.svg'), own);
		expect(await sanitizeOutputSvgs(outDir)).toBe(0);
		expect(await readFile(join(outDir, 'favicon.svg'), 'utf8')).toBe(own);
		// The same name, other bytes: judged by what it holds.
		await writeFile(
			join(outDir, 'favicon.svg'),
			own.replace('</svg>', '<script>alert(1)</script></svg>'),
		);
		await mkdir(join(outDir, 'ops'), { recursive: true });
		await writeFile(join(outDir, 'ops/favicon.svg'), own.replace('<svg', '<svg onload="alert(2)"'));
		expect(await sanitizeOutputSvgs(outDir)).toBe(2);
		for (const file of ['favicon.svg', 'ops/favicon.svg'])
			expect(await readFile(join(outDir, file), 'utf8')).not.toMatch(/alert/);
	});
});
