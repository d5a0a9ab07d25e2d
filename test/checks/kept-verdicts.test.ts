import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runChecks } from '../../checks/engine.ts';
import { formatFinding } from '../../checks/finding.ts';
import { keptVerdicts, verdictEnvironment } from '../../checks/rules/support/kept-verdicts.ts';
import { landingFragment, linkProblem } from '../../checks/rules/support/link-judgement.ts';
import { linkNouns } from '../../checks/rules/support/page-images.ts';
import { indexTree } from '../../checks/rules/support/tree-index.ts';
import { parseConfig } from '../../config/load-config.ts';
import { loadGuidebookTree, type GuidebookTree } from '../../tree/load-tree.ts';
import { openPageCache } from '../../tree/page-cache.ts';
import { commitAt, initRepository } from '../helpers/dated-commits.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// Link verdicts kept with the pages (`checks/rules/support/kept-verdicts.ts`) are taken by the next
// run only when nothing they read changed: after any edit, every verdict and every finding is
// what a run that judges every link again gives.

let dirs: string[] = [];
afterEach(async () => {
	await Promise.all(dirs.map(removeFixture));
	dirs = [];
});

type Dialect = 'github' | 'gitlab' | 'hugo' | 'docusaurus';

/** Pages that link to each other's headings (some missing), files, a folder and one file outside the root. */
function generateTree(random: Random, dialect: Dialect): Record<string, string> {
	const paths = [
		'README.md',
		...Array.from(
			{ length: 5 + pick(random, 6) },
			(_, i) => `${pickItem(random, ['', 'ops/', 'db/'])}p${i}.md`,
		),
	];
	const files: Record<string, string> = {};
	paths.forEach((path, i) => {
		const up = '../'.repeat(path.split('/').length - 1);
		const parts = [`# Page ${i}`, ''];
		for (let section = 0; section < 1 + pick(random, 3); section++) {
			const target = pickItem(random, paths);
			const fragment = pickItem(random, ['', '#step-0', '#step-1', '#Step-0', '#nowhere']);
			parts.push(`## Step ${section}`, '', `See [it](${up}${target}${fragment}).`, '');
		}
		if (random() < 0.4) parts.push(`See [gone](${up}gone.md) and ![a chart](${up}chart.png).`, '');
		if (random() < 0.3)
			parts.push(`See [the folder](${up}ops/) and [the notes](${up}../notes.txt).`);
		files[path] = parts.join('\n');
	});
	if (dialect === 'gitlab') files['../.gitlab-ci.yml'] = 'pages: {}\n';
	if (dialect === 'hugo') files['_index.md'] = '---\ntitle: Docs\n---\n';
	if (dialect === 'docusaurus') files['_category_.json'] = '{ "label": "Docs" }\n';
	return files;
}

