import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Folders looked at, in order, when neither `--root` nor a config file names the tree. */
export const rootCandidates = ['guidebooks', 'runbooks', 'docs', 'doc', 'documentation', 'content', 'website/docs'];

/**
 * The first of `rootCandidates` below `dir` that holds a Markdown page (`.md`, `.mdx`, at most
 * three folders down, `node_modules` and dot folders skipped); `undefined` when none does.
 */
export async function findTreeRoot(dir: string): Promise<string | undefined> {
	for (const candidate of rootCandidates) {
		if (await holdsMarkdown(join(dir, candidate), 3)) return candidate;
	}
	return undefined;
}

async function holdsMarkdown(folder: string, depth: number): Promise<boolean> {
	const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
	if (entries.some((entry) => entry.isFile() && /\.mdx?$/i.test(entry.name))) return true;
	if (depth === 0) return false;
	for (const entry of entries) {
		if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules' && (await holdsMarkdown(join(folder, entry.name), depth - 1))) return true;
	}
	return false;
}
