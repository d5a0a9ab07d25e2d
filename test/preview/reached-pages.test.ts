import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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

const config = 'site_name: Ops\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: docs\n';
const snippets = ['snippets/restart.txt', 'snippets/drain.txt', 'snippets/backup.txt', 'shared/steps.md'];
const pictures = ['img/topology.png', 'img/failover.png', 'img/queue.png'];
const word = (random: Random) => ['replica', 'primary', 'standby', 'cutover', 'rollback'][pick(random, 5)] as string;

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
	for (const file of snippets) base[`docs/${file}`] = file.endsWith('.md') ? `# Steps\n\nCheck the ${word(random)} first.\n` : `Run the ${word(random)} check.\n`;
	for (const file of pictures) base[`docs/${file}`] = `png ${file}`;
	const uses = new Map<string, string[]>();
	for (let n = 0; n < 10; n++) {
		const path = `runbooks/page-${n}.md`;
		const used = [...snippets, ...pictures].filter(() => random() < 0.3);
		const body = used.map((file) => (pictures.includes(file) ? `![diagram](../${file})` : `--8<-- "${file}"`)).join('\n\n');
		base[`docs/${path}`] = `# Page ${n}\n\n${body}\n`;
		uses.set(path, used);
	}
	base['docs/index.md'] = '# Home\n';
	const head: CommitSpec = {};
	const changedFiles = new Set<string>();
	for (const file of [...snippets, ...pictures]) {
		if (random() >= 0.4) continue;
		changedFiles.add(file);
		head[`docs/${file}`] = `${base[`docs/${file}`] as string}Then the ${word(random)} rollback, ${seed}.\n`;
	}
	const changedPages = new Set<string>();
	if (random() < 0.5) {
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

test('a change to a snippet or a picture lists every page it reaches, through what, and nothing else', { timeout: 60_000 }, async () => {
	for (const seed of [1, 2, 3, 4, 5, 6]) {
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
		const reached = Object.fromEntries(changes.changes.filter((c) => c.through).map((c) => [c.path, c.through]));
		expect(reached, `seed ${seed}`).toEqual(expected);
		// A snippet that is a page is listed as changed itself; its includers through it.
		const own = changes.changes.filter((c) => !c.through).map((c) => c.path).sort();
		expect(own, `seed ${seed}`).toEqual([...generated.changedPages, ...[...generated.changedFiles].filter((file) => file.endsWith('.md'))].sort());

		// The gate checks the same pages.
		const targets = await pagesChangedSince(tree, 'HEAD~1');
		for (const path of Object.keys(expected)) expect(targets.has(path), `${path}, seed ${seed}`).toBe(true);

		const comment = changedPagesMarkdown(changes, { version: 1, findings: [], checked: [], summary: { errors: 0, warnings: 0, files: 0 } } as never);
		for (const [path, through] of Object.entries(expected)) expect(comment, `seed ${seed}`).toContain(`| \`${path}\` | changed through ${through.map((file) => `\`${file}\``).join(', ')} |`);

		const outDir = join(repo, 'out');
		const manifest = await writePreview({ root, outDir, ref: 'HEAD~1', config: parseConfig({}), tree });
		for (const [path, through] of Object.entries(expected)) {
			const page = manifest.pages.find((p) => p.path === path);
			expect(page?.through, `${path}, seed ${seed}`).toEqual(through);
			const diff = await readFile(join(outDir, page?.diffRoute ?? '', 'index.html'), 'utf8');
			// The snippet as it was at the base, and as the branch has it: its new words are inserted.
			if (through.some((file) => snippets.includes(file))) expect(diff, `${path}, seed ${seed}`).toMatch(new RegExp(`<ins[^>]*>[^<]*${seed}`));
			else expect(page?.counts, `${path}, seed ${seed}`).toEqual({ inserted: 0, deleted: 0, changed: 0 });
		}
	}
});
