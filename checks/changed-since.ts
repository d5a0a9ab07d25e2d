import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolveForgeHref } from '../src/lib/forge-links.ts';
import { dirnameOf, isFolderPage } from '../src/lib/routes.ts';
import { raise, ChangedSinceFailed } from '../core/errors.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { relationHrefs } from '../tree/parse-page.ts';

/** Runs git with `args` in `cwd` and returns stdout; injected in tests. */
export type GitRunner = (args: string[], cwd: string) => Promise<string>;

const runGit: GitRunner = async (args, cwd) => (await promisify(execFile)('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;

/**
 * Pages changed since `ref` (committed, staged, unstaged or untracked) plus every page whose links
 * point into one of them, so a renamed heading is caught on the pages that link to it. Changes are
 * counted from where HEAD left `ref` (`git merge-base`), like a pull request and `waymark preview`:
 * pages changed only on `ref` after the branch point are not this branch's changes.
 */
export async function pagesChangedSince(tree: GuidebookTree, ref: string, git: GitRunner = runGit): Promise<Set<string>> {
	let changedText: string;
	let untrackedText: string;
	try {
		const base = await mergeBase(ref, tree.root, git);
		changedText = await git(['diff', '--name-only', '--relative', '-z', base, '--', '.'], tree.root);
		untrackedText = await git(['ls-files', '--others', '--exclude-standard', '-z', '--', '.'], tree.root);
	} catch (error) {
		const { stderr, message } = error as { stderr?: string; message: string };
		const reason = (stderr || message).trim().split('\n')[0] ?? '';
		throw raise(ChangedSinceFailed, ref, reason);
	}
	const known = new Set([...tree.pages.keys(), ...tree.unreadable.map((u) => u.path)]);
	const changed = new Set(
		[...changedText.split('\0'), ...untrackedText.split('\0')].filter(Boolean),
	);
	const targets = new Set([...changed].filter((path) => known.has(path)));
	// A link to a folder lands on its README/index, so a changed folder page counts for the folder too.
	const linkTargets = new Set([...targets].flatMap((path) => (isFolderPage(path) ? [path, dirnameOf(path)] : [path])));
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

/** The merge base of `ref` and HEAD; `ref` itself when they share no history (or `ref` is unknown, which the diff then reports). */
async function mergeBase(ref: string, cwd: string, git: GitRunner): Promise<string> {
	const base = await git(['merge-base', ref, 'HEAD'], cwd).catch(() => '');
	return base.trim() || ref;
}
