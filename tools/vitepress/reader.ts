import { join } from 'node:path';
import { compileGlobs } from '../../core/glob.ts';
import { routeForPath } from '../../markdown/routes.ts';
import { forgeReading } from '../forge-reading.ts';
import type { PageNav } from '../page-nav.ts';
import { collectStaticFiles, staticFolder } from '../static-files.ts';
import { contentTabPlugins } from '../content-tabs.ts';
import { defineReader } from '../tool.ts';
import type { SidebarLink } from './config.ts';
import { vitepressHeadingSlugger } from './heading-ids.ts';
import { placeOf, type VitepressProject } from './place.ts';
import { pagesByPublishedPath, vitepressPageOf } from './links.ts';
import {
	isVitepressFolderPage,
	publishedPath,
	srcPathOf,
	vitepressRouteForPath,
	type VitepressPlace,
} from './pages.ts';
import { rewriteVitepressSource } from './source.ts';
import { vitepressRun } from './inputs.ts';
import { sourceFromRoot } from './pull-paths.ts';
import {
	mayPullFiles,
	vitepressInputsFromRecord,
	type VitepressInputs,
	type VitepressRecorded,
} from './pulls.ts';
import { withUnlisted } from '../shown-data.ts';
import { readsThrough, refreshRecord } from '../syntax/recorded-reads.ts';

/** What Waymark keeps of a VitePress tree: where the root sits in `srcDir`, what its config moves, the site's title. */
export interface VitepressData {
	[key: string]: unknown;
	place: VitepressPlace;
	title?: string;
	/** The sidebar's links, in order. */
	sidebar: SidebarLink[];
	/** Containers the config registers. */
	containers?: string[];
	/** What the pages' code snippet imports and includes read. */
	pulls?: VitepressRecorded;
}

const defaultPlace: VitepressPlace = { rootInSrc: '', srcInRoot: '', rewrites: [], base: '/' };

const outsideSrc = {
	why: 'outside the VitePress `srcDir`, which VitePress builds no page for',
	fix: 'link to a page inside `srcDir`',
};
const excluded = {
	why: 'a file `srcExclude` leaves out, which VitePress builds no page for',
	fix: 'link to a published page, or take it out of `srcExclude`',
};

/** What the tool reads of a tree once detected (`tools/tool.ts` `ToolReader`): loaded for the tree's tool only. */
export default defineReader<VitepressData, VitepressProject>({
	async read({ root, found: project, files, listFiles }) {
		if (!project) return { data: { place: defaultPlace, sidebar: [] } };
		const place = placeOf(root, project) ?? defaultPlace;
		const { config } = project;
		const src = join(project.dir, config.srcDir);
		const staticFiles = await collectStaticFiles(
			root,
			project.dir,
			[staticFolder(src, 'public')],
			listFiles,
		);
		const exclude = compileGlobs(config.srcExclude);
		const outside = files.pages.filter((path) => srcPathOf(path, place) === undefined);
		const left = files.pages.filter((path) => {
			const inSrc = srcPathOf(path, place);
			return (
				inSrc !== undefined &&
				(exclude.indexOf(inSrc) !== -1 || /(?:^|\/)node_modules\//.test(inSrc))
			);
		});
		return {
			data: {
				place,
				sidebar: config.sidebar,
				...(config.title && { title: config.title }),
				...(config.containers.length > 0 && { containers: config.containers }),
			},
			...(config.title && { siteName: config.title }),
			staticFiles,
			leftOut: [
				{ paths: outside, why: outsideSrc },
				{ paths: left, why: excluded },
			],
		};
	},
	navigation(pages, { data }) {
		const { place, sidebar } = data as VitepressData;
		const navs = new Map<string, PageNav>();
		if (sidebar.length === 0) return navs;
		const byPublished = pagesByPublishedPath(
			pages.map((page) => page.path),
			place,
		);
		// The sidebar's links are read from `srcDir`'s top.
		const from = `${place.srcInRoot}index.md`;
		sidebar.forEach((entry, order) => {
			const page = vitepressPageOf(
				from,
				entry.link.startsWith('/') ? entry.link : `/${entry.link}`,
				place,
				byPublished,
			);
			if (page && !navs.has(page.path))
				navs.set(page.path, { order, ...(entry.text && { label: entry.text }) });
		});
		return navs;
	},
	pull({ root, texts, puller }, data) {
		const run = vitepressRun(root, [...texts.values()].filter(mayPullFiles).length, puller);
		// A page that may pull a file in is read every run; the others are taken from the cache.
		return {
			inputs: run.inputs,
			data: { ...data, pulls: run.recorded },
			cacheable: (text) => !mayPullFiles(text),
			pulledFiles: [run.recorded.files],
		};
	},
	shownData: ({ pulls, ...data }) => ({
		...data,
		...(pulls && { pulls: withUnlisted(pulls, ['files', 'pageBudget']) }),
	}),
	refreshPulls: (held, fresh) => refreshRecord(held.pulls, fresh.pulls),
	inputsThrough: (data, through) =>
		data.pulls ? (readsThrough(data.pulls, through) satisfies VitepressInputs) : undefined,
	pullMarkers: (data) => (data.pulls ? ['<<<', '@include'] : []),
	moves: {
		// `rewrites` publish a page at another path.
		routeOf(page, data) {
			const place = data.place;
			const src = srcPathOf(page.path, place);
			if (!place || place.rewrites.length === 0 || src === undefined)
				return vitepressRouteForPath(page.path);
			const published = publishedPath(src, place.rewrites);
			if (!published.startsWith(place.rootInSrc)) return vitepressRouteForPath(page.path);
			return routeForPath(
				place.srcInRoot + published.slice(place.rootInSrc.length),
				isVitepressFolderPage(published),
			);
		},
		keys: [],
	},

	bind(data, parseInputs) {
		const place = data?.place ?? defaultPlace;
		const inputs =
			(parseInputs as VitepressInputs | undefined) ??
			(data?.pulls && vitepressInputsFromRecord(data.pulls));
		let byPublished: { pages: ReadonlySet<string>; map: Map<string, string> } | undefined;
		const published = (pages: ReadonlySet<string>) => {
			if (byPublished?.pages !== pages)
				byPublished = { pages, map: pagesByPublishedPath(pages, place) };
			return byPublished.map;
		};
		const site = {
			...(data?.title && { title: data.title }),
			...(data?.containers && { containers: data.containers }),
			...(inputs && { inputs }),
			source: sourceFromRoot(place),
		};
		return {
			...forgeReading('vitepress'),
			forge: false,
			isFolderPage: isVitepressFolderPage,
			routeForPath: vitepressRouteForPath,
			headingSlugger: () => vitepressHeadingSlugger(),
			rewrite: (text, page) => rewriteVitepressSource(text, page, site),
			links: {
				// `base` is written out where VitePress does not add it (a component's `src`, raw HTML): `/docs/images/a.png` is `public/images/a.png` under `base: '/docs/'`.
				...(place.base !== '/' && {
					written: (_fromPath: string, href: string) =>
						href.startsWith(place.base) ? href.slice(place.base.length - 1) : href,
				}),
				reach(fromPath, href, tree) {
					const page = vitepressPageOf(fromPath, href, place, published(tree.pages));
					return page && { kind: 'page' as const, ...page };
				},
			},
			plugins: contentTabPlugins(),
			digest: data ? { ...data, pulls: undefined } : null,
		};
	},
});
