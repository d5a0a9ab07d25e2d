import { toHtml } from 'hast-util-to-html';
import { expect, test } from 'vitest';
import { svgFigure } from '../../diagrams/diagram-markup.ts';
import { splitSvg, svgAsParsed } from '../../diagrams/svg-as-parsed.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// What serializers write differently, or a parser mends: entities (named, numeric, bare `&`),
// quotes of either kind, `>` and `<` in text, self-closed and unclosed elements, comments, CDATA,
// upper-case names, a stylesheet and a script, HTML inside `foreignObject` (void elements, a
// paragraph a block closes, a table), and nested SVGs.
const texts = ['a > b', 'x &amp; y', 'A &lt; B', '&#160;nbsp', '&nbsp;', '"quoted"', "it's", 'bare & amp', '&copy;', 'ünïcode ✓', '', ' ', '\n', 'wm-abc'];
const values = ['1', 'wm-abc-node', 'a "b" c', "a 'b' c", 'x &amp; y', 'x & y', 'a > b', 'url(#wm-abc-arrow)', 'fill: var(--wm-a); max-width: 120px;', '', '&quot;', '0 0 120 40'];
const names = ['id', 'class', 'x', 'y', 'width', 'style', 'data-note', 'viewBox', 'viewbox', 'CLASS', 'aria-label', 'xlink:href', 'href', 'transform', 'fill'];
const svgTags = ['g', 'rect', 'text', 'tspan', 'path', 'circle', 'defs', 'marker', 'clipPath', 'LINEARGRADIENT', 'use', 'title', 'desc'];
const htmlInner = ['<div xmlns="http://www.w3.org/1999/xhtml"><span class="nodeLabel"><p>A &lt; B<br>C</p></span></div>', '<div><p>one<div>two</div></p></div>', '<span>a<br/>b<img src="x.png">c</span>', '<table><tr><td>1</td></tr></table>', '<p>unclosed <b>bold', '<i>text</i>'];

function attributes(random: Random): string {
	let out = '';
	for (let n = pick(random, 4); n > 0; n--) {
		const value = pickItem(random, values);
		const quote = pick(random, 5) === 0 ? "'" : '"';
		out += pick(random, 10) === 0 ? ` ${pickItem(random, names)}` : ` ${pickItem(random, names)}=${quote}${quote === '"' ? value.replaceAll('"', '&quot;') : value.replaceAll("'", '&#39;')}${quote}`;
	}
	return out;
}

function content(random: Random, depth: number): string {
	let out = '';
	for (let n = pick(random, depth > 3 ? 2 : 4); n > 0; n--) {
		const kind = pick(random, 12);
		if (kind < 3) out += pickItem(random, texts);
		else if (kind === 3) out += `<!-- ${pickItem(random, texts)} -->`;
		else if (kind === 4) out += `<style>#wm-abc .node > rect{fill:red} .a::after{content:"${pickItem(random, ['&', '<b>', '>', '&lt;b&gt;', '&lt;/style&gt;'])}"}</style>`;
		else if (kind === 5) out += `<foreignObject width="10" height="10">${pickItem(random, htmlInner)}</foreignObject>`;
		else if (kind === 6) out += `<${pickItem(random, svgTags)}${attributes(random)}/>`;
		else if (kind === 7) out += `<![CDATA[${pickItem(random, texts)}]]>`;
		else if (kind === 8 && depth < 3) out += `<svg${attributes(random)}>${content(random, depth + 1)}</svg>`;
		else if (kind === 9) out += `<script>${pickItem(random, ['x < 1 && y', 'alert(1)', 'a &lt;/script&gt; b'])}</script>`;
		else if (kind === 10 && pick(random, 4) === 0) out += `<${pickItem(random, svgTags)}${attributes(random)}>`;
		else {
			const tag = pickItem(random, svgTags);
			out += `<${tag}${attributes(random)}>${depth < 5 ? content(random, depth + 1) : ''}</${tag}>`;
		}
	}
	return out;
}

/** An SVG as a drawing might come: a root with mermaid's attributes, then anything. */
function drawing(random: Random): string {
	return `<svg id="wm-abc" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${1 + pick(random, 900)} 40" aria-roledescription="${pickItem(random, ['flowchart-v2', 'sequence', 'er', ''])}" style="max-width: 120px;"${attributes(random)}>${content(random, 0)}</svg>`;
}

const written = (node: Parameters<typeof toHtml>[0]) => toHtml(node, { allowDangerousHtml: true });

test('a drawing kept as parsed gives a page the bytes parsing it there gives, over 600 generated drawings', () => {
	const random = seededRandom(20261125);
	let asText = 0;
	for (let n = 0; n < 600; n++) {
		const svg = drawing(random);
		const kept = svgAsParsed(svg);
		const heading = pick(random, 2) === 0 ? { text: 'Failover', id: 'failover' } : undefined;
		for (const occurrence of [0, 1]) {
			const parsedHere = written(svgFigure({ ok: true, svg, idBase: 'wm-abc', textPx: 12, asParsed: false }, 'flowchart TD', occurrence, heading));
			// Keeping the parse changes nothing a page shows...
			expect(written(svgFigure({ ok: true, svg: kept.svg, idBase: 'wm-abc', textPx: 12, asParsed: false }, 'flowchart TD', occurrence, heading)), svg).toBe(parsedHere);
			// ...and a page that takes it as text writes the same bytes.
			expect(written(svgFigure({ ok: true, ...kept, idBase: 'wm-abc', textPx: 12 }, 'flowchart TD', occurrence, heading, true)), svg).toBe(parsedHere);
		}
		if (kept.asParsed) {
			asText++;
			expect(splitSvg(kept.svg), kept.svg).toBeDefined();
		}
	}
	// Most drawings settle; the rest are parsed in the page, as before.
	expect(asText).toBeGreaterThan(300);
	expect(asText).toBeLessThan(600);
});

test('a drawing that does not settle is kept as it came and parsed in the page', () => {
	// The serializer writes a stylesheet's text as it is, so the parsed `<b>` would end the SVG if written again.
	const svg = '<svg id="wm-abc"><style>x &lt;b&gt; y</style><text>kept</text></svg>';
	expect(svgAsParsed(svg)).toEqual({ svg, asParsed: false });
	const figure = (asText: boolean) => written(svgFigure({ ok: true, svg, idBase: 'wm-abc', textPx: 12, asParsed: false }, 'x', 0, undefined, asText));
	expect(figure(true)).toBe(figure(false));
	expect(figure(true)).toContain('<text>kept</text></svg>');
	expect(svgAsParsed('<p>not an svg</p>')).toEqual({ svg: '<p>not an svg</p>', asParsed: false });
});
