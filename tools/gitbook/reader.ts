import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isInside } from '../../core/path-inside.ts';
import { contentTabPlugins } from '../content-tabs.ts';
import { forgeReading } from '../forge-reading.ts';
import { summaryNavigation, summarySidebar } from '../mdbook/summary.ts';
import type { NavEntry } from '../mkdocs/nav-config.ts';
import { collectStaticFiles, staticFolder } from '../static-files.ts';
import { defineReader } from '../tool.ts';
import type { GitbookConfig } from './config.ts';
import { gitbookHref, servedAssets } from './links.ts';
import { rewriteGitbookSource } from './rewrite.ts';
import { gitbookSpaceTitle } from './space-title.ts';

/** What Waymark keeps of a GitBook space: its summary and first page, its pictures, its summary's entries. */
export interface GitbookData {
	[key: string]: unknown;
	/** `structure.summary` and `structure.readme`, relative to the root. */
	summary: string;
	readme: string;
	/** The files of `.gitbook/assets/`, by name. */
	assets: string[];
	/** The pages `SUMMARY.md` lists, in its order. */
	chapters?: NavEntry[];
}

export interface GitbookSpace {
	/** The folder of `.gitbook.yaml`. */
	dir: string;
	config: GitbookConfig;
}

const slashed = (path: string): string => path.split(sep).join('/');
const notAPage = {
	why: "the space's table of contents (`SUMMARY.md`), which GitBook reads as its navigation and publishes no page for",
	fix: 'link to the pages it lists',
};

/** What the tool reads of a tree once detected (`tools/tool.ts` `ToolReader`): loaded for the tree's tool only. */
export default defineReader<GitbookData, GitbookSpace>({
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
	navigation: (pages, { data }) => summarySidebar(pages, (data as GitbookData).chapters),
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
