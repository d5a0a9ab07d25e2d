import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Waymark package folder (holds astro.config.mjs and src/), wherever it is installed. Found by
 * walking up, because a packed Waymark runs this file compiled from `dist-cli/core/`.
 */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/**
 * A file or folder the package ships, by its path in the package (`preview/preview.css`). Never
 * relative to a module: packed, the modules run compiled from `dist-cli/`, where only code is.
 */
export function packageFile(...path: string[]): string {
	return join(packageRoot, ...path);
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
