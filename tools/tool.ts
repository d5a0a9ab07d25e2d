/**
 * The contract every documentation tool's module keeps (`tools/<name>/index.ts`), after Pandoc's
 * readers (one module per input format, one document model after them, file access through the
 * context it is handed), lychee's extractors (one per file type, behind one call) and unified's
 * plugins (the site's Markdown processor takes what a tool adds to it). The rest of Waymark asks
 * the tree's tool and names none (`test/tools/no-tool-names.test.ts`).
 *
 * A tool has two halves. `Tool` runs once per tree on the Node side: it finds the tool's config
 * around the root, tells how sure it is that the tree is its own (`lookAround`, `treeEvidence`,
 * `pageSignals`), reads its config (`read`) and what its pages pull in (`pull`), orders its pages
 * (`navigation`) and moves them to their routes (`routeOf`). What it read is `ToolData`: plain
 * data, kept with the tree, handed to the site and digested with the build. `bind(data)` gives the
 * other half, `ToolReading` (`reading.ts`): pure functions of that data (routes, heading ids, the
 * rewriting of the tool's syntax, how links resolve, the Markdown extensions and plugins), which the
 * checks and the site share, so a link the checks accept is a link that renders.
 */
import type { LeftOut } from './left-out.ts';
import type { PageNav } from './page-nav.ts';
import type { PulledFile } from './syntax/pulled-file.ts';
import type { SourceNote } from './syntax/source-note.ts';
import type { StaticFiles } from './static-files.ts';
import type { ParseInputs, ToolReading } from './reading.ts';
import type { SiteMenu } from '../markdown/site-index.ts';
import type { Root } from 'mdast';

/** What a tool keeps of a tree: plain data (JSON), the same in the checks, the site and a later build. */
export type ToolData = Record<string, unknown>;

/** A file or sign that says a tree is written for a tool, as shown to users, and how much it weighs. */
export interface Evidence {
	/** The tool it speaks for (a file may speak for another tool: an mdBook's `book.toml` for the book). */
	tool: string;
	/** `mkdocs.yml`, `website/docusaurus.config.ts`, `` `_index.md` on 3 pages ``. */
	name: string;
	/** A site generator's config 100, a forge's file 50, a telling file 50, each page with the tool's syntax 1. */
	weight: number;
}

/** Page syntax only one tool writes: each page that holds it counts once. */
interface PageSignal {
	/** As shown to users: `` `!!!`/`???` admonitions ``. */
	label: string;
	test: RegExp;
}

/** What a tool is handed while it looks at the folders around the root (`tools/surroundings.ts`). */
export interface LookAround {
	/** The guidebook root, absolute. */
	root: string;
	/** The repository's top (the folder holding `.git`), or outside a repository the root's parent: nothing outside it is read. */
	boundary: string;
	/** The folders looked in, the root first, then each one above it up to `boundary`. */
	folders: readonly string[];
	/** Whether `file` is a regular file inside `boundary`; one reached through a symbolic link leading out is a problem, reported, and never read. */
	isFile: (file: string) => Promise<boolean>;
	/** Whether `path` is a folder. */
	isFolder: (path: string) => Promise<boolean>;
	/** Records a file that says the tree is a tool's. */
	evidence: (found: Evidence) => void;
	/** The configs of a tool's `names` in the repository (below `boundary`), nearest first, the first name of each folder (bounded, never into hidden folders, `node_modules` or a Waymark build's output). */
	configsBelow: (names: readonly string[]) => Promise<string[]>;
}

/** What a tool's `read` is handed: the tree as walked, and the tool's config as `lookAround` found it. */
interface ReadContext<Found = unknown> {
	root: string;
	boundary: string;
	/** What `lookAround` found, if anything (a tree may be read as a tool's without its config: `dialect:`, or page syntax). */
	found: Found | undefined;
	files: ToolFiles;
	/** Every page's text, read. */
	texts: ReadonlyMap<string, string>;
	/** Every tool's evidence around the root, its files (Hugo reads a GitLab project's docs as docs.gitlab.com's). */
	evidence: readonly Evidence[];
	/** The pages and other files of a folder, walked as the tree is (`tree/walk-files.ts`), relative to it. */
	listFiles: (dir: string) => Promise<{ pages: string[]; assets: string[] }>;
}

/** The walked files of the tree, relative to the root. */
export interface ToolFiles {
	pages: readonly string[];
	assets: readonly string[];
	folders: readonly string[];
}

/** What a tool's `read` gives the tree. */
export interface ToolRead<Data extends ToolData = ToolData> {
	data: Data;
	/** The site's title in the tool's config (`site_name`, `title`, the book's title). */
	siteName?: string;
	/** Pages the tool builds no page for, and why: not parsed, not checked, not built; a link to one says why. */
	leftOut?: Array<{ paths: readonly string[]; why: LeftOut }>;
	/** Of the files that are not pages: those the tool keeps in its site (the rest are no file of it at all). */
	keeps?: (path: string) => boolean;
	/** The tool's static folders and their files, served at the site's top. */
	staticFiles?: StaticFiles;
}

