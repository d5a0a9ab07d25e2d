import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { noProgress, type Progress } from '../core/progress.ts';
import { hugoContentOf } from '../src/lib/dialect-source/hugo-ref.ts';
import { noticePage, parsePage, type PageModel, type ParseContext } from './parse-page.ts';
import { refuseSecretsFromOutside } from './pull-file.ts';
import { keepBranchFiles } from './branch-files.ts';
import { collectGuidebookFiles, type GuidebookFiles } from './walk-files.ts';
import { findSiteConflicts, routeTaken } from './site-conflicts.ts';
import type { MarkdownParser } from '../src/markdown/native-parse.ts';
import { readPageText } from './read-page.ts';
import { detectDialect, type DialectSetting, type TreeDialect } from './dialect/detect.ts';
import { readCategories } from './dialect/docusaurus-categories.ts';
import { excludedByMkdocs, type MkdocsSite } from './dialect/mkdocs-config.ts';
import type { MdbookSite } from './dialect/mdbook-config.ts';
import { excludedByDocusaurus } from './dialect/docusaurus-routes.ts';
import { mdbookRun } from './dialect/mdbook-inputs.ts';
import { summaryNavigation, unlistedChapters } from './dialect/mdbook-summary.ts';
import { leftOutBy, type LeftOut } from './left-out-pages.ts';
import { mkdocsRun } from './dialect/mkdocs-inputs.ts';
import { mkdocsPullMarkers } from '../src/lib/dialect-source/mkdocs-source.ts';
import { readPagesFiles } from './dialect/mkdocs-nav-config.ts';
import { generatedFolders, pageNavs, type GeneratedFolder, type NavigationInput } from './dialect/navigation.ts';
import { readSurroundings } from './dialect/surroundings.ts';
import type { StaticFiles } from './dialect/static-files.ts';
import { applyToolRoutes, applyToolRules, mountedInContent, readToolSettings, type ToolSettings } from './dialect/tool-site.ts';
import { findSecretFiles, secretByName } from './secret-files.ts';
import { publishedTreeFiles } from './published-files.ts';
import type { Dialect } from '../src/lib/dialect.ts';
import { includesFiles, mdbookInputsFromRecord, mayHoldMdbookLinks, type MdbookRecorded } from '../src/lib/dialect-source/mdbook-includes.ts';
import { inputsFromRecord, type MkdocsRecorded } from '../src/lib/dialect-source/mkdocs-settings.ts';
import type { SourceNote } from '../src/lib/dialect-source/source-note.ts';
import type { DocusaurusLinks } from '../src/lib/docusaurus-links.ts';
import type { HugoLinks } from '../src/lib/hugo-links.ts';
import type { HeadingIdStyle } from '../src/lib/heading-ids.ts';
import type { SiteMenu } from '../src/lib/site-index.ts';
import { unpublishableCharacter } from '../src/lib/routes.ts';
import { locateRoot, type RootLocation } from './repository.ts';
import { trackedUnpublished, type TrackedEntries } from './unpublished-tracked.ts';
import type { PageCache } from './page-cache.ts';
import { createHash } from 'node:crypto';
import { codeFingerprint, dependencyLockDigest } from '../core/code-fingerprint.ts';
import type { Root } from 'mdast';

