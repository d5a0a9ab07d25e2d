import type { AstroAdapter, AstroIntegration } from 'astro';

/** The name of the adapter below; the site's own prerenderer is kept beside it (`index.ts`). */
export const storeOutputAdapter = 'waymark:store-output';

/**
 * Keeps everything Astro writes for a build inside the tree's store (`tree-store.ts`). Without an
 * adapter, Astro puts its prerender chunks in the output folder only when that lies under the
 * process's working directory, else in `<cwd>/.astro/.prerender/`, and then renames their assets
 * into the output (astro/dist/core/build/common.js `getOutDirWithinCwd`): with the state folder
 * on another file system (`--state-dir` on tmpfs, a CI cache volume) that failed with EXDEV, and
 * it left `.astro/` in the user's folder. A static adapter that keeps the server folder where
 * `build.server` says (`preserveBuildServerDir`, astro/dist/prerender/utils.js) puts them in the
 * store, whatever the working directory: nothing changes it (Astro 7.3.5, pinned).
 */
export function storeOutput(): AstroIntegration {
	const adapter: AstroAdapter = {
		name: storeOutputAdapter,
		// Said outright: the default is the same, with a deprecation warning in every build's log. A static
		// site has no server entry for 'auto' to resolve.
		entrypointResolution: 'explicit',
		adapterFeatures: { buildOutput: 'static', preserveBuildServerDir: true },
		supportedAstroFeatures: { staticOutput: 'stable', sharpImageService: 'stable' },
	};
	return {
		name: storeOutputAdapter,
		hooks: { 'astro:config:done': ({ setAdapter }) => setAdapter(adapter) },
	};
}
