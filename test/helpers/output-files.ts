import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under `dir` (a built site), with its path relative to it and its bytes as Latin-1 text (markers survive in any file). */
export async function outputFiles(dir: string): Promise<Array<{ path: string; text: string }>> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return Promise.all(
		entries
			.filter((e) => e.isFile())
			.map(async (e) => ({
				path: relative(dir, join(e.parentPath, e.name)),
				text: (await readFile(join(e.parentPath, e.name))).toString('latin1'),
			})),
	);
}

/**
 * A built site's files by path, to compare two builds of one tree: the build's clock in the status
 * snapshot (`generatedAt`) and the id of the build that wrote the folder (in its marker) left out.
 */
export async function comparableSiteFiles(dir: string): Promise<Map<string, string>> {
	return new Map(
		(await outputFiles(dir)).map(({ path, text }) => [
			path,
			path === '_waymark/status.json'
				? text.replace(/"generatedAt":"[^"]*"/, '')
				: path === '.waymark-output'
					? text.replace(/^build [\w-]+$/m, '')
					: text,
		]),
	);
}
