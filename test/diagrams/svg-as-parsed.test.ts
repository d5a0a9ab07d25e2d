import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { expect, test } from 'vitest';
import { svgFigure } from '../../diagrams/diagram-markup.ts';
import { splitSvg, svgAsParsed } from '../../diagrams/svg-as-parsed.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';
import { generatedDrawing } from '../helpers/svg-drawings.ts';

// The figure alone; test/site/processor-identical-html.test.ts renders whole pages with these
// drawings through the site's processor and Astro's, later steps and re-parse included.

const written = (node: Parameters<typeof toHtml>[0]) => toHtml(node, { allowDangerousHtml: true });

/** Whether the figure carries its SVG's content as text. */
function carriesText(node: Element | ElementContent): boolean {
	if (node.type === 'raw')
		return (node.data as { asParsed?: boolean } | undefined)?.asParsed === true;
	return node.type === 'element' && node.children.some(carriesText);
}

test('a drawing kept as parsed gives a figure the bytes parsing it there gives, over 600 generated drawings', () => {
	const random = seededRandom(20261125);
	let asText = 0;
	for (let n = 0; n < 600; n++) {
		const svg = generatedDrawing(random);
		const kept = svgAsParsed(svg);
		const heading = pick(random, 2) === 0 ? { text: 'Failover', id: 'failover' } : undefined;
		for (const occurrence of [0, 1]) {
			const parsedHere = written(
				svgFigure(
					{ ok: true, svg, idBase: 'wm-abc', textPx: 12, asParsed: false },
					'flowchart TD',
					occurrence,
					{ heading },
				),
			);
			// Keeping the parse changes nothing a page shows...
			expect(
				written(
					svgFigure(
						{ ok: true, svg: kept.svg, idBase: 'wm-abc', textPx: 12, asParsed: false },
						'flowchart TD',
						occurrence,
						{ heading },
					),
				),
				svg,
			).toBe(parsedHere);
			// ...and a figure that takes it as text, where it may, writes the same bytes.
			const figure = svgFigure(
				{ ok: true, ...kept, idBase: 'wm-abc', textPx: 12 },
				'flowchart TD',
				occurrence,
				{ heading, asText: true },
			);
			expect(written(figure), svg).toBe(parsedHere);
			expect(carriesText(figure), svg).toBe(kept.asParsed);
		}
		if (kept.asParsed) {
			asText++;
			expect(splitSvg(kept.svg), kept.svg).toBeDefined();
		}
	}
	// Both ways are taken: most drawings settle, the rest are parsed in the page, as before.
	expect(asText).toBeGreaterThan(150);
	expect(asText).toBeLessThan(550);
});

test.each([
	// The serializer writes a stylesheet's text as it is: the parsed `<b>` would end the SVG if written again.
	[
		'a stylesheet that does not settle',
		'<svg id="wm-abc"><style>x &lt;b&gt; y</style><text>kept</text></svg>',
	],
	// Later steps of the page act on these: a table gets its scroll frame, a heading joins the outline.
	[
		'a label with a table',
		'<svg id="wm-abc"><foreignObject><div><table><tr><td>1</td></tr></table></div></foreignObject></svg>',
	],
	[
		'a label with a heading',
		'<svg id="wm-abc"><foreignObject><h2>Title</h2></foreignObject></svg>',
	],
	[
		'a label with a code block',
		'<svg id="wm-abc"><foreignObject><pre>\nx</pre></foreignObject></svg>',
	],
])('%s is parsed in the page, as before', (_, svg) => {
	const kept = svgAsParsed(svg);
	expect(kept.asParsed).toBe(false);
	const figure = (asText: boolean) =>
		svgFigure({ ok: true, ...kept, idBase: 'wm-abc', textPx: 12 }, 'x', 0, { asText });
	expect(carriesText(figure(true))).toBe(false);
	expect(written(figure(true))).toBe(written(figure(false)));
});

test('a mermaid label (text, line breaks, bold) settles', () => {
	const svg =
		'<svg id="wm-abc"><g><foreignObject width="60" height="24"><div xmlns="http://www.w3.org/1999/xhtml"><span class="nodeLabel"><p>Primary<br><b>db</b> &amp; replica</p></span></div></foreignObject></g></svg>';
	expect(svgAsParsed(svg)).toEqual({ svg: svg.replace('&amp;', '&#x26;'), asParsed: true });
	expect(svgAsParsed('<p>not an svg</p>')).toEqual({ svg: '<p>not an svg</p>', asParsed: false });
});
