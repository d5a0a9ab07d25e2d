import { access, opendir, readlink, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { isPageFile } from '../markdown/routes.ts';
import { isSkippedName } from '../markdown/unpublished-names.ts';
import { rootNotFound } from './root-not-found.ts';
import { isInside } from '../core/path-inside.ts';
import { outputMarker } from '../core/output-marker.ts';
import { realLocation } from '../core/really-inside.ts';

/** Something in the tree the site does not publish, with the reason and the fix; each becomes a finding. */
export interface TreeProblem {
	/** Relative to the root, `/`-separated. */
	path: string;
	/** What was found, as it reads after "Unexpected ", e.g. `broken symbolic link`. */
	reason: string;
	/** What to do about it. */
	fix: string;
	/** `warning` for files left out of the site on purpose; otherwise an error. */
	severity?: 'warning';
	/** Reported whatever pages a run selects (`--changed-since`): a branch under review must not slip it past the gate. */
	always?: true;
	/**
	 * A file on disk that the branch under review does not hold (`branch-files.ts`): a link to it is
	 * reported at the link, as this problem, and never as a link to a missing file.
	 */
	notHeld?: true;
}

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
	/** What the walk found and left out (unreadable folders, links leaving the tree, unsafe names). */
	problems: TreeProblem[];
	/** Pages, files and folders reached through a symbolic link: where each really is, relative to the root. */
	linked?: Map<string, string>;
	/** Waymark's own folders and files (state, output, caches), by real path: never walked, wherever they are. */
	own?: readonly string[];
}

/**
 * Files a browser opens as a document that may run script: published from the tree, they would
 * run it on the site's origin. SVG is absent: it is published with its scripts removed.
 */
const activeDocumentTypes = new Set([
	'.html',
	'.htm',
	'.xhtml',
	'.xht',
	'.shtml',
	'.mht',
	'.mhtml',
	'.xml',
	'.xsl',
	'.xslt',
	'.svgz',
]);

/** True for a file a browser opens as a page that may run script (`.html`, `.xml`, …); never published. */
export function isActiveDocument(path: string): boolean {
	return activeDocumentTypes.has(extname(path).toLowerCase());
}

/** Line breaks, tabs and other control characters: no route or URL can carry them. */
// eslint-disable-next-line no-control-regex -- matching them is the point
const controlCharacter = /[\u0000-\u001f\u007f]/;

/**
 * `path` (relative to the root) as a problem names it: escaped (`e\nf.md`) when it holds a control
 * character, since reports print one finding per line.
 */
export function shownTreePath(path: string): string {
	return hasControlCharacter(path) ? JSON.stringify(path).slice(1, -1) : path;
}

/** True when `path` holds a line break, tab or other control character, which no URL can carry. */
export function hasControlCharacter(path: string): boolean {
	return controlCharacter.test(path);
}

/**
 * Walks `root`. Symbolic links are followed only while they stay inside the root (a link leading
 * out, a broken link and a loop are problems, never followed); names with control characters,
 * unreadable folders and active documents (`.html`, `.xml`) are problems too, and left out.
 * `own` names Waymark's own folders and files (its state, its output, its caches): never content,
 * whatever their names are and whatever `.gitignore` says.
 */