/** The whole guidebook tree, read and parsed once per run. */
export interface GuidebookTree {
	root: string;
	files: GuidebookFiles;
	/** Parsed pages by relative path. */
	pages: Map<string, PageModel>;
	/** Pages that are not UTF-8, published decoded as GitHub decodes them (`read-page.ts`): the encoding, and the line of the first byte that is not UTF-8; reported by `readable-files`. */
	decoded?: Map<string, { from: string; line: number }>;
	/** Pages that could not be read as Markdown; reported by the `readable-files` rule. */
	unreadable: Unreadable[];
	/** Pages and files the site leaves out because another owns their place in the output (`site-conflicts.ts`); checked all the same. */
	unpublished: Set<string>;
	/** The dialect the tree is read in, and why (`tree/dialect/`). */
	dialect: TreeDialect;
	/** MkDocs `site_name`, Docusaurus `title`: the site title when Waymark's config sets none. */
	siteName?: string;
	/** Folders without a folder page that the site gives a generated page listing their contents, by folder. */
	generatedFolders: Map<string, GeneratedFolder>;
	/** Pages the tree's tool builds no page for (MkDocs `exclude_docs`, Docusaurus partials, drafts, chapters an mdBook does not list), and why: not parsed, not checked, not built. */
	excludedPages: Map<string, LeftOut>;
	/** Hugo: the site config's `params`, for `{{< param >}}`. */
	hugoParams?: Record<string, unknown>;
	/**
	 * Read as Hugo, but a GitLab project's docs with no Hugo config of their own: written for
	 * docs.gitlab.com (GitLab's Hugo site, whose config lives in its own project), so its shortcodes.
	 */
	gitlabDocs?: boolean;
	/** How the tree's tool spells heading ids, when its config decides (Hugo's renderer); else the dialect's. */
	headingIds?: HeadingIdStyle;
	/** The tool reads definition lists (`Term` then `: its definition`): Hugo unless its config says not, MkDocs with `def_list`. */
	definitionLists?: true;
	/**
	 * The tool's static folders (Hugo `static/`, `staticDir`, a theme's `static/`; Docusaurus
	 * `staticDirectories`) and their files, which its site serves at the top: `/img/a.png` in a
	 * page is `static/img/a.png`. The one list of them, for links and for publishing.
	 */
	staticFiles?: StaticFiles;
	/** In an untrusted build inside git: whether the branch holds a path of the root (`branch-files.ts`); what it does not hold is never read into a page or published. */
	branchHolds?: (path: string) => boolean;
	/** Docusaurus: where the root sits in its site and the docs' `routeBasePath`, for links written the Docusaurus way. */
	docusaurus?: DocusaurusLinks;
	/** Hugo: how its links reach pages (as URLs, or by `GetPage` in a render hook) and the root's URL there, for links written the Hugo way. */
	hugoLinks?: HugoLinks;
	/** Written for mdBook (`book.toml` whose `src` holds the root): links may name chapters by their published `.html` names (`src/lib/mdbook-links.ts`). */
	mdbook?: boolean;
	/** mdBook: the root is the book's `src`, whose top holds the `index.html` mdBook always writes (a copy of the first chapter). */
	mdbookTop?: true;
	/** mdBook: what the pages' `{{#include}}` links read, by path from the root, for the site to read the same. */
	mdbookIncludes?: MdbookRecorded;
	/** Front matter keys that belong to the tree's tool (`tree/dialect/tool-frontmatter.ts`): never judged as Waymark's. */
	toolKeys?: ReadonlySet<string>;
	/** The menus the tree's tool defines (Hugo), for the home page. */
	menus?: SiteMenu[];
	/** MkDocs: what `mkdocs.yml` enables and what the pages pulled in (snippets, templates, icons), for the site to read the same. */
	mkdocs?: MkdocsRecorded;
	/** The tool's config file beside the root (`../mkdocs.yml`) and what it asks that Waymark cannot do; the `dialect-syntax` rule reports it. */
	toolConfig?: { file: string; notes: SourceNote[] };
	/** Files of the tree the site publishes beside its pages (`published-files.ts`): what pages link, MkDocs' `docs_dir` and `public/` whole. */
	published: Set<string>;
	/** Files of the tree that look like they hold a secret (`secret-files.ts`), with what they hold: never published, even when a page links them. */
	secrets: Map<string, string>;
	/** Where the root sits in its git repository, for links that leave the root. Absent: links stay inside it. */
	place?: RootLocation;
	/** What git has of the root through names the site never publishes (`unpublished-tracked.ts`), for links into them; absent outside git. */
	unpublishedTracked?: TrackedEntries;
	/** A digest of each read page's file text, by path: what a later build compares to know a page changed (`integration/site-record.ts`). */
	sources: Map<string, string>;
	/** Set once a build has dropped the pages' syntax trees (`release-syntax.ts`): the checks can no longer run on it. */
	syntaxReleased?: true;
}

type Unreadable = { path: string; reason: string; hint: string; line: number };

/** What one page may be before it is published as a notice instead (`checks.maxPageBytes`, `checks.maxNestingDepth`). */
export interface PageLimits {
	maxPageBytes?: number;
	maxNestingDepth?: number;
}

