import { createHash } from 'node:crypto';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import {
	encodingNoticeHtml,
	frontmatterNoticeHtml,
	mdxNoticeHtml,
	renderFailureHtml,
	type FrontmatterNote,
} from '../markdown/page-notice.ts';
import { toolNamed } from '../tools/index.ts';
import { shownOutputs, type ShownOutput } from '../tools/rewrite.ts';
import { unreadFrontmatterKeys, withoutKeys } from '../tree/tool-frontmatter.ts';
import { mdxProblem, type MdxSyntaxError } from '../tree/mdx-syntax.ts';
import type { PageModel } from '../tree/parse-page.ts';
import type { PageFrontmatterNotes } from './frontmatter-notes.ts';
import { ownStrings } from './own-strings.ts';
import { errorLine } from '../core/error-line.ts';

/** What decides how one page's entry renders, besides its text. */
export interface EntryInput {
	path: string;
	contents: string;
	/** Frontmatter the tree could not read, or values it dropped (`frontmatter-notes.ts`). */
	known: PageFrontmatterNotes | undefined;
	/** The tree's tool, by name. */
	dialect: string;
	/** `module`: a trusted tree's `.mdx` compiles; `markdown`: rendered as Markdown, MDX inert. */
	mdx: 'module' | 'markdown';
	toolKeys: readonly string[] | undefined;
	/** What the page's links land on (`link-verdicts.ts`): its marks and targets are in the HTML. */
	linkDigest: string;
	/** The files of the pictures the bundler takes for it (`bundled-pictures.ts`): their content is in the HTML, not in the text. */
	pictureKey: string;
	/** What the files the page pulls in gave its text (`live-pulls.ts`): their text is in the HTML, not in the page's file. */
	pulledKey?: string;
	/** The encoding a page that is not UTF-8 was decoded from (`tree/read-page.ts`): the page shows a notice saying so. */
	decodedFrom?: string;
}

/** How a page renders: a compiled MDX module (Astro renders it), or Markdown with its frontmatter read. */
export type EntryPlan =
	| { kind: 'module'; frontmatter: Record<string, unknown> }
	| { kind: 'markdown'; frontmatter: Record<string, unknown>; source: string; noticeHtml: string };

/** Everything that decides a page's entry, as one string: a different string, a different entry (the content store's digest input). */
export function entryDigestInput(input: EntryInput): string {
	const compiles = input.mdx === 'module' && /\.mdx$/i.test(input.path);
	const error = mdxError(input);
	return `${input.contents}\0${JSON.stringify(input.known ?? null)}\0${input.linkDigest}\0${input.pictureKey}\0${compiles ? (error ? `as-markdown:${error.message}` : 'mdx') : 'markdown'}${input.pulledKey ? `\0pulled:${input.pulledKey}` : ''}${input.decodedFrom ? `\0decoded:${input.decodedFrom}` : ''}`;
}

/**
 * How the content loader renders a page, decided from its text alone: MDX that compiles is left to
 * Astro; anything else is Markdown, its frontmatter read as Astro reads it (never YAML the tree
 * could not read: the page renders without it, under a notice), MDX that does not parse shown as
 * text under a notice. The frontmatter has the tool's keys of Waymark's names taken out.
 */
export function planEntry(input: EntryInput): EntryPlan {
	const { contents, known } = input;
	const compiles = input.mdx === 'module' && /\.mdx$/i.test(input.path);
	const error = mdxError(input);
	let frontmatter: Record<string, unknown> = {};
	let source = known?.syntax ? withoutFrontmatter(contents) : contents;
	let notes: FrontmatterNote[] = known?.notes ?? [];
	let syntax = known?.syntax ?? false;
	if (!syntax) {
		try {
			({ frontmatter } = parseFrontmatter(contents, { frontmatter: 'empty-with-spaces' }));
			// Front matter of the tool's own that Astro does not read (Hugo's JSON front matter, which the page's Markdown pipeline blanks).
			frontmatter =
				toolNamed(input.dialect).bind(undefined).frontmatter?.(contents)?.data ?? frontmatter;
		} catch (failure) {
			source = withoutFrontmatter(contents);
			syntax = true;
			notes = [{ line: 1, message: `Unexpected YAML: ${errorLine(failure)}` }];
		}
	}
	// A key of the tool's that has a Waymark name but the tool's meaning (a Hugo site's own `status`) is not Waymark's to show.
	const shown = withoutKeys(
		frontmatter,
		unreadFrontmatterKeys(input.toolKeys && new Set(input.toolKeys)),
	);
	// MDX parses its own frontmatter: broken YAML renders the page as Markdown too.
	if (compiles && !error && !syntax) return { kind: 'module', frontmatter: shown };
	const noticeHtml = `${input.decodedFrom ? encodingNoticeHtml(input.decodedFrom) : ''}${notes.length > 0 ? frontmatterNoticeHtml(notes, syntax) : ''}${error ? mdxNoticeHtml(error) : ''}`;
	return { kind: 'markdown', frontmatter: shown, source, noticeHtml };
}

