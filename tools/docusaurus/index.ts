import { dirname, join, relative, sep } from 'node:path';
import { isInside } from '../../core/path-inside.ts';
import { defineTool } from '../tool.ts';
import type { DocusaurusData, DocusaurusSite } from './reader.ts';

const configNames = [
	'docusaurus.config.js',
	'docusaurus.config.ts',
	'docusaurus.config.mjs',
	'docusaurus.config.cjs',
];
const categoryFile = /(?:^|\/)_category_\.(?:json|ya?ml)$/;

const slashed = (path: string): string => path.split(sep).join('/');
const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * Docusaurus: a `docusaurus.config.*` (beside the root's folders or in their `website/`),
 * `_category_` files, `:::` admonitions and `sidebar_position`. Pages are read as MDX reads them
 * (no indented code, tag lines on their own), routed as its docs plugin routes them (`slug`, `id`,
 * number prefixes), linked as it resolves links (Markdown files, `routeBasePath` URLs).
 */
const tool = defineTool<DocusaurusData, DocusaurusSite>({
	name: 'docusaurus',
	label: 'Docusaurus',
	precedence: 30,
	frontmatterKeys: [
		'id',
		'title',
		'pagination_label',
		'sidebar_label',
		'sidebar_position',
		'sidebar_class_name',
		'sidebar_key',
		'sidebar_custom_props',
		'displayed_sidebar',
		'hide_title',
		'hide_table_of_contents',
		'toc_min_heading_level',
		'toc_max_heading_level',
		'pagination_next',
		'pagination_prev',
		'parse_number_prefixes',
		'custom_edit_url',
		'keywords',
		'description',
		'image',
		'slug',
		'tags',
		'draft',
		'unlisted',
		'last_update',
	],
	settingsFiles: [...configNames, 'sidebars.js', 'sidebars.ts'],
	async lookAround(dir, look, found) {
		for (const name of configNames) {
			for (const where of [name, `website/${name}`]) {
				if (!(await look.isFile(join(dir, where)))) continue;
				look.evidence({ tool: 'docusaurus', name: where, weight: 100 });
				if (!found) {
					// Its reader only where there is a config to read.
					const { readDocusaurusConfig } = await import('./config.ts');
					const config = await readDocusaurusConfig(join(dir, where));
					if (config) found = { dir: dirname(join(dir, where)), config };
				}
			}
		}
		return found;
	},
	treeEvidence(files) {
		const categories = files.assets.filter((path) => categoryFile.test(path)).length;
		return categories > 0
			? [
					{
						tool: 'docusaurus',
						name: count(categories, '`_category_` file', '`_category_` files'),
						weight: 50,
					},
				]
			: [];
	},
	pageSignals: [
		{
			label: '`:::` admonitions',
			test: /^[ \t]*:::(?:note|tip|info|warning|danger|caution|important|success)\b/m,
		},
		{ label: '`sidebar_position`', test: /^---\r?\n(?:.*\r?\n)*?sidebar_(?:position|label):/ },
	],
	builds: (site, root, boundary) =>
		isInside(root, join(site.dir, site.config.docsPath))
			? `${slashed(relative(boundary, site.dir)) || '.'}/`
			: undefined,
	load: () => import('./reader.ts'),
});

export default tool;
