import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isInside } from '../../core/path-inside.ts';
import { contentTabPlugins } from '../content-tabs.ts';
import { forgeReading } from '../forge-reading.ts';
import { summaryNavigation } from '../mdbook/summary.ts';
import { mkdocsNavigation } from '../mkdocs/nav.ts';
import type { NavEntry } from '../mkdocs/nav-config.ts';
import type { PageNav } from '../page-nav.ts';
import { collectStaticFiles, staticFolder } from '../static-files.ts';
import { defineTool } from '../tool.ts';
import { readGitbookConfig, type GitbookConfig } from './config.ts';
import { gitbookHref, servedAssets } from './links.ts';
import { rewriteGitbookSource } from './rewrite.ts';
import { gitbookSpaceTitle } from './space-title.ts';

/** What Waymark keeps of a GitBook space: its summary and first page, its pictures, its summary's entries. */
interface GitbookData {
	[key: string]: unknown;
	/** `structure.summary` and `structure.readme`, relative to the root. */
	summary: string;
	readme: string;
	/** The files of `.gitbook/assets/`, by name. */
	assets: string[];
	/** The pages `SUMMARY.md` lists, in its order. */
	chapters?: NavEntry[];
}

interface GitbookSpace {
	/** The folder of `.gitbook.yaml`. */
	dir: string;
	config: GitbookConfig;
}

const slashed = (path: string): string => path.split(sep).join('/');
const notAPage = {
	why: "the space's table of contents (`SUMMARY.md`), which GitBook reads as its navigation and publishes no page for",
	fix: 'link to the pages it lists',
};

/**
 * GitBook, as Git Sync reads a repository: `.gitbook.yaml` (its `root`, `structure.readme` and
 * `structure.summary`), else a `SUMMARY.md` beside `.gitbook/assets/`. The summary is the
 * sidebar, in its order and by its titles, and no page; a folder's `README.md` is its page; the
 * pictures of `.gitbook/assets/` are published and found by name as GitBook finds them; its blocks
 * (`{% hint %}`, `{% tabs %}`, `{% embed %}`…) are rewritten (`rewrite.ts`).
 */
export default defineTool<GitbookData, GitbookSpace>({
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

	async read({ root, found, files, texts, listFiles }) {
		const config = found?.config ?? {
			root: '',
			readme: 'README.md',
			summary: 'SUMMARY.md',
			redirects: {},
		};
		const space = found ? join(found.dir, config.root) : root;
		const fromRoot = (path: string) => slashed(relative(root, join(space, path)));
		const summary = fromRoot(config.summary);
		const readme = fromRoot(config.readme);
		const assetsDir = join(space, '.gitbook/assets');
		const staticFiles = await collectStaticFiles(
			root,
			found?.dir ?? root,
			[staticFolder(assetsDir, '.', servedAssets)],
			listFiles,
		);
		// The root holds more than the space (`root: docs/`): what lies outside it is no page of the space.
		const spaceInRoot = slashed(relative(root, space));
		const outside =
			isInside(space, root) && spaceInRoot !== ''
				? files.pages.filter((path) => !path.startsWith(`${spaceInRoot}/`))
				: [];
		const siteName = gitbookSpaceTitle(texts.get(summary), texts.get(readme));
		return {
			...(siteName && { siteName }),
			data: {
				summary,
				readme,
				assets: [...staticFiles.files.keys()].map((path) => path.slice(servedAssets.length + 1)),
			},
			staticFiles,
			leftOut: [
				{ paths: files.pages.filter((path) => path === summary), why: notAPage },
				{
					paths: outside,
					why: {
						why: `a file outside the space's root (\`root: ${config.root}\` in \`.gitbook.yaml\`), which GitBook does not sync`,
						fix: 'link to a page of the space',
					},
				},
			],
		};
	},
	arrange(_pages, { data, files, texts, parseMarkdown }) {
		const space = data as GitbookData;
		const text = texts.get(space.summary);
		if (text === undefined) return {};
		const chapters = summaryNavigation(text, new Set(files.pages), parseMarkdown);
		return { data: { ...space, chapters } };
	},
	navigation(pages, { data }) {
		const chapters = (data as GitbookData).chapters;
		if (!chapters) return new Map<string, PageNav>();
		// The summary is the sidebar: a page it leaves out is built but listed nowhere, so a link to it still lands.
		const present = new Set(pages.map((page) => page.path));
		return mkdocsNavigation(
			pages,
			{
				navigation: {
					nav: chapters.filter((entry) => entry.kind !== 'page' || present.has(entry.path)),
				},
				notInNav: [],
				rootPath: '',
			},
			new Map(),
		);
	},
	moves: {
		// `structure.readme` is the space's first page, wherever it is.
		routeOf: (page, data) => (data.readme && page.path === data.readme ? '/' : page.route),
		keys: [],
	},
	async publishedPages(root, pages) {
		const summary = await readFile(join(root, 'SUMMARY.md'), 'utf8').catch(() => undefined);
		return summary === undefined ? pages : pages.filter((path) => path !== 'SUMMARY.md');
	},

	bind(given) {
		const data: GitbookData = {
			summary: given?.summary ?? 'SUMMARY.md',
			readme: given?.readme ?? 'README.md',
			assets: given?.assets ?? [],
		};
		const assets = new Set(data.assets);
		return {
			...forgeReading('gitbook'),
			// GitBook's blocks are its own: rewritten, the rest a notice of its own.
			rendersItself: ['template-tag'],
			rewrite: (text, page) => rewriteGitbookSource(text, page),
			links: { written: (fromPath: string, href: string) => gitbookHref(fromPath, href, assets) },
			plugins: contentTabPlugins(),
			digest: { summary: data.summary, readme: data.readme, assets: data.assets.length },
		};
	},
});
