/**
 * What the site's Markdown processor is handed of the tree's documentation tool (unified's plugin
 * contract: the processor declares what it takes, a tool brings it). The tool modules
 * (`tools/<name>/`) implement it; this folder never imports them. Without one the site reads
 * Markdown as a forge shows it (`plainMarkdown`): CommonMark with GitHub's extensions, `README`
 * and `index` as folder pages, ids as github-slugger spells them.
 */
import type { Heading } from 'mdast';
import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import { createAnchorSlugger, headingText, splitExplicitId } from './anchors.ts';
import type { RootPlace } from './forge-links.ts';
import { isFolderPage, routeForPath } from './routes.ts';

/** The page a tool's rewrite reads. */
export interface RewritePage {
	/** The page, relative to the root. */
	path: string;
	/** Every page of the tree, relative to the root. */
	pages: ReadonlySet<string>;
	/** The page's front matter when the text comes without it (Astro removes it before rendering). */
	frontmatter?: Record<string, unknown>;
}

/** What of a rewrite makes the page's HTML: its text, and the browser tab's title its syntax gave (mdBook's `{{#title}}`). */
interface ShownRewrite {
	text: string;
	tabTitle?: string;
}

/** A heading's id and the text it shows (without the syntax that set the id); `id` is `''` where the tool gives none. */
interface HeadingId {
	id: string;
	text: string;
}

/** One per page: `next()` for each heading in document order. */
export interface HeadingSlugger {
	next: (heading: Heading) => HeadingId;
}

/** The Markdown extensions a tool's renderer reads beyond CommonMark and GitHub's. */
interface MarkdownExtensions {
	/** Indented code blocks (off where pages are MDX: Docusaurus). */
	indentedCode: boolean;
	/** Definition lists (`Term`, then `: its definition`). */
	definitionLists: boolean;
	/** `:name:` emoji shortcodes as emoji. */
	emoji: boolean;
}

/** What a tool's link rules are handed of the tree. */
export interface LinkTree {
	pages: ReadonlySet<string>;
	assets: ReadonlySet<string>;
	/** A page's route on the site (its `slug` route, else its path's). */
	routeOf: (path: string) => string;
	/** The page at a route, if any (in any case where the tool's URLs are: `caseInsensitiveUrls`). */
	pageAtRoute: (route: string) => string | undefined;
}

/** Where a link lands by the tool's own rules, before the forge's reading; `missing`: a URL its site would answer with "not found". */
interface Reached {
	kind: 'page' | 'asset' | 'missing';
	path: string;
	hash: string;
}

/**
 * How the tool's site resolves links where it differs from a forge (where a relative path is a
 * file of the repository and `/x` a path from its top). Each hook is asked at one place of the
 * resolvers (`checks/rules/support/tree-index.ts` for the checks, `link-target.ts` for the site).
 */
export interface LinkRules {
	/** The href as the tool's site reads it before anything else (Hugo: the root's own URL as `/`; mdBook: a chapter's `.html` name as its `.md`). `leftOut`: the pages the tool builds none for, which a link may still name (the checks say why it is broken). */
	written?: (
		fromPath: string,
		href: string,
		tree: {
			pages: ReadonlySet<string>;
			assets: ReadonlySet<string>;
			place?: RootPlace | undefined;
			leftOut?: ReadonlySet<string>;
		},
	) => string;
	/** A root-absolute URL the tool's site serves from outside the root (Hugo: `/` when the root is `content/docs`): no page of the root. */
	elsewhereOnSite?: (written: string, href: string) => boolean;
	/**
	 * The tool shows a page for the root's own folder whatever the root holds (a forge its listing,
	 * Hugo its theme's home layout, mdBook its first chapter): a link to the root is to the site's
	 * home, not a folder without a page. MkDocs and Docusaurus have none without an index page.
	 */
	rootFolderShown?: true;
	/** Files the tool writes at the site's top whatever the tree holds (mdBook's `index.html`). */
	writes?: (path: string) => boolean;
	/** Where the tool's own rules take a link (Docusaurus: a Markdown file by its docs plugin's rules, a URL under `routeBasePath`; Hugo: its render hook and pretty URLs). */
	reach?: (fromPath: string, href: string, tree: LinkTree) => Reached | undefined;
	/** Routes match in any case (Hugo lower-cases its URLs). */
	caseInsensitiveUrls?: boolean;
	/** Files of the repository outside the root that a URL reaches on the tool's site (Hugo: the content of other versions), in the order tried. */
	beyondRoot?: (fromRoute: string, href: string) => { files: string[]; hash: string } | undefined;
	/** Files of the repository outside the root a page lookup reaches (Hugo's `GetPage`), each list tried from the page (`fromRoot: false`) or from the root. */
	lookupBeyondRoot?: (
		fromPath: string,
		href: string,
	) => Array<{ files: string[]; fromRoot: boolean; hash: string }>;
	/** The file outside the root a URL names, for the site to link it on the forge (Hugo: a page of another version). */
	siteBeyondRoot?: (fromRoute: string, href: string) => { file: string; hash: string } | undefined;
	/** A link that names no file, read as a URL relative to the page's own (MkDocs, Docusaurus); `byPageUrl`: reached only so (MkDocs warns of it). */
	asUrl?: (
		fromRoute: string,
		href: string,
		tree: LinkTree,
	) => { kind: 'page' | 'asset'; path: string; hash: string; byPageUrl?: true } | undefined;
	/** A relative link to a folder, and one the page's address reaches, read as a URL before the repository's files (MkDocs). */
	urlsFirst?: boolean;
	/** What of `asUrl` the site rewrites a link to that reaches no file of the tree. @default ['page', 'asset'] */
	siteUrls?: ReadonlyArray<'page' | 'asset'>;
	/** The file a link names by the page's URL (Hugo writes the href as the page has it: `../img/a.png` from `/docs/x/` is `docs/img/a.png`). */
	urlFile?: (fromRoute: string, href: string) => string | undefined;
}

