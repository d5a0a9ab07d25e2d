import { stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { dirnameOf, joinPath, routeForPath, safeDecode } from '../../markdown/routes.ts';
import { forgeReading } from '../forge-reading.ts';
import { collectStaticFiles, staticFolder, type StaticFolder } from '../static-files.ts';
import { defineReader } from '../tool.ts';
import { wikiRawIds } from './heading-ids.ts';
import { pagesByWikiPath, wikiPageOf } from './links.ts';
import { readWikiOrder, wikiHome, wikiNavigation, type WikiOrder } from './order.ts';
import { wikiTitle } from './page-names.ts';
import { rewriteWikiSource } from './rewrite.ts';

/** What Waymark keeps of a wiki: each folder's `.order`, the root's place in the wiki, its home page. */
export interface WikiData {
	[key: string]: unknown;
	order: WikiOrder;
	/** The root's path from the wiki's top (`''`, or `Team-Docs/` when the root is a folder of it). */
	rootInWiki: string;
	/** The page the wiki opens on: the first of the top `.order`. */
	home?: string;
	/** The files of the `.attachments/` folders, by site path (`Team/.attachments/a.png`), which the wiki finds in any case. */
	attachments?: string[];
}

export interface WikiTop {
	/** The folder holding the wiki's top `.order`. */
	dir: string;
}

const slashed = (path: string): string => path.split(sep).join('/');
const isFolder = async (path: string): Promise<boolean> =>
	(await stat(path).catch(() => undefined))?.isDirectory() === true;

/** What the tool reads of a tree once detected (`tools/tool.ts` `ToolReader`): loaded for the tree's tool only. */
export default defineReader<WikiData, WikiTop>({
	async read({ root, boundary, found: top, files, listFiles }) {
		const wikiTop = top?.dir ?? root;
		const rootInWiki = slashed(relative(wikiTop, root));
		const order = await readWikiOrder(root, files.folders, boundary);
		// Each folder's `.attachments/` (the wiki's at its top, and those pages keep beside them), served where it is.
		const folders: StaticFolder[] = [];
		if (wikiTop !== root && (await isFolder(join(wikiTop, '.attachments'))))
			folders.push(staticFolder(wikiTop, '.attachments', '.attachments'));
		for (const folder of files.folders) {
			const served = folder === '' ? '.attachments' : `${folder}/.attachments`;
			if (await isFolder(join(root, served))) folders.push(staticFolder(root, served, served));
		}
		const staticFiles = await collectStaticFiles(root, wikiTop, folders, listFiles);
		const home = wikiHome(files.pages, order);
		const attachments = [...staticFiles.files.keys()];
		// The wiki is named after its repository (a project wiki's is `<Project>.wiki`): its folder's name, when it is the repository's top.
		const name = wikiTop === boundary ? basename(wikiTop).replace(/\.wiki$/i, '') : '';
		return {
			data: {
				order,
				rootInWiki: rootInWiki === '' ? '' : `${rootInWiki}/`,
				...(home && { home }),
				...(attachments.length > 0 && { attachments }),
			},
			staticFiles,
			...(name && { siteName: name }),
		};
	},
	navigation: (pages, { data }) =>
		wikiNavigation(
			pages.map((page) => page.path),
			(data as WikiData).order,
		),
	moves: {
		// The wiki opens on its first page.
		routeOf: (page, data) => (page.path === data.home ? '/' : routeForPath(page.path, false)),
		keys: [],
	},
	// `Page.md` is the page of the folder `Page/`, at the same route: no page is generated for a folder.
	folders: { linked: false },

	bind(data) {
		const rootInWiki = data?.rootInWiki ?? '';
		const order = data?.order ?? {};
		const attachments = new Map(
			(data?.attachments ?? []).map((path) => [path.toLowerCase(), path]),
		);
		let byKey: { pages: ReadonlySet<string>; map: Map<string, string> } | undefined;
		const keyed = (pages: ReadonlySet<string>) => {
			if (byKey?.pages !== pages) byKey = { pages, map: pagesByWikiPath(pages, rootInWiki) };
			return byKey.map;
		};
		return {
			...forgeReading('azure-devops'),
			forge: false,
			// No page is its folder's page by name (a README is a page of its own); `Page.md` and `Page/` share a route.
			isFolderPage: () => false,
			routeForPath: (path) => routeForPath(path, false),
			shownName: wikiTitle,
			publishedWhole: '.attachments/',
			rewrite: (text, page) => rewriteWikiSource(text, page, order),
			anchors: (tree, page) => wikiRawIds(tree, page.anchors),
			links: {
				// A link into a folder's `.attachments/` is that file where the site serves it, its name in any case (as the wiki finds it).
				written(fromPath, href) {
					if (/^[a-z][a-z\d+.-]*:|^\/\/|^#/i.test(href) || !href.includes('.attachments/'))
						return href;
					const at = href.search(/[?#]/);
					const written = at === -1 ? href : href.slice(0, at);
					const path = written.startsWith('/')
						? safeDecode(written.slice(1))
						: joinPath(dirnameOf(fromPath), safeDecode(written));
					if (path === undefined) return href;
					const file = attachments.get(path.toLowerCase()) ?? path;
					return `/${file.split('/').map(encodeURIComponent).join('/')}${at === -1 ? '' : href.slice(at)}`;
				},
				reach(fromPath, href, tree) {
					const page = wikiPageOf(fromPath, href, rootInWiki, keyed(tree.pages));
					return page && { kind: 'page' as const, ...page };
				},
			},
			digest: data ?? null,
		};
	},
});
