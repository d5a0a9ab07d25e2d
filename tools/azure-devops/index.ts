import { join, relative, sep } from 'node:path';
import { defineTool } from '../tool.ts';
import type { WikiData, WikiTop } from './reader.ts';

const slashed = (path: string): string => path.split(sep).join('/');

/**
 * An Azure DevOps project wiki (or a repository published as one): `.order` files give the
 * order of each folder's pages and the first page of the top one is the wiki's home, a page's file
 * name is its title (`-` a space, `%2D`-style escapes), `Page.md` beside a folder `Page/` holds its
 * subpages, links name pages by path from the wiki's top (`/Team%20Docs/Page`), `.attachments/`
 * holds the files pages show; `[[_TOC_]]`, `[[_TOSP_]]`, `::: mermaid` and `@<id>` mentions are its
 * syntax (`rewrite.ts`).
 */
const tool = defineTool<WikiData, WikiTop>({
	name: 'azure-devops',
	label: 'Azure DevOps wiki',
	article: 'an',
	precedence: 38,
	async lookAround(dir, look, found) {
		if (found || !(await look.isFile(join(dir, '.order')))) return found;
		look.evidence({
			tool: 'azure-devops',
			name: dir === look.root ? '.order' : `${slashed(relative(look.root, dir))}/.order`,
			weight: 100,
		});
		if (await look.isFolder(join(dir, '.attachments')))
			look.evidence({ tool: 'azure-devops', name: '.attachments/', weight: 50 });
		return { dir };
	},
	pageSignals: [
		{ label: '`[[_TOSP_]]`', test: /^ {0,3}\[\[_TOSP_\]\][ \t]*$/m },
		{ label: '`::: mermaid`', test: /^ {0,3}:::[ \t]*mermaid[ \t]*$/m },
	],
	load: () => import('./reader.ts'),
});

export default tool;
