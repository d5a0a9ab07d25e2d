import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

// A drawing kept as a page writes it (README.md, "svg-as-parsed"): parsed once when drawn, and
// carried by a page as text.

/** The first `<svg>` element of `html`, parsed as a page's HTML parser does (a fragment in flow content). */
export function parseSvg(html: string): Element | undefined {
	return fromHtml(html, { fragment: true }).children.find(
		(child): child is Element => child.type === 'element' && child.tagName === 'svg',
	);
}

/** An element as `rehype-stringify` writes it in a page (Astro's options). */
function written(element: Element): string {
	return toHtml(element, { allowDangerousHtml: true });
}

/**
 * `svg` as a page writes it, and whether a page may carry that text as it is (`asParsed`): when
 * writing its parse again changes nothing, and the page's later steps would leave its elements
 * alone. Otherwise `svg` comes back as it was and a page parses it, as before.
 */
export function svgAsParsed(svg: string): { svg: string; asParsed: boolean } {
	const element = parseSvg(svg);
	if (!element) return { svg, asParsed: false };
	const once = written(element);
	const again = parseSvg(once);
	return again && written(again) === once && leftAlone(element.children, false)
		? { svg: once, asParsed: true }
		: { svg, asParsed: false };
}

/**
 * HTML a label may hold and no later step of a page changes: mermaid's HTML labels are text,
 * line breaks, bold and italic in `div`, `span` and `p`.
 */
const labelHtml = new Set([
	'div',
	'span',
	'p',
	'br',
	'b',
	'strong',
	'i',
	'em',
	'u',
	's',
	'sub',
	'sup',
	'small',
	'mark',
	'del',
	'ins',
]);

/**
 * Elements a page's steps after the diagrams act on by name, in any namespace: tables
 * (rehype-tables), code blocks (copy buttons, placeholders), callouts, images, headings (the page's
 * outline), and those after whose start tag the HTML parser drops a newline.
 */
const actedOn = /^(?:table|pre|code|listing|textarea|blockquote|img|h[1-6])$/;

/** Whether every element below is one the page's later steps leave alone (`html`: inside a `foreignObject`). */
function leftAlone(children: readonly ElementContent[], html: boolean): boolean {
	return children.every((child) => {
		if (child.type !== 'element') return true;
		if (
			actedOn.test(child.tagName) ||
			(html && child.tagName !== 'svg' && !labelHtml.has(child.tagName))
		)
			return false;
		return leftAlone(
			child.children,
			child.tagName === 'foreignObject' || (html && child.tagName !== 'svg'),
		);
	});
}

/** An SVG written as `svgAsParsed` writes it, split into its start tag and what lies between that and its end tag. */
export function splitSvg(svg: string): { start: string; inner: string } | undefined {
	// The serializer quotes every attribute value with `"` and writes a `"` inside one as `&#x22;`.
	const start = /^<svg\b(?:[^>"]|"[^"]*")*>/.exec(svg)?.[0];
	if (start === undefined || !svg.endsWith('</svg>') || svg.length < start.length + '</svg>'.length)
		return undefined;
	return { start, inner: svg.slice(start.length, -'</svg>'.length) };
}
