import { resolveForgeHref } from '../markdown/forge-links.ts';
import { treeReading } from '../tools/index.ts';
import { dirnameOf, isPageFile } from '../markdown/routes.ts';
import { raise, ChangedSinceFailed } from '../core/errors.ts';
import {
	GitCommandFailed,
	mergeBase,
	requireRepository,
	resolveCommit,
	type Repository,
} from '../core/git.ts';
import { listWorkTreeChanges, type FileChange } from '../core/git-changes.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { relationHrefs, type PageModel } from '../tree/parse-page.ts';
import { shownTreePath } from '../tree/walk-files.ts';
import { fromRootOf, fromTopOf } from '../tree/repository.ts';
import { ownPathTest } from '../tree/own-changes.ts';
import { join } from 'node:path';

/**
 * Pages changed since `ref` (committed, staged, unstaged or untracked) plus every page whose links
 * point into one of them, so a renamed heading is caught on the pages that link to it. Changes are
 * counted from where HEAD left `ref` (`git merge-base`), like a pull request and `waymark preview`:
 * pages changed only on `ref` after the branch point are not this branch's changes.
 */
export async function pagesChangedSince(tree: GuidebookTree, ref: string): Promise<Set<string>> {
	const repo = tree.place?.repository ?? (await requireRepository(tree.root));
	// A file the walk left out with a problem (a link out of the tree, a broken link, a name no URL
	// can carry), or a file in such a folder, is the branch's change as a page is: the gate must see it.
	const problems = new Set(tree.files.problems.map((problem) => problem.path));
	const problemOf = (path: string): string | undefined => {
		const parts = shownTreePath(path).split('/');
		for (let i = 1; i <= parts.length; i++) {
			const prefix = parts.slice(0, i).join('/');
			if (problems.has(prefix)) return prefix;
		}
		return undefined;
	};
	// Each page's links resolved once, for the listing and for the pages reached below.
	const treeFiles = { pages: new Set(tree.files.pages), assets: new Set(tree.files.assets) };
	const linksByPage = new Map(
		[...tree.pages.values()].map((page) => [page.path, linkedFiles(tree, page, treeFiles)]),
	);
	let changes: FileChange[];
	try {
		const commit = await resolveCommit(repo, ref);
		if (!commit) throw raise(ChangedSinceFailed, ref, `bad revision '${ref}'`);
		// No shared history: compare with `ref` itself.
		const base = (await mergeBase(repo, commit)) ?? commit;
		// And every file a page pulls in or links to (a snippet, a picture): it changes the page with it.
		const used = new Set(
			[...tree.pages.values()].flatMap((page) => [
				...(page.pulled ?? []),
				...(linksByPage.get(page.path) ?? []),
			]),
		);
		// Waymark's own state and output are never the branch's changes, wherever they are.
		const own = ownPathTest(tree.files.own, join(repo.workTree, tree.place?.rootPath ?? ''));
		changes = await listWorkTreeChanges(
			repo,
			base,
			tree.place?.rootPath ?? '',
			(path) => !own(path) && (isPageFile(path) || problemOf(path) !== undefined || used.has(path)),
		);
		// A trusted build's pages may pull files from elsewhere in the repository (`../../examples/a.toml`).
		changes.push(...(await pulledChangesOutsideRoot(repo, base, tree.place?.rootPath ?? '', used)));
	} catch (error) {
		if (error instanceof GitCommandFailed) throw raise(ChangedSinceFailed, ref, error.reason);
		throw error;
	}
	const known = new Set([...tree.pages.keys(), ...tree.unreadable.map((u) => u.path)]);
	// A page stays itself inside a folder with a problem (a planted git directory keeps its pages).
	const changed = new Set(
		changes
			.flatMap((change) => (change.from ? [change.path, change.from] : [change.path]))
			.map((path) => (known.has(path) ? path : (problemOf(path) ?? path))),
	);
	for (const path of problems) known.add(path);
	const targets = new Set([...changed].filter((path) => known.has(path)));
	// A link to a folder lands on its README/index, so a changed folder page counts for the folder too.
	// Every changed path, pages gone too: a link to a page the branch deleted or renamed is broken now.
	const reading = treeReading(tree);
	const linkTargets = new Set(
		[...changed].flatMap((path) => (reading.isFolderPage(path) ? [path, dirnameOf(path)] : [path])),
	);
	// Where the tool reads an href its own way first (an mdBook's chapter by its `.html` name), a link resolves by the pages there are, the branch's removed ones too.
	for (const path of pagesReached(
		tree,
		changed,
		linkTargets,
		reading.links.written ? undefined : linksByPage,
	).keys())
		targets.add(path);
	return targets;
}

/**
 * Changes since `commit` to the files among `used` (paths from the root) that lie outside the root
 * and inside the repository, as a trusted build pulls them in (`../../examples/a.toml`); paths
 * from the root, as `listWorkTreeChanges` gives the root's own. Nothing is asked when there are none.
 */
async function pulledChangesOutsideRoot(
	repo: Repository,
	commit: string,
	rootPath: string,
	used: Iterable<string>,
): Promise<FileChange[]> {
	const outside = new Set(
		[...used]
			.filter((path) => path.startsWith('../'))
			.flatMap((path) => fromTopOf(rootPath, path) ?? []),
	);
	if (outside.size === 0) return [];
	const changes = await listWorkTreeChanges(repo, commit, '', (path) => outside.has(path), [
		...outside,
	]);
	return changes.map((change) => ({
		...change,
		path: fromRootOf(rootPath, change.path),
		...(change.from !== undefined && { from: fromRootOf(rootPath, change.from) }),
	}));
}

/**
 * Pages that pull in one of `changed` (a snippet or include, `PageModel.pulled`) or link to one of
 * `linked` (a page, whose headings it may name; a picture or file it shows), each with those
 * files, sorted. Paths are from the root; links resolve as the forge resolves them (`.html`
 * chapter names in an mdBook, a chapter the branch removed included); `resolved`, each page's links
 * already resolved against the tree's own files, where the changes cannot alter them.
 */
export function pagesReached(
	tree: GuidebookTree,
	changed: ReadonlySet<string>,
	linked: ReadonlySet<string>,
	resolved?: ReadonlyMap<string, string[]>,
): Map<string, string[]> {
	const reached = new Map<string, string[]>();
	// A chapter the branch deleted or renamed is still what a link by its `.html` name meant.
	const files = {
		pages: new Set([...tree.files.pages, ...[...changed].filter(isPageFile)]),
		assets: new Set(tree.files.assets),
	};
	for (const page of tree.pages.values()) {
		const through = new Set((page.pulled ?? []).filter((file) => changed.has(file)));
		for (const target of resolved?.get(page.path) ?? linkedFiles(tree, page, files))
			if (linked.has(target)) through.add(target);
		if (through.size > 0) reached.set(page.path, [...through].sort());
	}
	return reached;
}

/** The files of the tree a page's links and relations lead to, as the forge resolves them; not the page itself. */
function linkedFiles(
	tree: GuidebookTree,
	page: PageModel,
	files: { pages: ReadonlySet<string>; assets: ReadonlySet<string> },
): string[] {
	const written = [...page.links.map((link) => link.url), ...relationHrefs(page.frontmatter?.data)];
	const asRead = treeReading(tree).links.written;
	const hrefs = asRead
		? written.map((href) => asRead(page.path, href, { ...files, place: tree.place }))
		: written;
	return hrefs.flatMap((href) =>
		resolveForgeHref(page.path, href, tree.place).flatMap((target) =>
			target.where === 'tree' && target.path !== page.path ? [target.path] : [],
		),
	);
}
