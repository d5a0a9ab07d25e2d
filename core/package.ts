import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Waymark package folder (holds astro.config.mjs and src/), wherever it is installed. Found by
 * walking up, because a packed Waymark runs this file's code bundled into `dist-cli/chunks/`.
 */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/**
 * A file or folder the package ships, by its path in the package (`preview/preview.css`). Never
 * relative to a module: packed, the modules run bundled in `dist-cli/chunks/`, where only code is.
 */
export function packageFile(...path: string[]): string {
	return join(packageRoot, ...path);
}

/** Where `npm pack` bundles the CLI (`cli/bundle.ts`), in the package folder. */
export const bundleFolder = 'dist-cli';

/** Beside the bundle: the digest of every file in it (`runningCodeFingerprint`). */
export const bundleDigestFile = 'code-digest';

/**
 * Waymark's modules that run by their path rather than by an import: the diagrams' parse worker,
 * and the two Astro loads through Vite (the content loader, the build's logger). `npm pack` makes
 * each an entry of its own (`cli/bundle.ts`), at the same path under dist-cli/.
 */
export const packageModules = [
	'diagrams/parse-worker',
	'integration/content-loader',
	'integration/build-log',
] as const;

/**
 * The file of one of `packageModules`: its TypeScript source in a checkout, its bundled entry where
 * packed. Never relative to the module asking: bundled, that module's code lies in a shared chunk.
 */
export function packageModule(path: (typeof packageModules)[number]): string {
	return import.meta.url.endsWith('.ts')
		? join(packageRoot, `${path}.ts`)
		: join(packageRoot, bundleFolder, `${path}.js`);
}

/** The installed Waymark's version, from its package.json. */
export const packageVersion = (
	JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;

function findPackageRoot(from: string): string {
	for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
		if (existsSync(join(dir, 'astro.config.mjs'))) return `${dir}/`;
	}
	// Nothing found upwards: the folder above this module's, as in a checkout.
	return `${dirname(dirname(fileURLToPath(import.meta.url)))}/`;
}
