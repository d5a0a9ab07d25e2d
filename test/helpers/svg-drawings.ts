import { pick, pickItem, type Random } from './seeded-random.ts';

// Drawings as a renderer might hand them over, with what serializers write differently or a parser
// mends: entities (named, numeric, a bare `&`), quotes of either kind, `>` and `<` in text,
// self-closed and unclosed elements, comments, CDATA, upper-case names, stylesheets and scripts,
// nested SVGs, and HTML in a `foreignObject`: mermaid's labels (text, line breaks, bold) and what
// a page's later steps act on (tables, code blocks, callouts, images, headings).
const texts = [
	'a > b',
	'x &amp; y',
	'A &lt; B',
	'&#160;nbsp',
	'&nbsp;',
	'"quoted"',
	"it's",
	'bare & amp',
	'&copy;',
	'ünïcode ✓',
	'',
	' ',
	'\n',
	'wm-abc',
];
const values = [
	'1',
	'wm-abc-node',
	'a "b" c',
	"a 'b' c",
	'x &amp; y',
	'x & y',
	'a > b',
	'url(#wm-abc-arrow)',
	'fill: var(--wm-a); max-width: 120px;',
	'',
	'&quot;',
	'0 0 120 40',
];
const names = [
	'id',
	'class',
	'x',
	'y',
	'width',
	'style',
	'data-note',
	'viewBox',
	'viewbox',
	'CLASS',
	'aria-label',
	'xlink:href',
	'href',
	'transform',
	'fill',
];
const svgTags = [
	'g',
	'rect',
	'text',
	'tspan',
	'path',
	'circle',
	'defs',
	'marker',
	'clipPath',
	'LINEARGRADIENT',
	'use',
	'title',
	'desc',
	'textarea',
];
const labels = [
	'<div xmlns="http://www.w3.org/1999/xhtml"><span class="nodeLabel"><p>A &lt; B<br>C</p></span></div>',
	'<div><span class="edgeLabel"><b>bold</b> and <em>em</em></span></div>',
	'<span>a<br/>b</span>',
	'<p>unclosed <b>bold',
	'<div><p>one<div>two</div></p></div>',
	'<span>a<img src="x.png">c</span>',
	'<table><tr><td>1</td></tr></table>',
	'<pre>\nkeep the newline</pre>',
	'<h2>a heading</h2>',
	'<blockquote><p>[!NOTE]\nquoted</p></blockquote>',
	'<code>inline</code>',
];

function attributes(random: Random): string {
	let out = '';
	for (let n = pick(random, 4); n > 0; n--) {
		const value = pickItem(random, values);
		const quote = pick(random, 5) === 0 ? "'" : '"';
		out +=
			pick(random, 10) === 0
				? ` ${pickItem(random, names)}`
				: ` ${pickItem(random, names)}=${quote}${quote === '"' ? value.replaceAll('"', '&quot;') : value.replaceAll("'", '&#39;')}${quote}`;
	}
	return out;
}

function content(random: Random, depth: number): string {
	let out = '';
	for (let n = pick(random, depth > 3 ? 2 : 4); n > 0; n--) {
		const kind = pick(random, 14);
		if (kind < 3) out += pickItem(random, texts);
		else if (kind === 3) out += `<!-- ${pickItem(random, texts)} -->`;
		else if (kind === 4)
			out += `<style>#wm-abc .node > rect{fill:red} .a::after{content:"${pickItem(random, ['&', '<b>', '>', '&lt;b&gt;', '&lt;/style&gt;'])}"}</style>`;
		else if (kind < 8)
			out += `<foreignObject width="10" height="10">${pickItem(random, labels)}</foreignObject>`;
		else if (kind === 8) out += `<${pickItem(random, svgTags)}${attributes(random)}/>`;
		else if (kind === 9) out += `<![CDATA[${pickItem(random, texts)}]]>`;
		else if (kind === 10 && depth < 3)
			out += `<svg${attributes(random)}>${content(random, depth + 1)}</svg>`;
		else if (kind === 11)
			out += `<script>${pickItem(random, ['x < 1 && y', 'alert(1)', 'a &lt;/script&gt; b'])}</script>`;
		else if (kind === 12 && pick(random, 4) === 0)
			out += `<${pickItem(random, svgTags)}${attributes(random)}>`;
		else {
			const tag = pickItem(random, svgTags);
			out += `<${tag}${attributes(random)}>${depth < 5 ? content(random, depth + 1) : ''}</${tag}>`;
		}
	}
	return out;
}

/** A drawing as a renderer might hand it over: a root with mermaid's attributes (its id `wm-abc`), then anything. */
export function generatedDrawing(random: Random): string {
	return `<svg id="wm-abc" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${1 + pick(random, 900)} 40" aria-roledescription="${pickItem(random, ['flowchart-v2', 'sequence', 'er', ''])}" style="max-width: 120px;"${attributes(random)}>${content(random, 0)}</svg>`;
}
