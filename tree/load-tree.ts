import { noProgress, type Progress } from '../core/progress.ts';
import { noticePage, parsePage, type PageModel, type ParseContext } from './parse-page.ts';
import { createPuller, refuseSecretsFromOutside } from './pull-file.ts';
import { keepBranchFiles } from './branch-files.ts';
import { collectGuidebookFiles, type GuidebookFiles } from './walk-files.ts';
import { findSiteConflicts, routeTaken } from './site-conflicts.ts';
import type { MarkdownParser } from '../core/environment.ts';
import { readPageText } from './read-page.ts';
import { detectDialect, type DialectSetting, type TreeDialect } from '../tools/detect.ts';
import { defaultTool, loadTool, treeReading } from '../tools/index.ts';
import type { LeftOut } from '../tools/left-out.ts';
import type { ToolReading } from '../tools/reading.ts';
import type { StaticFiles } from '../tools/static-files.ts';
import { readSurroundings } from '../tools/surroundings.ts';
import type { ArrangeContext, Arrangement, ToolData } from '../tools/tool.ts';
import type { PageNav } from '../tools/page-nav.ts';
import type { SourceNote } from '../tools/syntax/source-note.ts';
import { generatedFolders, type GeneratedFolder } from './navigation.ts';
import { applyPageRoutes } from './page-routes.ts';
import { toolFrontmatterKeys } from './tool-frontmatter.ts';
import { findSecretFiles, secretByName } from './secret-files.ts';
import { publishedTreeFiles } from './published-files.ts';
import type { SiteMenu } from '../markdown/site-index.ts';
import { unpublishableCharacter } from '../markdown/routes.ts';
import { locateRoot, type RootLocation } from './repository.ts';
import type { Repository } from '../core/git.ts';
import { listRootFiles, trackedUnpublished, type TrackedEntries } from './unpublished-tracked.ts';
import type { PageCache } from './page-cache.ts';
import { createHash } from 'node:crypto';
import { dependencyLockDigest, runningCodeFingerprint } from '../core/code-fingerprint.ts';
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
	/** The tool the tree is read as (`tools/<name>/`), and why. */
	dialect: TreeDialect;
	/** What the tree's tool read of it (its config, what its pages pulled in): plain data, the same in the checks, the site and a later build. `treeReading(tree)` is the tool bound to it. */
	toolData?: ToolData;
	/** The site's title in the tool's config (MkDocs `site_name`, Docusaurus and Hugo `title`, the book's title), when Waymark's config sets none. */
	siteName?: string;
	/** Folders without a folder page that the site gives a generated page listing their contents, by folder. */
	generatedFolders: Map<string, GeneratedFolder>;
	/** Pages the tree's tool builds no page for (MkDocs `exclude_docs`, Docusaurus partials, drafts, chapters an mdBook does not list), and why: not parsed, not checked, not built. */
	excludedPages: Map<string, LeftOut>;
	/**
	 * The tool's static folders (Hugo `static/`, `staticDir`, a theme's `static/`; Docusaurus
	 * `staticDirectories`) and their files, which its site serves at the top: `/img/a.png` in a
	 * page is `static/img/a.png`. The one list of them, for links and for publishing.
	 */
	staticFiles?: StaticFiles;
	/** In an untrusted build inside git: whether the branch holds a path of the root (`branch-files.ts`); what it does not hold is never read into a page or published. */
	branchHolds?: (path: string) => boolean;
	/** Front matter keys that belong to the tree's tool (`tree/tool-frontmatter.ts`): never judged as Waymark's. */
	toolKeys?: ReadonlySet<string>;
	/** The menus the tree's tool defines (Hugo), for the home page. */
	menus?: SiteMenu[];
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
	/** The root's files git tracks or would track, from the repository's top, each ending in `\0`, as the tree was read (`listRootFiles`); absent outside git. */
	gitFiles?: string;
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
	/** Config `dialect`: a tool's name, or `auto`. @default 'auto' */
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
	/** The repository holding the root, when the command has asked git already (`findRepository`). */
	repository?: Promise<Repository | undefined>;
}

/** `checks.maxPageBytes` when the config does not say. */
const defaultMaxPageBytes = 2 * 1024 * 1024;

