import { cp, glob, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './fixture.ts';

/**
 * Copies what `npm pack` takes from this checkout (package.json's `files`, and the README and
 * changelog npm adds) into `dest`, with the checkout's node_modules linked beside them, as npm would
 * install the dependencies there. Packing or compiling that copy never writes into the checkout,
 * where a dist-cli/ (`prepack`'s output) would change which CLI `bin/waymark.mjs` starts for every
 * test running beside it. `except` leaves out entries of `files`.
 */
export async function copyPackage(dest: string, except: readonly string[] = []): Promise<void> {
	const { files } = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
		files: string[];
	};
	const entries = [
		...files.filter((entry) => !except.includes(entry)),
		'package.json',
		'README.md',
		'CHANGELOG.md',
	];
	for (const entry of entries)
		for await (const path of glob(entry, { cwd: repoRoot }))
			await cp(join(repoRoot, path), join(dest, path), { recursive: true });
	await symlink(join(repoRoot, 'node_modules'), join(dest, 'node_modules'));
}
