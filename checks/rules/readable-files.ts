import { join } from 'node:path';
import { largePageChars } from '../../tree/read-page.ts';
import { imageBoundsOf, inspectImage, type ImageProblem } from '../../tree/image-source.ts';
import { resolveForgeHref } from '../../markdown/forge-links.ts';
import { sitePathOfHref } from '../../markdown/routes.ts';
import type { Trust } from '../../core/trust.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import { secretByContent, secretByName } from '../../tree/secret-files.ts';
import { lstatQuietly } from './support/repository-files.ts';
import { defineRule } from './define-rule.ts';
import { linkNouns, pageImages } from './support/page-images.ts';
import { indexTree } from './support/tree-index.ts';
import { linkProblem } from './support/link-judgement.ts';

const rule = defineRule({
	id: 'readable-files',
	description:
		'Every page can be read as UTF-8 Markdown (not binary, not locked; a page in another encoding is published decoded as GitHub decodes it, under a notice, and reported here); every folder and symbolic link can be walked and stays inside the tree, and a symbolic link leads only to what the site publishes by its own name (never into `.git`, a dot folder, `node_modules` or a git repository in the tree); no name holds a control character; no folder is a git repository (`HEAD`, `objects`, `refs`: git run there would obey its config; reported on every run, `--changed-since` or not). An `.mdx` page of a trusted tree compiles (else it is shown as Markdown); an image from outside the tree is a picture the bundler can read and a file of the repository, not one reached through a link leading out of it (else a placeholder); no two files want one place on the site, and no page name holds `\\`, which browsers read as `/` (the page is left out; `#`, `?` and `%` are published percent-encoded, as GitHub links them); no page links a file that holds a secret, in the tree or (a root-absolute link) in a Hugo or Docusaurus static folder (never published). Warnings: each file of the tree that looks like it holds a secret, by name (keys, key stores, `.env`, Terraform state and variables, vault files, dumps, …) or content (private keys, ansible-vault, kube configs with credentials, htpasswd, a password or key written out under its name, tokens found by secretlint), on every run, `--changed-since` or not; in an untrusted build (a branch under review), a file git does not track and a symbolic link to anything git does not track (left out of the site; reported at each link to it, else at the file; a page git does not track is no such file: it is checked and built, as work in progress on the machine, and a CI checkout of a commit holds none); a page too large or nested too deeply to render (published as a notice), a page so large that Markdown lint skips it, and `.html` or `.xml` files (left out of the site).',
	defaultSeverity: 'error',
	examples: {
		ok: [
			{
				title: 'plain UTF-8 pages, non-ASCII names and spaces',
				files: { 'README.md': '# Home\n', 'Überblick und Plan.md': '# Überblick — 概要\n' },
			},
		],
		notOk: [
			{
				title: 'a binary file named `.md`',
				files: { 'README.md': '# Home\n', 'logo.md': 'PNG\n\u0000\u0001binary' },
				output: [
					'logo.md:2:1: Unexpected the file is binary (it contains NUL bytes), not Markdown, expected a readable UTF-8 Markdown file. Rename it so it does not end in `.md`, or replace it with the Markdown it was meant to be. (readable-files)',
				],
			},
			{
				title: 'a folder git would take for a repository',
				files: {
					'README.md': '# Home\n',
					'ops/README.md': '# Ops\n',
					'ops/HEAD': 'ref: refs/heads/main\n',
					'ops/objects/info/packs': '',
					'ops/refs/heads/main': '',
				},
				output: [
					'ops:1:1: Unexpected git repository (`HEAD`, `objects`, `refs`) inside the tree at `ops`, expected a file or folder Waymark can publish. Delete its files from the tree: git run in or below this folder would take it for a repository and obey its config, which can name programs to run. Waymark never runs git there, and the site leaves those files out. (readable-files)',
				],
			},
			{
				title: 'a page linking a private key (both left out of the site)',
				files: {
					'README.md': '# Home\n\nLog in with [the key](ops/id_rsa).\n',
					'ops/id_rsa': '-----BEGIN OPENSSH PRIVATE KEY-----\n',
				},
				output: [
					'ops/id_rsa:1:1: Unexpected file that holds an SSH private key at `ops/id_rsa`, expected a file or folder Waymark can publish. The site never publishes it, even where a page links it. Move it out of the guidebook tree; if it holds no secret, rename it, or for a match on its content add a `secretlint-disable` comment to it. (readable-files)',
					'README.md:3:13: Unexpected link to `ops/id_rsa`, a file that holds an SSH private key, expected a file the site can publish; the site never publishes it, so the link leads nowhere (readable-files)',
				],
			},
			{
				title:
					'in an untrusted build, a picture and a file not committed: the picture once, at each link to it; the page not committed is checked',
				trust: 'untrusted',
				history: [
					{
						date: '2026-11-02',
						files: {
							'README.md': '# Home\n\n[Deploy](deploy.md)\n',
							'deploy.md': '# Deploy\n\n![Diagram](img/new.png)\n',
						},
					},
				],
				files: {
					'img/new.png': 'png',
					'notes.txt': 'scratch\n',
					'new.md': '# New\n\n[Home](README.md) ![Diagram](img/new.png)\n',
				},
				output: [
					'deploy.md:3:1: Unexpected link to `img/new.png`, a file the branch does not hold (git does not track it), expected a file the branch commits. Commit what it should show: a branch under review is built from its own files, never from what else is on the machine. (readable-files)',
					'new.md:3:19: Unexpected link to `img/new.png`, a file the branch does not hold (git does not track it), expected a file the branch commits. Commit what it should show: a branch under review is built from its own files, never from what else is on the machine. (readable-files)',
					'notes.txt:1:1: Unexpected file the branch does not hold (git does not track it) at `notes.txt`, expected a file or folder Waymark can publish. Commit what it should show: a branch under review is built from its own files, never from what else is on the machine. (readable-files)',
				],
			},
			{
				title: 'two pages for one route',
				files: {
					'README.md': '# Home\n\n[Ops](ops/README.md)\n',
					'ops.md': '# Ops\n',
					'ops/README.md': '# Operations\n',
				},
				output: [
					'ops.md:1:1: Unexpected second page for the route `/ops/` (`ops/README.md` has it) at `ops.md`, expected a file or folder Waymark can publish. Rename one of the two; the site shows `ops/README.md` at `/ops/` and leaves this page out. (readable-files)',
				],
			},
		],
	},
	async check(ctx) {
		for (const [path, { from, line }] of ctx.tree.decoded ?? []) {
			ctx.report({
				file: path,
				position: { line, column: 1 },
				message: `Unexpected text that is not valid UTF-8, expected a readable UTF-8 Markdown file. The site shows it decoded as ${from}, as GitHub does, under a notice; re-save it as UTF-8 (e.g. \`iconv -f ${from} -t utf-8\`).`,
			});
		}
		for (const file of ctx.tree.unreadable) {
			ctx.report({
				file: file.path,
				position: { line: file.line, column: 1 },
				message: `Unexpected ${file.reason}, expected a readable UTF-8 Markdown file. ${file.hint}`,
			});
		}
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			if (page?.notice) {
				ctx.report({
					file: path,
					position: { line: 1, column: 1 },
					severity: 'warning',
					message: `Unexpected ${page.notice}, expected a page Waymark can render; the site shows a notice in its place. Split it into smaller pages, or raise the limit in waymark.config.yaml`,
				});
				continue;
			}
			// A trusted tree's MDX compiles; an untrusted one's renders as Markdown (`untrusted-content` says so).
			if (page && ctx.trust === 'trusted' && /\.mdx$/i.test(path)) {
				// MDX's grammar (micromark, acorn) is loaded only for a tree that has `.mdx` pages.
				const { mdxProblem } = await import('../../tree/mdx-syntax.ts');
				const problem = mdxProblem(page.text);
				if (problem) {
					ctx.report({
						file: path,
						position: { line: problem.line, column: problem.column },
						message: `Unexpected MDX syntax error (${problem.message.replace(/\.$/, '')}), expected MDX that compiles; the site shows the page as Markdown until it does`,
					});
				}
			}
			const size = page?.text.length ?? 0;
			if (size <= largePageChars) continue;
			ctx.report({
				file: path,
				position: { line: 1, column: 1 },
				severity: 'warning',
				message: `Unexpected page of ${(size / 1024 / 1024).toFixed(1)} MB, expected at most ${largePageChars / 1024} KB; it was checked like any page but Markdown lint was skipped. Split it into smaller pages`,
			});
		}
		// Images from outside the tree go through the bundler, which must be able to read them, and
		// never from outside the repository; a missing one, or a path leaving the repository, is
		// `internal-links`' to report, one outside an untrusted tree `untrusted-content`'s.
		const assets = new Set(ctx.tree.files.assets);
		const bounds = imageBoundsOf(ctx.tree, ctx.trust);
		const measured = new Map<string, Promise<ImageProblem | undefined>>();
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			if (!page || page.notice) continue;
			for (const image of pageImages(page)) {
				const problem = await inspectImage(
					ctx.tree.root,
					path,
					image.url,
					assets,
					bounds,
					measured,
				);
				if (problem?.kind === 'unreadable')
					ctx.report({
						file: path,
						position: image.position,
						message: `Unexpected ${problem.reason}, expected a picture the site can bundle (JPEG, PNG, GIF, WebP, AVIF, TIFF or SVG); the page shows a placeholder`,
					});
				if (problem?.crossed === 'link')
					ctx.report({
						file: path,
						position: image.position,
						message: `Unexpected ${problem.reason}, expected a file of the repository; the site never bundles it and the page shows a placeholder`,
					});
				if (problem?.crossed === 'secret')
					ctx.report({
						file: path,
						position: image.position,
						message: `Unexpected ${problem.reason}, expected a picture without credentials; the page shows a placeholder. Remove the secret from the file (and rotate it), or link another picture`,
					});
			}
		}
		// A file that holds a secret is never published, so a link to it goes nowhere on the site:
		// one of the tree, or (root-absolute) one of the tool's static folders.
		const staticSecret = staticSecrets(ctx.tree, ctx.trust);
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			if (!page) continue;
			for (const link of page.links) {
				const targets = resolveForgeHref(path, link.url, ctx.tree.place);
				const target = targets.find((c) => c.where === 'tree' && assets.has(c.path));
				const holds =
					(target ? ctx.tree.secrets.get(target.path) : await staticSecret(link.url)) ??
					secretOfRepository(ctx.tree, targets);
				if (holds)
					ctx.report({
						file: path,
						position: link.position,
						message: `Unexpected link to \`${link.url}\`, a file that holds ${holds}, expected a file the site can publish; the site never publishes it, so the link leads nowhere`,
					});
			}
		}
		// A file the branch does not hold is reported where a page links it (the link is what to fix
		// when it should be committed), at the file itself only when no page checked here links it.
		const linked = new Set<string>();
		if (ctx.tree.files.problems.some((problem) => problem.notHeld)) {
			const index = indexTree(ctx.tree);
			for (const path of ctx.targets) {
				const page = ctx.tree.pages.get(path);
				if (!page) continue;
				const nounOf = linkNouns(page);
				for (const link of page.links) {
					const problem = linkProblem(ctx, index, path, link.url, nounOf(link));
					if (problem?.reportedBy !== 'readable-files') continue;
					const target = index.resolve(
						path,
						link.url,
						nounOf(link) === 'image' ? 'image' : undefined,
					)?.target;
					if (target) linked.add(target.path);
					ctx.report({
						file: path,
						position: link.position,
						message: problem.message,
						...(problem.severity && { severity: problem.severity }),
					});
				}
			}
		}
		for (const problem of ctx.tree.files.problems) {
			if (problem.notHeld && linked.has(problem.path)) continue;
			ctx.report({
				file: problem.path,
				position: { line: 1, column: 1 },
				...(problem.severity && { severity: problem.severity }),
				message: `Unexpected ${problem.reason} at \`${problem.path}\`, expected a file or folder Waymark can publish. ${problem.fix}`,
			});
		}
	},
});