/** Reads and parses every page under `root`, ticking `progress` per page. A page that fails never stops the others. */
export async function loadGuidebookTree(
	root: string,
	options: LoadTreeOptions = {},
	progress: Progress = noProgress,
): Promise<GuidebookTree> {
	const limits = options.limits ?? {};
	// What git has through skipped names needs only where the root sits: listed while the files are walked.
	const located = locateRoot(root, options.repository);
	const [files, place, surroundings, gitFiles] = await Promise.all([
		collectGuidebookFiles(root, options.own),
		located,
		readSurroundings(root),
		located.then(listRootFiles),
	]);
	const tracked = trackedUnpublished(place, gitFiles);
	const tree: GuidebookTree = {
		root,
		files,
		pages: new Map(),
		unreadable: [],
		unpublished: new Set(),
		dialect: { name: defaultTool.name, forced: false, signals: [] },
		generatedFolders: new Map(),
		excludedPages: new Map(),
		place,
		secrets: new Map(),
		published: new Set(),
		sources: new Map(),
	};
	if (tracked) tree.unpublishedTracked = tracked;
	if (gitFiles !== undefined) tree.gitFiles = gitFiles;
	const branchHolds =
		options.trust === 'untrusted' ? await keepBranchFiles(files, place) : undefined;
	if (branchHolds) tree.branchHolds = branchHolds;
	// Reads overlap (64 at a time); detection needs every page's text before any page is parsed.
	const texts = new Map<string, string>();
	// Pages over `checks.maxPageBytes`, never read: each becomes a notice page.
	const tooLarge = new Map<string, number>();
	for (let i = 0; i < files.pages.length; i += 64) {
		const batch = await Promise.all(
			files.pages.slice(i, i + 64).map(async (path) => ({
				path,
				read: await readPageText(root, path, limits.maxPageBytes ?? defaultMaxPageBytes),
			})),
		);
		for (const { path, read } of batch) {
			if (read.ok === 'too-large') tooLarge.set(path, read.bytes);
			else if (read.ok) {
				texts.set(path, read.text);
				tree.sources.set(path, textDigest(read.text));
				if (read.decoded) (tree.decoded ??= new Map()).set(path, read.decoded);
			} else tree.unreadable.push({ path, reason: read.reason, hint: read.hint, line: read.line });
			progress.tick(path);
		}
	}
	files.problems.push(...surroundings.problems);
	tree.dialect = detectDialect(options.dialect ?? 'auto', surroundings, files, texts, root);
	const tool = await loadTool(tree.dialect.name);
	const found = surroundings.found.get(tool.name);
	const read = tool.read
		? await tool.read({
				root,
				boundary: surroundings.boundary,
				found,
				files,
				texts,
				evidence: surroundings.evidence,
				listFiles: walkedFiles,
			})
		: { data: {} };
	let data = read.data;
	for (const { paths, why } of read.leftOut ?? []) leaveOutPages(tree, paths, why);
	const keeps = read.keeps;
	if (keeps) {
		files.assets = files.assets.filter(keeps);
		tree.unreadable = tree.unreadable.filter((u) => keeps(u.path));
	}
	if (read.siteName) tree.siteName = read.siteName;
	if (read.staticFiles) tree.staticFiles = read.staticFiles;
	// Before the tool pulls files in: what it pulls in is judged as the published files are.
	tree.secrets = await findSecretFiles(root, files.assets);
	// A symbolic link is judged by what it leads to as well: `notes.bin` → `team.kdbx`.
	const assets = new Set(files.assets);
	for (const [path, real] of files.linked ?? []) {
		const holds = tree.secrets.has(path) || !assets.has(path) ? undefined : secretByName(real);
		if (holds) tree.secrets.set(path, holds);
	}
	// A trusted build pulls files from anywhere in the repository that holds the root; a branch under review only from its root.
	const pullTop =
		options.trust === 'untrusted' || !place.top
			? undefined
			: { top: place.top, ...(place.repository && { gitDir: place.repository.gitDir }) };
	const pulled = tool.pull?.(
		{
			root,
			found,
			pages: files.pages,
			texts,
			puller: createPuller(root, tree.secrets, branchHolds, pullTop),
		},
		data,
	);
	if (pulled) {
		data = pulled.data;
		if (pulled.config) tree.toolConfig = pulled.config;
	}
	tree.toolData = data;
	let reading = tool.bind(data, pulled?.inputs);
	// Pages that pull files in read them through the tool's inputs, which record what they pull in for the site.
	const context: ParseContext & PageLimits = {
		...limits,
		...(options.parser && { parser: options.parser }),
		tool: reading,
		pages: new Set(files.pages),
	};
	const cacheable = pulled?.cacheable ?? (() => true);
	const cache = options.cache
		? {
				pages: options.cache,
				key: parseContextKey(context, reading),
				...(options.trace && { trace: options.trace }),
			}
		: undefined;
	for (const path of files.pages) {
		const bytes = tooLarge.get(path);
		const text = texts.get(path);
		const pageCache = text !== undefined && cache && cacheable(text) ? cache : undefined;
		const page =
			bytes !== undefined
				? tooLargePage(path, bytes, context)
				: text !== undefined
					? pageCache
						? takeOrParse(
								path,
								text,
								tree.sources.get(path) ?? textDigest(text),
								context,
								pageCache,
							)
						: parseText(path, text, context)
					: undefined;
		if (!page) continue;
		if ('reason' in page) tree.unreadable.push(page);
		else tree.pages.set(path, page);
		progress.tick(path);
	}
	// A file pulled from elsewhere in the repository that holds a secret secretlint finds is refused, and the pages that pulled it read again without it.
	const refused = await refuseSecretsFromOutside(pulled?.pulledFiles ?? []);
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
	const toolKeys = toolFrontmatterKeys(tool, tree.pages.values());
	for (const page of tree.pages.values())
		if (page.frontmatter) page.frontmatter.toolKeys = toolKeys;
	tree.toolKeys = toolKeys;
	// Pages the tool's site does not have leave before navigation and routes are made: drafts, and
	// the Markdown files a book's `SUMMARY.md` lists as no chapter.
	const arranging = (): ArrangeContext => ({
		root,
		found,
		data,
		files,
		texts,
		parseMarkdown: (path, text) =>
			parsePage(
				path,
				text,
				limits.maxNestingDepth === undefined ? {} : { maxNestingDepth: limits.maxNestingDepth },
			).tree,
	});
	const arranged: Arrangement = tool.arrange ? tool.arrange(tree.pages, arranging()) : {};
	if (arranged.data) {
		data = arranged.data;
		tree.toolData = data;
		reading = tool.bind(data, pulled?.inputs);
	}
	for (const { paths, why } of arranged.leftOut ?? []) leaveOutPages(tree, paths, why);
	const navs = tool.navigation
		? await tool.navigation([...tree.pages.values()], arranging())
		: new Map<string, PageNav>();
	for (const page of tree.pages.values()) {
		const nav = navs.get(page.path);
		if (nav) page.nav = nav;
	}
	tree.generatedFolders = generatedFolders(tree.pages.values(), files, tool, reading, data);
	// Once the generated folder pages have their routes, which a `slug` may not take.
	const moves = tool.moves;
	if (moves)
		applyPageRoutes(
			tree.pages.values(),
			new Map([...tree.generatedFolders].map(([folder, generated]) => [folder, generated.route])),
			(page) => moves.routeOf(page, data),
			moves.keys,
		);
	const menus = tool.menus?.([...tree.pages.values()], arranging());
	if (menus && menus.length > 0) tree.menus = menus;
	for (const [path, holds] of tree.secrets) {
		files.problems.push({
			path,
			severity: 'warning',
			always: true,
			reason: `file that holds ${holds}`,
			fix: 'The site never publishes it, even where a page links it. Move it out of the guidebook tree; if it holds no secret, rename it, or for a match on its content add a `secretlint-disable` comment to it.',
		});
	}
	// After the tool's routes: a page's route is final only then.
	const conflicts = findSiteConflicts(tree.pages.values(), files.assets);
	tree.unpublished = conflicts.unpublished;
	// A folder whose name URLs read as another path gets no page either; its pages are reported.
	for (const [path, folder] of tree.generatedFolders)
		if (routeTaken(folder.route)) tree.generatedFolders.delete(path);
	tree.published = publishedTreeFiles(tree);
	// A generated folder page lists the files the site publishes, not the repository's.
	for (const folder of tree.generatedFolders.values())
		folder.files = folder.files.filter((path) => tree.published.has(path));
	files.problems.push(...conflicts.problems);
	// A folder's generated page has its folder's route: one no URL leads to is not made either (its pages say why).
	for (const [path, folder] of tree.generatedFolders)
		if (unpublishableCharacter(folder.route)) tree.generatedFolders.delete(path);
	return tree;
}

