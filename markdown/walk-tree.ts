/** What a walk calls on each node: its parent and its index there, none for the root. */
export type Enter<N, P> = (
	node: N,
	parent: P | undefined,
	index: number | undefined,
) => 'skip' | void;

/**
 * Calls `enter` on every node of a unist tree (mdast, hast) in document order (pre-order,
 * children left to right, as `unist-util-visit` does), with its parent and its index there.
 * `enter` may replace the node at `parent.children[index]` with one other node and return
 * `'skip'`: the walk goes on with the next sibling (`'skip'` alone leaves a node's children
 * unvisited). Without `'skip'` the walk enters the children of the node it was given, read after
 * `enter` returns. A plain loop: unist-util-visit's closure and ancestor list per node made each
 * walk of a whole tree cost ~10× more, and the checks and the site's plugins walk every page
 * several times (## check` and `## build`). Typed by `walk-mdast.ts` and
 * `walk-hast.ts`.
 */
export function walkTree<N, P>(tree: N, enter: Enter<N, P>): void {
	if (enter(tree, undefined, undefined) !== 'skip') walkChildren(tree, enter);
}

function walkChildren<N, P>(parent: N, enter: Enter<N, P>): void {
	const children = (parent as { children?: unknown }).children;
	if (!Array.isArray(children)) return;
	for (let index = 0; index < children.length; index++) {
		const node = children[index] as N;
		if (enter(node, parent as unknown as P, index) !== 'skip') walkChildren(node, enter);
	}
}
