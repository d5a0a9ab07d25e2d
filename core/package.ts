import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Waymark package folder (holds astro.config.mjs and src/), wherever it is installed. Found by
 * walking up, because a packed Waymark runs this file compiled from `dist-cli/core/`.
 */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** The installed Waymark's version, from its package.json. */
export const packageVersion = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

function findPackageRoot(from: string): string {
	for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
		if (existsSync(join(dir, 'astro.config.mjs'))) return `${dir}/`;
	}
	return fileURLToPath(new URL('../', import.meta.url));
}