/**
 * What parsing a page of `tree` needs to know of it: its tool, bound to what it read of the tree
 * (`treeReading`), its pages (`pages`, when the tree's list is not final yet) and the tool's front
 * matter keys. The build, dev and previews parse pages with it, so every page reads the same
 * everywhere.
 */
export function treeParseContext(
	tree: Pick<GuidebookTree, 'dialect' | 'files' | 'toolData' | 'toolKeys'>,
	pages: readonly string[] = tree.files.pages,
): ParseContext {
	return {
		tool: treeReading(tree),
		pages: new Set(pages),
		...(tree.toolKeys && { toolKeys: tree.toolKeys }),
	};
}

/**
 * The pages the site publishes, none read: the walk, less the pages the tool leaves out by name or
 * config (MkDocs `exclude_docs`, Docusaurus partials, a Hugo mount's filter, the files an mdBook's
 * summary lists as no chapter). For dev, where a new file may be one the tree would leave out.
 */
export async function publishedPages(
	root: string,
	dialect: string,
	limits: PageLimits = {},
): Promise<string[]> {
	const { pages } = await collectGuidebookFiles(root);
	const tool = await loadTool(dialect);
	if (!tool.publishedPages) return pages;
	const found = (await readSurroundings(root)).found.get(tool.name);
	return tool.publishedPages(
		root,
		pages,
		found,
		(path, text) =>
			parsePage(
				path,
				text,
				limits.maxNestingDepth === undefined ? {} : { maxNestingDepth: limits.maxNestingDepth },
			).tree,
	);
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
 * One page, read and parsed as its tree reads it (`context`: the dialect, and the limits); or why
 * it cannot be read. A page over `maxPageBytes` is not read and becomes a notice page.
 */
export async function loadPage(
	root: string,
	path: string,
	context: ParseContext & PageLimits = {},
): Promise<PageModel | Unreadable> {
	const read = await readPageText(root, path, context.maxPageBytes ?? defaultMaxPageBytes);
	if (read.ok === 'too-large') return tooLargePage(path, read.bytes, context);
	if (!read.ok) return { path, reason: read.reason, hint: read.hint, line: read.line };
	return parseText(path, read.text, context);
}

function tooLargePage(path: string, bytes: number, context: ParseContext & PageLimits): PageModel {
	return noticePage(
		path,
		`page of ${formatBytes(bytes)}, more than \`checks.maxPageBytes\` (${formatBytes(context.maxPageBytes ?? defaultMaxPageBytes)})`,
		context,
	);
}

/**
 * Everything a page's parse reads besides its text, as one key: the parsing code itself, the tool
 * and what of the tree's data decides how its pages read (`ToolReading.digest`), and the tree's
 * pages where the tool looks them up (Hugo's `ref`).
 */
function parseContextKey(context: ParseContext & PageLimits, reading: ToolReading): string {
	const { toolKeys, maxNestingDepth, parser } = context;
	const code = runningCodeFingerprint(
		['tree', 'tools', 'core', 'markdown', 'checks'],
		dependencyLockDigest(),
	);
	// Hashed here, once: with a Hugo site's content listed it can be hundreds of kilobytes, and each page's cache entry is keyed by it.
	return createHash('sha256')
		.update(
			JSON.stringify([
				code,
				reading.name,
				reading.digest ?? null,
				reading.markdown,
				toolKeys ? [...toolKeys].sort() : null,
				maxNestingDepth ?? null,
				parser ?? null,
				reading.readsOtherPages ? [...(context.pages ?? [])].sort() : null,
			]),
		)
		.digest('base64url');
}

/** The cache's page when its text and context are unchanged, its syntax tree parsed on first use; else a new parse, kept for the next run. */
function takeOrParse(
	path: string,
	text: string,
	digest: string,
	context: ParseContext,
	cache: { pages: PageCache; key: string; trace?: (line: string) => void },
): PageModel | Unreadable {
	const kept = cache.pages.take(path, text, digest, cache.key);
	if (kept) {
		let syntax: Root | undefined;
		const parse = (): Root => {
			cache.trace?.(`waymark: parsed ${path} again (a step read its syntax tree)`);
			return parsePage(path, text, context).tree;
		};
		return Object.defineProperty(kept, 'tree', {
			configurable: true,
			enumerable: true,
			get: () => (syntax ??= parse()),
			set: (value: Root) => void (syntax = value),
		}) as PageModel;
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
		return {
			path,
			reason: `it could not be parsed (${(error as Error).message})`,
			hint: 'Report this page to the Waymark maintainers.',
			line: 1,
		};
	}
}

function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024
		? `${(bytes / 1024 / 1024).toFixed(1)} MB`
		: `${Math.ceil(bytes / 1024)} KB`;
}

/** A folder's pages and other files, walked as the tree is (`walk-files.ts`): what a tool lists outside the root (its static folders, the rest of a Hugo site's content). */
async function walkedFiles(dir: string): Promise<{ pages: string[]; assets: string[] }> {
	const { pages, assets } = await collectGuidebookFiles(dir);
	return { pages, assets };
}
