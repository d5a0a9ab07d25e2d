import { resolveForgeHref } from '../src/lib/forge-links.ts';
import { dirnameOf, isFolderPage } from '../src/lib/routes.ts';
import { raise, ChangedSinceFailed } from '../core/errors.ts';
import { assertRepository, git, GitCommandFailed, mergeBase } from '../core/git.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { relationHrefs } from '../tree/parse-page.ts';

/**
 * Pages changed since `ref` (committed, staged, unstaged or untracked) plus every page whose links
 * point into one of them, so a renamed heading is caught on the pages that link to it. Changes are
 * counted from where HEAD left `ref` (`git merge-base`), like a pull request and `waymark preview`:
 * pages changed only on `ref` after the branch point are not this branch's changes.
 */
export async function pagesChangedSince(tree: GuidebookTree, ref: string): Promise<Set<string>> {
	// Outside a repository `git diff` falls back to comparing files, and says "Could not access".
	await assertRepository(tree.root);
	let changedText: string;
	let untrackedText: string;
	try {
		// No shared history (or an unknown ref, which the diff then reports): compare with `ref` itself.
		const base = (await mergeBase(tree.root, ref)) ?? ref;
		changedText = await git(tree.root, ['diff', '--name-only', '--relative', '-z', base, '--', '.']);
		untrackedText = await git(tree.root, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.']);
	} catch (error) {
		if (error instanceof GitCommandFailed) throw raise(ChangedSinceFailed, ref, error.reason);
		throw error;
	}
	const known = new Set([...tree.pages.keys(), ...tree.unreadable.map((u) => u.path)]);
	const changed = new Set(
		[...changedText.split('\0'), ...untrackedText.split('\0')].filter(Boolean),
	);
	const targets = new Set([...changed].filter((path) => known.has(path)));
	// A link to a folder lands on its README/index, so a changed folder page counts for the folder too.
	const linkTargets = new Set([...targets].flatMap((path) => (isFolderPage(path, tree.dialect.name) ? [path, dirnameOf(path)] : [path])));
	for (const page of tree.pages.values()) {
		if (targets.has(page.path)) continue;
		const hrefs = [...page.links.map((link) => link.url), ...relationHrefs(page.frontmatter?.data)];
		const linksIn = hrefs.some((href) =>
			resolveForgeHref(page.path, href, tree.place).some((target) => target.where === 'tree' && target.path !== page.path && linkTargets.has(target.path)),
		);
		if (linksIn) targets.add(page.path);
	}
	return targets;
}
