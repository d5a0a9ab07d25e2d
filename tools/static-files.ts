import { realpath, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { isInside } from '../core/path-inside.ts';
import { mountFilter, type MountFiles } from './hugo/mount-files.ts';

/**
 * A folder the tree's tool serves at the top of its site, file for file: Hugo's `static/` (or
 * `staticDir`, a theme's `static/`), Docusaurus's `static/` (or `staticDirectories`). A page's
 * `![x](/img/a.png)` means `static/img/a.png` there.
 */
export interface StaticFolder {
	/** Absolute path. */
	dir: string;
	/** Where its files are served, relative to the site's top, without slashes: `''` is the top (a Hugo module mount may name a folder). */
	servedAt: string;
	/** A Hugo mount's `files` (or `includeFiles`, `excludeFiles`): only these files of the folder are served. */
	files?: MountFiles;
}

/** The tool's static folders and what they serve, as the tree's links see them. */
export interface StaticFiles {
	/** The folders, in the order the tool looks a file up (the first that has it wins). */
	folders: StaticFolder[];
	/** Site path (`img/a.png`, no leading slash) → the file, relative to the guidebook root (`../static/img/a.png`). */
	files: Map<string, string>;
}

/**
 * Walks each folder of `candidates` that exists and lies inside `site` (the folder holding the
 * tool's config) once real paths are compared, so a config cannot point the site at a folder
 * elsewhere on the machine. The walk is the tree's own (`listFiles`, `tree/walk-files.ts`): symbolic links leading
 * out of a folder are not followed, and what a browser would run (`.html`, `.xml`) is left out.
 */
export async function collectStaticFiles(
	root: string,
	site: string,
	candidates: readonly StaticFolder[],
	listFiles: (dir: string) => Promise<{ pages: string[]; assets: string[] }>,
): Promise<StaticFiles> {
	const found: StaticFiles = { folders: [], files: new Map() };
	const realSite = await realpath(site).catch(() => undefined);
	if (realSite === undefined) return found;
	for (const candidate of candidates) {
		const real = await realpath(candidate.dir).catch(() => undefined);
		if (real === undefined || !isInside(real, realSite) || !(await stat(real)).isDirectory())
			continue;
		if (
			found.folders.some(
				(folder) =>
					folder.dir === real &&
					folder.servedAt === candidate.servedAt &&
					JSON.stringify(folder.files) === JSON.stringify(candidate.files),
			)
		)
			continue;
		found.folders.push({
			dir: real,
			servedAt: candidate.servedAt,
			...(candidate.files && { files: candidate.files }),
		});
		const walked = await listFiles(real);
		// crossplane mounts `content` onto `static` for its `manifests/**.yaml` alone: the rest of the folder (every page's Markdown) is not served.
		const served = candidate.files ? mountFilter(candidate.files) : () => true;
		// As the config names it, so a path from a page to the file is the one the bundler follows.
		const fromRoot = relative(root, candidate.dir).split(sep).join('/');
		for (const file of [...walked.pages, ...walked.assets]) {
			if (!served(file)) continue;
			const sitePath = candidate.servedAt === '' ? file : `${candidate.servedAt}/${file}`;
			if (!found.files.has(sitePath))
				found.files.set(sitePath, fromRoot === '' ? file : `${fromRoot}/${file}`);
		}
	}
	return found;
}

/** `dir` (relative to `site`, or absolute) as a candidate folder served at `servedAt`. */
export function staticFolder(
	site: string,
	dir: string,
	servedAt = '',
	files?: MountFiles,
): StaticFolder {
	return {
		dir: resolve(site, dir),
		servedAt: servedAt.replace(/^\/+|\/+$/g, ''),
		...(files && { files }),
	};
}
