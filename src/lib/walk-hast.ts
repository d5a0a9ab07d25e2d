import type { Element, Root, RootContent } from 'hast';

type Enter<N> = (node: N, parent: Root | Element | undefined, index: number | undefined) => 'skip' | void;

/**
 * Calls `enter` on every node of a hast tree in document order, with its parent and its index
 * there: what `unist-util-visit` does, as a plain loop (see `walk-mdast.ts` for why; the site's
 * rehype plugins each walk every page). `enter` may replace the node at `parent.children[index]`
 * and return `'skip'` to go on with the next sibling; `'skip'` alone leaves a node's children
 * unvisited. Without `'skip'` the walk enters the children of the node it was given.
 */
export function walkHast(tree: Root, enter: Enter<Root | RootContent>): void {
	if (enter(tree, undefined, undefined) !== 'skip') walkChildren(tree, enter);
}

/** `walkHast` calling `enter` on elements only (each has a parent). */
export function walkElements(tree: Root, enter: (node: Element, parent: Root | Element, index: number) => 'skip' | void): void {
	walkChildren(tree, (node, parent, index) => (node.type === 'element' ? enter(node, parent as Root | Element, index as number) : undefined));
}

function walkChildren(parent: Root | Element, enter: Enter<Root | RootContent>): void {
	const children = parent.children;
	for (let index = 0; index < children.length; index++) {
		const node = children[index] as RootContent;
		if (enter(node, parent, index) !== 'skip' && 'children' in node && Array.isArray(node.children)) walkChildren(node as Element, enter);
	}
}