export interface LoadTreeOptions {
	/** Config `dialect`. @default 'auto' */
	dialect?: DialectSetting;
	/** Config `checks` (`maxPageBytes`, `maxNestingDepth`). @default the schema's defaults */
	limits?: PageLimits;
	/** `remark` only when the command layer was asked for it (`WAYMARK_PARSER=remark`). @default 'native' */
	parser?: MarkdownParser;
	/** Pages an earlier run parsed (`page-cache.ts`): one whose text and parse context are unchanged is taken, not parsed. */
	cache?: PageCache;
	/** Told when a kept page is parsed after all, because a step read its syntax tree (`DEBUG=waymark`; tests count them). */
	trace?: (line: string) => void;
	/** `untrusted`: a branch under review, shown from the files git tracks only (`branch-files.ts`). @default 'trusted' */
	trust?: 'trusted' | 'untrusted';
	/** Waymark's own folders and files (`config/own-paths.ts`): never content, wherever they are. */
	own?: readonly string[];
}

/** `checks.maxPageBytes` when the config does not say. */
const defaultMaxPageBytes = 2 * 1024 * 1024;

/** Reads and parses every page under `root`, ticking `progress` per page. A page that fails never stops the others. */
export async function loadGuidebookTree(root: string, options: LoadTreeOptions = {}, progress: Progress = noProgress): Promise<GuidebookTree> {
	const limits = options.limits ?? {};
	// What git has through skipped names needs only where the root sits: listed while the files are walked.
	const located = locateRoot(root);
	const [files, place, surroundings, tracked] = await Promise.all([collectGuidebookFiles(root, options.own), located, readSurroundings(root), located.then(trackedUnpublished)]);
	const tree: GuidebookTree = { root, files, pages: new Map(), unreadable: [], unpublished: new Set(), dialect: { name: 'github', forced: false, signals: [] }, generatedFolders: new Map(), excludedPages: new Map(), place, secrets: new Map(), published: new Set(), sources: new Map() };
	if (tracked) tree.unpublishedTracked = tracked;
	const branchHolds = options.trust === 'untrusted' ? await keepBranchFiles(files, place) : undefined;
	if (branchHolds) tree.branchHolds = branchHolds;
	// Reads overlap (64 at a time); detection needs every page's text before any page is parsed.
	const texts = new Map<string, string>();
	// Pages over `checks.maxPageBytes`, never read: each becomes a notice page.
	const tooLarge = new Map<string, number>();
	for (let i = 0; i < files.pages.length; i += 64) {
		const batch = await Promise.all(files.pages.slice(i, i + 64).map(async (path) => ({ path, read: await readPageText(root, path, limits.maxPageBytes ?? defaultMaxPageBytes) })));
		for (const { path, read } of batch) {
			if (read.ok === 'too-large') tooLarge.set(path, read.bytes);
			else if (read.ok) {
				texts.set(path, read.text);
				tree.sources.set(path, textDigest(read.text));
				if (read.decoded) (tree.decoded ??= new Map()).set(path, read.decoded);
			}
			else tree.unreadable.push({ path, reason: read.reason, hint: read.hint, line: read.line });
			progress.tick(path);
		}
	}
	files.problems.push(...surroundings.problems);
	tree.dialect = detectDialect(options.dialect ?? 'auto', surroundings, files, texts, root);
	const dialect = tree.dialect.name;
	const mkdocs = dialect === 'mkdocs' ? surroundings.mkdocs : undefined;
	if (mkdocs) {
		// `exclude_docs` and the `exclude` plugin: no page, no file, no finding, as on the MkDocs site.
		const kept = (path: string) => !excludedByMkdocs(path, mkdocs);
		leaveOutPages(tree, files.pages.filter((path) => !kept(path)), leftOutBy.mkdocs);
		files.assets = files.assets.filter(kept);
		tree.unreadable = tree.unreadable.filter((u) => kept(u.path));
		if (mkdocs.siteName) tree.siteName = mkdocs.siteName;
	}
	if (dialect === 'docusaurus') {
		if (surroundings.docusaurus?.config.title) tree.siteName = surroundings.docusaurus.config.title;
		// Partials (`_helm.mdx`, `_partials/…`) are imported by pages, never published on their own.
		leaveOutPages(tree, files.pages.filter((path) => excludedByDocusaurus(path)), leftOutBy.docusaurusPartial);
	}
	// mdBook's Markdown is read as a forge's; its chapters' `.html` names and its title are its own.
	if (surroundings.mdbook && (dialect === 'github' || dialect === 'gitlab')) {
		tree.mdbook = true;
		if (surroundings.mdbook.title) tree.siteName = surroundings.mdbook.title;
	}
	const settings = await readToolSettings(dialect, root, surroundings, files.pages);
	if (settings.headingIds) tree.headingIds = settings.headingIds;
	if (readsDefinitionLists(dialect, settings, mkdocs)) tree.definitionLists = true;
	if (settings.staticFiles) tree.staticFiles = settings.staticFiles;
	if (settings.docusaurus) tree.docusaurus = settings.docusaurus;
	const categories = dialect === 'docusaurus' ? await readCategories(root, files.assets) : new Map();
	// `_category_` files configure the sidebar; they are not published.
	if (dialect === 'docusaurus') files.assets = files.assets.filter((path) => !/(?:^|\/)_category_\.(?:json|ya?ml)$/.test(path));
	const mounted = dialect === 'hugo' && settings.hugo ? mountedInContent(settings.hugo, root) : undefined;
	if (mounted) {
		// A content mount's `files` filter: what it leaves out is no page and no file, as on the Hugo site.
		leaveOutPages(tree, files.pages.filter((path) => !mounted(path)), leftOutBy.hugoMountFilter);
		files.assets = files.assets.filter(mounted);
		tree.unreadable = tree.unreadable.filter((u) => mounted(u.path));
	}
	if (dialect === 'hugo' && settings.hugo?.params) tree.hugoParams = settings.hugo.params;
	if (dialect === 'hugo' && settings.hugo?.title) tree.siteName = settings.hugo.title;
	if (dialect === 'hugo') tree.hugoLinks = settings.hugoLinks ?? { style: 'url' };
	if (dialect === 'hugo' && !surroundings.hugo && surroundings.files.some((file) => file.dialect === 'gitlab')) tree.gitlabDocs = true;
	// Before MkDocs reads snippets: what it pulls in is judged as the published files are.
	tree.secrets = await findSecretFiles(root, files.assets);
	// A symbolic link is judged by what it leads to as well: `notes.bin` → `team.kdbx`.
	const assets = new Set(files.assets);
	for (const [path, real] of files.linked ?? []) {
		const holds = tree.secrets.has(path) || !assets.has(path) ? undefined : secretByName(real);
		if (holds) tree.secrets.set(path, holds);
	}
	// Pages that may pull files in share one budget (`pulledBudget`): every page when MkDocs appends a snippet to each.
	// A trusted build pulls files from anywhere in the repository that holds the root; a branch under review only from its root.
	const pullTop = options.trust === 'untrusted' || !place.top ? undefined : { top: place.top, ...(place.repository && { gitDir: place.repository.gitDir }) };
	const including = (may: (text: string) => boolean) => [...texts.values()].filter(may).length;
	const markers = mkdocs ? mkdocsPullMarkers(mkdocs.markdown) : [];
	const run = mkdocs ? mkdocsRun(root, mkdocs, files.pages, mkdocs.markdown.snippets?.autoAppend.length ? files.pages.length : including((text) => markers.some((marker) => text.includes(marker))), tree.secrets, branchHolds, pullTop) : undefined;
	if (run) {
		tree.mkdocs = run.recorded;
		if (run.config.notes.length > 0) tree.toolConfig = run.config;
	}
	const book = tree.mdbook ? mdbookRun(root, including(includesFiles), tree.secrets, branchHolds, pullTop) : undefined;
	if (book) tree.mdbookIncludes = book.recorded;
	// MkDocs and mdBook pages read through `run` and `book`, which record what they pull in for the site.
	const context: ParseContext & PageLimits = { ...limits, ...(options.parser && { parser: options.parser }), ...treeParseContext(tree, files.pages), ...(run && { mkdocs: run.inputs }), ...(book && { mdbook: book.inputs }) };
	// An MkDocs page's parse reads other files (snippets, includes), which no key here covers: parsed every run.
	const cache = options.cache && !run ? { pages: options.cache, key: parseContextKey(context), ...(options.trace && { trace: options.trace }) } : undefined;
	// So is an mdBook page's that may hold a link to one; the others are taken as MkDocs-less trees' are.
	const cached = (text: string) => cache && !(book && mayHoldMdbookLinks(text)) ? cache : undefined;
	for (const path of files.pages) {
		const bytes = tooLarge.get(path);
		const text = texts.get(path);
		const pageCache = text !== undefined ? cached(text) : undefined;
		const page = bytes !== undefined ? tooLargePage(path, bytes, context) : text !== undefined ? (pageCache ? takeOrParse(path, text, tree.sources.get(path) ?? textDigest(text), context, pageCache) : parseText(path, text, context)) : undefined;
		if (!page) continue;
		if ('reason' in page) tree.unreadable.push(page);
		else tree.pages.set(path, page);
		progress.tick(path);
	}
	// A file pulled from elsewhere in the repository that holds a secret secretlint finds is refused, and the pages that pulled it read again without it.
	const refused = await refuseSecretsFromOutside([run?.recorded.snippets, run?.recorded.includes, run?.recorded.markdownIncludes, book?.recorded.files]);
	if (refused.size > 0) {
		for (const page of [...tree.pages.values()]) {
			const text = texts.get(page.path);
			if (text === undefined || !page.pulled?.some((file) => refused.has(file))) continue;
			const again = parseText(page.path, text, context);
			if ('reason' in again) {
				tree.pages.delete(page.path);
				tree.unreadable.push(again);
			} else tree.pages.set(page.path, again);
		}
	}
	// Pages the tool's site does not have leave before navigation and routes are made: drafts, and
	// the Markdown files a book's `SUMMARY.md` lists as no chapter.
	const { drafts, toolKeys } = applyToolRules(dialect, tree.pages, settings);
	tree.toolKeys = toolKeys;
	// A book's `SUMMARY.md` orders its sidebar when it is the root's own (the root is the book's `src`).
	const bookTop = surroundings.mdbook !== undefined && tree.mdbook === true && ownSummary(root, surroundings.mdbook);
	if (bookTop) tree.mdbookTop = true;
	const summary = bookTop ? texts.get(summaryFile) : undefined;
	const chapters = summary === undefined ? undefined : summaryNavigation(summary, new Set(files.pages), limits.maxNestingDepth);
	leaveOutPages(tree, drafts, dialect === 'hugo' ? leftOutBy.hugoDraft : leftOutBy.docusaurusDraft);
	if (chapters) leaveOutPages(tree, unlistedChapters(chapters, files.pages, summaryFile), leftOutBy.mdbookUnlisted);
	const navigation: NavigationInput = { dialect, categories, ...(mkdocs && { mkdocs: { site: mkdocs, pagesFiles: await readPagesFiles(root, files.folders, mkdocs.navigation) } }), ...(chapters && { mdbookSummary: chapters.filter((entry) => entry.kind !== 'page' || tree.pages.has(entry.path)) }), ...(settings.docusaurus && { numberPrefixes: settings.docusaurus.numberPrefixes }) };
	const navs = pageNavs(tree.pages.values(), navigation);
	for (const page of tree.pages.values()) {
		const nav = navs.get(page.path);
		if (nav) page.nav = nav;
	}
	tree.generatedFolders = generatedFolders(tree.pages.values(), files, navigation);
	const { menus } = applyToolRoutes(dialect, tree.pages, settings, new Map([...tree.generatedFolders].map(([folder, generated]) => [folder, generated.route])));
	if (menus) tree.menus = menus;
	for (const [path, holds] of tree.secrets) {
		files.problems.push({ path, severity: 'warning', always: true, reason: `file that holds ${holds}`, fix: 'The site never publishes it, even where a page links it. Move it out of the guidebook tree; if it holds no secret, rename it, or for a match on its content add a `secretlint-disable` comment to it.' });
	}
	// After the tool's routes: a page's route is final only then.
	const conflicts = findSiteConflicts(tree.pages.values(), files.assets);
	tree.unpublished = conflicts.unpublished;
	// A folder whose name URLs read as another path gets no page either; its pages are reported.
	for (const [path, folder] of tree.generatedFolders) if (routeTaken(folder.route)) tree.generatedFolders.delete(path);
	tree.published = publishedTreeFiles(tree);
	// A generated folder page lists the files the site publishes, not the repository's.
	for (const folder of tree.generatedFolders.values()) folder.files = folder.files.filter((path) => tree.published.has(path));
	files.problems.push(...conflicts.problems);
	// A folder's generated page has its folder's route: one no URL leads to is not made either (its pages say why).
	for (const [path, folder] of tree.generatedFolders) if (unpublishableCharacter(folder.route)) tree.generatedFolders.delete(path);
	return tree;
}

