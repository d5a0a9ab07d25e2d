import type { Literal, RootContent } from 'hast';

/**
 * Raw HTML that is already written as the site's HTML serializer writes its parse
 * (`hast-util-to-html` after `hast-util-from-html`, in the place it stands): a drawn diagram's
 * SVG (`diagrams/svg-as-parsed.ts`). A processor that takes such text as it is skips the parse5
 * round trip of a page for it, and its serialization still gives the bytes the round trip would.
 */
export interface RawAsParsed extends Literal {
	type: 'raw';
	data: { asParsed: true };
}

/**
 * Set to `true` in a VFile's `data` by a processor that writes `RawAsParsed` nodes as they are
 * and re-parses a page only for its other raw HTML (`site-processor.ts`). Elsewhere (MDX drops
 * raw nodes; Astro's own renderer re-parses every page) a plugin builds elements instead.
 */
export const takesRawAsParsed = 'waymarkTakesRawAsParsed';

/** `value`, which is written as parsed where it will stand, as a node a page carries as it is. */
export function rawAsParsed(value: string): RawAsParsed {
	return { type: 'raw', value, data: { asParsed: true } };
}

/** Whether `node` is text written as parsed (`rawAsParsed`), which needs no re-parse of its page. */
export function isRawAsParsed(node: RootContent): node is RawAsParsed {
	return (
		node.type === 'raw' && (node.data as { asParsed?: unknown } | undefined)?.asParsed === true
	);
}
