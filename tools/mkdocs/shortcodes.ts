import { nameToEmoji } from 'gemoji';
import type { Nodes, Parents, PhrasingContent, Root, Text } from 'mdast';
import { attrListToken } from './attr-lists.ts';
import type { MkdocsInputs } from './settings.ts';
import { walkMdast } from '../../markdown/walk-mdast.ts';

const shortcode = /:([+\-\w]+):/g;
/** Python-Markdown's `attr_list` right after an inline element (`:material-clock:{ .lg .middle }`): classes for it, no text. */
const attributeList = /^\{:?[ ]*[^}\n ][^}\n]*\}/;
/** Icon sets of Material for MkDocs, by the prefix of their shortcodes. */
const iconName = /^(?:material|fontawesome|octicons|simple)-[\w-]+$/;

/** A shortcode no index knows, left as text. */
export interface UnknownShortcode {
	name: string;
	position: { line: number; column: number };
}

/**
 * `pymdownx.emoji` with Material's index: `:books:` becomes the emoji (GitHub's names, `gemoji`;
 * Material draws Twemoji's picture of the same character), and with icons `:octicons-link-16:` an
 * empty `<span data-icon>` that `rehype-mkdocs-icons.ts` fills with the icon's SVG once the page's
 * HTML is sanitised. Being empty, an icon adds nothing to a heading's id, as on MkDocs. Code is
 * never touched; with `attr_list`, a `{ .lg .middle }` right after an icon or emoji styles it on
 * MkDocs and is left out here. Returns the shortcodes left as text that look like one: an unknown
 * icon, or an unknown name standing alone between spaces or punctuation.
 */
export function replaceMkdocsShortcodes(
	tree: Root,
	inputs: Pick<MkdocsInputs, 'markdown' | 'icon'>,
): UnknownShortcode[] {
	const emoji = inputs.markdown.emoji;
	const unknown: UnknownShortcode[] = [];
	if (inputs.markdown.attrList) {
		applyInlineAttributeLists(tree);
		applyBlockAttributeLists(tree);
	}
	if (!emoji) return unknown;
	walkMdast(tree, (node) => {
		if (
			!('children' in node) ||
			!node.children.some((child) => child.type === 'text' && child.value.includes(':'))
		)
			return;
		mergeTexts(node);
		const children: PhrasingContent[] = [];
		let changed = false;
		for (const child of node.children as PhrasingContent[]) {
			if (child.type !== 'text') {
				children.push(child);
				continue;
			}
			const parts = splitText(
				child,
				{ icons: emoji.icons, attributeLists: inputs.markdown.attrList === true },
				inputs,
				unknown,
			);
			if (parts.length !== 1 || parts[0] !== child) changed = true;
			children.push(...parts);
		}
		if (changed) node.children = children;
	});
	return unknown;
}

