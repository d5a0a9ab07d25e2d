import { createRequire } from 'node:module';
import { dirname, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { isInside } from '../core/path-inside.ts';

/** A module of this package: Astro's runtime resolves from here. */
const ownModule = fileURLToPath(import.meta.url);
/**
 * The `node_modules` that holds Astro: its packages' own imports resolve as they always do. (Under
 * pnpm, other packages sit elsewhere; their `astro` imports then resolve from here too, to the
 * same Astro, which is Waymark's.)
 */
const dependencies = dirname(dirname(createRequire(ownModule).resolve('astro/package.json')));

/**
 * What Astro writes into modules it makes from the user's files: `astro/jsx-runtime` and
 * `astro/runtime/…` into every compiled `.mdx`, `astro/assets/runtime` into every `.svg` picture it
 * bundles (from the tree, a folder the walk skips, or outside the root). They resolve from Waymark's
 * install, wherever those files lie: with nothing holding `astro` above them (a global install, a
 * tree in /tmp) the bundler's fallback asked for `./astro/…` and the build failed. In every build,
 * trusted or not: a branch under review bundles its own pictures too.
 */
export function astroRuntimeImportsPlugin(): Plugin {
	return {
		name: 'waymark:astro-runtime-imports',
		enforce: 'pre',
		resolveId(source, importer, options) {
			if (!importer || !(source === 'astro' || source.startsWith('astro/'))) return null;
			const file = importer.replace(/^\0/, '').replace(/\?.*$/, '');
			if (isAbsolute(file) && isInside(file, dependencies)) return null;
			return this.resolve(source, ownModule, { ...options, skipSelf: true });
		},
	};
}
