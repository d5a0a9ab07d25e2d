import { access, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { configFileNames } from '../config/load-config.ts';
import { RootNotFound, raise, type WaymarkError } from '../core/errors.ts';

/**
 * `RootNotFound` for `root` (absolute), with what is near it: run from a subfolder of a project
 * (`cd docs && waymark check`), no config is found there and the default root (`docs/guidebooks`)
 * is looked for instead. The project's config above, up to the top of its git repository, or
 * Markdown in the folder itself, says what was meant.
 */
export async function rootNotFound(root: string): Promise<WaymarkError> {
	// Only the default root (`root: guidebooks`, config/load-config.ts), in a folder that exists: a
	// root the user named, or a config they ran with, needs no guess.
	const folder = dirname(root);
	if (basename(root) !== 'guidebooks' || !(await exists(folder))) return raise(RootNotFound, root);
	// Above the folder: a config in it would have been read.
	const config = await configAbove(dirname(folder));
	if (config)
		return raise(
			RootNotFound,
			root,
			`The project's config is \`${config}\`: run Waymark from \`${dirname(config)}\`, or pass \`--config ${config}\`.`,
		);
	const entries = await readdir(folder).catch(() => [] as string[]);
	if (entries.some((name) => /\.mdx?$/i.test(name)))
		return raise(
			RootNotFound,
			root,
			`\`${folder}\` holds Markdown itself: pass \`--root ${folder}\` to publish it.`,
		);
	return raise(RootNotFound, root);
}

/** The nearest config file in `folder` or above it, up to the folder that holds `.git` (or six levels). */
async function configAbove(folder: string): Promise<string | undefined> {
	for (let dir = folder, level = 0; level < 6; level++) {
		for (const name of configFileNames) if (await exists(join(dir, name))) return join(dir, name);
		if ((await exists(join(dir, '.git'))) || dirname(dir) === dir) return undefined;
		dir = dirname(dir);
	}
	return undefined;
}

function exists(path: string): Promise<boolean> {
	return access(path).then(
		() => true,
		() => false,
	);
}
