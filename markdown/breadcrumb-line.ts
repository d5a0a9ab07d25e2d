import type { Paragraph, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { sourceLink, type HeaderLink } from './header-block.ts';

/**
 * A hand-written breadcrumb line, as forge-rendered trees carry on their first line:
 *
 *     [vibe](../../README.md) > [Guidebooks](../README.md) > **Operations**
 *
 * Waymark draws its own trail from the folder tree, so the site drops this paragraph and the
 * checks compare its links with the tree.
 */
export interface BreadcrumbLine {
	links: HeaderLink[];
	/** The last, unlinked item (`Operations`), when there is one. */
	current?: string;
	node: Paragraph;
}

const separator = /^\s*(?:>|›|»|\/|\||→|::)\s*$/;

/** The breadcrumb line when it is the page's first block, else `undefined`. */
export function findBreadcrumbLine(tree: Root): BreadcrumbLine | undefined {
	const first = tree.children.find((node) => node.type !== 'yaml' && node.type !== 'html');
	if (first?.type !== 'paragraph') return undefined;
	const links: BreadcrumbLine['links'] = [];
	let separators = 0;
	let current: string | undefined;
	for (const child of first.children) {
		if (child.type === 'link') {
			if (current !== undefined) return undefined;
			links.push(sourceLink(child));
		} else if (child.type === 'text' && separator.test(child.value)) separators++;
		else if (
			(child.type === 'strong' || child.type === 'emphasis' || child.type === 'text') &&
			current === undefined
		) {
			current = toString(child).trim();
			if (current === '') current = undefined;
		} else return undefined;
	}
	if (links.length === 0 || separators === 0 || separators < links.length - 1) return undefined;
	return { links, ...(current !== undefined && { current }), node: first };
}