type RemarkPlugins = NonNullable<UnifiedProcessorOptions['remarkPlugins']>;
type RehypePlugins = NonNullable<UnifiedProcessorOptions['rehypePlugins']>;

/** The unified plugins a tool adds to the site's processor, by where they go (`plugins.ts`). */
export interface SitePlugins {
	/** After directives are restored, before heading ids (an icon adds nothing to an id). */
	beforeHeadingIds?: RemarkPlugins;
	/** After heading ids (tab slugs are made unique against them). */
	afterHeadingIds?: RemarkPlugins;
	/** The last remark plugins. */
	lastRemark?: RemarkPlugins;
	/** After the HTML sanitiser, before broken links are marked: the tool's own markup from the sanitised placeholders. */
	rehype?: RehypePlugins;
}

/** The tree's tool as the site reads its pages. */
export interface SiteTool {
	/** The tool's name (the config's `dialect:`). */
	name: string;
	/** A forge shows the repository (GitHub, GitLab): a root-absolute link is a path from its top. */
	forge: boolean;
	markdown: MarkdownExtensions;
	/** Whether a page file is its folder's page. */
	isFolderPage: (path: string) => boolean;
	/** The site route its path gives a page. */
	routeForPath: (path: string) => string;
	/** The page's text with the tool's own syntax written as what the site renders, before the parser runs. */
	rewrite: (text: string, page: RewritePage) => ShownRewrite;
	headingSlugger: (page: { source: string; path: string }) => HeadingSlugger;
	/** A heading's text without the syntax that sets its id, as the page shows it. */
	headingText: (text: string) => string;
	/** Fragments reach ids in any case (GitHub's pages scroll to `#Setup` for the id `setup`): the site writes such a fragment as the id it reaches. */
	fragmentsIgnoreCase: boolean;
	/** The id the tool's site used to give a heading with this id, still answered (GitLab before 17.0). */
	formerId?: (id: string) => string | undefined;
	links: LinkRules;
	plugins: SitePlugins;
}

/** Markdown as a forge shows it: what the site reads when it is handed no tool. */
export const plainMarkdown: SiteTool = {
	name: 'markdown',
	forge: true,
	markdown: { indentedCode: true, definitionLists: false, emoji: false },
	isFolderPage: (path) => isFolderPage(path),
	routeForPath: (path) => routeForPath(path),
	rewrite: (text) => ({ text }),
	headingSlugger: () => forgeHeadingSlugger(),
	headingText: (text) => splitExplicitId(text).text,
	fragmentsIgnoreCase: false,
	links: { rootFolderShown: true },
	plugins: {},
};

/** Heading ids as github-slugger spells them, a trailing `{#id}` setting one. */
function forgeHeadingSlugger(): HeadingSlugger {
	return sluggingHeadings(createAnchorSlugger(), (raw) => splitExplicitId(raw).text);
}

/** A `HeadingSlugger` from a tool's slugger (one per page: it counts repeats) and how it shows a heading's text (an explicit id left out). */
export function sluggingHeadings(
	slugger: { slug(text: string): string },
	shown: (raw: string) => string,
): HeadingSlugger {
	return {
		next(heading) {
			const raw = headingText(heading);
			return { id: slugger.slug(raw), text: shown(raw) };
		},
	};
}
