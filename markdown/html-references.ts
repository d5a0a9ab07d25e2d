import type { Element } from 'hast';
import type { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

/**
 * What HTML links to and what it offers as a fragment target, read by a real HTML parser, never by
 * pattern matching. One vocabulary, two parsers:
 *
 * - raw HTML inside Markdown goes through hast (parse5, the parser the site itself renders that
 *   HTML with), with exact source offsets, so findings point at the URL and the site can rewrite it;
 * - built pages and HTTP response bodies go through htmlparser2 (`html-reader.ts`), a streaming
 *   tokenizer that builds no DOM: a body is read chunk by chunk and dropped as soon as the wanted
 *   ids are seen. It is also the parser linkinator crawls `check --site` with, so both read a built
 *   page the same way.
 *
 * A fragment `#x` lands on an element with `id="x"` or on an `<a name="x">` (HTML's "indicated
 * part of the document"); `name` on anything else and look-alikes such as `data-id` do not count.
 */

/** Which elements hold a URL in which attribute (HTML and SVG), lower-case. */
const urlAttributes: Record<string, ReadonlySet<string>> = {
	href: new Set(['a', 'area', 'link', 'base', 'image', 'use']),
	'xlink:href': new Set(['a', 'image', 'use']),
	src: new Set([
		'img',
		'script',
		'iframe',
		'frame',
		'audio',
		'video',
		'source',
		'track',
		'embed',
		'input',
	]),
	srcset: new Set(['img', 'source']),
	imagesrcset: new Set(['link']),
	poster: new Set(['video']),
	cite: new Set(['blockquote', 'q', 'del', 'ins']),
	action: new Set(['form']),
	formaction: new Set(['button', 'input']),
	data: new Set(['object']),
};

/** hast property names (camel-cased by hast) → the attribute they come from. */
const hastProperties: Record<string, string> = {
	href: 'href',
	xLinkHref: 'xlink:href',
	src: 'src',
	srcSet: 'srcset',
	imageSrcSet: 'imagesrcset',
	poster: 'poster',
	cite: 'cite',
	action: 'action',
	formAction: 'formaction',
	data: 'data',
};

/** True when `attribute` of `tag` holds a URL (or, for `srcset`, a list of them). */
export function isUrlAttribute(tag: string, attribute: string): boolean {
	return urlAttributes[attribute]?.has(tag) ?? false;
}

/** True when `attribute` of `tag` names a fragment target: any `id`, and `name` on `<a>`. */
export function isAnchorAttribute(tag: string, attribute: string): boolean {
	return attribute === 'id' || (attribute === 'name' && tag === 'a');
}

/** The URLs of one attribute value, with their index in it: one for `href`, every candidate for `srcset`. */
export function urlsInAttribute(
	attribute: string,
	value: string,
): Array<{ url: string; at: number }> {
	if (attribute === 'srcset' || attribute === 'imagesrcset') return parseSrcset(value);
	const lead = value.length - value.trimStart().length;
	const url = value.trim();
	return url ? [{ url, at: lead }] : [];
}

const isSpace = (c: string | undefined) =>
	c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';

/**
 * The image candidates of a `srcset`, following HTML's "parse a srcset attribute": a URL runs to
 * the next white space (trailing commas end the candidate), descriptors run to a comma outside
 * parentheses. So `a,b.png 1x` is one URL and `data:image/png;base64,…` survives its comma.
 */
export function parseSrcset(value: string): Array<{ url: string; at: number }> {
	const out: Array<{ url: string; at: number }> = [];
	let i = 0;
	while (i < value.length) {
		while (i < value.length && (isSpace(value[i]) || value[i] === ',')) i++;
		if (i >= value.length) break;
		const start = i;
		while (i < value.length && !isSpace(value[i])) i++;
		let url = value.slice(start, i);
		const trimmed = url.replace(/,+$/, '');
		if (trimmed !== url) {
			url = trimmed;
		} else {
			let depth = 0;
			for (; i < value.length; i++) {
				const c = value[i];
				if (c === '(') depth++;
				else if (c === ')') depth = Math.max(0, depth - 1);
				else if (c === ',' && depth === 0) break;
			}
		}
		if (url) out.push({ url, at: start });
	}
	return out;
}

/** One URL-holding attribute of raw HTML, with where its value sits in the source. */
interface HtmlUrlAttribute {
	tag: string;
	attribute: string;
	/** The value as the browser reads it (character references decoded). */
	value: string;
	/** Source offset of the attribute's name. */
	attributeStart: number;
	/** Source span of the value, without quotes: `html.slice(valueStart, valueEnd)`. */
	valueStart: number;
	valueEnd: number;
	/** `at` is an index into `value`; `valueStart + at` is the URL's offset in the source when no character reference precedes it. */
	urls: Array<{ url: string; at: number }>;
}

export interface RawHtmlReferences {
	/** Fragment targets with the source offset of their attribute. */
	anchors: Array<{ id: string; offset: number }>;
	links: HtmlUrlAttribute[];
}

/**
 * Anchors and URLs of a piece of raw HTML from a Markdown page (a fragment: unclosed tags are
 * fine). `parse` is `hast-util-from-html`'s `fromHtml`, passed in so that a caller that rarely
 * meets such HTML (the checks) loads parse5 only when it does.
 */
export function readRawHtml(html: string, parse: typeof fromHtml): RawHtmlReferences {
	const found: RawHtmlReferences = { anchors: [], links: [] };
	// Most raw HTML in runbooks is `<br>`, `<details>` or `<kbd>`: nothing to parse for.
	if (!html.includes('=')) return found;
	const tree = parse(html, { fragment: true, verbose: true });
	visit(tree, 'element', (element: Element) => {
		const spans =
			(
				element.data as
					| {
							position?: {
								properties?: Record<
									string,
									{ start: { offset?: number }; end: { offset?: number } } | undefined
								>;
							};
					  }
					| undefined
			)?.position?.properties ?? {};
		for (const [property, raw] of Object.entries(element.properties)) {
			const span = spans[property];
			const start = span?.start.offset;
			const end = span?.end.offset;
			if (start === undefined || end === undefined) continue;
			const attribute =
				property === 'id' || property === 'name' ? property : hastProperties[property];
			if (!attribute) continue;
			const value = Array.isArray(raw) ? raw.join(' ') : String(raw);
			if (isAnchorAttribute(element.tagName, attribute)) {
				if (value) found.anchors.push({ id: value, offset: start });
				continue;
			}
			if (!isUrlAttribute(element.tagName, attribute)) continue;
			const { valueStart, valueEnd } = valueSpan(html, start, end);
			const urls = urlsInAttribute(attribute, value);
			if (urls.length > 0)
				found.links.push({
					tag: element.tagName,
					attribute,
					value,
					attributeStart: start,
					valueStart,
					valueEnd,
					urls,
				});
		}
	});
	return found;
}

/** The value's span inside an attribute's span (`name = "value"` → `value`). */
function valueSpan(
	html: string,
	start: number,
	end: number,
): { valueStart: number; valueEnd: number } {
	let i = html.indexOf('=', start);
	if (i === -1 || i >= end) return { valueStart: end, valueEnd: end };
	i++;
	while (i < end && isSpace(html[i])) i++;
	const quote = html[i];
	if (quote === '"' || quote === "'")
		return { valueStart: i + 1, valueEnd: Math.max(i + 1, end - 1) };
	return { valueStart: i, valueEnd: end };
}
