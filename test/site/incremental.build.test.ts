import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectIncrementalAsClean } from '../helpers/clean-build.ts';
import { commitAt, freshCheckout, initRepository } from '../helpers/dated-commits.ts';
import { removeFixture, repoRoot, runCli, writeFixture } from '../helpers/fixture.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// A build after edits, from what the last build left (a patch of the changed pages' bodies, or
// Astro rendering again only the pages whose key changed), must write exactly what a clean build
// of the same tree writes. The edits are generated: every kind, on pages chosen by a seed.

let top: string;
const tree = () => join(top, 'docs');
const { generateGuidebookTree } = (await import(
	pathToFileURL(join(repoRoot, 'bench/lib/guidebook-tree.mjs')).href
)) as {
	generateGuidebookTree: (
		dir: string,
		options: { pages: number; seed: number },
	) => Promise<{ pages: Array<{ path: string }> }>;
};

beforeAll(async () => {
	top = await writeFixture({ 'waymark.config.yaml': config(), 'docs/.keep': '' });
	await rm(join(tree(), '.keep'));
	await generateGuidebookTree(tree(), { pages: 60, seed: 7 });
}, 60_000);

afterAll(async () => {
	await removeFixture(top);
});

/** The incremental build (state kept in `.waymark/`) and a clean build of the same tree; what the incremental one printed. */
const buildBoth = (): Promise<string> => expectIncrementalAsClean(top);

/** The project's config: diagrams drawn once for both builds, and pages over 60 KB published as a notice. */
function config(more = ''): string {
	return `root: docs\ndiagrams:\n  cacheDir: .diagrams\nchecks:\n  maxPageBytes: 60000\n${more}`;
}

const patched = /Only page bodies changed since the last build: (\d+) pages? republished in place/;

type Edit = { name: string; patch: boolean; apply: (pages: string[]) => Promise<void> };

/** Changes one page; an edit that finds nothing to change fails here, not as a build that had nothing to do. */
const edit = async (path: string, change: (text: string) => string) => {
	const before = await readFile(join(tree(), path), 'utf8');
	const after = change(before);
	expect(after, `the edit changed nothing in ${path}`).not.toBe(before);
	await writeFile(join(tree(), path), after);
};

