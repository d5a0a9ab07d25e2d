import { opendir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isPageFile } from '../src/lib/routes.ts';
import { RootNotFound, raise } from '../core/errors.ts';

/** What a walk of the guidebook root finds; no file is read yet. */
export interface GuidebookFiles {
	/** Absolute root. */
	root: string;
	/** Markdown pages, relative `/`-separated paths, sorted. */
	pages: string[];
	/** Every other file (images, PDFs, scripts), relative paths. */
	assets: string[];
	/** Every folder below the root, relative paths (`''` is the root). */
	folders: string[];
	/** Places the walk could not enter, with the reason; they become findings. */
	problems: Array<{ path: string; reason: string }>;
}

/** Folders no guidebook tree means to publish. */
const skippedFolders = new Set(['node_modules', 'dist']);

/**
 * True for a file or folder name the walk skips: dot names (`.git`, `.astro`, `.waymark`, drafts
 * such as `.notes.md`) and build or dependency folders. The preview uses it too, so a change
 * inside them is not a page change.
 */
export function isSkippedName(name: string): boolean {
	return name.startsWith('.') || skippedFolders.has(name);
}

/**
 * Walks `root`, following symlinks once each (a loop is reported, not followed) and reporting
 * unreadable folders instead of failing.
 */
export async function collectGuidebookFiles(root: string): Promise<GuidebookFiles> {
	const rootStat = await stat(root).catch(() => undefined);
	if (!rootStat?.isDirectory()) throw raise(RootNotFound, root);
	const found: GuidebookFiles = { root, pages: [], assets: [], folders: [''], problems: [] };
	const seen = new Set<string>([await realpath(root)]);

	async function walk(dir: string): Promise<void> {
		let handle;
		try {
			handle = await opendir(dir);
		} catch (error) {
			found.problems.push({ path: toRelative(root, dir), reason: reasonOf(error) });
			return;
		}
		const entries = [];
		for await (const entry of handle) entries.push(entry);
		entries.sort((a, b) => a.name.localeCompare(b.name));
		for (const entry of entries) {
			if (isSkippedName(entry.name)) continue;
			const full = join(dir, entry.name);
			const rel = toRelative(root, full);
			let isDir = entry.isDirectory();
			let isFile = entry.isFile();
			if (entry.isSymbolicLink()) {
				const target = await stat(full).catch(() => undefined);
				if (!target) {
					found.problems.push({ path: rel, reason: 'broken symbolic link' });
					continue;
				}
				isDir = target.isDirectory();
				isFile = target.isFile();
			}
			if (isDir) {
				const real = await realpath(full).catch(() => full);
				if (seen.has(real)) {
					found.problems.push({ path: rel, reason: 'symbolic link loop (this folder is already part of the tree)' });
					continue;
				}
				seen.add(real);
				found.folders.push(rel);
				await walk(full);
			} else if (isFile) (isPageFile(entry.name) ? found.pages : found.assets).push(rel);
		}
	}

	await walk(root);
	return found;
}

function toRelative(root: string, path: string): string {
	return relative(root, path).split(sep).join('/');
}

function reasonOf(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	return (error as Error).message;
}
