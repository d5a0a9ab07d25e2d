import type { Nodes, Parents } from 'mdast';

/**
 * Calls `enter` on every node of `tree` in document order (pre-order, children left to right, as
 * `unist-util-visit` does), with its parent and its index there. `enter` may replace the node at
 * `parent.children[index]` with one other node and return `'skip'`: the walk goes on with the
 * next sibling (`'skip'` alone leaves a node's children unvisited). A plain loop: unist-util-visit's closure
 * and ancestor list per node made each walk of a whole tree cost ~10× more, and the checks walk
 * every page several times (bench/README.md, `## check`).
 */
export function walkMdast(tree: Nodes, enter: (node: Nodes, parent: Parents | undefined, index: number | undefined) => 'skip' | void): void {
	if (enter(tree, undefined, undefined) === 'skip' || !('children' in tree)) return;
	walkChildren(tree, enter);
}

function walkChildren(parent: Parents, enter: (node: Nodes, parent: Parents | undefined, index: number | undefined) => 'skip' | void): void {
	const children = parent.children as Nodes[];
	for (let index = 0; index < children.length; index++) {
		const node = children[index] as Nodes;
		if (enter(node, parent, index) !== 'skip' && 'children' in node && Array.isArray(node.children)) walkChildren(node, enter);
	}
}
