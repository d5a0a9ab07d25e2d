import type { StatusSnapshot } from './status-snapshot.ts';

/** What the site's pages may know of the configuration: plain data, no Node APIs. */
export interface SiteRuntimeConfig {
	/** Absolute guidebook root. */
	root: string;
	title: string;
	base: string;
	/** "Edit this page" pattern with `{path}`, or null. */
	editUrl: string | null;
	/** Build-time probe snapshot for the status widgets. */
	status?: StatusSnapshot;
	/** Pages the tree's dialect leaves out of the site (MkDocs `exclude_docs`), relative to the root. */
	excludedPages?: string[];
}
