import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import {
	readSealedText,
	sealFile,
	sealProblem,
	writeSealedText,
	type FileSeal,
} from '../core/sealed-files.ts';
import { indexedPages } from './search-shard.ts';

/** In each kept shard's folder: the seal of every other file in it, never copied into the site. */
export const shardSealFile = 'waymark-seal.json';

/** Records the seal of every file of the shard Pagefind just wrote to `dir` (`core/sealed-files.ts`). */
export async function sealShard(dir: string): Promise<void> {
	const seals: Record<string, FileSeal> = {};
	for (const file of await filesIn(dir)) {
		const seal = await sealFile(join(dir, file));
		if (seal) seals[file] = seal;
	}
	await writeSealedText(join(dir, shardSealFile), JSON.stringify(seals));
}

/**
 * The pages of the shard kept in `dir` when every file is the one Pagefind wrote, no file is
 * missing and none was added; `undefined` when no shard is kept there; else why it cannot be used,
 * for one line (the shard is then indexed again).
 */
export async function keptShard(
	dir: string,
): Promise<{ pages: number } | { problem: string } | undefined> {
	const info = await lstat(dir).catch(() => undefined);
	if (!info) return undefined;
	if (!info.isDirectory())
		return { problem: info.isSymbolicLink() ? 'a symbolic link' : 'not a folder' };
	const read = await readSealedText(join(dir, shardSealFile));
	if (!read) return { problem: 'no digest recorded' };
	if ('problem' in read)
		return { problem: `its record of digests failed its check (${read.problem})` };
	let seals: Record<string, FileSeal>;
	try {
		seals = JSON.parse(read.text) as Record<string, FileSeal>;
	} catch {
		return { problem: 'its record of digests is not one' };
	}
	const files = await filesIn(dir);
	for (const file of new Set([...files, ...Object.keys(seals)])) {
		const problem = await sealProblem(join(dir, file), seals[file]);
		if (problem)
			return { problem: `${file}: ${problem === 'no digest recorded' ? 'added' : problem}` };
	}
	const pages = await indexedPages(dir).catch(() => undefined);
	return pages === undefined ? { problem: 'its entry file is unreadable' } : { pages };
}

/** Every file below `dir` but the seal, links included (`/`-separated, from `dir`). */
async function filesIn(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true });
	return entries
		.filter((entry) => !entry.isDirectory())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
		.filter((file) => file !== shardSealFile);
}
