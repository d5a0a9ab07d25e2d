import { join, relative, sep } from 'node:path';
import { isInside } from '../../core/path-inside.ts';
import { isReallyInside } from '../../core/really-inside.ts';
import { defineTool } from '../tool.ts';
import { pathInContent } from './content.ts';
import type { HugoData } from './data.ts';
import type { HugoSite } from './site.ts';

/** The names Hugo reads its config from, in the order it tries them. */
const hugoConfigNames = [
	'hugo.toml',
	'hugo.yaml',
	'hugo.yml',
	'hugo.json',
	'config.toml',
	'config.yaml',
	'config.yml',
	'config.json',
] as const;

const slashed = (path: string): string => path.split(sep).join('/');

/** A site config that does not parse still makes the tree a Hugo tree; its settings are then Hugo's defaults. */
async function readHugoSite(dir: string, boundary: string, file?: string): Promise<HugoSite> {
	// The config's readers (TOML, YAML) only where there is a config to read.
	const [{ readHugoConfig }, { hugoSiteOf, pinnedHugoVersion, readLinkStyle }] = await Promise.all([
		import('./config.ts'),
		import('./site.ts'),
	]);
	const site = hugoSiteOf(
		(await readHugoConfig(dir, file)) ?? {},
		dir,
		await pinnedHugoVersion(dir),
	);
	return { ...site, links: await readLinkStyle(site, boundary) };
}

/**
 * Hugo: a site config (`hugo.toml`, or `config.*` beside the `content/` folder holding the root,
 * or `config/_default/`) around the root, `_index.md` section pages, shortcodes and `+++` front
 * matter. Pages are read as Hugo renders them (Goldmark or Blackfriday, as the config says), its
 * links as its pretty URLs and render hooks reach them, its shortcodes drawn.
 */
const tool = defineTool<HugoData, HugoSite>({
	name: 'hugo',
	label: 'Hugo',
	precedence: 20,
	frontmatterKeys: [
		'aliases',
		'audio',
		'author',
		'authors',
		'build',
		'_build',
		'cascade',
		'categories',
		'date',
		'description',
		'draft',
		'expiryDate',
		'headless',
		'images',
		'isCJKLanguage',
		'keywords',
		'lastmod',
		'layout',
		'linkTitle',
		'markup',
		'menu',
		'menus',
		'modified',
		'outputs',
		'params',
		'pubdate',
		'publishDate',
		'published',
		'resources',
		'series',
		'sitemap',
		'slug',
		'summary',
		'tags',
		'title',
		'toc',
		'translationKey',
		'type',
		'url',
		'videos',
		'weight',
		'bookHidden',
		'bookToc',
		'bookCollapseSection',
		'bookFlatSection',
	],
	settingsFiles: hugoConfigNames,
	settingsFolder: (path) =>
		/^((?:.*\/)?)config\/[^/]+\/[^/]+\.(?:toml|ya?ml|json)$/.exec(path)?.[1],
	async lookAround(dir, look, found) {
		for (const name of hugoConfigNames) {
			const file = join(dir, name);
			// `config.*` is Hugo's only beside the `content/` folder the root is (or is inside).
			if (name.startsWith('config.') && !isInside(look.root, join(dir, 'content'))) continue;
			if (!(await look.isFile(file))) continue;
			look.evidence({ tool: 'hugo', name, weight: 100 });
			found ??= await readHugoSite(dir, look.boundary, file);
		}
		const defaults = join(dir, 'config', '_default');
		if (
			!found &&
			isInside(look.root, join(dir, 'content')) &&
			(await look.isFolder(defaults)) &&
			(await isReallyInside(defaults, look.boundary))
		) {
			look.evidence({ tool: 'hugo', name: 'config/_default/', weight: 100 });
			found = await readHugoSite(dir, look.boundary);
		}
		return found;
	},
	treeEvidence(files) {
		const sections = files.pages.filter((path) => /(?:^|\/)_index\.md$/i.test(path)).length;
		return sections > 0 ? [{ tool: 'hugo', name: `${sections} \`_index.md\``, weight: 50 }] : [];
	},
	pageSignals: [
		{ label: 'shortcodes', test: /\{\{[<%][ \t]*\/?[ \t]*[\w.-]+/ },
		{ label: '`+++` frontmatter', test: /^\+\+\+\r?\n/ },
	],
	builds: (site, root, boundary) =>
		pathInContent(site, root) !== undefined
			? `${slashed(relative(boundary, site.dir)) || '.'}/`
			: undefined,
	load: () => import('./reader.ts'),
});

export default tool;
