import { Readable } from 'node:stream';
import { expect, test } from 'vitest';
import { readFragmentIds } from '../../checks/links/read-fragment-ids.ts';
import { fromHtml } from 'hast-util-from-html';
import { parseSrcset, readRawHtml } from '../../markdown/html-references.ts';
import { createHtmlReader } from '../../checks/links/html-reader.ts';
import { remarkLinks } from '../../markdown/remark-links.ts';

const urlsOf = (html: string) =>
	readRawHtml(html, fromHtml).links.flatMap((l) =>
		l.urls.map(({ url, at }) => `${l.tag}[${l.attribute}] ${url} @${l.valueStart + at}`),
	);
const anchorsOf = (html: string) => readRawHtml(html, fromHtml).anchors.map((a) => a.id);

test('counts `id` on any element and `name` only on `<a>`, never look-alike attributes', () => {
	expect(
		anchorsOf(
			'<div data-id="restore" aria-name="nothing" data-name="x"></div><input name="field">',
		),
	).toEqual([]);
	expect(anchorsOf('<div id="restore"></div><a name="legacy"></a><span ID="Up"></span>')).toEqual([
		'restore',
		'legacy',
		'Up',
	]);
});

test('reads URLs only from URL attributes, decoded, at their source offsets', () => {
	expect(urlsOf('<div data-src="x.png" data-href="x.md" src="no.png" href="no.md"></div>')).toEqual(
		[],
	);
	const html =
		'<p><a href="ops.md?a=1&amp;b=2">x</a> <img\n  alt="" src=map.png></p><svg><use xlink:href="#icon"/></svg>';
	expect(urlsOf(html)).toEqual([
		`a[href] ops.md?a=1&b=2 @${html.indexOf('ops.md')}`,
		`img[src] map.png @${html.indexOf('map.png')}`,
		`use[xlink:href] #icon @${html.indexOf('#icon')}`,
	]);
});

test('ignores what a browser does not read as markup: comments and script text', () => {
	expect(
		urlsOf('<!-- <a href="old.md">x</a> --><script>const a = \'<img src="y.png">\';</script>'),
	).toEqual([]);
	expect(anchorsOf('<!-- <a id="old"> -->')).toEqual([]);
});

test('parses srcset lists as HTML does, with each candidate at its own offset', () => {
	expect(parseSrcset('a.png 1x, b.png 2x')).toEqual([
		{ url: 'a.png', at: 0 },
		{ url: 'b.png', at: 10 },
	]);
	// A comma inside a URL stays; trailing commas end a candidate; descriptors may hold parentheses.
	expect(
		parseSrcset(' data:image/png;base64,AA== 1x,b,c.png 480w , d.png,, e.png (x, y) 3x'),
	).toEqual([
		{ url: 'data:image/png;base64,AA==', at: 1 },
		{ url: 'b,c.png', at: 31 },
		{ url: 'd.png', at: 46 },
		{ url: 'e.png', at: 54 },
	]);
	expect(urlsOf('<img srcset="https://b.example.com/1x.png 1x, small.png 480w">')).toEqual([
		'img[srcset] https://b.example.com/1x.png @13',
		'img[srcset] small.png @46',
	]);
});

test('reads a document in chunks, with ids and URLs split across them', () => {
	const seen: string[] = [];
	const reader = createHtmlReader({
		anchor: (id) => seen.push(`#${id}`),
		url: ({ url }) => seen.push(url),
	});
	for (const chunk of [
		'<h2 i',
		'd="inst',
		'all">x</h2><a na',
		'me="legacy" hr',
		'ef="https://a.example/">',
		'<script>"<a id=no>"</script><img srcset="s.png 1x, t.png 2x" data-src="u.png">',
	])
		reader.write(chunk);
	reader.end();
	expect(seen).toEqual(['#install', '#legacy', 'https://a.example/', 's.png', 't.png']);
});

test('finds fragments in a streamed HTTP body and ignores look-alikes there too', async () => {
	const body = Readable.from([
		Buffer.from('<div data-id="rollback"></div><input name="restore"><a name="leg'),
		Buffer.from('acy"></a><h2 id="user-content-usage">U</h2>'),
	]);
	const { found, complete } = await readFragmentIds(
		body,
		['rollback', 'restore', 'legacy', 'usage'],
		1 << 20,
	);
	expect([...found].sort()).toEqual(['legacy', 'usage']);
	expect(complete).toBe(true);
});

test('rewrites every URL attribute of raw HTML on the site, leaving look-alikes and the rest as written', () => {
	const html =
		'<img src="diagram.png" data-src="keep.png" srcset="a.png 1x, erp/b.png 2x" width=300><a href=ops.md#roll-back title="ops.md">ops</a>';
	const tree = { type: 'root' as const, children: [{ type: 'html' as const, value: html }] };
	const files = {
		pages: new Set(['ops.md']),
		assets: new Set(['diagram.png', 'a.png', 'erp/b.png']),
		folders: new Set(['', 'erp']),
	};
	remarkLinks({ root: '/tree', base: '/docs/', files })(tree, { path: '/tree/README.md' } as never);
	expect(tree.children[0]?.value).toBe(
		'<img src="/docs/diagram.png" data-src="keep.png" srcset="/docs/a.png 1x, /docs/erp/b.png 2x" width=300><a href="/docs/ops/#roll-back" title="ops.md">ops</a>',
	);
});