/** Whether the tree's tool reads definition lists: Hugo's renderers unless its config turns them off (a tree without a config gets Hugo's default), MkDocs with `def_list`. */
function readsDefinitionLists(dialect: Dialect, settings: ToolSettings, mkdocs: MkdocsSite | undefined): boolean {
	if (dialect === 'hugo') return settings.hugo?.definitionLists !== false;
	return mkdocs?.markdown.defList === true;
}

/**
 * What parsing a page of `tree` needs to know of it: its dialect, its pages (`pages`, when the
 * tree's list is not final yet), Hugo params, heading ids, the tool's front matter keys and what
 * MkDocs pages pulled in when the tree was read. The
 * build, dev and previews parse pages with it, so every page reads the same everywhere.
 */
export function treeParseContext(tree: Pick<GuidebookTree, 'dialect' | 'files' | 'hugoParams' | 'hugoLinks' | 'gitlabDocs' | 'headingIds' | 'definitionLists' | 'toolKeys' | 'mkdocs' | 'mdbookIncludes'>, pages: readonly string[] = tree.files.pages): ParseContext {
	return {
		dialect: tree.dialect.name,
		pages: new Set(pages),
		...(tree.hugoParams && { params: tree.hugoParams }),
		...(tree.hugoLinks && hugoContentOf(tree.hugoLinks)),
		...(tree.gitlabDocs && { gitlabDocs: true }),
		...(tree.mkdocs && { mkdocs: inputsFromRecord(tree.mkdocs) }),
		...(tree.mdbookIncludes && { mdbook: mdbookInputsFromRecord(tree.mdbookIncludes) }),
		...(tree.headingIds && { headingIds: tree.headingIds }),
		...(tree.definitionLists && { definitionLists: true }),
		...(tree.toolKeys && { toolKeys: tree.toolKeys }),
	};
}

