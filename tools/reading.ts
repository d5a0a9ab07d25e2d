/**
 * The pure half of a tool (`Tool.bind`): how its site reads a page, given what its config and its
 * pages said (`ToolData`). Nothing here touches the disk, so the checks (`tree/`, `checks/`) and the
 * site's Markdown processor (`markdown/`, handed it as a `SiteTool`) read every page alike.
 * `tools/forge-reading.ts` is the baseline every tool starts from: a tool says only where it differs.
 */
import type { Heading, Root } from 'mdast';
import type { RewritePage, SiteTool } from '../markdown/site-tool.ts';
import type { RewrittenSource } from './rewrite.ts';
import type { ForeignKind } from './syntax/foreign-syntax.ts';
import type { SourceNote } from './syntax/source-note.ts';

/** What a tool's pages read beyond their own text while the tree is read (snippets, includes): opaque to all but the tool. */
export type ParseInputs = unknown;

/** Front matter the Markdown parser does not see as such (Hugo's JSON front matter). */
export interface OwnFrontmatter {
	data?: Record<string, unknown>;
	error?: string;
	/** The block as written. */
	source: string;
	/** Its first line in the file. */
	firstLine: number;
}

/** What a tool's `afterParse` is handed of the parsed page. */
interface ParsedPage {
	/** The page's Markdown as parsed. */
	text: string;
	headingId: (heading: Heading) => string | undefined;
	/** The ids the page has so far. */
	anchors: ReadonlySet<string>;
}

/** The pure half of a tool, bound to one tree's data. */
export interface ToolReading extends SiteTool {
	/** The page's text with the tool's own syntax written as what the site renders (`tools/rewrite.ts`): what it could not render, and where lines come from. */
	rewrite: (text: string, page: RewritePage) => RewrittenSource;
	/** An MDX page's text as the tool compiles it (Docusaurus takes HTML comments and `{#id}` after a heading). */
	mdxSource?: (text: string) => string;
	/** Front matter the parser does not see as such, from the file's text. */
	frontmatter?: (fileText: string) => OwnFrontmatter | undefined;
	/** Once the page is parsed, before its headings get ids: what the tool does to its syntax tree (shortcodes), and what of it it could not render. */
	afterParse?: (tree: Root) => SourceNote[];
	/** The ids the tool gives parts of the page besides its headings (footnotes, attribute lists, tabs). */
	anchors?: (tree: Root, page: ParsedPage) => string[];
	/** A heading's text as a page title: without a trailing `{#id}` (MkDocs: without its attribute list). */
	headingTitle: (text: string) => string;
	/** A file or folder name as the tool shows it in a title (Docusaurus: without its number prefix). */
	shownName: (name: string) => string;
	/** Files of the root published whole, by the folder they are in (`public/`; MkDocs: every file of `docs_dir`, `''`). */
	publishedWhole: string;
	/** A page's parse reads which other pages exist (Hugo's `ref`): the pages are part of its cache key. */
	readsOtherPages?: true;
	/** Syntax of other tools this tool renders itself, which `syntax/foreign-syntax.ts` leaves to it (MkDocs' macros, Docusaurus' containers and components). */
	rendersItself?: readonly ForeignKind[];
	/** What of the tree's data decides how a page reads (its parse, its HTML): in the page cache's key and the build's record. */
	digest: unknown;
}