/** What rendering a page's Markdown gives: its HTML and what the plugins lifted out. */
export interface RenderedEntry {
	html: string;
	metadata: Record<string, unknown>;
	imagePaths: string[];
}

/**
 * Renders a Markdown plan with `render` (Astro's `renderMarkdown` in the content loader, the
 * site's renderer in `patch-site.ts`): the notices first, the metadata as strings of its own. A
 * failure is a bug of Waymark's met on this page: the page says so (`onFailure` is told), the rest builds.
 */
export async function renderEntry(
	plan: Extract<EntryPlan, { kind: 'markdown' }>,
	render: (source: string) => Promise<{ html: string; metadata?: Record<string, unknown> }>,
	onFailure: (reason: string) => void,
): Promise<RenderedEntry> {
	const rendered = await render(plan.source).catch((error: Error) => {
		const reason =
			(error.message ?? String(error))
				.split('\n')
				.find((line) => line.trim() !== '' && !line.startsWith('Failed to parse Markdown file')) ??
			'unknown error';
		onFailure(reason);
		return {
			html: renderFailureHtml(reason),
			metadata: { headings: [], frontmatter: {}, imagePaths: [] },
		};
	});
	const metadata = ownStrings(rendered.metadata ?? {});
	return {
		html: `${plan.noticeHtml}${rendered.html}`,
		metadata,
		imagePaths: (metadata['imagePaths'] as string[] | undefined) ?? [],
	};
}

/** A short digest of a page body (part of its keys, `htmlDigestKey`; the same on the Node side as in the route's `digestOf`), and of what the build record keeps (`site-record.ts`). */
export function bodyDigest(html: string): string {
	return createHash('sha256').update(html).digest('base64url').slice(0, 32);
}

/**
 * A digest of a page as the tree read it: every output of its tool's rewrite that the site shows
 * (`shownOutputs`): its text with what it pulled in, and the tab title an included `{{#title}}`
 * set, which leaves no text behind.
 */
export function readPageDigest(page: Pick<PageModel, ShownOutput> | undefined): string {
	const hash = createHash('sha256');
	for (const key of shownOutputs) {
		const value = page?.[key];
		// Each value with its length before it, so no two pages' outputs run together into the same bytes.
		hash
			.update(value === undefined ? `${key}:-\0` : `${key}:${value.length}\0`)
			.update(value ?? '');
	}
	return hash.digest('base64url').slice(0, 32);
}

function mdxError(input: EntryInput): MdxSyntaxError | undefined {
	if (!/\.mdx$/i.test(input.path)) return undefined;
	// As the tool compiles it (Docusaurus takes HTML comments and `{#id}` after a heading).
	const { mdxSource } = toolNamed(input.dialect).bind(undefined);
	return mdxProblem(mdxSource ? mdxSource(input.contents) : input.contents);
}

/** `contents` with its frontmatter block (`---` … `---`) replaced by blank lines. */
export function withoutFrontmatter(contents: string): string {
	const block =
		/^(\uFEFF?(?:---|\+\+\+)[ \t]*\r?\n)([\s\S]*?)(\r?\n(?:---|\+\+\+)[ \t]*(?:\r?\n|$))/.exec(
			contents,
		);
	if (!block) return contents;
	return `${block[0].replace(/[^\r\n]/g, '')}${contents.slice(block[0].length)}`;
}
