// Waymark as a project that installed it runs it: the files `npm pack` takes (package.json's
// `files`), bundled as `prepack` bundles them (cli/bundle.ts), with this checkout's node_modules
// linked beside them as npm would install the dependencies there. No registry, and nothing is
// written into the checkout, where a dist-cli/ would change which CLI bin/waymark.mjs starts.
import { execFileSync } from 'node:child_process';
import { cp, glob, mkdir, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Makes the packed copy of the checkout `repo` in `dest` (emptied first); resolves its bin/waymark.mjs. */
export async function packedCopy(/** @type {string} */ repo, /** @type {string} */ dest) {
	await rm(dest, { recursive: true, force: true });
	await mkdir(dest, { recursive: true });
	const { files } = /** @type {{ files: string[] }} */ (
		JSON.parse(await readFile(join(repo, 'package.json'), 'utf8'))
	);
	for (const entry of [...files.filter((file) => file !== 'dist-cli'), 'package.json'])
		for await (const path of glob(entry, { cwd: repo }))
			await cp(join(repo, path), join(dest, path), { recursive: true });
	await symlink(join(repo, 'node_modules'), join(dest, 'node_modules'));
	execFileSync(process.execPath, ['cli/bundle.ts'], { cwd: dest, stdio: 'ignore' });
	return join(dest, 'bin/waymark.mjs');
}
