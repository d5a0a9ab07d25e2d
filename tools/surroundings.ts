import { readdir, readlink, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { tools } from './index.ts';
import { outputMarker } from '../core/output-marker.ts';
import { toolFileAt } from './tool-files.ts';
import type { Evidence, LookAround } from './tool.ts';

/** A tool config Waymark did not read, because a symbolic link leads it out of the repository; `path` relative to the root (`../hugo.yaml`). */
interface ToolConfigProblem {
	path: string;
	reason: string;
	fix: string;
	always: true;
}

/** What the folders around the root say about the tree: which tool it is written for, and each tool's config as found. */
export interface Surroundings {
	/** Files that say the tree is a tool's, in the order found. */
	evidence: Evidence[];
	/**
	 * The folder the tree's tool files are read from, and anything they name: the repository's top
	 * (the folder holding `.git`), or outside a repository the root's parent. A file reached through
	 * a symbolic link leading out of it is never read (`problems`).
	 */
	boundary: string;
	problems: ToolConfigProblem[];
	/** Each tool's config as its `lookAround` found it (the nearest that builds the root), by tool name. */
	found: ReadonlyMap<string, unknown>;
}

/**
 * Asks every tool to look in the root and each folder above it, up to the repository's top (the
 * folder holding `.git`), or one level up outside a repository, then to look further when it
 * found nothing there. Unreadable or invalid files are skipped: they only decide a default. A
 * config that is a symbolic link leading out of that folder is never read, and is a problem: a
 * tree under review reads nothing outside its repository.
 */
export async function readSurroundings(root: string): Promise<Surroundings> {
	const folders = await foldersUpToRepository(root);
	const boundary = folders.at(-1) ?? root;
	const evidence: Evidence[] = [];
	const problems: ToolConfigProblem[] = [];
	let below: Promise<ListedFolder[]> | undefined;
	const look: LookAround = {
		root,
		boundary,
		folders,
		async isFile(file) {
			const kind = await toolFileAt(file, boundary);
			const path = relative(root, file).split(sep).join('/');
			// Two tools may look at one file (TechDocs reads MkDocs' mkdocs.yml): one problem a file.
			if (kind === 'outside' && !problems.some((problem) => problem.path === path)) {
				const target = await readlink(file).catch(() => 'a folder that is');
				problems.push({
					path,
					reason: `symbolic link to \`${target}\`, outside the repository, as the tree's tool config`,
					fix: 'Make it a file of the repository, or delete the link; Waymark never reads a config through a link leading out of the repository.',
					always: true,
				});
			}
			return kind === 'file';
		},
		isFolder: async (path) => (await stat(path).catch(() => undefined))?.isDirectory() === true,
		evidence: (found) => void evidence.push(found),
		configsBelow: async (names) =>
			configsIn(await (below ??= foldersBelow(boundary)), names, boundary),
	};
	const found = new Map<string, unknown>();
	for (const dir of folders) {
		for (const tool of tools) {
			if (!tool.lookAround) continue;
			const got = await tool.lookAround(dir, look, found.get(tool.name));
			if (got !== undefined) found.set(tool.name, got);
		}
	}
	for (const tool of tools) {
		if (!tool.lookFurther) continue;
		const got = await tool.lookFurther(look, found.get(tool.name));
		if (got !== undefined) found.set(tool.name, got);
	}
	return { evidence, boundary, problems, found };
}

/** A folder `foldersBelow` listed, with the names of the files it holds. */
interface ListedFolder {
	dir: string;
	files: ReadonlySet<string>;
}

/**
 * The folders of the repository, up to four folders deep, nearest first, each with its files'
 * names: listed once per tree read, for every tool that looks below (MkDocs for `mkdocs.yml`,
 * TechDocs for `catalog-info.yaml`), which each listed up to 2,000 folders of their own before.
 * Hidden folders, `node_modules`, `vendor` and the output of a Waymark build (a folder holding its
 * marker, such as `dist/` beside the root: thousands of page folders, never sources) are skipped,
 * symbolic links never followed. Bounded: at most 2000 folders are listed, a level's folders 16 at
 * a time.
 */
async function foldersBelow(top: string): Promise<ListedFolder[]> {
	const folders: ListedFolder[] = [];
	let level = [top];
	let listed = 0;
	for (let depth = 0; depth <= 4 && level.length > 0; depth++) {
		const next: string[] = [];
		const listing = level.slice(0, Math.max(0, folderLimit - listed));
		listed += level.length;
		for (let at = 0; at < listing.length; at += 16) {
			const batch = listing.slice(at, at + 16);
			const lists = await Promise.all(
				batch.map((dir) => readdir(dir, { withFileTypes: true }).catch(() => [])),
			);
			lists.forEach((entries, i) => {
				const dir = batch[i] as string;
				if (entries.some((entry) => entry.name === outputMarker)) return;
				const files = new Set(entries.filter((entry) => entry.isFile()).map((entry) => entry.name));
				folders.push({ dir, files });
				for (const entry of entries.sort((a, b) =>
					a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
				)) {
					if (
						entry.isDirectory() &&
						!entry.name.startsWith('.') &&
						entry.name !== 'node_modules' &&
						entry.name !== 'vendor'
					)
						next.push(join(dir, entry.name));
				}
			});
		}
		if (listed > folderLimit) break;
		level = next;
	}
	return folders;
}

/**
 * The configs of `names` among `folders` (`foldersBelow`), nearest first: the first of the names a
 * folder holds, in the order given. A config a link leads out of the repository is left out.
 */
async function configsIn(
	folders: readonly ListedFolder[],
	names: readonly string[],
	top: string,
): Promise<string[]> {
	const kept: string[] = [];
	for (const { dir, files } of folders) {
		const config = names.find((name) => files.has(name));
		if (config && (await toolFileAt(join(dir, config), top)) === 'file')
			kept.push(join(dir, config));
	}
	return kept;
}

/** The most folders `foldersBelow` lists. */
const folderLimit = 2000;

async function foldersUpToRepository(root: string): Promise<string[]> {
	const folders = [root];
	for (let dir = root; dirname(dir) !== dir && folders.length < 8; dir = dirname(dir)) {
		if (await exists(join(dir, '.git'))) return folders;
		folders.push(dirname(dir));
	}
	// Outside a repository, look no further than the root's parent.
	return folders.slice(0, 2);
}

const exists = async (path: string) => (await stat(path).catch(() => undefined)) !== undefined;
