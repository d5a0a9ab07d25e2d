import { walkTree } from './walk-tree.ts';

interface Parent {
	type: string;
	children: unknown[];
}

/** A plugin's transform that changes the tree it is given in place and returns nothing, maybe later. */
type InPlaceStep = (root: Parent) => unknown;

/**
 * Runs `step` (a plugin's transform that walks a whole tree) on the parts of `tree` it acts on:
 * the outermost nodes `isPart` picks, each with everything below it, lent to a root of their own
 * in document order, then put back where they were (or what `step` put in their place, one for
 * one). The step's own code still does the work, so what it makes is what it would make on the
 * whole page; only its walk of everything else is saved. Astro's and unified's steps walk with
 * unist-util-visit, a closure and an ancestor list per node: on the 500-page benchmark their walks
 * of whole pages cost more than the work they found.
 *
 * A step must change the tree in place: one that returned a tree would, in unified, replace the
 * page with it, which here would be the lent parts alone, so that is refused. When the step
 * throws, nothing it replaced is put back (its error ends the page's render).
 */
export function runOnParts(
	tree: Parent,
	isPart: (node: unknown) => boolean,
	step: InPlaceStep,
): void | Promise<void> {
	const places: Array<{ parent: Parent; index: number }> = [];
	const lent: unknown[] = [];
	walkTree<unknown, Parent>(tree, (node, parent, index) => {
		if (!parent || index === undefined || !isPart(node)) return;
		places.push({ parent, index });
		lent.push(node);
		return 'skip';
	});
	const root: Parent = { type: 'root', children: lent };
	const settle = (returned: unknown): void => {
		if (returned !== undefined)
			throw new Error(
				`Unexpected ${describe(returned)} returned by a step run on parts of a page, expected nothing: it must change the tree in place.`,
			);
		if (root.children.length !== places.length)
			throw new Error(
				`Unexpected ${root.children.length} nodes back from a step lent ${places.length}, expected one for one.`,
			);
		places.forEach(({ parent, index }, n) => (parent.children[index] = root.children[n]));
	};
	const result = step(root);
	if (isThenable(result)) return Promise.resolve(result).then(settle);
	settle(result);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
	return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function describe(value: unknown): string {
	const type = (value as { type?: unknown } | null)?.type;
	return typeof type === 'string' ? `a \`${type}\` node` : typeof value;
}