/** Reading files a page pulls in (snippets, includes), inside the boundary only (`tree/pull-file.ts`). */
export interface Puller {
	/** The boundary pulled files may not leave: the repository in a trusted build, else the root. */
	boundary: { name: string; kind: 'root' | 'repository' };
	/** The file at `file` (absolute) as the page names it (`written`), or why it is not read. */
	pull: (file: string, written: string) => PulledFile;
	/** A file of the tool's own (its config) as UTF-8 text, if readable. */
	readText: (file: string) => string | undefined;
}

/** What a tool's `pull` is handed, once the tree knows its secrets. */
interface PullContext<Found = unknown> {
	root: string;
	found: Found | undefined;
	pages: readonly string[];
	texts: ReadonlyMap<string, string>;
	puller: Puller;
}

/** The readers a tool's pages pull files in through, what they read (in `data`, for the site) and what its config asks that cannot be done. */
interface ToolPull<Data extends ToolData = ToolData> {
	inputs: ParseInputs;
	/** The tree's data with what the pages pulled in recorded, for the site to read the same. */
	data: Data;
	/** The tool's config file, relative to the root, and what it asks that Waymark cannot do; `dialect-syntax` reports it. */
	config?: { file: string; notes: SourceNote[] };
	/** Whether a page's parse may be taken from the page cache: one that pulls in files is parsed every run. */
	cacheable: (text: string) => boolean;
	/** What the pages pulled in from outside the root, for the secrets that only a look at the content finds. */
	pulledFiles: ReadonlyArray<Record<string, PulledFile> | undefined>;
}

/** The parsed pages as a tool sees them (the tree's `PageModel` is one). */
export interface ToolPage {
	path: string;
	route: string;
	title: string;
	frontmatter?: { data?: Record<string, unknown> } | undefined;
	/** Every link the page holds, as written. */
	links: ReadonlyArray<{ url: string; kind: string }>;
}

/** What a tool's navigation and routes are handed, once every page is parsed. */
export interface ArrangeContext<Found = unknown> {
	root: string;
	found: Found | undefined;
	data: ToolData;
	files: ToolFiles;
	texts: ReadonlyMap<string, string>;
	/** A Markdown file of the tool's own (a book's summary) parsed as a page is, its nesting bounded as a page's is. */
	parseMarkdown: (path: string, text: string) => Root;
}

/** How the site lists a folder without a folder page of its own, on a page it generates. */
interface FolderEntry {
	/** Its title, as written (a Docusaurus category's `label`). @default its name as words */
	title?: string;
	/** Its name as the tool shows it (without a number prefix). @default its name */
	name?: string;
	description?: string;
	order?: number;
	/** The name that orders entries of one position (Docusaurus). */
	sortKey?: string;
}

/** What a tool arranges of the parsed pages: pages its site leaves out after all, navigation, menus. */
export interface Arrangement {
	leftOut?: Array<{ paths: readonly string[]; why: LeftOut }>;
	/** The tree's data with what arranging learnt (an mdBook's top), when it learnt anything. */
	data?: ToolData;
}

export interface Tool<Data extends ToolData = ToolData, Found = unknown> {
	/** The config's `dialect:` value. */
	name: string;
	/** As messages name it: `MkDocs`. */
	label: string;
	/** The article before the label in "Reading docs/ as a … tree". @default 'a' */
	article?: 'a' | 'an';
	/** Ties between tools of equal weight go to the lower number: site generators before forges, since a forge may host any of them. */
	precedence: number;
	/** A forge shows the repository's Markdown files (GitHub, GitLab): every front matter key is Waymark's. */
	forge?: true;
	/** Front matter keys the tool defines for itself, never judged as Waymark's (`tree/tool-frontmatter.ts`). */
	frontmatterKeys?: readonly string[];
	/** The tool's config file names, which are settings of the tree and never published. */
	settingsFiles?: readonly string[];
	/** Of a settings file the tool finds by its folder, not its name (Hugo's `config/_default/hugo.toml`): the folder it is the settings of, relative as `path` is, ending in `/` (`''` at the top). */
	settingsFolder?(path: string): string | undefined;

	/** The folder the tool's config in `dir` reads its pages from (an mdBook's `[book] src`), for a command that has no root named: with the config's file and what the folder is to the tool. */
	pagesFolder?(dir: string): Promise<{ folder: string; file: string; what: string } | undefined>;
	/** That folder as help texts name it: `an mdBook's source folder`. */
	pagesFolderLabel?: string;
	/** Looks in one folder around the root (the root, then each one above it) for the tool's config; `found` is what a nearer folder gave. */
	lookAround?(dir: string, look: LookAround, found: Found | undefined): Promise<Found | undefined>;
	/** After every folder: what to look for elsewhere in the repository when nothing was found around the root. */
	lookFurther?(look: LookAround, found: Found | undefined): Promise<Found | undefined>;
	/** The files of the tree that say it is the tool's (`_index.md`, `_category_.json`). */
	treeEvidence?(files: ToolFiles): Evidence[];
	/** Page syntax only this tool writes. */
	pageSignals?: readonly PageSignal[];
	/** The config that builds `root` (not merely lies above it), by its path from the repository's top: said when the config forces another tool. */
	builds?(found: Found, root: string, boundary: string): string | undefined;