/**
 * The pages the site publishes, none read: the walk, less the pages the dialect leaves out (MkDocs
 * `exclude_docs`, Docusaurus partials). For dev, where a new file may be one the tree would leave out.
 */
export async function publishedPages(root: string, dialect: Dialect, limits: PageLimits = {}): Promise<string[]> {
	const { pages } = await collectGuidebookFiles(root);
	if (dialect === 'docusaurus') return pages.filter((path) => !excludedByDocusaurus(path));
	if (dialect === 'hugo') {
		const hugo = (await readSurroundings(root)).hugo;
		const mounted = hugo && mountedInContent(hugo, root);
		return mounted ? pages.filter(mounted) : pages;
	}
	if (dialect === 'github' || dialect === 'gitlab') return bookChapters(root, pages, limits.maxNestingDepth);
	const mkdocs = dialect === 'mkdocs' ? (await readSurroundings(root)).mkdocs : undefined;
	return mkdocs ? pages.filter((path) => !excludedByMkdocs(path, mkdocs)) : pages;
}

/** In an mdBook's `src`, the pages its `SUMMARY.md` lists as chapters (and the summary); `pages` as they are in any other tree. */
async function bookChapters(root: string, pages: string[], maxNestingDepth: number | undefined): Promise<string[]> {
	const book = (await readSurroundings(root)).mdbook;
	const summary = book && ownSummary(root, book) ? await readFile(join(root, summaryFile), 'utf8').catch(() => undefined) : undefined;
	if (summary === undefined) return pages;
	const unlisted = new Set(unlistedChapters(summaryNavigation(summary, new Set(pages), maxNestingDepth), pages, summaryFile));
	return pages.filter((path) => !unlisted.has(path));
}

