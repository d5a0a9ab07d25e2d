import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import pLimit from 'p-limit';
import { loadTool } from '../tools/index.ts';
import type { ToolData } from '../tools/tool.ts';
import type { MarkdownParser } from '../core/environment.ts';
import { pageNoticeHtml } from '../markdown/page-notice.ts';
import { frontmatterNotesOf, type PageFrontmatterNotes } from './frontmatter-notes.ts';
import { loadPage, publishedPages, type PageLimits } from '../tree/load-tree.ts';
import { readPageText } from '../tree/read-page.ts';
import { htmlDigestKey, htmlFileKey, picturesKey } from './page-html.ts';
import {
	noteBody,
	pageHtmlProblem,
	prunePageHtml,
	writePageHtml,
	type PageHtmlFiles,
} from './page-html-files.ts';
import {
	bodyDigest,
	entryDigestInput,
	planEntry,
	renderEntry,
	type EntryInput,
} from './page-entry.ts';
import { isInside } from '../core/path-inside.ts';
import { refreshPulls, type LivePulls } from './live-pulls.ts';

/** What the loader needs of a prepared tree: plain data, serialised into `virtual:waymark/content`. */
export interface ContentLoaderData {
	root: string;
	/** The tree's pages, relative paths: exactly what the checks saw, nothing a glob would add. */
	pages: string[];
	/** The tree's tool, by name: in dev, what it leaves out (MkDocs `exclude_docs`) stays out, and a page is read as the checks read it. */
	dialect: string;
	/** What the tree's tool read of it (as the site's config lists it: its settings, not what each page pulled in): a page reloaded in dev reads as the checks read it. */
	toolData?: ToolData;
	/** Pages published as a notice (path → reason), with the title the tree found. */
	notices: Record<string, { notice: string; title: string }>;
	/** Pages whose frontmatter is broken: rendered without the bad part, under a notice naming it. */
	frontmatter: Record<string, PageFrontmatterNotes>;
	/** `module`: `.mdx` pages compile as MDX (trusted). `markdown`: rendered by the Markdown pipeline, MDX syntax inert (untrusted). */
	mdx: 'module' | 'markdown';
	limits: PageLimits;
	/** `remark` only when the command layer was asked for it (`WAYMARK_PARSER=remark`). */
	parser: MarkdownParser;
	/** Where rendered page bodies are kept, out of Astro's content store. */
	html: PageHtmlFiles;
	/** Front matter keys of the tree's tool (`tree/tool-frontmatter.ts`): never judged, and those of Waymark's names but the tool's meaning never read. */
	toolKeys?: string[];
	/** Per page, what its links land on (`link-verdicts.ts`): part of its digest, so a cached page never keeps marks or targets that changed. */
	linkDigests: Record<string, string>;
	/** Per page with pictures the bundler takes, their files' identity (`bundled-pictures.ts`): part of its digest and its page's key, so a picture redrawn is never kept. */
	pictureKeys: Record<string, string>;
	/** Per page that pulls files in (snippets, templates, mdBook's included files), a key of what they gave it (`live-pulls.ts`): part of its digest. */
	pulledKeys: Record<string, string>;
	/** Pages that are not UTF-8, and the encoding each is decoded from (`GuidebookTree.decoded`). */
	decoded: Record<string, string>;
	/** Every file a page pulls in, and the places looked in first: in dev, a change to one reads the tree again. */
	pulledFiles: string[];
	/** What in a page's text may pull a file in (`pullMarkersOf`): in dev, an edit to a page with one, or that had one, reads the tree again. */
	pullMarkers: string[];
}

/**
 * The guidebooks collection's loader. Astro's `glob()` finds files by its own rules (it follows
 * symbolic links out of the tree, and reads files by URL, so `a#b.md` is lost); this one loads
 * the pages of the walk the checks made, by path, so `check` and `build` agree on every page.
 * Pages with a notice are never read or rendered. In dev, edits and new files re-walk the tree;
 * with `live`, an edit to a file pages pull in (or to a page that may pull one in) reads the tree
 * again and renders the pages whose text it changed.
 */
