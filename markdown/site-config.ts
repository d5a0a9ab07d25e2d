import type { ForgeRepo, RootPlace } from './forge-links.ts';

/** What the site's pages may know of the configuration: plain data, no Node APIs. */
export interface SiteRuntimeConfig {
	/** Absolute guidebook root. */
	root: string;
	title: string;
	base: string;
	/** "Edit this page" pattern with `{path}`, or null. */
	editUrl: string | null;
	/** Config `site.offlineCache`: pages register the service worker (`sw.js`), or remove one. */
	offlineCache?: boolean;
	/** Where the root sits in its git repository, for links that leave the root. */
	place?: RootPlace;
	/** The forge hosting the repository (`site.repoUrl`), where links to files outside the root go. */
	repo?: ForgeRepo;
	/** Served by `waymark dev` (Astro's dev server), never written by a build. */
	dev?: true;
}
