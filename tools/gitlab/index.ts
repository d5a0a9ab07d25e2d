import { join } from 'node:path';
import { defineTool } from '../tool.ts';

/**
 * A tree of Markdown as GitLab shows it in a repository: GitHub's reading, with its
 * table-of-contents markers, docs.gitlab.com's shortcodes, and headings that still answer the ids
 * GitLab gave them before 17.0. Told by a `.gitlab-ci.yml` or a `.gitlab/` folder around the root.
 */
const tool = defineTool({
	name: 'gitlab',
	label: 'GitLab',
	precedence: 40,
	forge: true,
	async lookAround(dir, look) {
		if (await look.isFile(join(dir, '.gitlab-ci.yml')))
			look.evidence({ tool: 'gitlab', name: '.gitlab-ci.yml', weight: 50 });
		if (await look.isFolder(join(dir, '.gitlab')))
			look.evidence({ tool: 'gitlab', name: '.gitlab/', weight: 50 });
		return undefined;
	},
	pageSignals: [{ label: '`[[_TOC_]]`', test: /^ {0,3}\[\[_TOC_\]\][ \t]*$/m }],
	load: () => import('./reader.ts'),
});

export default tool;
