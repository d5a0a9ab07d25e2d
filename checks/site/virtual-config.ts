import type { Plugin } from 'vite';

/** What the site's pages may know of the configuration: plain data, no Node APIs. */
export interface SiteRuntimeConfig {
	/** Absolute guidebook root. */
	root: string;
	title: string;
	base: string;
	/** "Edit this page" pattern with `{path}`, or null. */
	editUrl: string | null;
	/** Build-time probe snapshot for the status widgets (see `checks/probes/probe-status.ts`). */
	status?: import('../probes/probe-status.ts').StatusSnapshot;
}

const id = 'virtual:waymark/config';

/** Serves the runtime config as `virtual:waymark/config`, so `src/` reads it without importing `checks/`. */
export function virtualConfigPlugin(config: SiteRuntimeConfig): Plugin {
	return {
		name: 'waymark:config',
		resolveId: (source) => (source === id ? `\0${id}` : undefined),
		load: (resolved) => (resolved === `\0${id}` ? `export default ${JSON.stringify(config)};` : undefined),
	};
}
