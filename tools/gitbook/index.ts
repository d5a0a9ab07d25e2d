import { join, relative, sep } from 'node:path';
import { isInside } from '../../core/path-inside.ts';
import { defineTool } from '../tool.ts';
import type { GitbookData, GitbookSpace } from './reader.ts';

const slashed = (path: string): string => path.split(sep).join('/');

/**
 * GitBook, as Git Sync reads a repository: `.gitbook.yaml` (its `root`, `structure.readme` and
 * `structure.summary`), else a `SUMMARY.md` beside `.gitbook/assets/`. The summary is the
 * sidebar, in its order and by its titles, and no page; a folder's `README.md` is its page; the
 * pictures of `.gitbook/assets/` are published and found by name as GitBook finds them; its blocks
 * (`{% hint %}`, `{% tabs %}`, `{% embed %}`…) are rewritten (`rewrite.ts`).
 */
const tool = defineTool<GitbookData, GitbookSpace>({
	name: 'gitbook',
	label: 'GitBook',
	precedence: 36,
	frontmatterKeys: [
		'description',
		'icon',
		'cover',
		'coverY',
		'layout',
		'hidden',
		'metaLinks',
		'noIndex',
	],
	settingsFiles: ['.gitbook.yaml'],
	async lookAround(dir, look, found) {
		if (found || !(await look.isFile(join(dir, '.gitbook.yaml')))) return found;
		const { readGitbookConfig } = await import('./config.ts');
		const config = await readGitbookConfig(join(dir, '.gitbook.yaml'));
		if (!config) return found;
		const space = join(dir, config.root);
		// The space's files are the root's, or hold it.
		if (!isInside(space, look.root) && !isInside(look.root, space)) return found;
		look.evidence({
			tool: 'gitbook',
			name: slashed(relative(look.root, join(dir, '.gitbook.yaml'))) || '.gitbook.yaml',
			weight: 100,
		});
		return { dir, config };
	},
	treeEvidence(files) {
		const summary = files.pages.includes('SUMMARY.md');
		const assets = files.folders.some(
			(folder) => folder === '.gitbook' || folder.startsWith('.gitbook/'),
		);
		return summary && assets
			? [{ tool: 'gitbook', name: '`SUMMARY.md` beside `.gitbook/assets/`', weight: 50 }]
			: [];
	},
	pageSignals: [
		{
			label: 'GitBook blocks (`{% hint %}`, `{% tabs %}`, `{% content-ref %}`)',
			test: /^\s*\{%\s*(?:hint\s+style=|tabs\s*%\}|content-ref\s|embed\s+url=)/m,
		},
	],
	load: () => import('./reader.ts'),
});

export default tool;