/** Pages the tool's site has no page for, read or not: not built, not checked, kept with why. */
function leaveOutPages(tree: GuidebookTree, paths: readonly string[], why: LeftOut): void {
	if (paths.length === 0) return;
	const out = new Set(paths);
	for (const path of out) {
		tree.pages.delete(path);
		tree.excludedPages.set(path, why);
	}
	tree.files.pages = tree.files.pages.filter((path) => !out.has(path));
	tree.unreadable = tree.unreadable.filter((page) => !out.has(page.path));
}

/**
 * An mdBook's table of contents, in its `src`: the sidebar, and a page of its own as on the forge,
 * built but listed nowhere (a contributor's README links it: `[SUMMARY.md](SUMMARY.md)`).
 */
const summaryFile = 'SUMMARY.md';

/** Whether the book's summary is the root's own: the root is the book's `src`, not a folder in it. */
function ownSummary(root: string, book: MdbookSite): boolean {
	return relative(book.srcDir, root) === '';
}

/**
 * One page, read and parsed as its tree reads it (`context`: the dialect, and the limits); or why
 * it cannot be read. A page over `maxPageBytes` is not read and becomes a notice page.
 */
export async function loadPage(root: string, path: string, context: ParseContext & PageLimits = {}): Promise<PageModel | Unreadable> {
	const read = await readPageText(root, path, context.maxPageBytes ?? defaultMaxPageBytes);
	if (read.ok === 'too-large') return tooLargePage(path, read.bytes, context);
	if (!read.ok) return { path, reason: read.reason, hint: read.hint, line: read.line };
	return parseText(path, read.text, context);
}

