import type { Nodes, Parents } from 'mdast';
import { walkTree, type Enter } from './walk-tree.ts';

/** `walkTree` over an mdast tree: every node, with its parent and index (see `walk-tree.ts`). */
export function walkMdast(tree: Nodes, enter: Enter<Nodes, Parents>): void {
	walkTree(tree, enter);
}
