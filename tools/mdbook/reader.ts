import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { RewritePage } from '../../markdown/site-tool.ts';
import { forgeReading } from '../forge-reading.ts';
import type { NavEntry } from '../mkdocs/nav-config.ts';
import { unchanged, type RewrittenSource } from '../rewrite.ts';
import { movedOrigins } from '../syntax/line-origins.ts';
import { pastedRuns } from '../syntax/pasted-lines.ts';
import { notingPulls } from '../syntax/pulled-file.ts';
import { defineReader } from '../tool.ts';
import { withUnlisted } from '../shown-data.ts';
import { includesOf, readsThrough, refreshRecord } from '../syntax/recorded-reads.ts';
import type { MdbookSite } from './config.ts';
import {
	expandMdbookLinks,
	includesFiles,
	mayHoldMdbookLinks,
	mdbookInputsFromRecord,
	type MdbookInputs,
	type MdbookRecorded,
} from './includes.ts';
import { mdbookRun } from './inputs.ts';
import { mdbookChapterHref } from './links.ts';
import { summaryNavigation, summarySidebar, unlistedChapters } from './summary.ts';

/** What Waymark keeps of an mdBook: what its pages' `{{#include}}` links read, whether the root is the book's `src`, its summary's chapters. */
export interface MdbookData {
	[key: string]: unknown;
	includes?: MdbookRecorded;
	/** The root is the book's `src`, whose top holds the `index.html` mdBook always writes (a copy of the first chapter). */
	top?: true;
	/** The chapters `SUMMARY.md` lists, in its order: the book's sidebar. */
	chapters?: NavEntry[];
}

/**
 * An mdBook's table of contents, in its `src`: the sidebar, and a page of its own as on the forge,
 * built but listed nowhere (a contributor's README links it: `[SUMMARY.md](SUMMARY.md)`).
 */
const summaryFile = 'SUMMARY.md';
const unlisted = {
	why: 'a Markdown file `SUMMARY.md` lists as no chapter, which mdBook builds no page for',
	fix: 'add it to `SUMMARY.md`, or link to a chapter',
};

/** Whether the book's summary is the root's own: the root is the book's `src`, not a folder in it. */
const ownSummary = (root: string, book: MdbookSite): boolean => relative(book.srcDir, root) === '';

/** What the tool reads of a tree once detected (`tools/tool.ts` `ToolReader`): loaded for the tree's tool only. */
export default defineReader<MdbookData, MdbookSite>({
	read({ found: book }) {
		return { data: {}, ...(book?.title && { siteName: book.title }) };
	},
	pull({ root, found: book, texts, puller }, data) {
		if (!book) return undefined;
		const run = mdbookRun(root, [...texts.values()].filter(includesFiles).length, puller);
		// A page that may hold a link to a file is parsed every run; the others are taken as other trees' are.
		return {
			inputs: run.inputs,
			data: { ...data, includes: run.recorded },
			cacheable: (text) => !mayHoldMdbookLinks(text),
			pulledFiles: [run.recorded.files],
		};
	},
	arrange(_pages, { root, found: book, data, files, texts, parseMarkdown }) {
		// A book's `SUMMARY.md` orders its sidebar when it is the root's own (the root is the book's `src`).
		if (!book || !ownSummary(root, book)) return {};
		const summary = texts.get(summaryFile);
		const chapters =
			summary === undefined
				? undefined
				: summaryNavigation(summary, new Set(files.pages), parseMarkdown);
		return {
			data: { ...data, top: true, ...(chapters && { chapters }) },
			...(chapters && {
				leftOut: [{ paths: unlistedChapters(chapters, files.pages, summaryFile), why: unlisted }],
			}),
		};
	},
	navigation: (pages, { data }) => summarySidebar(pages, (data as MdbookData).chapters),
	// In the book's `src`, the pages its `SUMMARY.md` lists as chapters (and the summary).
	async publishedPages(root, pages, book, parseMarkdown) {
		const summary =
			book && ownSummary(root, book)
				? await readFile(join(root, summaryFile), 'utf8').catch(() => undefined)
				: undefined;
		if (summary === undefined) return pages;
		const left = new Set(
			unlistedChapters(
				summaryNavigation(summary, new Set(pages), parseMarkdown),
				pages,
				summaryFile,
			),
		);
		return pages.filter((path) => !left.has(path));
	},
	shownData: (data) => ({
		...(data.includes && { includes: withUnlisted(data.includes, ['files', 'pageBudget']) }),
		...(data.top && { top: true }),
	}),
	refreshPulls: (held, fresh) => refreshRecord(held.includes, fresh.includes),
	inputsThrough: (data, through) =>
		data.includes
			? (includesOf(readsThrough(data.includes, through)) satisfies MdbookInputs)
			: undefined,
	pullMarkers: (data) => (data.includes ? ['{{'] : []),

	bind(data, parseInputs) {
		const inputs =
			(parseInputs as MdbookInputs | undefined) ??
			(data?.includes && mdbookInputsFromRecord(data.includes));
		return {
			...forgeReading('mdbook'),
			rewrite: (text, page) =>
				inputs && mayHoldMdbookLinks(text) ? withMdbookLinks(text, page, inputs) : unchanged(text),
			links: {
				// `writing_a_module.html` is the chapter `writing_a_module.md`; a name the book left out (`template.html`) is its file, so a link to it says why.
				written: (fromPath, href, tree) =>
					mdbookChapterHref(
						fromPath,
						href,
						{
							pages:
								tree.leftOut && tree.leftOut.size > 0
									? new Set([
											...tree.pages,
											...[...tree.leftOut].filter(
												(path) => !/(?:^|\/)(?:readme|index)\.md$/i.test(path),
											),
										])
									: tree.pages,
							assets: tree.assets,
						},
						tree.place,
					),
				// mdBook writes `index.html` at the book's top whatever its chapters are (the first one's copy); the site's home is there too.
				...(data?.top && { writes: (path: string) => path === 'index.html' }),
				rootFolderShown: true,
			},
			digest: { top: data?.top ?? false },
		};
	},
});

/** The page with its `{{#include}}` links followed (mdBook's links preprocessor runs on the chapter's text before anything reads it as Markdown); lines and notes on the file's lines. */
function withMdbookLinks(text: string, page: RewritePage, reads: MdbookInputs): RewrittenSource {
	const pulled = new Set<string>();
	const noted = notingPulls(pulled);
	const included = expandMdbookLinks(text, page.path, {
		...reads,
		include: (path) => noted(reads.include(path)),
	});
	const moved = movedOrigins(included.origins);
	const pasted = pastedRuns(included.text.split('\n'), included.pasted);
	return {
		text: included.text,
		notes: included.notes.sort((a, b) => a.line - b.line || a.column - b.column),
		...(moved && { origins: moved }),
		...(pasted && { pasted }),
		...(included.columns.length > 0 && { columns: included.columns }),
		...(included.title !== undefined && { tabTitle: included.title }),
		...(pulled.size > 0 && { pulled: [...pulled] }),
	};
}
