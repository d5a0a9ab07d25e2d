import type { Heading } from 'mdast';
import { headingText, splitExplicitId } from '../../markdown/anchors.ts';
import type { HeadingSlugger } from '../../markdown/site-tool.ts';
import {
	defaultTypographer,
	goldmarkHeadingText,
	splitGoldmarkAttributes,
	type TypographerSubstitutions,
} from './goldmark-heading-text.ts';
import { blackfridayAnchorName, goldmarkAnchorName, type GoldmarkIdType } from './anchor-names.ts';

/**
 * How a Hugo site's renderer spells heading ids, read from its config (`site.ts`): Goldmark's
 * (its `autoIDType`) or Blackfriday's (Hugo before 0.100). Used by the checks (`tree/parse-page.ts`)
 * and the site (`markdown/remark-heading-ids.ts`) alike, so both give every heading the same id.
 */
export type HugoHeadingIds =
	| {
			kind: 'goldmark';
			/** `markup.goldmark.parser.autoIDType` (`autoHeadingIDType` before Hugo 0.144). */
			type: GoldmarkIdType;
			/** `markup.goldmark.extensions.typographer`; absent when disabled. */
			typographer?: TypographerSubstitutions;
			/** `markup.goldmark.parser.attribute.title`: a trailing `{#id .class}` sets the id. */
			attributes: boolean;
	  }
	| {
			kind: 'blackfriday';
			/** Without `plainIDAnchors`: each page's `:` and document id (an MD5 of its path), which Blackfriday appends to every id, by path. */
			documentIds?: Readonly<Record<string, string>>;
	  };

/** Hugo's renderer when its config says nothing else: Goldmark, GitHub's ids, the typographer on, attributes read. */
export const defaultHugoHeadingIds: HugoHeadingIds = {
	kind: 'goldmark',
	type: 'github',
	typographer: defaultTypographer,
	attributes: true,
};

/** One per page: `next()` for each heading in document order. `source` is the page's Markdown as parsed. */
export function createHugoHeadingSlugger(
	style: HugoHeadingIds,
	page: { source: string; path: string },
): HeadingSlugger {
	return style.kind === 'goldmark'
		? goldmarkSlugger(style, page.source)
		: blackfridaySlugger(page.source, style.documentIds?.[page.path] ?? '');
}

/** A heading's text without the syntax that set its id: Goldmark's attribute list where the site reads them, else `{#id}`. */
export function hugoHeadingText(style: HugoHeadingIds, text: string): string {
	return style.kind === 'goldmark' && style.attributes
		? splitGoldmarkAttributes(text).text
		: splitExplicitId(text).text;
}

/** Hugo with Goldmark: ids in document order, an explicit id taken as written and counted, duplicates `-1`, `-2`, an empty one `heading` (`idFactory`). */
function goldmarkSlugger(
	style: Extract<HugoHeadingIds, { kind: 'goldmark' }>,
	source: string,
): HeadingSlugger {
	const taken = new Set<string>();
	return {
		next(heading) {
			const last = heading.children.at(-1);
			const attributes =
				style.attributes && last?.type === 'text' ? splitGoldmarkAttributes(last.value) : undefined;
			const text = attributes
				? splitGoldmarkAttributes(headingText(heading)).text
				: headingText(heading);
			if (attributes?.id !== undefined) {
				taken.add(attributes.id);
				return { id: attributes.id, text };
			}
			const children =
				attributes && last
					? [...heading.children.slice(0, -1), { ...last, value: attributes.text }]
					: heading.children;
			const plain = goldmarkHeadingText(
				{ ...heading, children },
				{ ...(style.typographer && { typographer: style.typographer }), source },
			);
			let id = goldmarkAnchorName(plain, style.type) || 'heading';
			if (taken.has(id)) {
				let n = 1;
				while (taken.has(`${id}-${n}`)) n++;
				id = `${id}-${n}`;
			}
			taken.add(id);
			return { id, text };
		},
	};
}

/**
 * Blackfriday (Hugo before 0.100): the id is made from the heading's Markdown as written (`## Use
 * [x](y)` → `use-x-y`), or taken from a `{#id}`; duplicates numbered by `ensureUniqueHeaderID`;
 * then the page's document id appended (`:5d41…`) unless the site sets `plainIDAnchors`.
 */
function blackfridaySlugger(source: string, suffix: string): HeadingSlugger {
	const lines = source.split('\n');
	const counts = new Map<string, number>();
	const unique = (wanted: string): string => {
		let id = wanted;
		for (let count = counts.get(id); count !== undefined; count = counts.get(id)) {
			const next = `${id}-${count + 1}`;
			if (counts.has(next)) id = `${id}-1`;
			else {
				counts.set(id, count + 1);
				id = next;
			}
		}
		if (!counts.has(id)) counts.set(id, 0);
		return id;
	};
	return {
		next(heading) {
			const { text, id: explicit } = blackfridayHeadingSource(heading, lines);
			const shown = splitExplicitId(headingText(heading)).text;
			const wanted = explicit ?? blackfridayAnchorName(text);
			return { id: wanted === '' ? '' : `${unique(wanted)}${suffix}`, text: shown };
		},
	};
}

/** The Markdown of a heading as Blackfriday reads it for the id: an ATX line without its `#` marks, or a setext heading's last line. */
function blackfridayHeadingSource(
	heading: Heading,
	lines: string[],
): { text: string; id?: string } {
	const start = heading.position?.start;
	const end = heading.position?.end;
	if (!start || !end) return { text: headingText(heading) };
	const first = lines[start.line - 1] ?? '';
	if (start.line === end.line) {
		let text = first.slice(start.column - 1, end.column - 1).replace(/^#{1,6} */, '');
		let id: string | undefined;
		const open = text.indexOf('{#');
		const close = open === -1 ? -1 : text.indexOf('}', open);
		if (close !== -1) {
			id = text.slice(open + 2, close);
			text = text.slice(0, open);
		}
		text = text
			.replace(/ +$/, '')
			.replace(/(?<!\\)#+$/, '')
			.replace(/ +$/, '');
		return { text, ...(id !== undefined && { id }) };
	}
	// Setext: the line above the underline, inside whatever container holds it.
	return { text: (lines[end.line - 2] ?? '').replace(/^(?:\s*>)*/, '').trim() };
}