/** The edits a kept verdict could go stale by, one at a time. */
const edits = {
	'a heading of a target renamed': async (root: string, pages: string[], random: Random) => {
		const page = pickItem(random, pages);
		await replaceIn(root, page, /## Step 0/, '## Step zero');
	},
	'a target deleted': async (root: string, pages: string[], random: Random) => {
		await rm(join(root, pickItem(random, pages)));
	},
	'a target renamed': async (root: string, pages: string[], random: Random) => {
		const page = pickItem(random, pages);
		await rename(join(root, page), join(root, page.replace(/\.md$/, '-moved.md')));
	},
	'a missing page added': async (root: string) => {
		await writeFile(join(root, 'gone.md'), '# Gone\n\n## Step 0\n');
	},
	'a missing picture added': async (root: string) => {
		await writeFile(join(root, 'chart.png'), 'png');
	},
	'a folder page removed': async (root: string) => {
		await rm(join(root, 'ops'), { recursive: true, force: true });
		await mkdir(join(root, 'ops'));
		await writeFile(join(root, 'ops/data.txt'), 'data');
	},
	'a file outside the root added': async (root: string) => {
		await writeFile(join(dirname(root), 'notes.txt'), 'notes');
	},
	'one body edited': async (root: string, pages: string[], random: Random) => {
		await replaceIn(root, pickItem(random, pages), /\n\nSee /, '\n\nEdited. See ');
	},
};

async function replaceIn(root: string, page: string, from: RegExp, to: string): Promise<void> {
	const { readFile } = await import('node:fs/promises');
	await writeFile(join(root, page), (await readFile(join(root, page), 'utf8')).replace(from, to));
}

const config = parseConfig({});

async function readTreeOf(root: string, cacheFile?: string): Promise<GuidebookTree> {
	const cache = cacheFile ? await openPageCache(cacheFile) : undefined;
	const tree = await loadGuidebookTree(root, cache ? { cache } : {});
	const report = await runChecks({ root, config, tree, now: new Date('2026-11-28T12:00:00Z') });
	await cache?.save();
	Object.assign(tree, { findings: report.findings.map(formatFinding) });
	return tree;
}

/** Every link's verdict and landing fragment, by page, as the site and the rule read them. */
function verdictsOf(tree: GuidebookTree): Record<string, unknown[]> {
	const index = indexTree(tree);
	const ctx = { tree, config };
	return Object.fromEntries(
		[...tree.pages.values()].map((page) => {
			const nounOf = linkNouns(page);
			return [
				page.path,
				page.links.map((link) => [
					link.url,
					linkProblem(ctx, index, page.path, link.url, nounOf(link)),
					landingFragment(ctx, index, page.path, link.url),
				]),
			];
		}),
	);
}

describe.each(['github', 'gitlab', 'hugo', 'docusaurus'] as const)('a %s tree', (dialect) => {
	test.each(Object.keys(edits).map((edit, seed) => [edit, seed] as const))(
		'judges as a fresh run after %s (seed %i)',
		async (edit, seed) => {
			const random = seededRandom(seed * 31 + dialect.length);
			const files = generateTree(random, dialect);
			const top = await writeFixture(
				Object.fromEntries(
					Object.entries(files).map(([path, text]) => [
						path.startsWith('../') ? path.slice(3) : `docs/${path}`,
						text,
					]),
				),
			);
			dirs.push(top);
			await initRepository(top);
			await commitAt(top, '2026-11-01', {});
			const root = join(top, 'docs');
			const cacheFile = join(top, 'pages.json');
			const first = await readTreeOf(root, cacheFile);
			const before = verdictEnvironment({ tree: first, config });

			const pages = Object.keys(files).filter(
				(path) => files[path]?.startsWith('# Page') && path !== 'README.md',
			);
			await edits[edit as keyof typeof edits](root, pages, random);
			const fresh = await readTreeOf(root);
			const kept = await readTreeOf(root, cacheFile);
			expect(verdictsOf(kept)).toEqual(verdictsOf(fresh));
			expect((kept as unknown as { findings: string[] }).findings).toEqual(
				(fresh as unknown as { findings: string[] }).findings,
			);
			// Control: a body edit keeps what every link reads, so the unchanged pages' verdicts are taken.
			const after = verdictEnvironment({ tree: kept, config });
			if (edit === 'one body edited' || edit === 'a file outside the root added')
				expect(after).toBe(before);
			else expect(after).not.toBe(before);
		},
	);
});

test('takes the kept verdicts of the pages a body edit left as they were', async () => {
	const top = await writeFixture({
		'docs/README.md': '# Home\n\nSee [a](a.md#steps) and [b](b.md#gone).\n',
		'docs/a.md': '# A\n\n## Steps\n\nSee [home](README.md).\n',
		'docs/b.md': '# B\n\nText.\n',
	});
	dirs.push(top);
	const root = join(top, 'docs');
	const cacheFile = join(top, 'pages.json');
	const first = await readTreeOf(root, cacheFile);
	const environment = verdictEnvironment({ tree: first, config }) ?? 'not digested';
	await writeFile(join(root, 'b.md'), '# B\n\nOther text.\n');
	const cache = await openPageCache(cacheFile);
	const second = await loadGuidebookTree(root, { cache });
	expect(verdictEnvironment({ tree: second, config })).toBe(environment);
	// Read from the cache before any link is judged: the two pages left as they were, not the one edited.
	const home = second.pages.get('README.md');
	expect(home && keptVerdicts(home, environment)).toEqual([
		['a.md#steps', 'file', null, null],
		[
			'b.md#gone',
			'file',
			{
				message: 'Unexpected link to missing heading `#gone` in `b.md`, expected one of `#b`',
			},
			null,
		],
	]);
	const a = second.pages.get('a.md');
	expect(a && keptVerdicts(a, environment)).toHaveLength(1);
	const b = second.pages.get('b.md');
	expect(b && keptVerdicts(b, environment)).toBeUndefined();
});

test('a tree no digest can name keeps no verdicts on its pages (under a name no later run gives, they would write the page cache again on every run)', async () => {
	const top = await writeFixture({
		'docs/README.md': '# Home\n\nSee [a](a.md#steps).\n',
		'docs/a.md': '# A\n\n## Steps\n\nSee [home](README.md).\n',
	});
	dirs.push(top);
	const root = join(top, 'docs');
	const tree = await loadGuidebookTree(root);
	// A function's source says nothing of what it closes over.
	Object.assign(tree, { toolData: { render: () => 'a page' } });
	expect(verdictEnvironment({ tree, config })).toBeUndefined();
	expect(verdictsOf(tree)['README.md']).toEqual([['a.md#steps', undefined, undefined]]);
	for (const page of tree.pages.values())
		expect(
			Object.keys(page.facts ?? {}).filter((name) => name.startsWith('link-verdicts:')),
		).toEqual([]);
});

test('which pages could not be read is part of the digest', async () => {
	const top = await writeFixture({ 'docs/README.md': '# Home\n\nSee [a](a.md).\n' });
	dirs.push(top);
	const tree = await loadGuidebookTree(join(top, 'docs'));
	const before = verdictEnvironment({ tree, config });
	tree.unreadable.push({ path: 'a.md', reason: 'not UTF-8' } as (typeof tree.unreadable)[number]);
	expect(verdictEnvironment({ tree, config })).not.toBe(before);
});
