import type { MkdocsData } from '../../tools/mkdocs/reader.ts';
import { symlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { dirnameOf } from '../../markdown/routes.ts';
import { afterAll, describe, expect, test } from 'vitest';
import { runRule } from '../../checks/run-rule.ts';
import { formatFinding } from '../../checks/finding.ts';
import internalLinks from '../../checks/rules/internal-links.ts';
import orphanPages from '../../checks/rules/orphan-pages.ts';
import { parseConfig } from '../../config/load-config.ts';
import { emptyAlertSet } from '../../alerts/types.ts';
import { loadGuidebookTree, type GuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

const made: string[] = [];
afterAll(async () => {
	for (const dir of made) await removeFixture(dir);
});

/** A MkDocs project: `mkdocs.yml` and the files given, pages under `docs/` (the root). */
async function mkdocsTree(
	mkdocsYml: string,
	files: Record<string, string>,
	links: Record<string, string> = {},
): Promise<GuidebookTree> {
	const dir = await writeFixture({
		'mkdocs.yml': mkdocsYml,
		'.git/HEAD': 'ref: refs/heads/main\n',
		...files,
	});
	made.push(dir);
	for (const [path, target] of Object.entries(links)) await symlink(target, join(dir, path));
	return loadGuidebookTree(join(dir, 'docs'));
}

/** Pages in navigation order, then the hidden ones marked. */
function navigation(tree: GuidebookTree): string[] {
	const pages = [...tree.pages.values()];
	const listed = pages
		.filter((p) => p.nav?.order !== undefined)
		.sort((a, b) => (a.nav?.order ?? 0) - (b.nav?.order ?? 0));
	const hidden = pages
		.filter((p) => p.nav?.hidden)
		.map((p) => `(hidden${p.nav?.notInNav ? ', not_in_nav' : ''}) ${p.path}`)
		.sort();
	return [...listed.map((p) => `${p.path}${p.nav?.label ? ` "${p.nav.label}"` : ''}`), ...hidden];
}

const page = (title: string) => `# ${title}\n`;

describe('MkDocs navigation', () => {
	test("lists every page in MkDocs' order without `nav`: a folder's files, `index` first, before its subfolders", async () => {
		const tree = await mkdocsTree('site_name: Ops\n', {
			'docs/zeta.md': page('Zeta'),
			'docs/alpha.md': page('Alpha'),
			'docs/index.md': page('Home'),
			'docs/b/c.md': page('C'),
			'docs/b/index.md': page('B'),
			'docs/a/x.md': page('X'),
		});
		expect(navigation(tree)).toEqual([
			'index.md',
			'alpha.md',
			'zeta.md',
			'a/x.md',
			'b/index.md',
			'b/c.md',
		]);
	});

	test('follows awesome-pages `.pages`: `nav` with titles and `...` rests (filtered first), `title`, `hide`, `order`, `order_by`, `sort_type`, `arrange`', async () => {
		const tree = await mkdocsTree('plugins:\n  - awesome-pages\n', {
			'docs/.pages':
				'nav:\n  - index.md\n  - Getting started: start.md\n  - ... | z*\n  - ops\n  - ...\n',
			'docs/index.md': page('Home'),
			'docs/start.md': page('Start'),
			'docs/zulu.md': page('Zulu'),
			'docs/mike.md': page('Mike'),
			'docs/ops/.pages': 'title: Operations\norder: desc\n',
			'docs/ops/index.md': page('Ops'),
			'docs/ops/apply.md': page('Apply'),
			'docs/ops/wait.md': page('Wait'),
			'docs/numbered/.pages': 'sort_type: natural\n',
			'docs/numbered/step10.md': page('Ten'),
			'docs/numbered/step2.md': page('Two'),
			'docs/titled/.pages': 'order_by: title\n',
			'docs/titled/a.md': page('Zed'),
			'docs/titled/b.md': page('Able'),
			'docs/legacy/.pages': 'arrange:\n  - last.md\n',
			'docs/legacy/first.md': page('First'),
			'docs/legacy/last.md': page('Last'),
			'docs/secret/.pages': 'hide: true\n',
			'docs/secret/hidden.md': page('Hidden'),
		});
		expect(navigation(tree)).toEqual([
			'index.md',
			'start.md "Getting started"',
			'zulu.md',
			'ops/wait.md',
			'ops/index.md "Operations"',
			'ops/apply.md',
			'mike.md',
			'legacy/last.md',
			'legacy/first.md',
			'numbered/step2.md',
			'numbered/step10.md',
			'titled/b.md',
			'titled/a.md',
			'(hidden) secret/hidden.md',
		]);
	});

	test("fills `...` in `mkdocs.yml`'s `nav` with the pages it does not name; without awesome-pages `nav` alone decides", async () => {
		const files = {
			'docs/index.md': page('Home'),
			'docs/guide.md': page('Guide'),
			'docs/ops/run.md': page('Run'),
			'docs/ops/stop.md': page('Stop'),
			'docs/old.md': page('Old'),
		};
		const nav = 'nav:\n  - Home: index.md\n  - Runbooks:\n      - ... | ops/*\n  - ...\n';
		expect(
			navigation(
				await mkdocsTree(`plugins:\n  - awesome-pages\n${nav}not_in_nav: |\n  old.md\n`, files),
			),
		).toEqual([
			'index.md "Home"',
			'ops/run.md',
			'ops/stop.md',
			'guide.md',
			'(hidden, not_in_nav) old.md',
		]);
		expect(navigation(await mkdocsTree(nav, files))).toEqual([
			'index.md "Home"',
			'(hidden) guide.md',
			'(hidden) old.md',
			'(hidden) ops/run.md',
			'(hidden) ops/stop.md',
		]);
	});

	test('never reports a `not_in_nav` page as an orphan, while another unlinked page still is', async () => {
		const tree = await mkdocsTree('not_in_nav: |\n  /drafts/*.md\n', {
			'docs/index.md': page('Home'),
			'docs/drafts/idea.md': page('Idea'),
			'docs/lost.md': page('Lost'),
		});
		const findings = await runRule(
			orphanPages,
			'warning',
			tree,
			parseConfig({}),
			new Set(tree.pages.keys()),
			{ trust: 'trusted', setAside: [], alerts: emptyAlertSet },
		);
		expect(findings.map((f) => f.file)).toEqual(['lost.md']);
	});

	test('on random trees and `.pages` files, every page is listed once or hidden, never both', async () => {
		const random = seededRandom(5);
		for (let round = 0; round < 12; round++) {
			const files: Record<string, string> = { 'docs/index.md': page('Home') };
			const folders = ['', 'a', 'a/b', 'c'];
			for (let i = 0; i < 10; i++)
				files[`docs/${folders[pick(random, folders.length)]}/p${i}.md`.replace('//', '/')] = page(
					`P${i}`,
				);
			for (const folder of folders) {
				if (random() < 0.5) continue;
				const names = Object.keys(files)
					.filter((path) => path.startsWith(`docs/${folder ? `${folder}/` : ''}`))
					.map((path) => path.slice(`docs/${folder ? `${folder}/` : ''}`.length).split('/')[0]);
				const listed = [...new Set(names)].filter(() => random() < 0.5);
				files[`docs/${folder ? `${folder}/` : ''}.pages`] =
					`${random() < 0.3 ? 'hide: true\n' : ''}nav:\n${listed.map((name) => `  - ${name}\n`).join('')}${random() < 0.5 ? '  - ...\n' : ''}`;
			}
			const tree = await mkdocsTree('plugins:\n  - awesome-pages\n', files);
			const orders = [...tree.pages.values()]
				.map((p) => p.nav?.order)
				.filter((o) => o !== undefined);
			expect(new Set(orders).size).toBe(orders.length);
			for (const p of tree.pages.values())
				expect((p.nav?.order !== undefined) !== (p.nav?.hidden === true), p.path).toBe(true);
		}
	});
});

describe('what MkDocs pages pull in', () => {
	const config =
		'markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs/snippets, .]\nplugins:\n  - macros:\n      include_dir: docs/partials\n      include_yaml:\n        - docs/vars.yml\n        - ../outside.yml\nextra:\n  token: !ENV DEPLOY_TOKEN\n';

	test('reads snippets, templates and `include_yaml` inside the root only, never a secret, never through a link out of it', async () => {
		const tree = await mkdocsTree(
			config,
			{
				'docs/index.md':
					'# Home\n\n--8<-- "ok.md"\n\n--8<-- "README.md"\n\n--8<-- "linked.md"\n\n--8<-- ".env"\n\n--8<-- "key.txt"\n\n--8<-- "notes.txt"\n\n{% include "box.md" %}\n\n{% include "../index.md" %}\n\nRegion {{ region }}, token {{ token }}.\n',
				'docs/snippets/ok.md': 'Snippet text.',
				'docs/snippets/.env': 'TOKEN=1',
				'docs/snippets/key.txt': '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n',
				'docs/snippets/notes.txt': `Our token: ghp_${'a1B2c3D4e5'.repeat(3)}123456\n`,
				'docs/partials/box.md': 'Boxed {{ region }}.',
				'docs/vars.yml': 'region: eu-west-2\n',
				'README.md': '# The repository',
				'outside.md': 'Outside.',
			},
			{ 'docs/snippets/linked.md': '../../outside.md' },
		);
		const home = tree.pages.get('index.md');
		expect(home?.text.split('\n').filter((line) => line !== '')).toEqual([
			'# Home',
			'Snippet text.',
			'*(Snippet `README.md` is not shown here)*',
			'*(Snippet `linked.md` is not shown here)*',
			'*(Snippet `.env` is not shown here)*',
			'*(Snippet `key.txt` is not shown here)*',
			'*(Snippet `notes.txt` is not shown here)*',
			'Boxed eu-west-2.',
			'*(MkDocs macros: the template `../index.md` is not shown here)*',
			'Region eu-west-2, token *(MkDocs macros: `token` is set when the site is built)*.',
		]);
		expect(
			home?.dialectNotes.map((n) => n.message.replace(/; expected.*|, expected.*/, '')),
		).toEqual([
			// `README.md` is in the project's folder, a `base_path` out of the root: never looked in, so it reads as a missing file does.
			'Unexpected snippet `README.md`: not found inside the root (a `base_path` outside it is never looked in)',
			'Unexpected snippet `linked.md`: outside the root (`linked.md`), which Waymark never reads',
			'Unexpected snippet `.env`: a file that holds environment variables (`.env`), which Waymark never shows',
			'Unexpected snippet `key.txt`: a file that holds a private key, which Waymark never shows',
			expect.stringMatching(
				/^Unexpected snippet `notes\.txt`: a file that holds a credential \(secretlint `GITHUB_TOKEN`/,
			),
			'Unexpected `{% include "../index.md" %}`: the template is not found',
			'Unexpected `{{ token }}`',
		]);
		expect(tree.toolConfig).toEqual({
			file: '../mkdocs.yml',
			notes: [
				expect.objectContaining({
					line: 9,
					message:
						'Unexpected `include_yaml` file `../outside.yml`: outside the root (`../outside.yml`), which Waymark never reads; expected a file inside the root. Its variables are not set',
				}),
			],
		});
		expect((tree.toolData as MkdocsData | undefined)?.recorded?.snippets['ok.md']).toEqual({
			text: 'Snippet text.',
			file: 'snippets/ok.md',
		});
	});

	test("reports a finding in a snippet at the snippet's line, naming the page, and one after it at its own line", async () => {
		const tree = await mkdocsTree(
			'markdown_extensions:\n  - pymdownx.snippets:\n      base_path: docs\n',
			{
				'docs/index.md': '# Home\n\n--8<-- "part.md"\n\nSee [nothing](gone.md).\n',
				'docs/part.md': 'One.\n\nTwo, with [a dead link](dead.md).\n\nThree.\n',
			},
		);
		const findings = await runRule(
			internalLinks,
			'error',
			tree,
			parseConfig({}),
			new Set(['index.md']),
			{ trust: 'trusted', setAside: [], alerts: emptyAlertSet },
		);
		expect(findings.map(formatFinding)).toEqual([
			'index.md:5:5: Unexpected link to missing file `gone.md`, expected an existing file (internal-links)',
			'part.md:3:11: Unexpected link to missing file `dead.md`, expected an existing file (in index.md, included at line 3) (internal-links)',
		]);
	});

	test("leaves out `exclude_docs`, `draft_docs` and the `exclude` plugin's files, pages and assets alike", async () => {
		const tree = await mkdocsTree(
			"exclude_docs: |\n  partials/\n  *.tmpl.md\ndraft_docs: |\n  drafts/\nplugins:\n  - exclude:\n      glob:\n        - '*.bak'\n",
			{
				'docs/index.md': page('Home'),
				'docs/partials/box.md': page('Box'),
				'docs/page.tmpl.md': page('Template'),
				'docs/drafts/new.md': page('New'),
				'docs/old.md.bak': 'old',
				'docs/logo.png': 'png',
			},
		);
		expect([...tree.pages.keys()]).toEqual(['index.md']);
		expect(tree.files.assets).toEqual(['logo.png']);
		expect([...tree.excludedPages.keys()].sort()).toEqual([
			'drafts/new.md',
			'page.tmpl.md',
			'partials/box.md',
		]);
	});
});

describe('the mkdocs.yml MkDocs builds the root with', () => {
	/** Where the config is, its `docs_dir`, and the root Waymark reads: in each, the root is `docs_dir` or inside it. */
	const placements = [
		{ config: 'mkdocs.yml', docsDir: 'docs', root: 'docs' },
		{ config: 'mkdocs.yml', docsDir: '.', root: 'docs' },
		{ config: 'mkdocs.yml', docsDir: '.', root: 'docs/runbooks' },
		{ config: 'docs/mkdocs.yml', docsDir: '.', root: 'docs' },
		{ config: 'site/mkdocs.yml', docsDir: '..', root: 'docs' },
		{ config: 'hack/api-docs/mkdocs.yml', docsDir: '../../docs', root: 'docs' },
		{ config: 'hack/api-docs/mkdocs.yml', docsDir: '../..', root: 'docs/runbooks' },
	];

	/** `exclude_docs` and `nav` written from `docs_dir`, as MkDocs reads them. */
	async function placedTree(
		placement: (typeof placements)[number],
		rootPath: string,
		links: Record<string, string> = {},
	): Promise<GuidebookTree> {
		const yml = `docs_dir: ${placement.docsDir}\nexclude_docs: |\n  /${rootPath}drafts/\nnav:\n  - ${rootPath}b.md\n  - ${rootPath}a.md\n`;
		const dir = await writeFixture({
			'.git/HEAD': 'ref: refs/heads/main\n',
			[placement.config]: yml,
			[`${placement.root}/a.md`]: page('A'),
			[`${placement.root}/b.md`]: page('B'),
			[`${placement.root}/drafts/new.md`]: page('New'),
		});
		made.push(dir);
		for (const [path, target] of Object.entries(links)) await symlink(target, join(dir, path));
		return loadGuidebookTree(join(dir, placement.root));
	}

	test.each(placements)(
		'reads $config (docs_dir: $docsDir) for the root $root, naming pages from docs_dir',
		async (placement) => {
			const rootPath = relativePosix(
				join(dirnameOf(placement.config), placement.docsDir),
				placement.root,
			);
			const tree = await placedTree(placement, rootPath);
			expect(tree.dialect.name).toBe('mkdocs');
			expect([...tree.excludedPages.keys()]).toEqual(['drafts/new.md']);
			expect(navigation(tree)).toEqual(['b.md', 'a.md']);
		},
	);

	test('reads no config whose docs_dir holds another folder, nor one reached through a link leading out of the repository', async () => {
		const sibling = await placedTree(
			{ config: 'mkdocs.yml', docsDir: 'site-src', root: 'docs' },
			'',
		);
		expect([...sibling.excludedPages.keys()]).toEqual([]);
		// Positive control: the same config with the right docs_dir.
		expect([
			...(
				await placedTree({ config: 'mkdocs.yml', docsDir: 'docs', root: 'docs' }, '')
			).excludedPages.keys(),
		]).toEqual(['drafts/new.md']);
		const outside = await writeFixture({
			'mkdocs.yml': 'docs_dir: ../../docs\nexclude_docs: |\n  /drafts/\n',
		});
		made.push(outside);
		const linked = await placedTree(
			{ config: 'hack/api-docs/real.yml', docsDir: '../../docs', root: 'docs' },
			'',
			{ 'hack/api-docs/mkdocs.yml': join(outside, 'mkdocs.yml') },
		);
		expect([...linked.excludedPages.keys()]).toEqual([]);
	});

	test("never looks for the config inside a Waymark build's output, and finds it past one", async () => {
		// `dist/` holds thousands of page folders: a search that walked it would list them all.
		const yml = 'docs_dir: ../docs\nexclude_docs: |\n  /drafts/\n';
		const pages = {
			'.git/HEAD': 'ref: refs/heads/main\n',
			'docs/a.md': page('A'),
			'docs/drafts/new.md': page('New'),
		};
		const output = await writeFixture({
			...pages,
			'dist/.waymark-output': '',
			'dist/mkdocs.yml': yml,
			...Object.fromEntries(
				Array.from({ length: 40 }, (_, i) => [`dist/p${i}/index.html`, '<p>page</p>']),
			),
		});
		// Positive control: the same folder, not a build's output, is read.
		const plain = await writeFixture({ ...pages, 'dist/mkdocs.yml': yml });
		const beyond = await writeFixture({
			...pages,
			'dist/.waymark-output': '',
			'dist/mkdocs.yml': yml,
			'hack/api-docs/mkdocs.yml': 'docs_dir: ../../docs\nexclude_docs: |\n  /drafts/\n',
		});
		made.push(output, plain, beyond);
		expect([...(await loadGuidebookTree(join(output, 'docs'))).excludedPages.keys()]).toEqual([]);
		expect([...(await loadGuidebookTree(join(plain, 'docs'))).excludedPages.keys()]).toEqual([
			'drafts/new.md',
		]);
		expect([...(await loadGuidebookTree(join(beyond, 'docs'))).excludedPages.keys()]).toEqual([
			'drafts/new.md',
		]);
	});
});

/** `path` (from the repository's top) relative to `folder` (likewise), with a trailing `/` unless empty. */
function relativePosix(folder: string, path: string): string {
	const rel = relative(folder, path);
	return rel === '' ? '' : `${rel}/`;
}