/**
 * What a file the site never publishes but the forge shows holds, judged by its name: a link to
 * `.env`, `.npmrc` or `.github/deploy_key` leads readers to a secret on the forge (the site links
 * such files there), so it is the same error as a link to `id_rsa` in the tree. Only a file that
 * is there: a missing one is `internal-links`'.
 */
function secretOfRepository(
	tree: Pick<GuidebookTree, 'place'>,
	targets: ReadonlyArray<{ where: string; path: string }>,
): string | undefined {
	const top = tree.place?.top;
	for (const target of targets) {
		if (target.where !== 'repository' || top === undefined) continue;
		const holds = secretByName(target.path);
		if (holds && lstatQuietly(join(top, target.path))) return holds;
	}
	return undefined;
}

/**
 * What the file of the tool's static folders a root-absolute `href` names holds, if a secret
 * (`/id_rsa` is `static/id_rsa` on a Hugo or Docusaurus site): judged as the site judges what it
 * publishes, by name, and by content inside the root or for a trusted tree. Memoised per file.
 */
function staticSecrets(
	tree: Pick<GuidebookTree, 'root' | 'secrets' | 'staticFiles'>,
	trust: Trust,
): (href: string) => Promise<string | undefined> {
	const judged = new Map<string, Promise<string | undefined>>();
	return async (href) => {
		const fromRoot =
			tree.staticFiles && href.startsWith('/') && !href.startsWith('//')
				? tree.staticFiles.files.get(sitePathOfHref(href))
				: undefined;
		if (fromRoot === undefined) return undefined;
		let verdict = judged.get(fromRoot);
		if (!verdict) {
			const readable = trust === 'trusted' || !fromRoot.startsWith('../');
			verdict = Promise.resolve(
				tree.secrets.get(fromRoot) ??
					secretByName(fromRoot) ??
					(readable ? secretByContent(join(tree.root, fromRoot), fromRoot) : undefined),
			);
			judged.set(fromRoot, verdict);
		}
		return verdict;
	};
}

export default rule;
