import type { Element, ElementContent, Root, RootContent, Text } from 'hast';

/**
 * A unit of a rendered page that a reader sees as one piece: a paragraph, a heading, a list item,
 * a table row (with its cells), one line of a code block, or a diagram (compared whole).
 */
export interface Block {
	/** Blocks pair up only with blocks of the same kind. */
	kind: 'heading' | 'p' | 'li' | 'dt' | 'dd' | 'div' | 'row' | 'line' | 'diagram';
	/** Equal keys mean "unchanged": kind, heading level and the text with whitespace collapsed (a tab between cells). */
	key: string;
	node: Element;
	parent: Element | Root;
	/** The root child the block sits in; a removed block whose whole top-level element is gone is shown with it. */
	top: RootContent;
	/** For rows: the cells, in order. */
	cells?: Element[];
}

/** Elements whose subtree is another block (or a container of blocks), never part of a block's own text. */
const nestedBlockTags = new Set([
	'p',
	'ul',
	'ol',
	'pre',
	'table',
	'blockquote',
	'div',
	'figure',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'dl',
	'details',
	'section',
	'aside',
	'hr',
	'li',
	'svg',
	'button',
	'script',
	'style',
]);

const textBlockTags: Record<string, Block['kind']> = {
	p: 'p',
	li: 'li',
	dt: 'dt',
	dd: 'dd',
	div: 'div',
	summary: 'p',
	figcaption: 'p',
};

/** True for a rendered diagram or a diagram's source block; those are compared whole and shown before/after. */
function isDiagram(node: Element): boolean {
	// Icons (callout titles, buttons) are decoration, not diagrams.
	if (node.tagName === 'svg')
		return node.properties.ariaHidden !== 'true' && !classList(node).some((c) => /icon/i.test(c));
	const classes = classList(node).join(' ');
	if (/mermaid|diagram/i.test(classes)) return true;
	if (node.tagName === 'pre' && String(node.properties.dataLanguage ?? '') === 'mermaid')
		return true;
	if (node.tagName === 'pre' || node.tagName === 'figure') {
		return node.children.some(
			(child) =>
				child.type === 'element' &&
				(child.tagName === 'svg' || classList(child).some((c) => /language-mermaid/.test(c))),
		);
	}
	return false;
}

export function classList(node: Element): string[] {
	const value: unknown = node.properties.className;
	return Array.isArray(value)
		? value.map(String)
		: typeof value === 'string'
			? value.split(/\s+/)
			: [];
}

/** Every block of a rendered fragment, in reading order. Code blocks without line spans get them. */
export function collectBlocks(root: Root): Block[] {
	const blocks: Block[] = [];
	for (const top of root.children) if (top.type === 'element') visit(top, root, top, blocks);
	return blocks;
}

function visit(node: Element, parent: Element | Root, top: RootContent, blocks: Block[]): void {
	if (isDiagram(node)) {
		blocks.push({ kind: 'diagram', key: `diagram:${normalise(textOf(node))}`, node, parent, top });
		return;
	}
	if (/^h[1-6]$/.test(node.tagName)) {
		blocks.push({
			kind: 'heading',
			key: `${node.tagName}:${normalise(ownText(node))}`,
			node,
			parent,
			top,
		});
		return;
	}
	if (node.tagName === 'tr') {
		const cells = node.children.filter(
			(c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'),
		);
		blocks.push({
			kind: 'row',
			key: `row:${cells.map((c) => normalise(textOf(c))).join('\t')}`,
			node,
			parent,
			top,
			cells,
		});
		return;
	}
	if (node.tagName === 'pre') {
		for (const line of codeLines(node))
			blocks.push({
				kind: 'line',
				key: `line:${textOf(line.node)}`,
				node: line.node,
				parent: line.parent,
				top,
			});
		return;
	}
	const kind = textBlockTags[node.tagName];
	if (kind) {
		const text = normalise(ownText(node));
		if (text !== '') blocks.push({ kind, key: `${kind}:${text}`, node, parent, top });
		// Paragraph-like blocks hold only inline content; list items and divs may hold more blocks.
		if (kind === 'p') return;
	}
	for (const child of node.children) if (child.type === 'element') visit(child, node, top, blocks);
}

/** The line elements of a code block: Shiki's `span.line`, else lines split out of the plain text. */
function codeLines(pre: Element): Array<{ node: Element; parent: Element }> {
	const code =
		pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code') ?? pre;
	const spans = code.children.filter(
		(c): c is Element => c.type === 'element' && classList(c).includes('line'),
	);
	if (spans.length > 0) return spans.map((node) => ({ node, parent: code }));
	const lines = textOf(code).replace(/\n$/, '').split('\n');
	const children: ElementContent[] = [];
	const result: Array<{ node: Element; parent: Element }> = [];
	lines.forEach((line, i) => {
		const node: Element = {
			type: 'element',
			tagName: 'span',
			properties: { className: ['line'] },
			children: [{ type: 'text', value: line }],
		};
		if (i > 0) children.push({ type: 'text', value: '\n' });
		children.push(node);
		result.push({ node, parent: code });
	});
	code.children = children;
	return result;
}

/** Text nodes that belong to the block itself, in order (not those of nested lists, paragraphs, code). */
export function ownTextNodes(node: Element): Array<{ text: Text; parent: Element }> {
	const found: Array<{ text: Text; parent: Element }> = [];
	for (const child of node.children) {
		if (child.type === 'text') found.push({ text: child, parent: node });
		else if (child.type === 'element' && !nestedBlockTags.has(child.tagName))
			found.push(...ownTextNodes(child));
	}
	return found;
}

export function ownText(node: Element): string {
	return ownTextNodes(node)
		.map((t) => t.text.value)
		.join('');
}

export function textOf(node: Element | Root): string {
	return node.children
		.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? textOf(c) : ''))
		.join('');
}

export function normalise(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}