function tooLargePage(path: string, bytes: number, context: ParseContext & PageLimits): PageModel {
	return noticePage(path, `page of ${formatBytes(bytes)}, more than \`checks.maxPageBytes\` (${formatBytes(context.maxPageBytes ?? defaultMaxPageBytes)})`, context);
}

/**
 * Everything a page's parse reads besides its text, as one key: the parsing code itself, the
 * dialect and the tree's settings for it, and for Hugo the tree's pages and the root's URL (`ref` looks them up).
 */
function parseContextKey(context: ParseContext & PageLimits): string {
	const { dialect, params, hugoContent, gitlabDocs, headingIds, definitionLists, toolKeys, maxNestingDepth, parser } = context;
	const code = codeFingerprint(['tree', 'src/lib', 'src/markdown', 'checks'], dependencyLockDigest());
	// Hashed here, once: with a Hugo site's content listed it can be hundreds of kilobytes, and each page's cache entry is keyed by it.
	return createHash('sha256').update(JSON.stringify([code, dialect, params ?? null, hugoContent ? [hugoContent.rootUrl, [...hugoContent.pages]] : null, gitlabDocs ?? false, headingIds ?? null, definitionLists ?? false, toolKeys ? [...toolKeys].sort() : null, maxNestingDepth ?? null, parser ?? null, dialect === 'hugo' ? [...(context.pages ?? [])].sort() : null])).digest('base64url');
}

/** The cache's page when its text and context are unchanged, its syntax tree parsed on first use; else a new parse, kept for the next run. */
function takeOrParse(path: string, text: string, digest: string, context: ParseContext, cache: { pages: PageCache; key: string; trace?: (line: string) => void }): PageModel | Unreadable {
	const kept = cache.pages.take(path, text, digest, cache.key);
	if (kept) {
		let syntax: Root | undefined;
		const parse = (): Root => {
			cache.trace?.(`waymark: parsed ${path} again (a step read its syntax tree)`);
			return parsePage(path, text, context).tree;
		};
		return Object.defineProperty(kept, 'tree', { configurable: true, enumerable: true, get: () => (syntax ??= parse()), set: (value: Root) => void (syntax = value) }) as PageModel;
	}
	const page = parseText(path, text, context);
	if (!('reason' in page)) cache.pages.keep(path, text, digest, cache.key, page);
	return page;
}

/** A page's text as a short digest (sha256, base64url). */
function textDigest(text: string): string {
	return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

function parseText(path: string, text: string, context: ParseContext): PageModel | Unreadable {
	try {
		// Every page goes through the site's parser, whatever its size (a 5 MB page takes about 2 s);
		// `parsePage` turns a page nested too deeply to parse into a notice page.
		return parsePage(path, text, context);
	} catch (error) {
		// The parser accepts any text; this guards against a bug of ours taking the run down.
		return { path, reason: `it could not be parsed (${(error as Error).message})`, hint: 'Report this page to the Waymark maintainers.', line: 1 };
	}
}

function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
