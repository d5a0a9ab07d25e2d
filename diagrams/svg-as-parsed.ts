import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

/**
 * A drawn SVG kept as a page will write it. A page used to parse each drawn SVG into elements
 * and write them back out: on the 500-page benchmark, 100 diagrams cost about 0.1 s of parsing,
 * and every later step of the page walked their nodes. The drawing is parsed once, when it is
 * drawn, instead: it is kept as the site's serializer writes its parse, and a page takes that text
 * as it is (`diagram-markup.ts`), which gives the bytes the parse would.
 */

/** The first `<svg>` element of `html`, parsed as a page's HTML parser does (a fragment in flow content). */
export function parseSvg(html: string): Element | undefined {
	return fromHtml(html, { fragment: true }).children.find((child): child is Element => child.type === 'element' && child.tagName === 'svg');
}

/** An element as `rehype-stringify` writes it in a page (Astro's options). */
function written(element: Element): string {
	return toHtml(element, { allowDangerousHtml: true });
}

/**
 * `svg` as a page writes it, and whether that text is its own parse written out (`asParsed`): then
 * a page may carry it as it is. Where the round trip does not settle (written again it would
 * change), `svg` comes back as it was and a page parses it, as before.
 */
export function svgAsParsed(svg: string): { svg: string; asParsed: boolean } {
	const element = parseSvg(svg);
	if (!element) return { svg, asParsed: false };
	const once = written(element);
	const again = parseSvg(once);
	return again && written(again) === once ? { svg: once, asParsed: true } : { svg, asParsed: false };
}

/** An SVG written as `svgAsParsed` writes it, split into its start tag and what lies between that and its end tag. */
export function splitSvg(svg: string): { start: string; inner: string } | undefined {
	// The serializer quotes every attribute value with `"` and writes a `"` inside one as `&#x22;`.
	const start = /^<svg\b(?:[^>"]|"[^"]*")*>/.exec(svg)?.[0];
	if (start === undefined || !svg.endsWith('</svg>') || svg.length < start.length + '</svg>'.length) return undefined;
	return { start, inner: svg.slice(start.length, -'</svg>'.length) };
}
