import { defineTool } from '../tool.ts';

/**
 * A tree of Markdown as GitHub shows it in a repository: the reading every tool starts from
 * (`forge-reading.ts`), and the tree's tool when nothing else is found. GitHub's pages scroll to a
 * heading whose id differs from the fragment only in case (`#Setup` reaches `setup`).
 */
const tool = defineTool({
	name: 'github',
	label: 'GitHub',
	precedence: 50,
	forge: true,
	load: () => import('./reader.ts'),
});

export default tool;
