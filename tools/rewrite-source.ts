import type { Dialect } from './dialect.ts';
import { literalLines } from './syntax/code-lines.ts';
import { rewriteDocusaurusAdmonitions } from './docusaurus/admonitions.ts';
import { closeFrontmatterAsGrayMatter } from './docusaurus/frontmatter.ts';
import { docusaurusMdxSource } from './docusaurus/mdx-heading-ids.ts';
import { rewriteDocusaurusMdxSource } from './docusaurus/mdx-source.ts';
import { dropUnusedTabImports } from './docusaurus/tab-imports.ts';
import { rewriteDocusaurusTabs } from './docusaurus/tabs.ts';
import { blankJsonFrontmatter } from './hugo/json-frontmatter.ts';
import { gitlabDocsShortcodes } from './gitlab/docs-shortcodes.ts';
import type { HugoContent } from './hugo/ref.ts';
import { rewriteHugoShortcodes } from './hugo/shortcodes.ts';
import { movedOrigins, rewrittenLineOf, sourceLineOf, type ColumnMove } from './syntax/line-origins.ts';
import { separateMdxFlowLines } from './docusaurus/mdx-flow-lines.ts';
import { expandMdbookLinks, mayHoldMdbookLinks, type MdbookInputs } from './mdbook/includes.ts';
import type { MkdocsInputs } from './mkdocs/settings.ts';
import { mayHoldMkdocsSyntax, rewriteMkdocsSource } from './mkdocs/source.ts';
import type { SourceNote } from './syntax/source-note.ts';
import { rewriteTocMarkers } from './syntax/toc-marker.ts';

export interface SourceContext {
	dialect: Dialect;
	/** The page, relative to the root. */
	path: string;
	/** Every page of the tree, relative to the root (Hugo's `ref` looks pages up). */
	pages: ReadonlySet<string>;
	/** Hugo: the site config's `params`. */
	params?: Readonly<Record<string, unknown>>;
	/** Hugo: the site's content around the root, when the root is one part of it (a `ref` may reach a page outside the root). */
	hugoContent?: HugoContent;
	/** The tree is written for docs.gitlab.com (a GitLab tree, or one read as Hugo in a GitLab project with no Hugo config of its own): that site's shortcodes. */
	gitlabDocs?: boolean;
	/** MkDocs: what `mkdocs.yml` enables, and the files and icons the page may pull in. */
	mkdocs?: MkdocsInputs;
	/** mdBook: the files its `{{#include}}` links may read. */
	mdbook?: MdbookInputs;
	/** The page's front matter when the text comes without it (Astro removes it before rendering). */
	frontmatter?: Record<string, unknown>;
}

/** A page's rewritten Markdown, what it could not render, and where its lines come from. */
export interface RewrittenSource {
	text: string;
	/** On the rewritten text's lines. */
	notes: SourceNote[];
	/** The file's line (1-based) of each rewritten line, when snippets or includes moved some; see `line-origins.ts`. */
	origins?: number[];
	/** Where text pulled in stands on the rewritten lines, for the file's columns (`ColumnMove`). */
	columns?: ColumnMove[];
	/** mdBook: the browser tab's title the page's `{{#title}}` gives, in place of the page's and the book's. */
	tabTitle?: string;
}

/**
 * What each output of the rewrite is to the site. A `shown` output makes the page's HTML (the
 * site's renderer reads it, `markdown/remark-dialect-source.ts`): the page keeps it under the
 * same name and `readPageDigest` (integration/page-entry.ts) digests it, so a build renders a page
 * again when one changes, even one that leaves the text as it was (a title from an included file).
 * A `placed` output feeds only the checks (the rewrite's own findings, and where findings point
 * on the file), which every run works out afresh. A new output is a type error here until it says
 * which it is.
 */
export const rewriteOutputs = { text: 'shown', tabTitle: 'shown', notes: 'placed', origins: 'placed', columns: 'placed' } as const satisfies Record<keyof RewrittenSource, 'shown' | 'placed'>;

/** The outputs of the rewrite that make a page's HTML. */
export type ShownOutput = { [K in keyof typeof rewriteOutputs]: (typeof rewriteOutputs)[K] extends 'shown' ? K : never }[keyof typeof rewriteOutputs];

export const shownOutputs = (Object.keys(rewriteOutputs) as Array<keyof typeof rewriteOutputs>).filter((key): key is ShownOutput => rewriteOutputs[key] === 'shown');

/**
 * A page's Markdown with its dialect's own syntax written as the Markdown and directives the site
 * renders: GitLab/MkDocs table-of-contents markers, MkDocs and Docusaurus admonitions and tabs, where
 * Docusaurus's front matter ends, Hugo
 * shortcodes, MkDocs macros, snippets and content tabs; Hugo's JSON front matter blanked. Text
 * in, text out, before any parser runs, so the checks (`tree/`) and the site (`markdown/`)
 * read the same page; mdBook's `{{#include}}` links first of all. Lines keep their numbers, except
 * where MkDocs or mdBook pulls in other files or a Docusaurus tag line gets a blank line beside it
 * (`origins` then maps them back).
 */
export function rewriteDialectSource(text: string, context: SourceContext): RewrittenSource {
	// mdBook's links preprocessor runs on the chapter's text before anything reads it as Markdown.
	if (context.mdbook && mayHoldMdbookLinks(text)) return withMdbookLinks(text, context, context.mdbook);
	return rewriteWithSeparatedLines(text, context);
}

