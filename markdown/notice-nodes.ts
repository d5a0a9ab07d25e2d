import type { Element, ElementContent } from 'hast';
import type { BlockContent, Emphasis, PhrasingContent } from 'mdast';

/**
 * What a page shows where a part of it is broken: the part's place is kept, it says what is wrong
 * in words a screen reader reads, and it is styled as a notice (`site.css`, `.wm-…`). Search leaves
 * a notice's text out (`data-pagefind-ignore`).
 */

/** `text` as HTML, its backtick spans as `<code>`. */
export function withCode(text: string): ElementContent[] {
	return text
		.split('`')
		.map((part, i) =>
			i % 2 === 1
				? element('code', {}, [{ type: 'text', value: part }])
				: { type: 'text', value: part },
		);
}

export function element(
	tagName: string,
	properties: Element['properties'],
	children: ElementContent[],
): Element {
	return { type: 'element', tagName, properties, children };
}

/** Why an image is not shown: not found, not a picture the bundler reads, or never published (outside the repository, or the tree under review). */
type ImagePlaceholderKind = 'missing' | 'unreadable' | 'outside';

const placeholderLeads: Record<ImagePlaceholderKind, string> = {
	missing: 'Image not found',
	unreadable: 'Image cannot be shown',
	outside: 'Image not published',
};

/** An inline box read as one image ("Image not found: x.png (alt)"), styled by `.wm-image-missing`. */
export function imagePlaceholderElement(
	url: string,
	alt: string,
	kind: ImagePlaceholderKind,
): Element {
	const lead = placeholderLeads[kind];
	const label = `${lead}: ${url}`;
	return element(
		'span',
		{ className: ['wm-image-missing'], role: 'img', ariaLabel: alt ? `${label} (${alt})` : label },
		[
			{ type: 'text', value: `${lead}: ` },
			element('code', {}, [{ type: 'text', value: url }]),
			...(alt ? [{ type: 'text' as const, value: ` (${alt})` }] : []),
		],
	);
}

/** `imagePlaceholderElement` in place of a Markdown image, before Astro's image step sees it. */
export function imagePlaceholder(url: string, alt: string, kind: ImagePlaceholderKind): Emphasis {
	const { tagName, properties, children } = imagePlaceholderElement(url, alt, kind);
	return {
		type: 'emphasis',
		data: { hName: tagName, hProperties: properties, hChildren: children },
		children: [],
	};
}

/**
 * A sentence saying what a page does not show here and why, as a paragraph or, inside text, a
 * span (`.wm-mdx-notice`): `parts` are text (its backtick spans shown as code) and code as is.
 */
export function noticeNode(
	parts: Array<string | { code: string }>,
	flow: boolean,
): BlockContent | PhrasingContent {
	const children = parts.flatMap((part): PhrasingContent[] =>
		typeof part === 'string'
			? part
					.split('`')
					.map((text, i) =>
						i % 2 === 1 ? { type: 'inlineCode', value: text } : { type: 'text', value: text },
					)
			: [{ type: 'inlineCode', value: part.code }],
	);
	const data = {
		hName: flow ? 'p' : 'span',
		hProperties: { className: ['wm-mdx-notice'], role: 'note', dataPagefindIgnore: true },
	};
	return flow ? { type: 'paragraph', data, children } : { type: 'emphasis', data, children };
}
