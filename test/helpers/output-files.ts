import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under `dir` (a built site), with its path relative to it and its bytes as Latin-1 text (markers survive in any file). */
export async function outputFiles(dir: string): Promise<Array<{ path: string; text: string }>> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return Promise.all(entries.filter((e) => e.isFile()).map(async (e) => ({ path: relative(dir, join(e.parentPath, e.name)), text: (await readFile(join(e.parentPath, e.name))).toString('latin1') })));
}
