import type { Blockquote, Link, Paragraph, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { pageStatuses, type PageStatus } from './frontmatter.ts';
import { walkMdast } from './walk-mdast.ts';

/**
 * The forge-style page header: a blockquote near the top whose lines read `**Key:** value`, e.g.
 *
 *     > **Status:** ✅ Active
 *     > **Last Updated:** 2026-06-23
 *     > **Owner:** Platform team
 *     > **Reviewed:** 2026-09-30
 *     > **Upstream:** [ERP hub](README.md) · [Deployment](deployment.md)
 *
 * Pure mdast in, metadata out; the site's remark plugin removes the node, the checks read it.
 */
export interface HeaderLink {
	text: string;
	url: string;
	/** 1-based position of the link in the Markdown source, when known. */
	line?: number;
	column?: number;
}

export interface HeaderBlock {
	status?: PageStatus;
	/** The status text as written (`✅ Active`), kept for display. */
	statusLabel?: string;
	lastUpdated?: string;
	owner?: string;
	/** The `Reviewed` date as written (`2026-09-30`); `header-block` reports one that is not a date. */
	reviewed?: string;
	upstream: HeaderLink[];
	downstream: HeaderLink[];
	related: HeaderLink[];
	/** Other `**Key:** value` lines, by key as written. */
	extra: Record<string, string>;
	/** The blockquote itself, so callers can remove it or point at its line. */
	node: Blockquote;
}

/** Keys that make a blockquote of `**Key:**` lines a header block. */
const blockKeys = new Set(['status', 'lastupdated', 'reviewed']);

const relationKeys = {
	upstream: 'upstream',
	downstream: 'downstream',
	related: 'related',
} as const;

/**
 * Finds the header block among the first few top-level nodes (after an optional breadcrumb line
 * and H1). Returns `undefined` when the page has none. A blockquote counts only when every line is
 * a `**Key:**` line and a `Status`, `Last Updated` or `Reviewed` key is among them, so ordinary quotes and
 * GitHub alerts (`> [!NOTE]`) are never taken for one.
 */
export function findHeaderBlock(tree: Root): HeaderBlock | undefined {
	for (const node of tree.children.slice(0, 6)) {
		if (node.type !== 'blockquote') continue;
		const parsed = parseHeaderBlock(node);
		if (parsed) return parsed;
	}
	return undefined;
}

function parseHeaderBlock(node: Blockquote): HeaderBlock | undefined {
	const fields = new Map<string, PhrasingContent[]>();
	for (const child of node.children) {
		if (child.type !== 'paragraph') return undefined;
		const lines = splitFields(child);
		if (!lines) return undefined;
		for (const [key, value] of lines) fields.set(key, value);
	}
	const keys = [...fields.keys()].map(normaliseKey);
	if (!keys.some((key) => blockKeys.has(key))) return undefined;

	const block: HeaderBlock = { upstream: [], downstream: [], related: [], extra: {}, node };
	for (const [rawKey, value] of fields) {
		const key = normaliseKey(rawKey);
		const text = toString({ type: 'paragraph', children: value } satisfies Paragraph).trim();
		if (key === 'status') {
			block.statusLabel = text;
			const status = statusFromLabel(text);
			if (status) block.status = status;
		} else if (key === 'lastupdated') block.lastUpdated = text;
		else if (key === 'owner') block.owner = text;
		else if (key === 'reviewed') block.reviewed = text;
		else if (key in relationKeys)
			block[relationKeys[key as keyof typeof relationKeys]] = linksIn(value);
		else block.extra[rawKey] = text;
	}
	return block;
}

/** `✅ Active` → `active`; `Living Document` → undefined (shown as written, not as a status). */
function statusFromLabel(label: string): PageStatus | undefined {
	const lower = label.toLowerCase();
	return pageStatuses.find((status) => new RegExp(`\\b${status}\\b`).test(lower));
}

function normaliseKey(key: string): string {
	return key.toLowerCase().replace(/[^a-z]/g, '');
}

/** Splits `**Key:** value **Key2:** value` into pairs; undefined when text precedes the first key. */
function splitFields(paragraph: Paragraph): Array<[string, PhrasingContent[]]> | undefined {
	const pairs: Array<[string, PhrasingContent[]]> = [];
	for (const child of paragraph.children) {
		const key = child.type === 'strong' ? toString(child).trim() : undefined;
		if (key?.endsWith(':')) {
			pairs.push([key.slice(0, -1).trim(), []]);
			continue;
		}
		const current = pairs.at(-1);
		if (!current) {
			if (child.type === 'text' && child.value.trim() === '') continue;
			return undefined;
		}
		current[1].push(child);
	}
	return pairs.length > 0 ? pairs : undefined;
}

function linksIn(nodes: PhrasingContent[]): HeaderLink[] {
	return nodes.filter((node): node is Link => node.type === 'link').map(sourceLink);
}

/** A Markdown link as its text, its URL as written and where it starts. */
export function sourceLink(link: Link): HeaderLink {
	return {
		text: toString(link),
		url: link.url,
		...(link.position && { line: link.position.start.line, column: link.position.start.column }),
	};
}

/**
 * A header block as a page's facts keep it: its values, where it starts and where each of its
 * `**Key:**` stands (keys normalised: `lastupdated`), without the blockquote's syntax tree.
 */
export interface HeaderBlockFacts extends Omit<HeaderBlock, 'node'> {
	at: { line: number; column: number };
	keys: Record<string, { line: number; column: number }>;
}

export function headerBlockFacts(block: HeaderBlock): HeaderBlockFacts {
	const { node, ...values } = block;
	const keys: HeaderBlockFacts['keys'] = {};
	walkMdast(node, (child) => {
		if (child.type !== 'strong') return;
		const key = normaliseKey(toString(child));
		if (child.position && !Object.hasOwn(keys, key))
			keys[key] = { line: child.position.start.line, column: child.position.start.column };
	});
	return {
		...values,
		at: { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 },
		keys,
	};
}

/** 1-based line and column of a header block's `**Key:**` (`key` normalised: `lastupdated`), else of the block. */
export function headerKeyPosition(
	block: HeaderBlockFacts,
	key: string,
): { line: number; column: number } {
	return Object.hasOwn(block.keys, key)
		? (block.keys[key] as { line: number; column: number })
		: block.at;
}
