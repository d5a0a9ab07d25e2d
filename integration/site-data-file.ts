import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import type { SiteData } from './site-data.ts';
import { replaceFile } from '../core/replace-file.ts';

/** Where a build keeps its `SiteData`: beside the rendered page bodies, in Astro's cache folder of the tree's store. */
export function siteDataFile(cacheDir: string): string {
	return join(cacheDir, 'waymark-site.json');
}

/** Writes `data` whole, then puts it in place: a page rendering meanwhile reads the old file or the new one, never half of one. */
export async function writeSiteData(file: string, data: SiteData): Promise<void> {
	await mkdir(dirname(file), { recursive: true });
	await replaceFile(file, JSON.stringify(data));
}

/**
 * In `waymark dev`: writes the site data again when a page changes, so the next page load shows
 * new titles in navigation and breadcrumbs (pages read the file as they render, `virtual-render.ts`).
 */
export function siteDataRefreshPlugin(file: string, refresh: () => Promise<SiteData>): Plugin {
	return {
		name: 'waymark:site-data',
		configureServer(server) {
			const update = async (changed: string) => {
				if (!/\.mdx?$/i.test(changed)) return;
				await writeSiteData(file, await refresh());
			};
			for (const event of ['change', 'add', 'unlink'] as const)
				server.watcher.on(
					event,
					(changed: string) =>
						void update(changed).catch((error: Error) =>
							server.config.logger.error(`${changed}: ${error.message}`),
						),
				);
		},
	};
}
