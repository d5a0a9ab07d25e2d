/**
 * Why the tree's tool builds no page for a Markdown file of the tree: the site leaves it out as the
 * tool does (not parsed, not checked, not built), and a link to one is told why it is broken,
 * rather than called a missing file (`checks/rules/support/tree-index.ts`).
 */
export interface LeftOut {
	/** As it reads after "Unexpected link to `x`, ". */
	why: string;
	/** What to do about a link to it. */
	fix: string;
}
