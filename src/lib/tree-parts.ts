import { walkTree } from './walk-tree.ts';

interface Parent {
	type: string;
	children: unknown[];
}

/**
 * Runs `step` (a plugin's transform that walks a whole tree) on the parts of `tree` it acts on:
 * the outermost nodes `isPart` picks, each with everything below it, lent to a root of their own
 * in document order, then put back where they were (or what `step` put in their place, one for
 * one). The step's own code still does the work, so what it makes is what it would make on the
 * whole page; only its walk of everything else is saved. Astro's and unified's steps walk with
 * unist-util-visit, a closure and an ancestor list per node: on the 500-page benchmark their walks
 * of whole pages cost more than the work they found. Returns what `step` returned.
 */
export function runOnParts<R>(tree: Parent, isPart: (node: unknown) => boolean, step: (root: Parent) => R): R {
	const places: Array<{ parent: Parent; index: number }> = [];
	const lent: unknown[] = [];
	walkTree<unknown, Parent>(tree, (node, parent, index) => {
		if (!parent || index === undefined || !isPart(node)) return;
		places.push({ parent, index });
		lent.push(node);
		return 'skip';
	});
	const root: Parent = { type: 'root', children: lent };
	const settle = (): void => {
		if (root.children.length !== places.length) throw new Error(`Unexpected ${root.children.length} nodes back from a step lent ${places.length}, expected one for one.`);
		places.forEach(({ parent, index }, n) => (parent.children[index] = root.children[n]));
	};
	const result = step(root);
	if (result instanceof Promise) return result.then((value: unknown) => (settle(), value)) as R;
	settle();
	return result;
}
