import { contentTabPlugins } from '../content-tabs.ts';
import { forgeReading } from '../forge-reading.ts';
import { mkdocsNavigation } from '../mkdocs/nav.ts';
import type { PageNav } from '../page-nav.ts';
import { defineReader } from '../tool.ts';
import type { MystSite } from './config.ts';
import { mystHeadingSlugger, type MystEngine } from './ids.ts';
import { excludedBy, mystLinkHref, projectTargets } from './project.ts';
import type { LabelTarget, MystContext } from './context.ts';
import { rewriteMyst } from './rewrite.ts';
import { includeState } from './include-directive.ts';
import {
	includeMarks,
	mayInclude,
	mystIncludeRun,
	mystIncludesFromRecord,
	type MystIncludes,
	type MystIncludesRecord,
} from './includes.ts';
import { notingPulls } from '../syntax/pulled-file.ts';
import { withUnlisted } from '../shown-data.ts';
import { includesOf, readsThrough, refreshRecord } from '../syntax/recorded-reads.ts';
import type { RewritePage } from '../../markdown/site-tool.ts';
import type { RewrittenSource } from '../rewrite.ts';
import { resolveToc, tocHome, tocNav, toctreeToc, type TocTree } from './toc.ts';

/** What Waymark keeps of a MyST project: its engine, the labels and titles of its pages, its substitutions, its table of contents and home page. */
export interface MystData {
	[key: string]: unknown;
	engine: MystEngine;
	labels: Record<string, LabelTarget[]>;
	titles: Record<string, string>;
	substitutions: Record<string, string>;
	intersphinx?: string[];
	toc?: TocTree;
	/** The first page of the table of contents (Sphinx's `root_doc`), published at the site's top when the root has no `README.md` or `index.md`. */
	home?: string;
	/** The root's path in the project's source folder (`docs/`, `''`), where an include written from `/` starts. */
	rootPath?: string;
	/** What the pages' `{include}`s read, for the site to read the same. */
	includes?: MystIncludesRecord;
}

const excluded = {
	why: 'a page the MyST project leaves out (`exclude_patterns` in `conf.py`, `project.exclude` in `myst.yml`)',
	fix: 'link to a page the project builds, or stop leaving this one out',
};

/** What the tool reads of a tree once detected (`tools/tool.ts` `ToolReader`): loaded for the tree's tool only. */
export default defineReader<MystData, MystSite>({
	read({ found: site, files, texts }) {
		const engine: MystEngine = site?.engine ?? 'mystmd';
		const pages = new Set(files.pages);
		const left = site
			? files.pages.filter((path) => excludedBy(site.exclude, site.rootPath + path))
			: [];
		const kept =
			pages.size > 0 && left.length > 0
				? new Set(files.pages.filter((path) => !left.includes(path)))
				: pages;
		const { labels, titles } = projectTargets(engine, texts, kept);
		const toc = site?.toc
			? resolveToc(site.toc, site.rootPath, kept)
			: site?.rootDoc && site.engine === 'sphinx'
				? toctreeToc(site.rootDoc.replace(/^\//, ''), texts, kept)
				: undefined;
		const first = tocHome(toc);
		const topPage = files.pages.some((path) => /^(?:readme|index)\.md$/i.test(path));
		const data: MystData = {
			engine,
			labels,
			titles,
			substitutions: site?.substitutions ?? {},
			...(site?.intersphinx && { intersphinx: site.intersphinx }),
			...(toc && toc.length > 0 && { toc }),
			...(first && !topPage && { home: first }),
			...(site?.rootPath && { rootPath: site.rootPath }),
		};
		return {
			data,
			...(site?.title && { siteName: site.title }),
			...(left.length > 0 && { leftOut: [{ paths: left, why: excluded }] }),
			keeps: (path) => !site || !excludedBy(site.exclude, site.rootPath + path),
		};
	},
	pull({ root, texts, puller }, data) {
		const run = mystIncludeRun(root, [...texts.values()].filter(mayInclude).length, puller);
		// A page that may include a file is parsed every run; the others are taken as other trees' are.
		return {
			inputs: run.inputs,
			data: { ...data, includes: run.recorded },
			cacheable: (text) => !mayInclude(text),
			pulledFiles: [run.recorded.files],
		};
	},
	navigation(pages, { data }) {
		const { toc, titles } = data as MystData;
		if (!toc) return new Map<string, PageNav>();
		const present = new Set(pages.map((page) => page.path));
		const nav = tocNav(toc, titles).filter(
			(entry) => entry.kind !== 'page' || present.has(entry.path),
		);
		return mkdocsNavigation(pages, { navigation: { nav }, notInNav: [], rootPath: '' }, new Map());
	},
	moves: { routeOf: (page, data) => (data.home === page.path ? '/' : page.route), keys: [] },
	shownData: (data) => ({
		engine: data.engine,
		substitutions: data.substitutions,
		...(data.intersphinx && { intersphinx: data.intersphinx }),
		...(data.toc && { toc: data.toc }),
		...(data.home && { home: data.home }),
		...(data.rootPath && { rootPath: data.rootPath }),
		...(data.includes && { includes: withUnlisted(data.includes, ['files', 'pageBudget']) }),
	}),
	refreshPulls: (held, fresh) => refreshRecord(held.includes, fresh.includes),
	inputsThrough: (data, through) =>
		data.includes
			? (includesOf(readsThrough(data.includes, through)) satisfies MystIncludes)
			: undefined,
	pullMarkers: (data) => (data.includes ? includeMarks : []),

	bind(data, parseInputs) {
		const includes =
			(parseInputs as MystIncludes | undefined) ??
			(data?.includes && mystIncludesFromRecord(data.includes));
		const context: MystContext = {
			engine: data?.engine ?? 'mystmd',
			labels: data?.labels ?? {},
			titles: data?.titles ?? {},
			substitutions: data?.substitutions ?? {},
			...(data?.toc && { toc: data.toc }),
			...(data?.intersphinx && { intersphinx: data.intersphinx }),
		};
		return {
			...forgeReading('myst'),
			forge: false,
			// Its targets and directives are the tool's own, written by its rewrite.
			rendersItself: ['target', 'directive-fence'],
			rewrite: (text, page) =>
				includes && mayInclude(text)
					? withIncludes(text, page, context, includes, data?.rootPath)
					: rewriteMyst(text, page, context),
			headingSlugger: mystHeadingSlugger(context.engine),
			links: { written: (fromPath, href, tree) => mystLinkHref(fromPath, href, context, tree) },
			plugins: contentTabPlugins(),
			digest: {
				engine: context.engine,
				labels: context.labels,
				titles: context.titles,
				substitutions: context.substitutions,
				intersphinx: context.intersphinx ?? null,
				toc: context.toc ?? null,
			},
		};
	},
});

/** The page with its includes followed, and the files they read (or looked for) noted: a change to one changes the page. */
function withIncludes(
	text: string,
	page: RewritePage,
	context: MystContext,
	reads: MystIncludes,
	rootPath: string | undefined,
): RewrittenSource {
	const pulled = new Set<string>();
	const noted = notingPulls(pulled);
	const state = includeState(
		page.path,
		{ ...reads, include: (path) => noted(reads.include(path)) },
		rootPath,
	);
	const rewritten = rewriteMyst(text, page, context, undefined, state);
	return { ...rewritten, ...(pulled.size > 0 && { pulled: [...pulled] }) };
}
