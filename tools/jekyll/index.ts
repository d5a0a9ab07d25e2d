import { join, relative, sep } from 'node:path';
import { defineTool } from '../tool.ts';
import type { JekyllData, JekyllSite } from './reader.ts';

const slashed = (path: string): string => path.split(sep).join('/');

/**
 * Jekyll, as GitHub Pages builds it (kramdown with GitHub's Markdown, `jekyll-relative-links`,
 * `jekyll-optional-front-matter`, `jekyll-readme-index`) and with the just-the-docs theme: a
 * `_config.yml` around the root (not a Jupyter Book's, which has a `_toc.yml` beside it). Its
 * `title` is the site's, `exclude`/`include` and names starting with `_` or `.` leave files out,
 * `permalink` moves a page (`/` is the home page), `nav_order` and `nav_exclude` order the
 * navigation and `parent` nests a page under the page of that title (`parents.ts`), links resolve as URLs of the page's own (with `baseurl`, `.html` and without), and
 * Liquid and kramdown's extensions are rewritten (`rewrite.ts`).
 */
const tool = defineTool<JekyllData, JekyllSite>({
	name: 'jekyll',
	label: 'Jekyll',
	precedence: 38,
	frontmatterKeys: [
		'layout',
		'title',
		'nav_order',
		'parent',
		'grand_parent',
		'ancestor',
		'has_children',
		'has_toc',
		'nav_exclude',
		'nav_enabled',
		'search_exclude',
		'child_nav_order',
		'permalink',
		'published',
		'description',
		'last_modified_date',
		'redirect_from',
		'redirect_to',
		'categories',
		'tags',
		'date',
		'excerpt',
		'sitemap',
		'math',
		'mermaid',
		'toc',
	],
	settingsFiles: ['_config.yml'],
	async lookAround(dir, look, found) {
		if (found || !(await look.isFile(join(dir, '_config.yml')))) return found;
		// A Jupyter Book's `_config.yml` has its `_toc.yml` beside it.
		if ((await look.isFile(join(dir, '_toc.yml'))) || (await look.isFile(join(dir, 'myst.yml'))))
			return found;
		const { readJekyllConfig } = await import('./config.ts');
		const config = await readJekyllConfig(join(dir, '_config.yml'));
		if (!config) return found;
		look.evidence({
			tool: 'jekyll',
			name: slashed(relative(look.root, join(dir, '_config.yml'))) || '_config.yml',
			weight: 100,
		});
		return { dir, config };
	},
	treeEvidence(files) {
		const layouts = [...files.pages, ...files.assets].filter((path) =>
			/^_(?:includes|layouts)\//.test(path),
		).length;
		return layouts > 0
			? [
					{
						tool: 'jekyll',
						name: `${layouts} ${layouts === 1 ? 'file' : 'files'} in \`_includes/\` or \`_layouts/\``,
						weight: 50,
					},
				]
			: [];
	},
	pageSignals: [
		{ label: 'kramdown attribute lists (`{: .no_toc }`)', test: /^\{:\s*[.#][\w-][^}]*\}\s*$/m },
		{
			label: "Jekyll's Liquid (`{{ site.baseurl }}`, `{% link %}`)",
			test: /\{\{\s*site\.baseurl|\{%-?\s*(?:link|post_url)\s/,
		},
	],
	load: () => import('./reader.ts'),
});

export default tool;
