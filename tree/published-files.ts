import { realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { resolveForgeHref } from '../markdown/forge-links.ts';
import { treeReading } from '../tools/index.ts';
import type { ToolData } from '../tools/tool.ts';
import type { Trust } from '../core/trust.ts';
import type { RootPlace } from '../markdown/forge-links.ts';
import type { StaticFiles } from '../tools/static-files.ts';
import type { PageModel } from './parse-page.ts';
import type { GuidebookFiles } from './walk-files.ts';
import { findSecretFiles } from './secret-files.ts';
import { findSiteConflicts } from './site-conflicts.ts';

/** What publishing reads of a `GuidebookTree` (which is built with it). */
interface PublishingTree {
	root: string;
	files: Pick<GuidebookFiles, 'assets'>;
	pages: ReadonlyMap<string, Pick<PageModel, 'path' | 'links' | 'route'>>;
	place?: RootPlace;
	secrets: ReadonlyMap<string, string>;
	unpublished: ReadonlySet<string>;
	dialect: { name: string };
	toolData?: ToolData;
	/** Untrusted, in git: whether the branch holds a path of the root (`branch-files.ts`). */
	branchHolds?: (path: string) => boolean;
	/** The tool's static folders and their files (Hugo, Docusaurus), served at the site's top. */
	staticFiles?: StaticFiles;
	/** Folders the site lists on a page of their own, with their files. */
	generatedFolders: ReadonlyMap<string, { files: readonly string[] }>;
}

/**
 * The files of the tree (relative to the root) the site publishes beside its pages: those a
 * published page links (links, images, reference definitions, URL attributes of raw HTML, as
 * the forge resolves them), the files of a folder a page links when the site lists that folder on
 * a page of its own (as the forge does), and the folder the tool publishes whole
 * (`ToolReading.publishedWhole`: a `public/` folder at the root's top; MkDocs' `docs_dir`, the root,
 * as MkDocs copies every file in it). Never one that
 * holds a secret (`tree.secrets`) or whose place in the output another owns (`tree.unpublished`). The rest of the tree stays in the repository: a link
 * to it is a link to it there.
 */
export function publishedTreeFiles(tree: PublishingTree): Set<string> {
	const assets = new Set(tree.files.assets);
	const published = new Set<string>();
	const reading = treeReading(tree);
	const publish = (path: string) => {
		if (!tree.secrets.has(path) && !tree.unpublished.has(path)) published.add(path);
	};
	for (const page of tree.pages.values()) {
		if (tree.unpublished.has(page.path)) continue;
		for (const link of page.links) {
			const targets = resolveForgeHref(page.path, link.url, tree.place).filter(
				(c) => c.where === 'tree',
			);
			const file = targets.find((c) => assets.has(c.path));
			// Hugo writes the URL as the page has it: `../img/a.png` from `/docs/x/` is `docs/img/a.png`.
			const byUrl = reading.links.urlFile?.(page.route, link.url);
			if (byUrl && assets.has(byUrl)) publish(byUrl);
			if (file) publish(file.path);
			else
				for (const path of targets.flatMap((c) => tree.generatedFolders.get(c.path)?.files ?? []))
					publish(path);
		}
	}
	const whole = reading.publishedWhole;
	for (const path of tree.files.assets) if (path.startsWith(whole)) publish(path);
	return published;
}

/** One file the site copies: `from` absolute, `to` relative to the output folder, `/`-separated. */
export interface PublishedFile {
	from: string;
	to: string;
}

/** What the site copies besides its pages, and what it left out of the tree's other files. */
export interface Publication {
	files: PublishedFile[];
	/** Files of the tree no page links and no static folder holds (they stay in the repository). */
	unlinked: number;
	/** Files left out because they look like they hold a secret (tree and static folders). */
	secrets: number;
}

/** `publication` with the tree's files `paths` copied at their path too (what the site's own pages link, such as alert rule files). */
export function withTreeFiles(
	publication: Publication,
	root: string,
	paths: Iterable<string>,
): Publication {
	const copied = new Set(publication.files.map((file) => file.to));
	const added = [...paths]
		.filter((path) => !copied.has(path))
		.map((path) => ({ from: join(root, path), to: path }));
	return {
		...publication,
		files: [...publication.files, ...added],
		unlinked: Math.max(0, publication.unlinked - added.length),
	};
}

/**
 * Every file the site copies: `tree.published` at its path, and the files of the tool's static
 * folders (`tree.staticFiles`: Hugo and Docusaurus `static/`) at the site's top, where the tool
 * serves them, less those that hold a secret and those under a folder the site writes. An untrusted
 * tree publishes nothing from outside its root: only the static files inside it.
 */
export async function collectPublication(
	tree: PublishingTree & { published: ReadonlySet<string> },
	trust: Trust,
): Promise<Publication> {
	const files = [...tree.published].map((path) => ({ from: join(tree.root, path), to: path }));
	let secrets = tree.secrets.size;
	// Untrusted: only what the branch holds (`branch-files.ts`), as for the tree's own files.
	const statics = [...(tree.staticFiles?.files ?? [])].filter(
		([, fromRoot]) =>
			trust === 'trusted' || (!fromRoot.startsWith('../') && heldByBranch(tree, fromRoot)),
	);
	if (statics.length > 0) {
		const found = await findSecretFiles(
			tree.root,
			statics.map(([, fromRoot]) => fromRoot),
		);
		const taken = findSiteConflicts(
			[],
			statics.map(([sitePath]) => sitePath),
		).unpublished;
		for (const [sitePath, fromRoot] of statics) {
			if (found.has(fromRoot)) secrets += fromRoot.startsWith('../') ? 1 : 0;
			else if (!taken.has(sitePath)) files.push({ from: join(tree.root, fromRoot), to: sitePath });
		}
	}
	const unlinked = tree.files.assets.filter(
		(path) => !tree.published.has(path) && !tree.secrets.has(path) && !tree.unpublished.has(path),
	).length;
	return { files, unlinked, secrets };
}

/** Whether the branch holds a static file: where it is and, for a symbolic link, where it leads (`branch-files.ts`). */
function heldByBranch(
	tree: Pick<PublishingTree, 'root' | 'branchHolds'>,
	fromRoot: string,
): boolean {
	if (!tree.branchHolds) return true;
	if (!tree.branchHolds(fromRoot)) return false;
	try {
		const real = relative(realpathSync(tree.root), realpathSync(join(tree.root, fromRoot)))
			.split(sep)
			.join('/');
		return real === fromRoot || tree.branchHolds(real);
	} catch {
		return false;
	}
}
