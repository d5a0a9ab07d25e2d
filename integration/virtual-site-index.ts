import type { Plugin } from 'vite';
import type { SiteIndex } from '../src/lib/site-index.ts';

const id = 'virtual:waymark/site-index';

/**
 * Serves the site index as `virtual:waymark/site-index`. `refresh()` (called by the dev watcher)
 * returns a new index; the module is invalidated so the next page load sees new titles.
 */
export function virtualSiteIndexPlugin(initial: SiteIndex, refresh?: () => Promise<SiteIndex>): Plugin {
	let index = initial;
	return {
		name: 'waymark:site-index',
		resolveId: (source) => (source === id ? `\0${id}` : undefined),
		load: (resolved) => (resolved === `\0${id}` ? `export default ${JSON.stringify(index)};` : undefined),
		configureServer(server) {
			if (!refresh) return;
			const update = async (file: string) => {
				if (!/\.mdx?$/i.test(file)) return;
				index = await refresh();
				const module = server.moduleGraph.getModuleById(`\0${id}`);
				if (module) server.moduleGraph.invalidateModule(module);
			};
			for (const event of ['change', 'add', 'unlink'] as const) server.watcher.on(event, (file: string) => void update(file));
		},
	};
}
