declare module 'virtual:waymark/config' {
	const config: import('./lib/site-config.ts').SiteRuntimeConfig;
	export default config;
}

declare module 'virtual:waymark/site-index' {
	const index: import('./lib/site-index.ts').SiteIndex;
	export default index;
}

declare module 'virtual:waymark/mermaid-loader' {}

declare module 'virtual:waymark/alerts' {
	const alerts: import('./lib/alerts.ts').SiteAlerts;
	export default alerts;
}

declare module 'virtual:waymark/content' {
	/** The guidebooks collection's loader: the pages of the tree the checks walked (integration/content-loader.ts). */
	export const loader: import('astro/loaders').Loader;
}
