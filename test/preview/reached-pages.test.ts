import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { pagesChangedSince } from '../../checks/changed-since.ts';
import { parseConfig } from '../../config/load-config.ts';
import { changedPagesMarkdown } from '../../preview/comment.ts';
import { listPageChanges } from '../../preview/git.ts';
import { writePreview } from '../../preview/write-preview.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture } from '../helpers/fixture.ts';
import { pick, seededRandom, type Random } from '../helpers/seeded-random.ts';
import { applySpec, git, writeGitFixture, type CommitSpec } from './git-fixture.ts';

// A branch that changes only a snippet or a picture changes every page that pulls it in or shows
// it, with no change to their own files. Generated MkDocs trees: pages pull in random snippets
// (some of them pages themselves) and show random pictures; the branch changes some of each and,
// now and then, a page. The preview, the pull-request comment and `check --changed-since` must
// name exactly the pages such a change reaches, each with the files that reach it, and the
// preview's diff must show the snippet's change in the page.
const made: string[] = [];
afterAll(async () => Promise.all(made.map(removeFixture)));

const config =
	'site_name: Ops\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: docs\n';
const snippets = [
	'snippets/restart.txt',
	'snippets/drain.txt',
	'snippets/backup.txt',
	'shared/steps.md',
];
const pictures = ['img/topology.png', 'img/failover.png', 'img/queue.png'];
const word = (random: Random) =>
	['replica', 'primary', 'standby', 'cutover', 'rollback'][pick(random, 5)] as string;

interface Generated {
	base: CommitSpec;
	head: CommitSpec;
	/** Page → the snippets and pictures it uses. */
	uses: Map<string, string[]>;
	/** What the branch changed. */
	changedFiles: Set<string>;
	changedPages: Set<string>;
}

function generate(seed: number): Generated {
	const random = seededRandom(seed);
	const base: CommitSpec = { 'mkdocs.yml': config };
	for (const file of snippets)
		base[`docs/${file}`] = file.endsWith('.md')
			? `# Steps\n\nCheck the ${word(random)} first.\n`
			: `Run the ${word(random)} check.\n`;
	for (const file of pictures) base[`docs/${file}`] = `png ${file}`;
	const uses = new Map<string, string[]>();
	for (let n = 0; n < 10; n++) {
		const path = `runbooks/page-${n}.md`;
		const used = [...snippets, ...pictures].filter(() => random() < 0.3);
		const body = used
			.map((file) => (pictures.includes(file) ? `![diagram](../${file})` : `--8<-- "${file}"`))
			.join('\n\n');
		base[`docs/${path}`] = `# Page ${n}\n\n${body}\n`;
		uses.set(path, used);
	}
	base['docs/index.md'] = '# Home\n';
	const head: CommitSpec = {};
	const changedFiles = new Set<string>();
	for (const file of [...snippets, ...pictures]) {
		if (random() >= 0.4) continue;
		changedFiles.add(file);
		// Now and then the branch deletes the file instead: the pages that used it change too.
		head[`docs/${file}`] =
			random() < 0.35
				? null
				: `${base[`docs/${file}`] as string}Then the ${word(random)} rollback, ${seed}.\n`;
	}
	const changedPages = new Set<string>();
	if (random() < 0.7) {
		const path = `runbooks/page-${pick(random, 10)}.md`;
		changedPages.add(path);
		head[`docs/${path}`] = `${base[`docs/${path}`] as string}\nOne more line.\n`;
	}
	return { base, head, uses, changedFiles, changedPages };
}

/** What each reached page should say: the changed files among those it uses. */
function expectedReach({ uses, changedFiles, changedPages }: Generated): Record<string, string[]> {
	const reached: Record<string, string[]> = {};
	for (const [path, used] of uses) {
		const through = used.filter((file) => changedFiles.has(file)).sort();
		if (through.length > 0 && !changedPages.has(path)) reached[path] = through;
	}
	return reached;
}

