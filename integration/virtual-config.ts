import type { Plugin } from 'vite';
import type { SiteRuntimeConfig } from '../markdown/site-config.ts';

const id = 'virtual:waymark/config';

/** Serves the runtime config as `virtual:waymark/config`, so `src/` reads it without importing `checks/`. */
export function virtualConfigPlugin(config: SiteRuntimeConfig): Plugin {
	return {
		name: 'waymark:config',
		resolveId: (source) => (source === id ? `\0${id}` : undefined),
		load: (resolved) =>
			resolved === `\0${id}` ? `export default ${JSON.stringify(config)};` : undefined,
	};
}
