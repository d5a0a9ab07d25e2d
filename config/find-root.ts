import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tools } from '../tools/index.ts';
import { rootCandidates } from './root-candidates.ts';

export { rootCandidates };

/** The folder a command without a config file reads, and why: a tool's config named it, or it is the first of `rootCandidates` with Markdown. */
export interface FoundRoot {
	/** Relative to the folder searched, e.g. `src` or `website/docs`. */
	folder: string;
	/** `rootCandidates`, or the tool's config that named the folder (`book.toml`) and what the folder is to the tool (`the book's source folder`). */
	by: 'rootCandidates' | { file: string; what: string };
}

/**
 * The first folder below `dir` that holds a Markdown page (`.md`, `.mdx`, at most three folders
 * down, `node_modules` and dot folders skipped): the folder a tool's config in `dir` reads its
 * pages from (`Tool.pagesFolder`: an mdBook's `src`), else the first of `rootCandidates`;
 * `undefined` when none does.
 */
export async function findTreeRoot(dir: string): Promise<FoundRoot | undefined> {
	for (const tool of tools) {
		const named = await tool.pagesFolder?.(dir);
		if (named && (await holdsMarkdown(join(dir, named.folder), 3)))
			return { folder: named.folder, by: { file: named.file, what: named.what } };
	}
	for (const candidate of rootCandidates) {
		if (await holdsMarkdown(join(dir, candidate), 3))
			return { folder: candidate, by: 'rootCandidates' };
	}
	return undefined;
}

async function holdsMarkdown(folder: string, depth: number): Promise<boolean> {
	const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
	if (entries.some((entry) => entry.isFile() && /\.mdx?$/i.test(entry.name))) return true;
	if (depth === 0) return false;
	for (const entry of entries) {
		if (
			entry.isDirectory() &&
			!entry.name.startsWith('.') &&
			entry.name !== 'node_modules' &&
			(await holdsMarkdown(join(folder, entry.name), depth - 1))
		)
			return true;
	}
	return false;
}
