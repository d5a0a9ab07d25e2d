import { readdir, readlink, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Dialect } from './dialect.ts';
import { outputMarker, type TreeProblem } from '../tree/walk-files.ts';
import { isReallyInside } from '../core/really-inside.ts';
import { toolFileAt } from './tool-files.ts';
import { readDocusaurusConfig, type DocusaurusConfig } from './docusaurus/config.ts';
import { hugoConfigNames, readHugoConfig } from './hugo/config.ts';
import { hugoSiteOf, pinnedHugoVersion, readLinkStyle, type HugoSite } from './hugo/site.ts';
import { readMdbookSite, type MdbookSite } from './mdbook/config.ts';
import { readMkdocsSite, type MkdocsSite } from './mkdocs/config.ts';
import { isInside } from '../core/path-inside.ts';

/** A file beside or above the root that says which tool the tree is written for. */
interface DialectFile {
	dialect: Dialect;
	/** As shown to users: `mkdocs.yml`, `website/docusaurus.config.ts`, `.gitlab-ci.yml`. */
	name: string;
	/** A site generator's config outweighs a forge's CI file: a GitLab project can publish with MkDocs. */
	weight: number;
}

/** What the folders around the root say about the tree: signal files, and the settings Waymark uses. */
export interface Surroundings {
	files: DialectFile[];
	/**
	 * The folder the tree's tool files are read from, and anything they name: the repository's top
	 * (the folder holding `.git`), or outside a repository the root's parent. A file reached through
	 * a symbolic link leading out of it is never read (`problems`).
	 */
	boundary: string;
	/** Tool configs left unread because a symbolic link leads them out of `boundary`; `path` relative to the root (`../hugo.yaml`). */
	problems: TreeProblem[];
	/**
	 * The `mkdocs.yml` MkDocs builds the root with: the nearest one above whose `docs_dir` is the
	 * root or holds it, else one elsewhere in the repository whose `docs_dir` does.
	 */
	mkdocs?: MkdocsSite;
	/** The nearest Hugo site config: `params`, static folders, the renderer's heading ids, menus. */
	hugo?: HugoSite;
	/** The nearest Docusaurus site: its folder (`static/` and the docs are found from there) and what its config says. */
	docusaurus?: { dir: string; config: DocusaurusConfig };
	/** The nearest mdBook (`book.toml`) whose `src` folder is the root or holds it. */
	mdbook?: MdbookSite;
}

/**
 * Looks for `mkdocs.yml`, Hugo and Docusaurus configs, mdBook's `book.toml`, `.gitlab-ci.yml` and `.gitlab/` in the root
 * and each folder above it, up to the repository's top (the folder holding `.git`), or one level
 * up outside a repository. Unreadable or invalid files are skipped: they only decide a default. A
 * config that is a symbolic link leading out of that folder is never read, and is a problem: a
 * tree under review reads nothing outside its repository.
 */
export async function readSurroundings(root: string): Promise<Surroundings> {
	const folders = await foldersUpToRepository(root);
	const boundary = folders.at(-1) ?? root;
	const found: Surroundings = { files: [], boundary, problems: [] };
	const isFile = async (file: string): Promise<boolean> => {
		const kind = await toolFileAt(file, boundary);
		if (kind === 'outside') {
			const path = relative(root, file).split(sep).join('/');
			const target = await readlink(file).catch(() => 'a folder that is');
			found.problems.push({ path, reason: `symbolic link to \`${target}\`, outside the repository, as the tree's tool config`, fix: 'Make it a file of the repository, or delete the link; Waymark never reads a config through a link leading out of the repository.', always: true });
		}
		return kind === 'file';
	};
	for (const dir of folders) {
		for (const name of mkdocsConfigNames) {
			if (!(await isFile(join(dir, name)))) continue;
			found.files.push({ dialect: 'mkdocs', name, weight: 100 });
			const site = siteForRoot(await readMkdocsSite(join(dir, name)), root);
			if (site) found.mkdocs ??= site;
			// The tool reads the first of its names that a folder holds, never the next.
			break;
		}
		for (const name of hugoConfigNames) {
			const file = join(dir, name);
			// `config.*` is Hugo's only beside the `content/` folder the root is (or is inside).
			if (name.startsWith('config.') && !isInside(root, join(dir, 'content'))) continue;
			if (!(await isFile(file))) continue;
			found.files.push({ dialect: 'hugo', name, weight: 100 });
			found.hugo ??= await readHugoSite(dir, boundary, file);
		}
		if (!found.hugo && isInside(root, join(dir, 'content')) && (await isFolder(join(dir, 'config', '_default'))) && (await isReallyInside(join(dir, 'config', '_default'), boundary))) {
			found.files.push({ dialect: 'hugo', name: 'config/_default/', weight: 100 });
			found.hugo = await readHugoSite(dir, boundary);
		}
		for (const name of docusaurusConfigNames) {
			for (const where of [name, `website/${name}`]) {
				if (!(await isFile(join(dir, where)))) continue;
				found.files.push({ dialect: 'docusaurus', name: where, weight: 100 });
				if (!found.docusaurus) {
					const config = await readDocusaurusConfig(join(dir, where));
					if (config) found.docusaurus = { dir: dirname(join(dir, where)), config };
				}
			}
		}
		// mdBook reads CommonMark with GitHub's tables, task lists and alerts: a GitHub reading, with
		// its links to chapters' published names (`src/lib/mdbook-links.ts`).
		if (!found.mdbook && (await isFile(join(dir, 'book.toml')))) {
			const book = await readMdbookSite(join(dir, 'book.toml'));
			if (book && isInside(root, book.srcDir)) {
				found.files.push({ dialect: 'github', name: 'book.toml', weight: 100 });
				found.mdbook = book;
			}
		}
		if (await isFile(join(dir, '.gitlab-ci.yml'))) found.files.push({ dialect: 'gitlab', name: '.gitlab-ci.yml', weight: 50 });
		if (await isFolder(join(dir, '.gitlab'))) found.files.push({ dialect: 'gitlab', name: '.gitlab/', weight: 50 });
	}
	if (!found.mkdocs) {
		// `mkdocs build -f hack/api-docs/mkdocs.yml` with `docs_dir: ../../docs`: a config beside no
		// folder of the root's, whose docs_dir still holds it.
		for (const file of await mkdocsConfigsIn(boundary)) {
			if (folders.includes(dirname(file)) || (await toolFileAt(file, boundary)) !== 'file') continue;
			const site = siteForRoot(await readMkdocsSite(file), root);
			if (!site) continue;
			found.files.push({ dialect: 'mkdocs', name: relative(boundary, file).split(sep).join('/'), weight: 100 });
			found.mkdocs = site;
			break;
		}
	}
	return found;
}