export function guidebookLoader(data: ContentLoaderData, live?: LivePulls): Loader {
	return {
		name: 'waymark-guidebooks',
		async load(context) {
			// Where Astro evaluates the content config in a module runner of its own, no tree was read
			// through this copy of the registry: the tree's tool is loaded here before a page asks for it.
			await loadTool(data.dialect);
			const { store, watcher } = context;
			const stale = new Set(store.keys());
			const imported = assetImportsOf(store);
			const limit = pLimit(10);
			await Promise.all(
				data.pages.map((path) =>
					limit(async () => {
						stale.delete(path);
						await syncPage(context, data, path, data.notices[path]);
					}),
				),
			);
			for (const id of stale) store.delete(id);
			keepAssetImportsCurrent(store, imported);
			await prunePageHtml(data.html, data.pages);
			if (!watcher) return;
			watcher.add(data.root);
			let pages = new Set(data.pages);
			let refreshing: Promise<unknown> = Promise.resolve();
			const onChange = async (file: string): Promise<void> => {
				// Only the root is watched: a file a trusted build pulls from elsewhere in the repository
				// (`../../examples/a.toml`) shows its change on the next reload of a page that pulls it,
				// or on restarting `waymark dev`, not live.
				if (!isInside(file, data.root)) return;
				const path = relative(data.root, file).split(sep).join('/');
				// A new or removed file may change what the tree holds; the walk decides again. A page may
				// come in without being edited: a chapter an mdBook's `SUMMARY.md` now lists.
				const walked = new Set(await publishedPages(data.root, data.dialect, data.limits));
				for (const gone of pages) if (!walked.has(gone)) store.delete(gone);
				const arrived = [...walked].filter((page) => !pages.has(page) && page !== path);
				pages = walked;
				for (const page of arrived) await reload(page);
				if (
					live &&
					(data.pulledFiles.includes(path) ||
						(pages.has(path) &&
							(data.pulledKeys[path] !== undefined ||
								mayPull(await readFile(file, 'utf8').catch(() => ''), data.pullMarkers))))
				) {
					// One reading of the tree at a time, in the order of the edits: the last answers last.
					const next = refreshing.then(() => refreshPulls(live, data.pulledKeys));
					refreshing = next.catch(() => undefined);
					const refreshed = await next;
					data.pulledFiles = [...refreshed.pulled];
					for (const page of refreshed.changed.filter(
						(changed) => changed !== path && pages.has(changed),
					)) {
						await syncPage(context, data, page, data.notices[page]);
						context.logger.info(`Reloaded ${page} (it pulls in ${path})`);
					}
				}
				if (pages.has(path)) await reload(path);
			};
			const reload = async (path: string): Promise<void> => {
				const page = await loadPage(data.root, path, {
					...data.limits,
					dialect: data.dialect,
					parser: data.parser,
					...(data.toolData && { toolData: data.toolData }),
					...(data.toolKeys && { toolKeys: new Set(data.toolKeys) }),
				});
				const notice =
					'notice' in page && page.notice ? { notice: page.notice, title: page.title } : undefined;
				const notes = 'tree' in page ? frontmatterNotesOf(page) : undefined;
				if (notes) data.frontmatter[path] = notes;
				else delete data.frontmatter[path];
				await syncPage(context, data, path, notice);
				context.logger.info(`Reloaded ${path}`);
			};
			for (const event of ['change', 'add', 'unlink'] as const)
				watcher.on(
					event,
					(file: string) =>
						void onChange(file).catch((error: Error) =>
							context.logger.error(`${file}: ${error.message}`),
						),
				);
		},
	};
}