/** The kinds of edit, each with whether the build may patch it (a body alone) or must render again. */
function edits(random: () => number): Edit[] {
	// A page grown past the size limit shows a notice, whatever its body says: an edit to it changes nothing published.
	const notices = new Set<string>();
	const page = (pages: string[]) =>
		pickItem(
			random,
			pages.filter((path) => !path.endsWith('README.md') && !notices.has(path)),
		);
	return [
		{
			name: 'a sentence in one page',
			patch: true,
			apply: async (pages) =>
				edit(page(pages), (text) =>
					text.replace(
						/\n\n([A-Z][a-z]+)/,
						(_, word: string) => `\n\n${word} (edited ${pick(random, 1000)})`,
					),
				),
		},
		{
			name: 'a command in two pages',
			patch: true,
			apply: async (pages) => {
				for (const path of [page(pages), page(pages)])
					await edit(path, (text) =>
						text.replace(/(```bash\n[ \t]*)(\S)/, `$1echo step ${pick(random, 1000)} && $2`),
					);
			},
		},
		{
			name: 'a heading others may link to',
			patch: false,
			apply: async (pages) =>
				edit(page(pages), (text) => text.replace(/\n## ([^\n]+)/, '\n## $1 again')),
		},
		{
			name: 'a page title',
			patch: false,
			apply: async (pages) =>
				edit(page(pages), (text) => text.replace(/(^|\n)# ([^\n]+)/, '$1# $2, renamed')),
		},
		// A body edit that brings the page a script of its own (alert context, diagram viewer) changes more than the body.
		{
			name: 'a placeholder in a command (the page gains its alert context)',
			patch: false,
			apply: async (pages) =>
				edit(page(pages), (text) =>
					text.replace(/(```bash\n[ \t]*)(\S)/, '$1systemctl restart <service> && $2'),
				),
		},
		{
			name: 'a diagram (the page gains its viewer)',
			patch: false,
			apply: async (pages) =>
				edit(
					page(pages),
					(text) =>
						`${text}\n\n\`\`\`mermaid\nflowchart LR\n  Alert --> Runbook${pick(random, 1000)}\n\`\`\`\n`,
				),
		},
		{
			name: 'a new page',
			patch: false,
			apply: async () =>
				writeFile(
					join(tree(), `added-${pick(random, 1000)}.md`),
					'# Added\n\nSee [home](README.md).\n',
				),
		},
		{ name: 'a page removed', patch: false, apply: async (pages) => rm(join(tree(), page(pages))) },
		{
			name: 'a page grown past the size limit (a notice instead)',
			patch: false,
			apply: async (pages) => {
				const grown = page(pages);
				notices.add(grown);
				await edit(grown, (text) => `${text}\n${'A line of a log pasted whole. '.repeat(2500)}\n`);
			},
		},
		{
			name: 'the site title',
			patch: false,
			apply: async () =>
				writeFile(
					join(top, 'waymark.config.yaml'),
					config(`site:\n  title: Runbooks ${pick(random, 1000)}\n`),
				),
		},
	];
}

async function pagesOf(): Promise<string[]> {
	return (await readdir(tree(), { recursive: true })).filter((path) => path.endsWith('.md'));
}

test('writes what a clean build writes after each kind of edit, patching the bodies it can', async () => {
	// The first build has nothing to start from.
	expect(await buildBoth()).not.toMatch(patched);
	const random = seededRandom(20261124);
	const kinds = edits(random);
	// Each kind once, and a body edit right after the first whole build (a patch from a whole build's
	// record) and after the last (the record of a build that rendered again after a notice).
	const wholes = kinds.filter((kind) => !kind.patch);
	const order = kinds.flatMap((kind) =>
		kind === wholes[0] || kind === wholes.at(-1) ? [kind, kinds[0] as Edit] : [kind],
	);
	for (const kind of order) {
		await kind.apply(await pagesOf());
		const printed = await buildBoth();
		expect(patched.test(printed), `${kind.name}: ${printed}`).toBe(kind.patch);
	}
}, 1_800_000);

// In CI every build is of a commit: a committed edit changes the page's body and the day its
// header shows as last updated (its own; no other page shows it), and still takes the patch.
test('writes what a clean build writes after committed edits, patching them: one page, several in a fresh checkout as CI makes one, an edit reverted', async () => {
	const page = (title: string, more = '') =>
		`# ${title}\n\n${more}Restart the worker, then watch the queue drain.\n\n## Verify\n\nThe queue depth falls under 100 within ten minutes.\n`;
	const repo = await writeFixture({
		'.gitignore': '/out/\n/clean/\n/clean-state/\n/.waymark/\n',
		'waymark.config.yaml': 'root: docs\n',
		// A file published beside the pages: a fresh checkout gives it a new time and inode, never new bytes.
		'docs/README.md': page(
			'Runbooks',
			'See [the worker](worker.md), [the queue](queue.md) and [its settings](files/queue.conf).\n\n',
		),
		'docs/files/queue.conf': 'max_depth = 100\n',
		...Object.fromEntries(
			['worker', 'queue', 'backup', 'restore', 'failover', 'certificates'].map((name) => [
				`docs/${name}.md`,
				page(`The ${name}`),
			]),
		),
		// Cites the queue page as upstream: a commit to the queue asks for its review (a whole build).
		'docs/scaling.md': `---\nupstream: [queue.md]\n---\n${page('Scaling')}`,
	});
	try {
		await initRepository(repo);
		await commitAt(repo, '2026-01-05', {}, 'the runbooks');
		expect(await expectIncrementalAsClean(repo)).not.toMatch(patched);
		const fix = (name: string, day: string) => ({
			[`docs/${name}.md`]: page(`The ${name}`, `Fixed on ${day}.\n\n`),
		});
		const rounds: Array<{
			name: string;
			day: string;
			edits: Record<string, string>;
			patch: number | null;
			/** Built as CI builds a commit: in a fresh clone at the same path, the state and output folders restored from its cache. */
			checkout?: true;
		}> = [
			{ name: 'one page', day: '2026-02-10', edits: fix('worker', '2026-02-10'), patch: 1 },
			{
				name: 'three pages',
				day: '2026-03-01',
				edits: {
					...fix('backup', '2026-03-01'),
					...fix('restore', '2026-03-01'),
					...fix('failover', '2026-03-01'),
				},
				patch: 3,
				checkout: true,
			},
			{
				name: 'a page another cites',
				day: '2026-03-02',
				edits: fix('queue', '2026-03-02'),
				patch: null,
			},
			// The first edit reverted: the body is the first build's again, the day is the revert's.
			{
				name: 'the first edit reverted',
				day: '2026-03-05',
				edits: { 'docs/worker.md': page('The worker') },
				patch: 1,
			},
		];
		for (const round of rounds) {
			await commitAt(repo, round.day, round.edits, round.name);
			if (round.checkout) await freshCheckout(repo, ['.waymark', 'out']);
			const printed = await expectIncrementalAsClean(repo, round.name);
			if (round.patch === null) expect(printed, round.name).not.toMatch(patched);
			else
				expect(printed, round.name).toMatch(
					new RegExp(
						`Only page bodies changed since the last build: ${round.patch} pages? republished in place`,
					),
				);
		}
		expect(await readFile(join(repo, 'out/worker/index.html'), 'utf8')).toContain(
			'<time datetime="2026-03-05" title="Date of the last commit">March 5, 2026</time>',
		);
	} finally {
		await removeFixture(repo);
	}
}, 600_000);

// Astro imports a build's prerender entry by its file's URL, and a process imports a URL once: a
// second build in one process (`waymark serve` rebuilding, the test runner) at the same place
// rendered with the first build's modules, and showed the first build's dates.
test('a second build in the same process and the same places renders from its own commit', async () => {
	const repo = await writeFixture({
		'.gitignore': '/out/\n/state/\n',
		'waymark.config.yaml': 'root: docs\n',
		'docs/README.md': '# Home\n\nSee [the worker](worker.md).\n',
		'docs/worker.md': '# Worker\n\nRestart it.\n',
	});
	try {
		await initRepository(repo);
		await commitAt(repo, '2026-01-05', {}, 'the runbooks');
		const build = () => runCli(['build', '--out', 'out', '--state-dir', 'state'], { cwd: repo });
		expect((await build()).code).toBe(0);
		await rm(join(repo, 'out'), { recursive: true });
		await rm(join(repo, 'state'), { recursive: true });
		await commitAt(
			repo,
			'2026-02-07',
			{ 'docs/worker.md': '# Worker\n\nRestart it twice.\n' },
			'an edit',
		);
		await commitAt(
			repo,
			'2026-02-09',
			{ 'docs/worker.md': '# Worker\n\nRestart it.\n' },
			'its revert',
		);
		expect((await build()).code).toBe(0);
		expect(await readFile(join(repo, 'out/worker/index.html'), 'utf8')).toContain(
			'<time datetime="2026-02-09"',
		);
		await expect(
			readdir(join(repo, 'state'), { recursive: true }).then((files) =>
				files.filter((file) => file.includes('server')),
			),
		).resolves.toEqual([]);
	} finally {
		await removeFixture(repo);
	}
}, 300_000);
