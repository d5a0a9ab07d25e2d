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
	/**
	 * Templates of other site generators (Middleman's `.html.md.erb`, `.erb`, `.haml`, `.slim`):
	 * neither pages Waymark can read nor files to publish. Counted so an empty tree can say what it held.
	 */
	templates: string[];
	/** Every folder below the root, relative paths (`''` is the root). */
	folders: string[];
	/** Places the walk could not enter, with the reason; they become findings. */
	problems: Array<{ path: string; reason: string }>;
}

/** Folders no guidebook tree means to publish. */
const skippedFolders = new Set(['node_modules', '.git', '.astro', 'dist', '.waymark']);

/**
 * Walks `root`, following symlinks once each (a loop is reported, not followed) and reporting
 * unreadable folders instead of failing.
 */
export async function collectGuidebookFiles(root: string): Promise<GuidebookFiles> {
	const rootStat = await stat(root).catch(() => undefined);
	if (!rootStat?.isDirectory()) throw raise(RootNotFound, root);
	const found: GuidebookFiles = { root, pages: [], assets: [], templates: [], folders: [''], problems: [] };
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
			if (entry.name.startsWith('.') || skippedFolders.has(entry.name)) continue;
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
			} else if (isFile) (isPageFile(entry.name) ? found.pages : isTemplateFile(entry.name) ? found.templates : found.assets).push(rel);
		}
	}

	await walk(root);
	return found;
}

/** Ruby site generators' view templates: Markdown or HTML with code in it, rendered by their tool only. */
function isTemplateFile(name: string): boolean {
	return /\.(?:erb|haml|slim)$/i.test(name);
}

/** How many template files of each kind, e.g. `{ '.html.md.erb': 48, '.erb': 1 }`, most first. */
export function countTemplates(templates: readonly string[]): Array<{ kind: string; count: number }> {
	const counts = new Map<string, number>();
	for (const path of templates) {
		const name = path.split('/').pop() ?? path;
		const kind = /(\.[\w-]+){1,3}$/.exec(name.replace(/^[^.]+/, ''))?.[0] ?? name;
		counts.set(kind, (counts.get(kind) ?? 0) + 1);
	}
	return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

function toRelative(root: string, path: string): string {
	return relative(root, path).split(sep).join('/');
}

function reasonOf(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	return (error as Error).message;
}
