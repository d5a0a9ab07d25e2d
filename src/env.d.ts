declare module 'virtual:waymark/config' {
	const config: import('../markdown/site-config.ts').SiteRuntimeConfig;
	export default config;
}

declare module 'virtual:waymark/mermaid-loader' {}

declare module 'virtual:waymark/content' {
	/** The guidebooks collection's loader: the pages of the tree the checks walked (integration/content-loader.ts). */
	export const loader: import('astro/loaders').Loader;
}

declare module 'virtual:waymark/render' {
	/** One rendered page body, by the file name its collection entry carries (integration/page-html-files.ts). */
	export function readPageHtml(name: string): Promise<string>;
	/** The build's `SiteData` (integration/site-data-file.ts): what pages show of the whole site. */
	export function readSiteData(): Promise<import('../integration/site-data.ts').SiteData>;
	/** A short digest of `text`, for the route's incremental-build keys. */
	export function digestOf(text: string): string;
	/** Tells the build what a page's entry holds, for its record of the site (integration/site-record.ts). */
	export function pageFactsKnown(facts: import('../integration/page-view.ts').PageFacts): void;
	/** Tells the build a page is being rendered (its watchdog's progress). */
	export function pageRendered(route: string): void;
	/** Tells the build a page's content failed to render (the page shows a notice instead). */
	export function pageFailed(path: string, reason: string): void;
}