export async function collectGuidebookFiles(
	root: string,
	own: readonly string[] = [],
): Promise<GuidebookFiles> {
	const rootStat = await stat(root).catch(() => undefined);
	if (!rootStat?.isDirectory()) throw await rootNotFound(root);
	const ownPaths = await Promise.all(own.map(realLocation));
	const found: GuidebookFiles = {
		root,
		pages: [],
		assets: [],
		templates: [],
		folders: [''],
		problems: [],
		...(ownPaths.length > 0 && { own: ownPaths }),
	};
	const realRoot = await realpath(root);
	// By real path, and by the path through `root` (which may itself be reached through a link).
	const isOwn = new Set(
		ownPaths
			.filter((path) => path !== realRoot && isInside(path, realRoot))
			.flatMap((path) => [path, join(root, relative(realRoot, path))]),
	);
	const seen = new Set<string>([realRoot]);

	const linked = new Map<string, string>();
	found.linked = linked;

	async function walk(dir: string, realDir?: string): Promise<void> {
		let handle;
		try {
			handle = await opendir(dir);
		} catch (error) {
			found.problems.push({
				path: toRelative(root, dir),
				reason: reasonOf(error),
				fix: fixFor(error),
			});
			return;
		}
		const entries = [];
		for await (const entry of handle) entries.push(entry);
		entries.sort((a, b) => a.name.localeCompare(b.name));
		const gitDirectory = looksLikeGitDirectory(entries);
		if (gitDirectory) {
			found.problems.push({
				path: toRelative(root, dir) || '.',
				reason: 'git repository (`HEAD`, `objects`, `refs`) inside the tree',
				fix: 'Delete its files from the tree: git run in or below this folder would take it for a repository and obey its config, which can name programs to run. Waymark never runs git there, and the site leaves those files out.',
				always: true,
			});
		}
		for (const entry of entries) {
			if (isSkippedName(entry.name) || (gitDirectory && gitInternalNames.has(entry.name))) continue;
			const full = join(dir, entry.name);
			const rel = toRelative(root, full);
			if (hasControlCharacter(entry.name)) {
				found.problems.push({
					path: shownTreePath(rel),
					reason: `control character ${describeControl(entry.name)} in the name`,
					fix: 'Rename it without line breaks, tabs or other control characters; no URL can carry them, so the site leaves it out.',
				});
				continue;
			}
			let isDir = entry.isDirectory();
			let isFile = entry.isFile();
			if (isOwn.has(realDir !== undefined ? join(realDir, entry.name) : full)) continue;
			if (entry.isSymbolicLink()) {
				const target = await stat(full).catch(() => undefined);
				if (!target) {
					found.problems.push({
						path: rel,
						reason: 'broken symbolic link',
						fix: 'Point the symbolic link at an existing file, or delete it.',
					});
					continue;
				}
				const real = await realpath(full).catch(() => full);
				if (isOwn.has(real)) continue;
				if (!isInside(real, realRoot)) {
					const written = await readlink(full).catch(() => '?');
					found.problems.push({
						path: rel,
						reason: `symbolic link to \`${written}\`, outside the tree`,
						fix: 'Copy what it should show into the tree, or delete the link; the site never publishes files from outside the root.',
					});
					continue;
				}
				// A link shows only what the walk publishes by its own name: never `.git/config`, a dot
				// file, `node_modules` or the inside of a git repository planted in the tree.
				const hidden = await unpublishedTarget(real, realRoot);
				if (hidden) {
					const written = await readlink(full).catch(() => '?');
					found.problems.push({
						path: rel,
						reason: `symbolic link to \`${written}\`, ${hidden}`,
						fix: 'Delete the link, or link a file the site publishes under its own name.',
						always: true,
					});
					continue;
				}
				// Nor does it make a page of what is not one by its own name (`notes.md` → `team.kdbx`).
				if (target.isFile() && isPageFile(entry.name) && !isPageFile(basename(real))) {
					const written = await readlink(full).catch(() => '?');
					found.problems.push({
						path: rel,
						reason: `symbolic link to \`${written}\`, which is not a page by its own name`,
						fix: 'Delete the link, or link a Markdown page.',
						always: true,
					});
					continue;
				}
				linked.set(rel, toRelative(realRoot, real));
				isDir = target.isDirectory();
				isFile = target.isFile();
			} else if (realDir !== undefined)
				linked.set(rel, toRelative(realRoot, join(realDir, entry.name)));
			if (isDir) {
				const real = await realpath(full).catch(() => full);
				if (seen.has(real)) {
					found.problems.push({
						path: rel,
						reason: 'symbolic link loop (this folder is already part of the tree)',
						fix: 'Point the link at a folder outside its own ancestors, or replace it with the files it should show.',
					});
					continue;
				}
				// An earlier `waymark build --out` inside the root: output, not sources.
				if (
					await access(join(full, outputMarker)).then(
						() => true,
						() => false,
					)
				)
					continue;
				seen.add(real);
				found.folders.push(rel);
				await walk(full, linked.has(rel) ? real : undefined);
			} else if (isFile) {
				if (isPageFile(entry.name)) found.pages.push(rel);
				else if (isTemplateFile(entry.name)) found.templates.push(rel);
				else if (isActiveDocument(entry.name)) {
					found.problems.push({
						path: rel,
						severity: 'warning',
						reason: `${extname(entry.name).toLowerCase()} file, which a browser runs as a page`,
						fix: 'The site leaves it out: scripts in it would run on the site. Link to it on the forge, or rename it to `.txt` to publish its text.',
					});
				} else found.assets.push(rel);
			}
		}
	}

	await walk(root);
	return found;
}