/**
 * MkDocs' config, and ProperDocs' (the maintained fork of MkDocs 1.6, a drop-in replacement whose
 * config is `properdocs.yml`): in the order ProperDocs tries them (`properdocs/config/base.py`),
 * so a folder with both is read as the tool that would build it today.
 */
export const mkdocsConfigNames = ['properdocs.yml', 'properdocs.yaml', 'mkdocs.yml', 'mkdocs.yaml'];
export const docusaurusConfigNames = ['docusaurus.config.js', 'docusaurus.config.ts', 'docusaurus.config.mjs', 'docusaurus.config.cjs'];

/**
 * `site` when its `docs_dir` is the root or holds it, with the root's path inside `docs_dir`: MkDocs
 * builds every page under `docs_dir` (`mkdocs/structure/files.py` `get_files` walks
 * `config.docs_dir`), so a root inside it (`docs_dir: .`, Waymark reading `docs/`) has its pages.
 */
function siteForRoot(site: MkdocsSite | undefined, root: string): MkdocsSite | undefined {
	if (!site || !isInside(root, site.docsDir)) return undefined;
	const path = relative(site.docsDir, root).split(sep).join('/');
	return { ...site, rootPath: path === '' ? '' : `${path}/` };
}

/**
 * The MkDocs configs of the repository, up to four folders deep, nearest first; hidden folders,
 * `node_modules`, `vendor` and the output of a Waymark build (a folder holding its marker, such as
 * `dist/` beside the root: thousands of page folders, never sources) are skipped and symbolic links
 * never followed. Bounded: at most 2000 folders are listed, a level's folders 16 at a time.
 */
async function mkdocsConfigsIn(top: string): Promise<string[]> {
	const configs: string[] = [];
	let level = [top];
	let listed = 0;
	for (let depth = 0; depth <= 4 && level.length > 0; depth++) {
		const next: string[] = [];
		const listing = level.slice(0, Math.max(0, folderLimit - listed));
		listed += level.length;
		for (let at = 0; at < listing.length; at += 16) {
			const batch = listing.slice(at, at + 16);
			const lists = await Promise.all(batch.map((dir) => readdir(dir, { withFileTypes: true }).catch(() => [])));
			lists.forEach((entries, i) => {
				const dir = batch[i] as string;
				if (entries.some((entry) => entry.name === outputMarker)) return;
				// A folder's config is the first of the names, in the order the tool tries them.
				const config = mkdocsConfigNames.find((name) => entries.some((entry) => entry.isFile() && entry.name === name));
				if (config) configs.push(join(dir, config));
				for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
					if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules' && entry.name !== 'vendor') next.push(join(dir, entry.name));
				}
			});
		}
		if (listed > folderLimit) return configs;
		level = next;
	}
	return configs;
}

/** The most folders `mkdocsConfigsIn` lists. */
const folderLimit = 2000;

/** A site config that does not parse still makes the tree a Hugo tree; its settings are then Hugo's defaults. */
async function readHugoSite(dir: string, boundary: string, file?: string): Promise<HugoSite> {
	const site = hugoSiteOf((await readHugoConfig(dir, file)) ?? {}, dir, await pinnedHugoVersion(dir));
	return { ...site, links: await readLinkStyle(site, boundary) };
}

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
const isFolder = async (path: string) => (await stat(path).catch(() => undefined))?.isDirectory() === true;
