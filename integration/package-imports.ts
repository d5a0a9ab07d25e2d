import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import type { Plugin, UserConfig } from 'vite';
import { packageFile, packageRoot } from '../core/package.ts';
import { isInside } from '../core/path-inside.ts';

/** A file of the package: bare imports resolved as if written there find Waymark's own dependencies. */
const packageAnchor = join(packageRoot, 'astro.config.mjs');

/**
 * Vite settings for an Astro root in the user's state folder while the site's pages, components
 * and dependencies stay in the installed package (which is never written to):
 *
 * - a bare import from a module Astro generates in the work folder (or a virtual one) resolves
 *   from the package, so the project needs no copy of Waymark's dependencies;
 * - the prerender chunks bundle every dependency (`ssr.noExternal`), so Node never resolves a
 *   package from the work folder, whatever the project's `node_modules` holds (or lacks);
 * - `sharp`, which Astro leaves outside the bundle (native code), is imported by its path in the
 *   package, so pictures are optimised wherever the project lies (`sharpByPath`);
 * - a component's script and style modules get the `/@fs/` ids Astro gives files outside its
 *   root (`normalizeFilename` in astro/dist/vite-plugin-utils), or Astro would look for them
 *   below the work folder;
 * - nothing of the project's own tooling is read (`projectConfigsUnread`).
 */
export function packageImports(workDir: string): UserConfig {
	return {
		...projectConfigsUnread,
		server: { fs: { allow: [packageRoot, workDir] } },
		plugins: [packageImportsPlugin(workDir), environmentsPlugin()],
	};
}

/**
 * The work folder lies in the user's repository, so what Vite finds by looking up from it, or from
 * a page of the tree, is the repository's: its PostCSS config, which Vite loads and runs (a branch
 * under review could run code in a preview build), and each module's nearest `tsconfig.json`,
 * which may extend a package the repository never installed (`"@docusaurus/tsconfig"`: every
 * build failed) or map its imports elsewhere. The site's own settings are given instead, so Vite
 * looks for neither.
 */
const projectConfigsUnread = {
	tsconfig: packageFile('tsconfig.json'),
	css: { postcss: {} },
} satisfies UserConfig;

function packageImportsPlugin(workDir: string): Plugin {
	return {
		name: 'waymark:package-imports',
		enforce: 'pre',
		async resolveId(source, importer, options) {
			if (source === 'sharp') return sharpByPath();
			const request = componentRequest(source);
			if (request !== undefined) return request;
			const from = importer?.startsWith('/@fs/') ? fsPath(importer) : importer;
			if (from !== importer && (source.startsWith('.') || isBare(source))) {
				return this.resolve(source, isBare(source) ? packageAnchor : from, {
					...options,
					skipSelf: true,
				});
			}
			if (!isBare(source) || (from && isAbsolute(from) && !isInside(from, workDir))) return null;
			return this.resolve(source, packageAnchor, { ...options, skipSelf: true });
		},
	};
}

/** After Astro's own environment settings, which it would otherwise apply over these. */
function environmentsPlugin(): Plugin {
	const toolbar = (id: string): boolean =>
		id.startsWith('astro >') || id.startsWith('astro/runtime/client/dev-toolbar/');
	return {
		name: 'waymark:package-environments',
		enforce: 'post',
		config(config) {
			// Astro's dev toolbar pre-bundles its dependencies, found from the root; the site has no toolbar.
			if (config.optimizeDeps?.include)
				config.optimizeDeps.include = config.optimizeDeps.include.filter((id) => !toolbar(id));
		},
		configEnvironment(name, options) {
			if (options.optimizeDeps?.include)
				options.optimizeDeps.include = options.optimizeDeps.include.filter((id) => !toolbar(id));
			if (name === 'prerender') {
				options.resolve = { ...options.resolve, noExternal: true, external: [] };
				// Astro lists `sharp` as external by name, which Node would then look for from the work
				// folder: taken off the list, it reaches `sharpByPath` and stays external by its path.
				const rolldown = options.build?.rolldownOptions;
				if (rolldown && Array.isArray(rolldown.external) && sharpByPath())
					rolldown.external = rolldown.external.filter((id: unknown) => id !== 'sharp');
			}
		},
	};
}

let sharpPath: string | null | undefined;

/**
 * Sharp's entry as the package resolves it, as an external module: a work folder outside any
 * `node_modules` (a tree beside the install, a global install) still finds it. Null when the
 * package has no sharp (an optional dependency of Astro): Astro then reports MissingSharp itself.
 */
function sharpByPath(): { id: string; external: true } | null {
	if (sharpPath === undefined) {
		try {
			sharpPath = createRequire(packageAnchor).resolve('sharp');
		} catch {
			sharpPath = null;
		}
	}
	return sharpPath === null ? null : { id: sharpPath, external: true };
}

/** `/pkg/src/X.astro?astro&type=script&…` → `/@fs/pkg/src/X.astro?…` for a component of the package. */
function componentRequest(source: string): string | undefined {
	if (!/[?&]astro&type=/.test(source) || source.startsWith('/@fs/')) return undefined;
	const path = source.replace(/\?.*$/s, '');
	return isAbsolute(path) && isInside(path, packageRoot)
		? `/@fs${path.startsWith('/') ? '' : '/'}${source}`
		: undefined;
}

/** `/@fs/C:/x` → `C:/x`; `/@fs/x` → `/x`. */
function fsPath(id: string): string {
	const path = id.slice('/@fs'.length);
	return /^\/[a-z]:/i.test(path) ? path.slice(1) : path;
}

function isBare(source: string): boolean {
	return /^[\w@]/.test(source) && !/^[a-z][\w+.-]*:/i.test(source) && !isAbsolute(source);
}
