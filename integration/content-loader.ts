import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Loader, LoaderContext } from 'astro/loaders';
import pLimit from 'p-limit';
import type { Dialect } from '../src/lib/dialect.ts';
import type { MarkdownParser } from '../src/markdown/native-parse.ts';
import { pageNoticeHtml } from '../src/lib/page-notice.ts';
import { loadPage, publishedPages, type PageLimits } from '../tree/load-tree.ts';

/** What the loader needs of a prepared tree: plain data, serialised into `virtual:waymark/content`. */
export interface ContentLoaderData {
	root: string;
	/** The tree's pages, relative paths: exactly what the checks saw, nothing a glob would add. */
	pages: string[];
	/** The tree's dialect: in dev, what it leaves out (MkDocs `exclude_docs`) stays out, and a page is read as the checks read it. */
	dialect: Dialect;
	/** Pages published as a notice (path → reason), with the title the tree found. */
	notices: Record<string, { notice: string; title: string }>;
	/** `module`: `.mdx` pages compile as MDX (trusted). `markdown`: rendered by the Markdown pipeline, MDX syntax inert (untrusted). */
	mdx: 'module' | 'markdown';
	limits: PageLimits;
	/** `remark` only when the command layer was asked for it (`WAYMARK_PARSER=remark`). */
	parser: MarkdownParser;
}

/**
 * The guidebooks collection's loader. Astro's `glob()` finds files by its own rules (it follows
 * symbolic links out of the tree, and reads files by URL, so `a#b.md` is lost); this one loads
 * the pages of the walk the checks made, by path, so `check` and `build` agree on every page.
 * Pages with a notice are never read or rendered. In dev, edits and new files re-walk the tree.
 */
export function guidebookLoader(data: ContentLoaderData): Loader {
	return {
		name: 'waymark-guidebooks',
		async load(context) {
			const { store, watcher } = context;
			const stale = new Set(store.keys());
			const limit = pLimit(10);
			await Promise.all(data.pages.map((path) => limit(async () => {
				stale.delete(path);
				await syncPage(context, data, path, data.notices[path]);
			})));
			for (const id of stale) store.delete(id);
			if (!watcher) return;
			watcher.add(data.root);
			let pages = new Set(data.pages);
			const onChange = async (file: string): Promise<void> => {
				const path = relative(data.root, file).split(sep).join('/');
				if (path.startsWith('..')) return;
				// A new or removed file may change what the tree holds; the walk decides again.
				const walked = new Set(await publishedPages(data.root, data.dialect));
				for (const gone of pages) if (!walked.has(gone)) store.delete(gone);
				pages = walked;
				if (!pages.has(path)) return;
				const page = await loadPage(data.root, path, { ...data.limits, dialect: data.dialect, parser: data.parser });
				const notice = 'notice' in page && page.notice ? { notice: page.notice, title: page.title } : undefined;
				await syncPage(context, data, path, notice);
				context.logger.info(`Reloaded ${path}`);
			};
			for (const event of ['change', 'add', 'unlink'] as const) watcher.on(event, (file: string) => void onChange(file).catch((error: Error) => context.logger.error(`${file}: ${error.message}`)));
		},
	};
}

async function syncPage(context: LoaderContext, data: ContentLoaderData, path: string, notice: { notice: string; title: string } | undefined): Promise<void> {
	const { store, config, logger } = context;
	const file = join(data.root, path);
	const filePath = relative(fileURLToPath(config.root), file).split(sep).join('/');
	if (notice) {
		// Never read: the page is too large or too deep for any renderer.
		const digest = context.generateDigest(`notice\0${notice.notice}`);
		if (store.get(path)?.digest === digest) return;
		const entryData = await context.parseData({ id: path, data: { title: notice.title }, filePath: file });
		store.set({ id: path, data: entryData, body: '', filePath, digest, rendered: { html: pageNoticeHtml(notice.notice), metadata: { headings: [], frontmatter: {}, imagePaths: [] } } });
		return;
	}
	const contents = await readFile(file, 'utf8').catch((error: Error) => {
		logger.error(`Cannot read ${path}: ${error.message}`);
		return undefined;
	});
	if (contents === undefined) return;
	const digest = context.generateDigest(contents);
	const existing = store.get(path);
	const deferred = data.mdx === 'module' && /\.mdx$/i.test(path);
	if (existing?.digest === digest) {
		if (existing.deferredRender) store.addModuleImport(filePath);
		return;
	}
	let frontmatter: Record<string, unknown> = {};
	let body = contents;
	try {
		({ frontmatter, content: body } = parseFrontmatter(contents, { frontmatter: 'empty-with-spaces' }));
	} catch {
		// Invalid YAML is a `frontmatter` finding; the build has stopped on it unless that rule is off.
	}
	const entryData = await context.parseData({ id: path, data: frontmatter, filePath: file });
	if (deferred) {
		store.set({ id: path, data: entryData, body: body.trim(), filePath, digest, deferredRender: true });
		return;
	}
	const rendered = await context.renderMarkdown(contents, { fileURL: pathToFileURL(file) }).catch((error: Error) => {
		logger.error(`Cannot render ${path}: ${error.message}`);
		return undefined;
	});
	store.set({ id: path, data: entryData, body: body.trim(), filePath, digest, ...(rendered && { rendered, assetImports: rendered.metadata?.imagePaths ?? [] }) });
}
