import { join } from 'node:path';
import { defineTool } from '../tool.ts';
import type { VitepressData } from './reader.ts';
import { placeOf, type VitepressProject } from './place.ts';

/** The config file names VitePress looks for in `.vitepress/`, in its order. */
const configNames = [
	'config.js',
	'config.ts',
	'config.mjs',
	'config.mts',
	'config.cjs',
	'config.cts',
];

/**
 * VitePress: a `.vitepress/config.*` in the root or a folder above it, read without running it
 * (`title`, `srcDir`, `base`, `cleanUrls`, `rewrites`, `srcExclude`, the theme's sidebar), its
 * `public/` served at the site's top. Pages are routed as its router routes them (only `index.md`
 * is a folder's page), linked as it resolves links (`x`, `x.md`, `x.html`, from `srcDir`'s top),
 * with its heading ids (`@mdit-vue`'s slugify) and its Markdown syntax (`source.ts`), the files its
 * pages import (`<<<`) and include (`@include`) read through `pull` (`inputs.ts`).
 */
const tool = defineTool<VitepressData, VitepressProject>({
	name: 'vitepress',
	label: 'VitePress',
	precedence: 32,
	frontmatterKeys: [
		'layout',
		'title',
		'titleTemplate',
		'description',
		'head',
		'hero',
		'features',
		'navbar',
		'sidebar',
		'aside',
		'outline',
		'lastUpdated',
		'editLink',
		'footer',
		'pageClass',
		'prev',
		'next',
		'search',
		'isHome',
	],
	settingsFiles: configNames.map((name) => `.vitepress/${name}`),
	async lookAround(dir, look, found) {
		if (found) return found;
		for (const name of configNames) {
			const file = join(dir, '.vitepress', name);
			if (!(await look.isFile(file))) continue;
			// Its reader only where there is a config to read.
			const { readVitepressConfig } = await import('./config.ts');
			const config = await readVitepressConfig(file);
			if (!config) continue;
			const project = { dir, file: `.vitepress/${name}`, config };
			if (!placeOf(look.root, project)) return undefined;
			look.evidence({ tool: 'vitepress', name: `.vitepress/${name}`, weight: 100 });
			return project;
		}
		return undefined;
	},
	pageSignals: [
		{
			label: '`::: tip Title` containers',
			test: /^ {0,3}:::[ \t]+(?:tip|info|warning|danger|details|code-group)\b/m,
		},
		{ label: '`[[toc]]`', test: /^ {0,3}\[\[toc\]\][ \t]*$/m },
	],
	load: () => import('./reader.ts'),
});

export default tool;
