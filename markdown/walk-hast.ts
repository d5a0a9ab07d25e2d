import type { Element, Root, RootContent } from 'hast';
import { walkTree, type Enter } from './walk-tree.ts';

/** `walkTree` over a hast tree: every node, with its parent and index (see `walk-tree.ts`). */
export function walkHast(tree: Root, enter: Enter<Root | RootContent, Root | Element>): void {
	walkTree(tree, enter);
}

/** `walkHast` calling `enter` on elements only (each has a parent). */
export function walkElements(
	tree: Root,
	enter: (node: Element, parent: Root | Element, index: number) => 'skip' | void,
): void {
	walkHast(tree, (node, parent, index) =>
		node.type === 'element' && parent && index !== undefined
			? enter(node, parent, index)
			: undefined,
	);
}