async function syncPage(
	context: LoaderContext,
	data: ContentLoaderData,
	path: string,
	notice: { notice: string; title: string } | undefined,
): Promise<void> {
	const { store, config, logger } = context;
	const file = join(data.root, path);
	const filePath = relative(fileURLToPath(config.root), file).split(sep).join('/');
	if (notice) {
		// Never read: the page is too large or too deep for any renderer.
		const digest = context.generateDigest(`notice\0${notice.notice}`);
		if (store.get(path)?.digest === digest) return;
		const entryData = await context.parseData({
			id: path,
			data: { title: notice.title },
			filePath: file,
		});
		store.set({
			id: path,
			data: entryData,
			filePath,
			digest,
			rendered: {
				html: pageNoticeHtml(notice.notice),
				metadata: { headings: [], frontmatter: {}, imagePaths: [] },
			},
		});
		return;
	}
	// Read as the tree read it: a page that is not UTF-8 decoded as GitHub decodes it.
	const read = await readPageText(data.root, path);
	if (read.ok !== true) {
		logger.error(`Cannot read ${path}: ${'reason' in read ? read.reason : 'it is too large'}`);
		return;
	}
	const contents = read.text;
	const decodedFrom = data.decoded[path];
	const input: EntryInput = {
		path,
		contents,
		known: data.frontmatter[path],
		dialect: data.dialect,
		mdx: data.mdx,
		toolKeys: data.toolKeys,
		linkDigest: data.linkDigests[path] ?? '',
		pictureKey: data.pictureKeys[path] ?? '',
		pulledKey: data.pulledKeys[path] ?? '',
		...(decodedFrom && { decodedFrom }),
	};
	// MDX compiles at build time; a page MDX's grammar rejects renders as Markdown instead (its MDX
	// as text, under a notice), so the compiler never fails the build. The choice is part of the digest.
	const digest = context.generateDigest(entryDigestInput(input));
	const existing = store.get(path);
	const existingFile = existing?.rendered?.metadata?.[htmlFileKey];
	if (existing?.digest === digest) {
		const problem =
			typeof existingFile === 'string'
				? await pageHtmlProblem(
						data.html,
						existingFile,
						existing.rendered?.metadata?.[htmlDigestKey],
					)
				: undefined;
		if (problem === undefined) {
			if (existing.deferredRender) store.addModuleImport(filePath);
			return;
		}
		const line = `The rendered body of ${path} from the last build failed its check (${problem}): it is rendered again.`;
		if (!noteBody(line)) logger.warn(line);
	}
	const plan = planEntry(input);
	const entryData = await context.parseData({ id: path, data: plan.frontmatter, filePath: file });
	if (plan.kind === 'module') {
		store.set({ id: path, data: entryData, filePath, digest, deferredRender: true });
		return;
	}
	const rendered = await renderEntry(
		plan,
		(source) => context.renderMarkdown(source, { fileURL: pathToFileURL(file) }),
		(reason) =>
			logger.error(`Cannot render ${path}: ${reason}. This is a bug in Waymark; please report it.`),
	);
	// The body goes to its own file, out of the store that every build module carries. A page with
	// images the bundler takes keeps its HTML in the store: Astro puts the images' URLs into it, and
	// its pictures' key goes into the metadata its page is keyed by (the HTML names them by path alone).
	const stored =
		rendered.imagePaths.length === 0
			? {
					html: '',
					metadata: {
						...rendered.metadata,
						[htmlFileKey]: await writePageHtml(data.html, path, rendered.html),
						[htmlDigestKey]: bodyDigest(rendered.html),
					},
				}
			: {
					html: rendered.html,
					metadata: { ...rendered.metadata, [picturesKey]: input.pictureKey },
				};
	// No `body`: nothing reads a page's Markdown from the store, and it was the store's other third.
	store.set({
		id: path,
		data: entryData,
		filePath,
		digest,
		rendered: stored,
		assetImports: rendered.imagePaths,
	});
}

type Store = LoaderContext['store'] & {
	addAssetImports?: (assets: string[], filePath?: string) => void;
};

/** Every picture the store's entries have Vite import, as `filePath\0asset`. */
function assetImportsOf(store: Store): Set<string> {
	return new Set(
		store
			.values()
			.flatMap((entry) =>
				(entry.assetImports ?? []).map((asset) => `${entry.filePath ?? ''}\0${asset}`),
			),
	);
}

/**
 * Astro rewrites the list of pictures Vite imports for the store (`.astro/content-assets.mjs`)
 * only when an entry adds one (`MutableDataStore`, Astro 7.3.5, pinned): when a page lost its
 * picture (redrawn as no picture, or gone: a placeholder now) and no page gained one, the old
 * import stayed, and the bundler failed on it. When this sync dropped one and others remain, one is
 * added again, which rewrites the list from the entries as they are.
 */
function keepAssetImportsCurrent(store: Store, before: ReadonlySet<string>): void {
	const after = assetImportsOf(store);
	if (after.size === 0 || [...before].every((asset) => after.has(asset))) return;
	const entry = store.values().find((candidate) => (candidate.assetImports?.length ?? 0) > 0);
	if (entry?.assetImports) store.addAssetImports?.(entry.assetImports, entry.filePath);
}

/** Whether a page's text holds one of the tree's `markers` of a file pulled in. */
function mayPull(text: string, markers: readonly string[]): boolean {
	return markers.some((marker) => text.includes(marker));
}
