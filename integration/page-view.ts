import type { PanelAlert } from '../core/alerts-snapshot.ts';
import type { GuidebookFrontmatter } from '../markdown/frontmatter.ts';
import { resolvePageHeader, type PageHeaderData, type PageMeta } from '../markdown/page-meta.ts';
import type { PageReviewState } from './reviews.ts';
import type { SiteRuntimeConfig } from '../markdown/site-config.ts';
import type { SiteData } from './site-data.ts';
import {
	breadcrumbTrail,
	folderEntries,
	guidebookList,
	localNav,
	pageByRoute,
	routeOfPath,
	type IndexedPage,
	type LocalNav,
	type NavItem,
	type SiteMenu,
} from '../markdown/site-index.ts';
import type { ProbeState, StatusSnapshot } from '../core/status-snapshot.ts';

/** The states of the site's probes, which the site header's badge counts. */
export interface SiteStatusBadge {
	states: ProbeState[];
}

/**
 * Everything a guidebook page shows besides its own rendered body: what its route renders from.
 * Plain data computed from the page's entry and the build's `SiteData`, so two builds that compute
 * the same view for a page (and the same body) write the same HTML for it: its digest is the
 * page's key in Astro's incremental build (`pages/[...slug].astro`).
 */
export interface PageView {
	/** The page's path in the tree; for a generated page, the folder's `index.md`. */
	path: string;
	route: string;
	header: PageHeaderData;
	/** The tree's page behind it, when there is one (not a folder listing or a home without a README). */
	fromTree: boolean;
	nav?: LocalNav;
	trail: Array<{ title: string; route?: string }>;
	alerts: {
		/** The banner of alerts firing now (every page with an Alertmanager, else the pages rules name). */
		banner: boolean;
		/** Rules sending readers here. */
		panel: PanelAlert[];
	};
	review?: { due: PageReviewState; day: string; reviewAfterDays: number };
	/** The probes the page declares, as the build saw them (the status strip). */
	strip?: StatusSnapshot;
	/** For the site header's badge; null when no page declares a probe. */
	site: SiteStatusBadge | null;
	home?: {
		/** Whether firing alerts can be shown (an Alertmanager, or rules tied to pages). */
		alertsLive: boolean;
		menus?: SiteMenu[];
		guidebooks?: ReturnType<typeof guidebookList>;
	};
	folder?: { items: NavItem[]; files: string[] };
}

/**
 * What a page of the tree holds besides its view, as digests: its entry's frontmatter and the
 * metadata its Markdown gave (`facts`), and its body (`body`: the digest of a body kept in a file
 * of its own; none for a compiled MDX page or one whose HTML stays in the content store). A later
 * build whose page has the same facts and the same site data differs from this one only in its
 * body (`integration/patch-site.ts`).
 */
export interface PageFacts {
	path: string;
	route: string;
	facts: string;
	body: string | null;
	/** The "Last updated" element its header shows (`lastUpdatedHtml`), which a committed edit changes. */
	date: string;
}

/** What a page of the tree brings to its view: its frontmatter, as Astro's schema read it, and what its Markdown lifted out. */
export interface ViewedEntry {
	path: string;
	data: GuidebookFrontmatter;
	meta: PageMeta | undefined;
}

/** The view of one page of the tree (`entry`), of a generated folder page (`folder`), or of a home page the tree lacks (neither). */
export function pageView(
	site: SiteData,
	config: SiteRuntimeConfig,
	page: { entry?: ViewedEntry; folder?: IndexedPage },
): PageView {
	const { index } = site;
	const { entry, folder } = page;
	const path = entry?.path ?? folder?.path ?? '';
	const route = entry ? routeOfPath(index, entry.path) : (folder?.route ?? '/');
	const indexed = entry ? pageByRoute(index).get(route) : undefined;
	const header: PageHeaderData = entry
		? resolvePageHeader({
				path,
				data: entry.data,
				meta: entry.meta,
				...(index.gitDates[path] && { gitDate: index.gitDates[path] }),
				base: config.base,
				titleOf: (target) => pageByRoute(index).get(routeOfPath(index, target))?.title,
				routeOf: (target) => routeOfPath(index, target),
				...(config.place && { place: config.place }),
				...(indexed?.hrefs && { hrefs: indexed.hrefs }),
				...(indexed?.namedByNav && { toolTitle: indexed.title }),
			})
		: {
				title: folder?.title ?? config.title,
				...(folder?.description && { description: folder.description }),
				upstream: [],
				downstream: [],
				related: [],
				tags: [],
			};
	const panel = site.alerts.byRoute[route] ?? [];
	const due = entry ? site.reviews.due[path] : undefined;
	const probes = site.status?.probes ?? [];
	const isHome = route === '/';
	const strip = entry && declaredStatus(site.status, entry.data.probes);
	return {
		path,
		route,
		header,
		fromTree: entry !== undefined,
		...((entry || folder) && { nav: localNav(index, path) }),
		trail: breadcrumbTrail(index, route, config.title),
		alerts: { banner: site.alerts.alertmanager || panel.length > 0, panel },
		...(due && {
			review: { due, day: site.reviews.day, reviewAfterDays: site.reviews.reviewAfterDays },
		}),
		...(strip && { strip }),
		site: probes.length > 0 ? { states: probes.map((p) => p.state) } : null,
		...(isHome && { home: homeOf(site) }),
		...(folder?.generated && {
			folder: {
				items: folderEntries(index, path.replace(/\/index\.md$/, '')),
				files: folder.generated.files,
			},
		}),
	};
}

/** The snapshot cut to the probes a page declares, so a probe of another page never changes it. */
function declaredStatus(
	status: StatusSnapshot | undefined,
	declared: unknown[] | undefined,
): StatusSnapshot | undefined {
	const ids = new Set(
		(declared ?? [])
			.map((p) => (p as { id?: unknown })?.id)
			.filter((id): id is string => typeof id === 'string'),
	);
	if (!status || ids.size === 0) return undefined;
	return { ...status, probes: status.probes.filter((p) => ids.has(p.id)) };
}

function homeOf(site: SiteData): NonNullable<PageView['home']> {
	return {
		alertsLive: site.alerts.alertmanager || Object.keys(site.alerts.byRoute).length > 0,
		...(site.index.menus ? { menus: site.index.menus } : { guidebooks: guidebookList(site.index) }),
	};
}