/** The page with its mdBook links followed, then read as its dialect; lines and notes on the file's lines through both. */
function withMdbookLinks(text: string, context: SourceContext, inputs: MdbookInputs): RewrittenSource {
	const included = expandMdbookLinks(text, context.path, inputs);
	const rewritten = rewriteWithSeparatedLines(included.text, context);
	const origins = rewritten.origins ? rewritten.origins.map((line) => sourceLineOf(line, included.origins)) : included.origins;
	// The includes' notes are on the expanded lines already, which the dialect's rewrite keeps.
	const notes = [...rewritten.notes, ...included.notes];
	notes.sort((a, b) => a.line - b.line || a.column - b.column);
	const moved = movedOrigins(origins);
	// The dialect's own rewrite keeps a GitHub or GitLab page's lines: the spans stand where they were made.
	return { text: rewritten.text, notes, ...(moved && { origins: moved }), ...(included.columns.length > 0 && { columns: included.columns }), ...(included.title !== undefined && { tabTitle: included.title }) };
}

function rewriteWithSeparatedLines(text: string, context: SourceContext): RewrittenSource {
	const rewritten = rewriteForDialect(text, context);
	// Docusaurus compiles `.md` pages as MDX (`markdown.format: 'mdx'`, its default), which has no
	// HTML blocks: their tag lines are read as it reads them. `.mdx` pages too: the site compiles
	// them with MDX, which reads the separated lines as it reads the page, and the checks, which
	// read them as Markdown, then see the code and links MDX sees.
	const separated = context.dialect === 'docusaurus' && /^[ \t>]*<[A-Za-z/>]/m.test(rewritten.text) ? separateMdxFlowLines(rewritten.text.split('\n')) : undefined;
	if (!separated) return rewritten;
	const { origins } = separated;
	for (const note of rewritten.notes) note.line = rewrittenLineOf(note.line, origins);
	return { text: separated.lines.join('\n'), notes: rewritten.notes, origins: rewritten.origins ? origins.map((line) => sourceLineOf(line, rewritten.origins)) : origins };
}

function rewriteForDialect(text: string, context: SourceContext): RewrittenSource {
	const notes: SourceNote[] = [];
	if (context.dialect === 'mkdocs') return rewriteMkdocs(text, context);
	if (context.dialect === 'github' || !mayNeedRewrite(text, context.dialect)) return { text, notes };
	const lines = text.split('\n');
	// Hugo's JSON front matter is metadata (the tree reads it, `tree/parse-page.ts`), never text.
	if (context.dialect === 'hugo') blankJsonFrontmatter(lines);
	// Before anything reads the lines as Markdown: where the front matter ends decides the rest.
	if (context.dialect === 'docusaurus') closeFrontmatterAsGrayMatter(lines);
	const literal = literalLines(lines);
	rewriteTocMarkers(lines, literal, context.dialect);
	if (context.dialect === 'docusaurus') {
		rewriteDocusaurusAdmonitions(lines, literal, notes);
		rewriteDocusaurusTabs(lines, literal);
		dropUnusedTabImports(lines, literal);
		// `.mdx` pages are compiled as MDX here too: only `.md` pages need their ESM blanked.
		rewriteDocusaurusMdxSource(lines, literal, { esm: !/\.mdx$/i.test(context.path) });
	}
	let result = lines.join('\n');
	// Docusaurus's MDX takes HTML comments and `{#id}` after a heading (`markdown.mdx1Compat`, on by default).
	if (context.dialect === 'docusaurus' && /\.mdx$/i.test(context.path)) result = docusaurusMdxSource(result);
	if (context.dialect === 'hugo' || (context.dialect === 'gitlab' && hasHugoShortcode(text))) {
		// GitLab itself shows `{{< … >}}` as text: a GitLab tree using them is written for docs.gitlab.com, which draws its own.
		const site = context.dialect === 'gitlab' || context.gitlabDocs ? { site: gitlabDocsShortcodes } : {};
		// Hugo runs shortcodes in code too; GitLab shows a GitLab tree's code as written.
		const runsInCode = context.dialect === 'hugo' || context.gitlabDocs === true;
		result = rewriteHugoShortcodes(result, { path: context.path, pages: context.pages, params: context.params ?? {}, runsInCode, ...site, ...(context.hugoContent && { content: context.hugoContent }) }, notes);
	}
	notes.sort((a, b) => a.line - b.line || a.column - b.column);
	return { text: result, notes };
}

function rewriteMkdocs(text: string, context: SourceContext): RewrittenSource {
	const notes: SourceNote[] = [];
	if (!mayHoldMkdocsSyntax(text, context.mkdocs)) return { text, notes };
	const rewritten = rewriteMkdocsSource(text, { path: context.path, ...(context.frontmatter && { meta: context.frontmatter }) }, context.mkdocs, notes);
	const origins = movedOrigins(rewritten.origins);
	for (const note of notes) note.line = rewrittenLineOf(note.line, origins);
	notes.sort((a, b) => a.line - b.line || a.column - b.column);
	return { text: rewritten.lines.join('\n'), notes, ...(origins && { origins }) };
}

/** A cheap look for the dialect's markers, so most pages skip the line-by-line pass. */
function mayNeedRewrite(text: string, dialect: Dialect): boolean {
	switch (dialect) {
		case 'gitlab':
			return /\[(?:\[_TOC_\]|TOC)\]/i.test(text) || hasHugoShortcode(text);
		case 'docusaurus':
			return text.includes(':::') || text.includes('<!--') || text.includes('<Tabs') || text.includes('require(') || /^(?:import|export)[\s{*]/m.test(text) || /^\uFEFF?---[ \t]*\r?\n/.test(text);
		case 'hugo':
			return hasHugoShortcode(text) || /^\uFEFF?\s*\{/.test(text);
		default:
			return false;
	}
}

const hasHugoShortcode = (text: string): boolean => text.includes('{{<') || text.includes('{{%');