/**
 * Why the walk would never publish `real` (a symbolic link's target inside the root) under its own
 * name, or `undefined` when it would: a name it skips on the way (`.git`, a dot file,
 * `node_modules`), or a folder on the way that is a git repository (`HEAD`, `objects`, `refs`).
 */
async function unpublishedTarget(real: string, realRoot: string): Promise<string | undefined> {
	const segments = toRelative(realRoot, real).split('/');
	const skipped = segments.find(
		(segment) => isSkippedName(segment) || hasControlCharacter(segment),
	);
	if (skipped !== undefined)
		return `a file the site never publishes (\`${skipped}\` is on its way)`;
	for (let depth = 0; depth <= segments.length; depth++) {
		const folder = join(realRoot, ...segments.slice(0, depth));
		const isRepository = await Promise.all(
			['HEAD', 'objects', 'refs'].map((name) =>
				access(join(folder, name)).then(
					() => true,
					() => false,
				),
			),
		);
		if (isRepository.every(Boolean))
			return 'inside a git repository (`HEAD`, `objects`, `refs`) planted in the tree';
	}
	return undefined;
}

/** What a git directory holds besides `HEAD`, `objects` and `refs`; left out of a folder that is one. */
const gitInternalNames = new Set([
	'HEAD',
	'objects',
	'refs',
	'config',
	'hooks',
	'info',
	'logs',
	'index',
	'packed-refs',
	'description',
	'branches',
	'worktrees',
	'modules',
	'shallow',
	'commondir',
	'gitdir',
	'FETCH_HEAD',
	'ORIG_HEAD',
	'MERGE_HEAD',
	'COMMIT_EDITMSG',
]);

/** What git takes for a repository when it looks in a folder: `HEAD`, `objects/` and `refs/` (links count). */
function looksLikeGitDirectory(
	entries: Array<{
		name: string;
		isFile(): boolean;
		isDirectory(): boolean;
		isSymbolicLink(): boolean;
	}>,
): boolean {
	const has = (name: string, folder: boolean) =>
		entries.some(
			(e) => e.name === name && (e.isSymbolicLink() || (folder ? e.isDirectory() : e.isFile())),
		);
	return has('HEAD', false) && has('objects', true) && has('refs', true);
}

/** Ruby site generators' view templates: Markdown or HTML with code in it, rendered by their tool only. */
function isTemplateFile(name: string): boolean {
	return /\.(?:erb|haml|slim)$/i.test(name);
}

/** How many template files of each kind, e.g. `{ '.html.md.erb': 48, '.erb': 1 }`, most first. */
export function countTemplates(
	templates: readonly string[],
): Array<{ kind: string; count: number }> {
	const counts = new Map<string, number>();
	for (const path of templates) {
		const name = path.split('/').pop() ?? path;
		const kind = /(\.[\w-]+){1,3}$/.exec(name.replace(/^[^.]+/, ''))?.[0] ?? name;
		counts.set(kind, (counts.get(kind) ?? 0) + 1);
	}
	return [...counts]
		.map(([kind, count]) => ({ kind, count }))
		.sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

function toRelative(root: string, path: string): string {
	return relative(root, path).split(sep).join('/');
}

function describeControl(name: string): string {
	const code = name.match(controlCharacter)?.[0].charCodeAt(0) ?? 0;
	if (code === 0x0a) return '(a line break)';
	if (code === 0x09) return '(a tab)';
	return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function reasonOf(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	return (error as Error).message;
}

function fixFor(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'EACCES' || code === 'EPERM')
		return 'Make the folder readable by the user running Waymark.';
	return 'Check the file system permissions and links.';
}