test(
	'a change to a snippet or a picture lists every page it reaches, through what, and nothing else',
	{ timeout: 60_000 },
	async () => {
		for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
			const generated = generate(seed);
			const repo = await writeGitFixture([generated.base]);
			made.push(repo);
			await applySpec(repo, generated.head);
			await git(repo, 'add', '--all');
			await git(repo, 'commit', '--quiet', '--allow-empty', '-m', 'branch');
			const root = join(repo, 'docs');
			const tree = await loadGuidebookTree(root);
			const expected = expectedReach(generated);

			const changes = await listPageChanges(root, 'HEAD~1', tree);
			const reached = Object.fromEntries(
				changes.changes.filter((c) => c.through).map((c) => [c.path, c.through]),
			);
			expect(reached, `seed ${seed}`).toEqual(expected);
			// A snippet that is a page is listed as changed itself; its includers through it.
			const own = changes.changes
				.filter((c) => !c.through)
				.map((c) => c.path)
				.sort();
			expect(own, `seed ${seed}`).toEqual(
				[
					...generated.changedPages,
					...[...generated.changedFiles].filter((file) => file.endsWith('.md')),
				].sort(),
			);
			const deleted = [...generated.changedFiles].filter(
				(file) => generated.head[`docs/${file}`] === null,
			);

			// The gate checks the same pages.
			const targets = await pagesChangedSince(tree, 'HEAD~1');
			for (const path of Object.keys(expected))
				expect(targets.has(path), `${path}, seed ${seed}`).toBe(true);

			const comment = changedPagesMarkdown(changes, {
				version: 1,
				findings: [],
				checked: [],
				summary: { errors: 0, warnings: 0, files: 0 },
			} as never);
			for (const [path, through] of Object.entries(expected))
				expect(comment, `seed ${seed}`).toContain(
					`| \`${path}\` | changed through ${through.map((file) => `\`${file}\``).join(', ')} |`,
				);

			const outDir = join(repo, 'out');
			const manifest = await writePreview({
				root,
				outDir,
				ref: 'HEAD~1',
				config: parseConfig({}),
				tree,
			});
			for (const [path, through] of Object.entries(expected)) {
				const page = manifest.pages.find((p) => p.path === path);
				expect(page?.through, `${path}, seed ${seed}`).toEqual(through);
				const diff = await readFile(join(outDir, page?.diffRoute ?? '', 'index.html'), 'utf8');
				// The snippet as it was at the base, and as the branch has it: its new words are inserted,
				// a deleted one's are deleted.
				const edited = through.filter((file) => snippets.includes(file) && !deleted.includes(file));
				if (edited.length > 0)
					expect(diff, `${path}, seed ${seed}`).toMatch(new RegExp(`<ins[^>]*>[^<]*${seed}`));
				else if (through.some((file) => deleted.includes(file) && snippets.includes(file)))
					expect(diff, `${path}, seed ${seed}`).toMatch(/<del[^>]*>/);
				else
					expect(page?.counts, `${path}, seed ${seed}`).toEqual({
						inserted: 0,
						deleted: 0,
						changed: 0,
					});
			}
			// A page that changed itself reads the snippets it pulls in as they were at the base too.
			for (const path of generated.changedPages) {
				const usesEdited = (generated.uses.get(path) ?? []).some(
					(file) =>
						snippets.includes(file) && generated.changedFiles.has(file) && !deleted.includes(file),
				);
				if (!usesEdited) continue;
				const page = manifest.pages.find((p) => p.path === path);
				expect(
					await readFile(join(outDir, page?.diffRoute ?? '', 'index.html'), 'utf8'),
					`${path}, seed ${seed}`,
				).toMatch(new RegExp(`<ins[^>]*>[^<]*${seed}`));
			}
		}
	},
);

test('the base side of a snippet is judged as the head is: a token it held there is never shown', async () => {
	const token = `ghp_${'R2d4e6f8'.repeat(4)}x1y2`;
	const repo = await writeGitFixture([
		{
			'mkdocs.yml': config,
			'docs/index.md': '# Home\n\n--8<-- "snippets/login.txt"\n',
			'docs/snippets/login.txt': `Log in with ${token} here.\n`,
		},
		{ 'docs/snippets/login.txt': 'Log in with the token from the vault.\n' },
	]);
	made.push(repo);
	const root = join(repo, 'docs');
	const outDir = join(repo, 'out');
	const manifest = await writePreview({ root, outDir, ref: 'HEAD~1', config: parseConfig({}) });
	expect(manifest.pages.map((p) => [p.path, p.through])).toEqual([
		['index.md', ['snippets/login.txt']],
	]);
	const diff = await readFile(
		join(outDir, manifest.pages[0]?.diffRoute ?? '', 'index.html'),
		'utf8',
	);
	expect(diff).toContain('from the vault.');
	// The base's snippet is refused there as it would be here: the notice, not the token.
	expect(diff).toMatch(/snippets\/login\.txt<\/del>/);
	expect(diff).not.toContain('ghp_');
});

test('a page is reached by a snippet it looked for first: deleting an override shows the fallback', async () => {
	const shadowing =
		'site_name: Ops\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs/override, docs/shared]\n';
	const repo = await writeGitFixture([
		{
			'mkdocs.yml': shadowing,
			'docs/index.md': '# Home\n\n--8<-- "steps.txt"\n',
			'docs/override/steps.txt': 'Drain the replica first.\n',
			'docs/shared/steps.txt': 'Restart the primary.\n',
		},
		{ 'docs/override/steps.txt': null },
	]);
	made.push(repo);
	const root = join(repo, 'docs');
	const tree = await loadGuidebookTree(root);
	expect(
		(await listPageChanges(root, 'HEAD~1', tree)).changes.map((c) => [c.path, c.through]),
	).toEqual([['index.md', ['override/steps.txt']]]);
	expect((await pagesChangedSince(tree, 'HEAD~1')).has('index.md')).toBe(true);
	const outDir = join(repo, 'out');
	const manifest = await writePreview({
		root,
		outDir,
		ref: 'HEAD~1',
		config: parseConfig({}),
		tree,
	});
	const diff = await readFile(
		join(outDir, manifest.pages[0]?.diffRoute ?? '', 'index.html'),
		'utf8',
	);
	expect(diff).toMatch(/<del[^>]*>[^<]*(Drain|replica)/);
	expect(diff).toMatch(/<ins[^>]*>[^<]*(Restart|primary)/);
});

test('an mdBook page is reached by the file its `{{#include}}` names, and its diff shows the file as the base had it', async () => {
	const repo = await writeGitFixture([
		{
			'book.toml': '[book]\nsrc = "docs"\n',
			'docs/README.md': '# Workers\n\n```yaml\n{{#include workers/generic.yaml}}\n```\n',
			'docs/calm.md': '# Calm\n',
			'docs/workers/generic.yaml':
				'worker_app: synapse.app.generic_worker\nworker_name: generic_worker1\n',
		},
		{
			'docs/workers/generic.yaml':
				'worker_app: synapse.app.generic_worker\nworker_name: media_worker1\n',
		},
	]);
	made.push(repo);
	const root = join(repo, 'docs');
	const tree = await loadGuidebookTree(root);
	const listed = await listPageChanges(root, 'HEAD~1', tree);
	expect(listed.changes.map((c) => [c.path, c.through])).toEqual([
		['README.md', ['workers/generic.yaml']],
	]);
	// Named where it reaches a page, not again among the files no page is known to read.
	expect(listed.others).toEqual([]);
	const outDir = join(repo, 'out');
	const manifest = await writePreview({
		root,
		outDir,
		ref: 'HEAD~1',
		config: parseConfig({}),
		tree,
	});
	const diff = await readFile(
		join(outDir, manifest.pages[0]?.diffRoute ?? '', 'index.html'),
		'utf8',
	);
	expect(diff).toMatch(/<del[^>]*>[^<]*generic_worker1/);
	expect(diff).toMatch(/<ins[^>]*>[^<]*media_worker1/);
});

// A trusted build pulls files from elsewhere in the repository: kanidm's book, at `book/src`, includes `../../examples/server.toml`.
test.each([
	['docs', 'book.toml'],
	['book/src', 'book/book.toml'],
	['a/b/src', 'a/b/book.toml'],
])(
	'a page rooted at `%s` is reached by a file it includes from outside the root, and its diff shows the file as the base had it',
	async (rootPath, bookFile) => {
		const written = posix.relative(rootPath, 'examples/server.toml');
		const repo = await writeGitFixture([
			{
				[bookFile]: `[book]\nsrc = "${posix.basename(rootPath)}"\n`,
				[`${rootPath}/README.md`]: `# Server\n\n\`\`\`toml\n{{#include ${written}}}\n\`\`\`\n`,
				[`${rootPath}/calm.md`]: '# Calm\n',
				'examples/server.toml': 'domain = "idm.old.example"\n',
				'examples/other.toml': 'x = 1\n',
			},
			{ 'examples/server.toml': 'domain = "idm.new.example"\n', 'examples/other.toml': 'x = 2\n' },
		]);
		made.push(repo);
		const root = join(repo, rootPath);
		const tree = await loadGuidebookTree(root);
		expect(tree.pages.get('README.md')?.pulled).toEqual([written]);
		const listed = await listPageChanges(root, 'HEAD~1', tree);
		expect(listed.changes.map((c) => [c.path, c.through])).toEqual([['README.md', [written]]]);
		// A file outside the root that no page pulls is none of the preview's business.
		expect(listed.others).toEqual([]);
		expect([...(await pagesChangedSince(tree, 'HEAD~1'))]).toEqual(['README.md']);
		const outDir = join(repo, 'out');
		const manifest = await writePreview({
			root,
			outDir,
			ref: 'HEAD~1',
			config: parseConfig({}),
			tree,
		});
		const diff = await readFile(
			join(outDir, manifest.pages[0]?.diffRoute ?? '', 'index.html'),
			'utf8',
		);
		expect(diff).toContain('idm.<del>old</del><ins>new</ins>.example');
	},
);