function splitText(
	node: Text,
	options: { icons: boolean; attributeLists: boolean },
	inputs: Pick<MkdocsInputs, 'icon'>,
	unknown: UnknownShortcode[],
): PhrasingContent[] {
	const { icons } = options;
	const value = node.value;
	const parts: PhrasingContent[] = [];
	let at = 0;
	for (const match of value.matchAll(shortcode)) {
		if (match.index < at) continue;
		const name = match[1] ?? '';
		const char = nameToEmoji[name];
		const isIcon = icons && iconName.test(name);
		const svg = isIcon && !char ? inputs.icon(name) : undefined;
		if (!char && !svg) {
			const before = value[match.index - 1];
			const after = value[match.index + match[0].length];
			const standsAlone =
				(before === undefined || /[\s([{"'“]/.test(before)) &&
				(after === undefined || /[\s)\]}.,;!?"'”]/.test(after));
			if (isIcon || (iconName.test(name) === false && standsAlone && /[a-z]/i.test(name)))
				unknown.push({ name, position: offsetPosition(node, match.index) });
			continue;
		}
		if (match.index > at) parts.push({ type: 'text', value: value.slice(at, match.index) });
		parts.push(
			char
				? { type: 'text', value: char }
				: {
						type: 'text',
						value: '',
						data: { hName: 'span', hProperties: { className: ['wm-icon'], dataIcon: name } },
					},
		);
		at = match.index + match[0].length;
		if (options.attributeLists)
			at += attributeList.exec(value.slice(at, at + 200))?.[0].length ?? 0;
	}
	if (at === 0) return [node];
	if (at < value.length) parts.push({ type: 'text', value: value.slice(at) });
	return parts;
}

/**
 * Python-Markdown's `attr_list` right after an image or a link (`![](a.png){: style="width:70%" }`,
 * `[Docs](x.md){ .md-button }`): its classes and id go on the element, as on MkDocs; any other
 * attribute (a `style`, a `width`) is left out, since the site's sanitiser would drop it anyway;
 * the list itself is never text.
 */
function applyInlineAttributeLists(tree: Root): void {
	walkMdast(tree, (node) => {
		if (
			!('children' in node) ||
			!node.children.some((child) => child.type === 'image' || child.type === 'link')
		)
			return;
		// `{: style=…}` may come as several texts (a directive restored as text splits one).
		mergeTexts(node);
		const children = node.children as PhrasingContent[];
		for (const [i, child] of children.entries()) {
			const next = children[i + 1];
			if ((child.type !== 'image' && child.type !== 'link') || next?.type !== 'text') continue;
			const list = attributeList.exec(next.value)?.[0];
			if (!list) continue;
			next.value = next.value.slice(list.length);
			const { classes, id } = attributesOf(list);
			if (classes.length > 0 || id)
				child.data = {
					...child.data,
					hProperties: {
						...(child.data?.hProperties as object | undefined),
						...(classes.length > 0 && { className: classes }),
						...(id && { id }),
					},
				};
		}
	});
}

/**
 * Python-Markdown's `attr_list` on a block: a list alone on the block's last line
 * (`Protecting against path attacks\n{: .subtitle }`, `{: #security-note }` closing an
 * admonition's paragraph), read as its `BLOCK_RE` reads it. Its classes and id go on the paragraph,
 * as on MkDocs (a link to `#security-note` lands there); the list is never text.
 */
function applyBlockAttributeLists(tree: Root): void {
	walkMdast(tree, (node, parent) => {
		if (node.type !== 'paragraph') return;
		const children = node.children;
		const last = children.at(-1);
		if (last?.type !== 'text') return;
		// On a line of its own: after a line break in the text, or after a hard break.
		const lineStart = last.value.lastIndexOf('\n') + 1;
		if (lineStart === 0 && children.at(-2)?.type !== 'break') return;
		const list = blockAttributeList.exec(last.value.slice(lineStart).trim())?.[1];
		if (list === undefined) return;
		last.value = last.value.slice(0, Math.max(0, lineStart - 1));
		if (last.value === '') children.pop();
		if (lineStart === 0) children.pop();
		const { classes, id } = attributesOf(list);
		if (classes.length === 0 && !id) return;
		// A tight list item's paragraph is no element of its own on the page: its item takes them, as Python-Markdown's `li` does.
		const target = parent?.type === 'listItem' && !parent.spread ? parent : node;
		target.data = {
			...target.data,
			hProperties: {
				...(target.data?.hProperties as object | undefined),
				...(classes.length > 0 && { className: classes }),
				...(id && { id }),
			},
		};
	});
}

/** `BLOCK_RE` of Python-Markdown's `attr_list`, on the block's last line, trimmed: one `}` at its end and none before. */
const blockAttributeList = /^\{:?[ ]*([^}\n ][^}\n]*)\}$/;

/** The classes and id an attribute list sets (`.a .b #c`); other attributes are left out, as the sanitiser would drop them. */
function attributesOf(list: string): { classes: string[]; id: string | undefined } {
	// As Python-Markdown's `get_attrs` reads a word: `#` and `.` take everything up to a space, `=` or `}`
	// (mkdocstrings' ids are dotted paths: `#netbox.views.generic.ObjectView`).
	const classes: string[] = [];
	let id: string | undefined;
	for (const [token] of list.replace(/^\{:?/, '').matchAll(attrListToken)) {
		if (token.startsWith('#') && token.length > 1) id = token.slice(1);
		else if (token.startsWith('.') && token.length > 1) classes.push(token.slice(1));
		else if (token.startsWith('id=')) id = token.slice(3).replace(/^(["'])(.*)\1$/, '$2') || id;
	}
	return { classes, id };
}

/** The ids `attr_list` set on the page's elements, anchors a link may name. */
export function attributeListIds(tree: Root): string[] {
	const ids: string[] = [];
	walkMdast(tree, (node) => {
		const id = (node.data as { hProperties?: { id?: unknown } } | undefined)?.hProperties?.id;
		if (typeof id === 'string') ids.push(id);
	});
	return ids;
}

/** Adjacent text nodes as one (a shortcode restored from a directive is split over two). */
function mergeTexts(parent: Parents): void {
	const merged: Nodes[] = [];
	for (const child of parent.children as Nodes[]) {
		const last = merged.at(-1);
		if (child.type === 'text' && last?.type === 'text') {
			last.value += child.value;
			if (last.position && child.position)
				last.position = { start: last.position.start, end: child.position.end };
		} else merged.push(child);
	}
	parent.children = merged as never;
}

/** Where `offset` of a text node's value is, when the value runs on one line from its start. */
function offsetPosition(node: Text, offset: number): UnknownShortcode['position'] {
	const start = node.position?.start ?? { line: 1, column: 1 };
	const before = node.value.slice(0, offset);
	const lines = before.split('\n');
	return lines.length === 1
		? { line: start.line, column: start.column + offset }
		: { line: start.line + lines.length - 1, column: (lines.at(-1)?.length ?? 0) + 1 };
}