	/** Reads the tool's config: what it leaves out, its title, its static folders and the data its pages are read with. */
	read?(context: ReadContext<Found>): ToolRead<Data> | Promise<ToolRead<Data>>;
	/** The readers the pages pull files in through (snippets, includes). */
	pull?(context: PullContext<Found>, data: Data): ToolPull<Data> | undefined;
	/** Which pages the tool leaves out once parsed (drafts, chapters a summary does not list), and its navigation. */
	arrange?(pages: ReadonlyMap<string, ToolPage>, context: ArrangeContext<Found>): Arrangement;
	/** Order, label and visibility in navigation of each page that has one. */
	navigation?(
		pages: readonly ToolPage[],
		context: ArrangeContext<Found>,
	): Map<string, PageNav> | Promise<Map<string, PageNav>>;
	/** The menus the tool's config defines, for the home page. */
	menus?(pages: readonly ToolPage[], context: ArrangeContext<Found>): SiteMenu[];
	/** A page's route when the tool moves it from the one its path gives (a `slug`), and the front matter keys that may ask for that, in the order read. */
	moves?: { routeOf(page: ToolPage, data: Data): string; keys: readonly string[] };
	/**
	 * Folders without a folder page that the site gives a generated page listing what they hold:
	 * those the tool lists by itself (Docusaurus categories, Hugo's top-level sections), and, where
	 * `linked`, every folder a page links (as a forge lists a folder). @default `{ linked: true }`
	 */
	folders?: {
		listed?(files: ToolFiles): Iterable<string>;
		linked: boolean;
		describe?(folder: string, data: Data): FolderEntry;
	};
	/** The pages the tool leaves out when a page is added in dev: those it leaves out by name or config, none read. */
	publishedPages?(
		root: string,
		pages: string[],
		found: Found | undefined,
		parseMarkdown: (path: string, text: string) => Root,
	): string[] | Promise<string[]>;

	/** What of the tree's data the site's config lists (Astro's content store is cleared whole when that changes): the tool's settings, not what each page pulled in. @default the data */
	shownData?(data: Data): ToolData;
	/** In dev: what a fresh read of the tree pulled in, put into the data the site renders from (`held`, in place: the site's plugins hold its objects). */
	refreshPulls?(held: Data, fresh: Data): void;
	/** The readers of what pages pulled in (as `data` recorded it), each answer passed through `through` (a preview's base side reads the files as a commit holds them). */
	inputsThrough?(data: Data, through: (read: PulledFile) => PulledFile): ParseInputs;
	/** Marks of the tool's syntax that pull other files into a page (`{{#include`, `--8<--`): a page holding one is read again in dev when a file changes. */
	pullMarkers?(data: Data): string[];

	/** The pure half, bound to what `read` and `pull` gave (`data`; `inputs` while the tree is read, else read back from `data`). */
	bind(data: Data | undefined, inputs?: ParseInputs): ToolReading;
}

/** What a tool says before any tree is its: its names and how it is detected (`tools/<name>/index.ts`). */
type DescriptorKey =
	| 'name'
	| 'label'
	| 'article'
	| 'precedence'
	| 'forge'
	| 'frontmatterKeys'
	| 'settingsFiles'
	| 'settingsFolder'
	| 'pagesFolder'
	| 'pagesFolderLabel'
	| 'lookAround'
	| 'lookFurther'
	| 'treeEvidence'
	| 'pageSignals'
	| 'builds';

/**
 * What a tool's folder exports from `index.ts`, imported for every tool by the registry on every
 * command: its names, its settings files and its detection. Cheap to load: it imports no parser
 * and no reader of its own (what `lookAround` reads of a config it finds is imported there, when
 * found); the rest of the tool is `load`'s, imported for the tree's tool only.
 */
export interface ToolDescriptor<Data extends ToolData = ToolData, Found = unknown> extends Pick<
	Tool<Data, Found>,
	DescriptorKey
> {
	/** The tool's reader (`tools/<name>/reader.ts`), imported once the tree is the tool's (`loadTool`). */
	load: () => Promise<{ default: ToolReader<Data, Found> }>;
}

/** What a tool's `reader.ts` exports: the rest of `Tool`, from reading its config to `bind`. */
export type ToolReader<Data extends ToolData = ToolData, Found = unknown> = Omit<
	Tool<Data, Found>,
	DescriptorKey
>;

/** A tool's descriptor, typed by its own data and config; the registry keeps it as a `ToolDescriptor`, whose data and config are the tool's own business. */
export function defineTool<Data extends ToolData, Found>(
	tool: ToolDescriptor<Data, Found>,
): ToolDescriptor {
	// Methods compare their parameters both ways: a tool typed by its own data is a `Tool`. The registry
	// hands each tool back only what it gave (its data, its found config), never another tool's.
	return tool;
}

/** A tool's reader, typed as its descriptor is. */
export function defineReader<Data extends ToolData, Found>(
	reader: ToolReader<Data, Found>,
): ToolReader<Data, Found> {
	return reader;
}
