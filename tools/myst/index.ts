import { join } from 'node:path';
import { defineTool } from '../tool.ts';
import type { MystData } from './reader.ts';
import type { MystSite } from './config.ts';

/** The config files of each engine, in the order looked for in one folder. */
const mystConfigNames = ['myst.yml', '_toc.yml', 'conf.py'] as const;

/**
 * MyST Markdown (mystmd and Jupyter Book 2 with `myst.yml`; Sphinx with MyST-Parser, and Jupyter
 * Book 1, with `conf.py` or `_toc.yml`): the config whose folder is the root or holds it, read as
 * text. Its title is the site's, its table of contents (or Sphinx's `toctree`s from the root
 * document) the navigation and the home page; directives, roles and `(label)=` targets are written
 * as the site renders them, and a link or reference to a label reaches the page that holds it, as
 * MyST resolves labels across the project.
 */
const tool = defineTool<MystData, MystSite>({
	name: 'myst',
	label: 'MyST',
	precedence: 12,
	frontmatterKeys: [
		'title',
		'subtitle',
		'short_title',
		'description',
		'authors',
		'author',
		'date',
		'tags',
		'keywords',
		'label',
		'numbering',
		'kernelspec',
		'jupytext',
		'exports',
		'downloads',
		'substitutions',
		'abbreviations',
		'math',
		'site',
		'options',
		'thebe',
		'license',
		'github',
		'doi',
		'venue',
		'myst',
		'orphan',
		'html_meta',
		'file_format',
		'mystnb',
		'nosearch',
		'tocdepth',
	],
	settingsFiles: ['myst.yml', 'toc.yml', '_toc.yml', '_config.yml', 'conf.py'],
	async lookAround(dir, look, found) {
		if (found) return found;
		for (const name of mystConfigNames) {
			const file = join(dir, name);
			if (!(await look.isFile(file))) continue;
			const { readMystSite } = await import('./config.ts');
			const site = await readMystSite(file, look.root, look.boundary);
			if (!site) continue;
			look.evidence({ tool: 'myst', name, weight: 100 });
			return site;
		}
		return undefined;
	},
	pageSignals: [
		{ label: '`(label)=` targets', test: /^[ \t]*\([^()\s]+\)=[ \t]*$/m },
		{
			label: '```` ```{directive} ```` and `:::{directive}` blocks',
			test: /^[ \t]*(?:`{3,}|:{3,})\{[a-z][\w:-]*\}/m,
		},
		{ label: '`{ref}`/`{doc}` roles', test: /\{(?:ref|doc|numref|term)\}`/ },
	],
	builds: (site) => site.file,
	load: () => import('./reader.ts'),
});

export default tool;
