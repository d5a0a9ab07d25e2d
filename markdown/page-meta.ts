import type { GuidebookFrontmatter, PageStatus } from './frontmatter.ts';
import { titleFromPath } from './page-title.ts';
import { resolveForgeHref, type RootPlace } from './forge-links.ts';
import { reviewDay } from './review-date.ts';
import { hrefForRoute, routeForPath } from './routes.ts';

interface MetaLink {
	text: string;
	href: string;
}

/** What the Markdown pipeline lifts out of a page body (`remarkPluginFrontmatter.waymark`). */
export interface PageMeta {
	/** Text of the first H1, removed from the body wherever it stood. */
	h1?: string;
	/** Its anchor, kept on the page title so `#title-slug` links still land. */
	h1Id?: string;
	/** The browser tab's whole title, as the page's own syntax sets it (mdBook's `{{#title}}`). */
	tabTitle?: string;
	/** The `> **Status:**` header block, links already rewritten to routes. */
	header?: {
		status?: PageStatus;
		statusLabel?: string;
		lastUpdated?: string;
		owner?: string;
		reviewed?: string;
		upstream: MetaLink[];
		downstream: MetaLink[];
		related: MetaLink[];
		extra: Record<string, string>;
	};
}

/** Everything the page header shows, each value from the first source that has it. */
export interface PageHeaderData {
	title: string;
	/** The browser tab's whole title, in place of `title` and the site's (mdBook's `{{#title}}`). */
	tabTitle?: string;
	/** The H1 the page shows when it differs from `title` (a frontmatter title beside the page's own H1). */
	heading?: string;
	/** Anchor of the title: the lifted H1's slug. */
	titleId?: string;
	description?: string;
	status?: PageStatus;
	/** Status as written in the header block, e.g. `✅ Active`. */
	statusLabel?: string;
	owner?: string;
	/** The day of the last review (`YYYY-MM-DD`), from frontmatter `reviewed` or the header block's `Reviewed`. */
	reviewed?: string;
	/** ISO date (`YYYY-MM-DD`). */
	lastUpdated?: string;
	lastUpdatedSource?: 'frontmatter' | 'header' | 'git';
	upstream: MetaLink[];
	downstream: MetaLink[];
	related: MetaLink[];
	tags: string[];
}

export interface ResolveHeaderInput {
	path: string;
	data: GuidebookFrontmatter;
	meta: PageMeta | undefined;
	/** ISO date of the file's last commit, when it is in git. */
	gitDate?: string;
	base: string;
	/** Title of the page at a relative path, for frontmatter links (and this page's own fallback). */
	titleOf: (path: string) => string | undefined;
	/** The site route of the page at a relative path (its tool's, or its `slug`). @default `routeForPath` */
	routeOf?: (path: string) => string;
	/** Where the root sits in its repository, so a link that leaves the root and comes back lands. */
	place?: RootPlace;
	/** Hrefs of the page's relations that the tree's tool reads otherwise (an mdBook chapter by its `.html` name), as it reads them (`IndexedPage.hrefs`). */
	hrefs?: Readonly<Record<string, string>>;
	/**
	 * The title the tree's tool gives the page over its H1: MkDocs' `nav` title, an mdBook's summary
	 * entry (`IndexedPage.namedByNav`). Front matter's `title` still comes first, as Material for
	 * MkDocs puts it in the tab (core MkDocs puts the `nav` title first).
	 */
	toolTitle?: string;
}

/** The date a page shows as last updated: frontmatter's, else the header block's, else its last commit's day. */
export function lastUpdatedOf(
	data: Pick<GuidebookFrontmatter, 'lastUpdated'>,
	header: PageMeta['header'] | undefined,
	gitDate: string | undefined,
): { value: string; source: 'frontmatter' | 'header' | 'git' } | undefined {
	if (data.lastUpdated) return { value: isoDate(data.lastUpdated), source: 'frontmatter' };
	if (header?.lastUpdated) return { value: header.lastUpdated, source: 'header' };
	return gitDate ? { value: gitDate.slice(0, 10), source: 'git' } : undefined;
}

/**
 * Frontmatter wins, then the header block, then the H1 / git history / file name. Frontmatter's
 * relative links become routes titled with their target page's title.
 */
export function resolvePageHeader(input: ResolveHeaderInput): PageHeaderData {
	const { data, meta, path } = input;
	const header = meta?.header;
	const links = (list: string[] | undefined, fallback: MetaLink[] | undefined): MetaLink[] =>
		list ? list.map((href) => frontmatterLink(path, href, input)) : (fallback ?? []);
	const lastUpdated = lastUpdatedOf(data, header, input.gitDate);
	const { status, statusLabel } = pageStatus(data.status, header);
	const owner = data.owner ?? header?.owner;
	// A header-block date that is not one is shown nowhere; `header-block` reports it.
	const reviewed = data.reviewed ?? reviewDay(header?.reviewed);
	const named = data.title ?? input.toolTitle;
	// The navigation's title (`titleOf`) when nothing on the page names one: the same words everywhere.
	const title = named ?? meta?.h1 ?? (input.titleOf(path) || titleFromPath(path) || 'Home');
	return {
		title,
		// Frontmatter (or the tool's navigation) titles the page in lists and tabs; the page's own H1 stays its heading.
		...(named && meta?.h1 && meta.h1 !== named && { heading: meta.h1 }),
		...(meta?.h1Id && { titleId: meta.h1Id }),
		// mdBook keeps a `{{#title}}` only when it differs from the chapter's name; the same name is titled as any page.
		...(meta?.tabTitle && meta.tabTitle !== title && { tabTitle: meta.tabTitle }),
		...(data.description && { description: data.description }),
		...(status && { status }),
		...(statusLabel && { statusLabel }),
		...(owner && { owner }),
		...(reviewed && { reviewed }),
		...(lastUpdated && { lastUpdated: lastUpdated.value, lastUpdatedSource: lastUpdated.source }),
		upstream: links(data.upstream, header?.upstream),
		downstream: links(data.downstream, header?.downstream),
		related: links(data.related, header?.related),
		tags: data.tags ?? [],
	};
}

/**
 * Frontmatter, else the header block; a header-block label Waymark does not know ("Living
 * document") is shown as written. The label is the header block's, so only when the frontmatter
 * sets no status. A page that declares nothing has no status: no badge claims it is current.
 */
export function pageStatus(
	frontmatter: PageStatus | undefined,
	header: { status?: PageStatus; statusLabel?: string } | undefined,
): { status: PageStatus | undefined; statusLabel: string | undefined } {
	return {
		status: frontmatter ?? header?.status,
		statusLabel: frontmatter ? undefined : header?.statusLabel,
	};
}

function frontmatterLink(fromPath: string, written: string, input: ResolveHeaderInput): MetaLink {
	const href = input.hrefs?.[written] ?? written;
	const inTree = resolveForgeHref(fromPath, href, input.place).filter(
		(target) => target.where === 'tree',
	);
	// Of a root-absolute link's readings, the one that names a page.
	const resolved = inTree.find((target) => input.titleOf(target.path) !== undefined) ?? inTree[0];
	if (!resolved) return { text: written, href: written };
	const hash = resolved.hash ? `#${encodeURIComponent(resolved.hash)}` : '';
	return {
		text: input.titleOf(resolved.path) ?? written,
		href:
			hrefForRoute(input.routeOf?.(resolved.path) ?? routeForPath(resolved.path), input.base) +
			hash,
	};
}

function isoDate(value: Date): string {
	return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
}
