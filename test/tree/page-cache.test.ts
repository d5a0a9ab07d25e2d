import { readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runChecks } from '../../checks/engine.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { openPageCache, type PageCache } from '../../tree/page-cache.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// A run that takes pages from the cache must report exactly what a run that parses every page
// reports, and parse again only the pages whose text changed.

let dirs: string[] = [];
afterEach(async () => {
	await Promise.all(dirs.map(removeFixture));
	dirs = [];
});

type Dialect = 'github' | 'gitlab' | 'hugo' | 'docusaurus';

/** A page with the parts the rules that read syntax trees look at: fences, references, placeholders, widgets, frontmatter. */
function generatePage(random: Random, index: number, others: string[], dialect: Dialect): string {
	const parts = [`# Page ${index}`, ''];
	if (random() < 0.5)
		parts.unshift(
			'---',
			`title: Page ${index}${random() < 0.2 ? '\nstatus: bogus' : ''}`,
			random() < 0.2 ? 'owner: [unclosed' : 'owner: Platform team',
			'---',
			'',
		);
	for (let section = 0; section < 1 + pick(random, 4); section++) {
		parts.push(`## Step ${section}`, '');
		const target = pickItem(random, others);
		parts.push(
			`See [the ${target}](${target}${random() < 0.3 ? '#nowhere' : ''}) and [a note][${random() < 0.3 ? 'missing' : 'note'}].`,
			'',
		);
		if (random() < 0.4)
			parts.push(
				'```bash',
				`kubectl -n <namespace> get pods # {{ $labels.instance }}`,
				...(random() < 0.3 ? [] : ['```']),
				'',
			);
		if (random() < 0.3) parts.push(':status{probe=erp-status}', '');
		if (random() < 0.2) parts.push('`<Status probe="x" />` is how MDX writes it.', '');
		if (dialect === 'gitlab' && random() < 0.3) parts.push('[[_TOC_]]', '');
		if (dialect === 'hugo' && random() < 0.3)
			parts.push(`See {{< ref "${pickItem(random, others)}" >}}.`, '');
	}
	parts.push('[note]: README.md', random() < 0.2 ? '[note]: README.md' : '', '');
	return parts.join('\n');
}

function generateTree(seed: number, dialect: Dialect): Record<string, string> {
	const random = seededRandom(seed);
	const paths = [
		'README.md',
		...Array.from(
			{ length: 6 + pick(random, 8) },
			(_, i) => `${pickItem(random, ['', 'ops/', 'db/'])}p${i}.md`,
		),
	];
	const files: Record<string, string> = {};
	paths.forEach((path, i) => {
		const others = paths
			.filter((other) => other !== path)
			.map((other) => relativeFrom(path, other));
		files[path] = generatePage(random, i, others, dialect);
	});
	if (dialect === 'gitlab') files['../.gitlab-ci.yml'] = 'pages: {}\n';
	if (dialect === 'hugo') files['_index.md'] = '---\ntitle: Docs\n---\n';
	if (dialect === 'docusaurus') files['_category_.json'] = '{ "label": "Docs" }\n';
	return files;
}

function relativeFrom(from: string, to: string): string {
	const depth = from.split('/').length - 1;
	return `${'../'.repeat(depth)}${to}`;
}

async function check(root: string, cache?: PageCache, reparsed?: string[]): Promise<string[]> {
	const config = parseConfig({});
	const tree = await loadGuidebookTree(root, {
		...(cache && { cache }),
		...(reparsed && { trace: (line) => void reparsed.push(line) }),
	});
	const report = await runChecks({ root, config, tree, now: new Date('2026-11-24T12:00:00Z') });
	return report.findings.map(formatFinding);
}

describe.each(['github', 'gitlab', 'hugo', 'docusaurus'] as const)('a %s tree', (dialect) => {
	test.each(Array.from({ length: 6 }, (_, seed) => [seed]))(
		'reports the same with kept pages as with every page parsed, after edits too (seed %i)',
		async (seed) => {
			const files = generateTree(seed * 7 + dialect.length, dialect);
			const top = await writeFixture(
				Object.fromEntries(
					Object.entries(files).map(([path, text]) => [
						path.startsWith('../') ? path.slice(3) : `docs/${path}`,
						text,
					]),
				),
			);
			dirs.push(top);
			const root = join(top, 'docs');
			const cacheFile = join(top, 'pages.json');
			const fresh = await check(root);
			// Control: the generator's defects are found, so equality below compares something.
			expect(fresh.length).toBeGreaterThan(0);
			const first = await openPageCache(cacheFile);
			expect(await check(root, first)).toEqual(fresh);
			await first.save();

			// Unchanged: every page kept, none parsed, the same findings.
			const reparsed: string[] = [];
			const second = await openPageCache(cacheFile);
			expect(await check(root, second, reparsed)).toEqual(fresh);
			expect(reparsed).toEqual([]);
			await second.save();

			// Edited: one page's text changes, one page goes; the report is a fresh run's.
			const random = seededRandom(seed);
			const pages = Object.keys(files).filter(
				(path) => path.endsWith('.md') && !path.startsWith('../') && path !== 'README.md',
			);
			const edited = pickItem(random, pages);
			await writeFile(
				join(root, edited),
				`${files[edited]}\n## Added\n\nSee [gone](gone.md) and [a label][nowhere].\n\n\`\`\`sh\nopen\n`,
			);
			await rm(
				join(
					root,
					pickItem(
						random,
						pages.filter((path) => path !== edited),
					),
				),
			);
			const afterEdit = await check(root);
			const third = await openPageCache(cacheFile);
			expect(await check(root, third, reparsed)).toEqual(afterEdit);
			// Hugo's `ref` reads the tree's page list, so a page gone re-parses its pages; else the kept pages stay unparsed.
			if (dialect !== 'hugo') expect(reparsed).toEqual([]);
			expect(afterEdit).not.toEqual(fresh);
		},
	);
});

test('keeps no page of an MkDocs tree, whose pages pull in other files as they are parsed', async () => {
	const top = await writeFixture({
		'mkdocs.yml': 'site_name: Ops\nmarkdown_extensions:\n  - pymdownx.snippets\n',
		'docs/index.md': '# Ops\n\n--8<-- "docs/part.md"\n',
		'docs/part.md': '# Part\n\nOld text.\n',
	});
	dirs.push(top);
	const cacheFile = join(top, 'pages.json');
	const cache = await openPageCache(cacheFile);
	await check(join(top, 'docs'), cache);
	await cache.save();
	await writeFile(join(top, 'docs/part.md'), '# Part\n\nSee [missing](missing.md).\n');
	// The snippet's new text reaches the page that pulls it in: its broken link is reported there too.
	const findings = await check(join(top, 'docs'), await openPageCache(cacheFile));
	expect(findings).toEqual(await check(join(top, 'docs')));
	expect(findings.filter((line) => line.includes('missing.md'))).toHaveLength(2);
});

test('leaves the file as it was when a run parsed few of many pages, and parses them again next time', async () => {
	const files = Object.fromEntries(
		Array.from({ length: 120 }, (_, i) => [`docs/p${i}.md`, `# Page ${i}\n\nSee [home](p0.md).\n`]),
	);
	const top = await writeFixture(files);
	dirs.push(top);
	const cacheFile = join(top, 'pages.json');
	const first = await openPageCache(cacheFile);
	await check(join(top, 'docs'), first);
	await first.save();
	const written = await readFile(cacheFile, 'utf8');
	// A body edit: a title or heading changed is what every page's links may land on, and their kept verdicts go.
	await writeFile(join(top, 'docs/p7.md'), '# Page 7\n\nSee [gone](gone.md).\n');
	const second = await openPageCache(cacheFile);
	const findings = await check(join(top, 'docs'), second);
	await second.save();
	// One page of 120 parsed: under 2 %, so the file stays; the next run finds the same.
	expect(await readFile(cacheFile, 'utf8')).toBe(written);
	expect(await check(join(top, 'docs'), await openPageCache(cacheFile))).toEqual(findings);
	expect(findings.some((line) => line.startsWith('p7.md:3:'))).toBe(true);
});

test('starts empty from a file that is not a cache, and writes one that is', async () => {
	const top = await writeFixture({
		'docs/README.md': '# Home\n\nSee [gone](gone.md).\n',
		'pages.json': 'not a cache',
	});
	dirs.push(top);
	const cache = await openPageCache(join(top, 'pages.json'));
	const findings = await check(join(top, 'docs'), cache);
	expect(findings).toHaveLength(1);
	await cache.save();
	expect(await readFile(join(top, 'pages.json'), 'utf8')).toMatch(
		/^waymark-sealed [0-9a-f]{64} \d+\n\{"version":2,"entries":\[\["README.md",/,
	);
	const reparsed: string[] = [];
	expect(
		await check(join(top, 'docs'), await openPageCache(join(top, 'pages.json')), reparsed),
	).toEqual(findings);
	expect(reparsed).toEqual([]);
});

// A cache file whose bytes are not the ones written (a run stopped halfway, an edit that keeps the
// JSON valid, a symbolic link) is no cache: every page is parsed again, and the run says why.
test.each([
	[
		'cut short',
		async (file: string) => writeFile(file, (await readFile(file)).subarray(0, -40)),
		'truncated: ',
	],
	[
		'edited, still valid JSON',
		async (file: string) =>
			writeFile(file, (await readFile(file, 'latin1')).replace('Home', 'Hone'), 'latin1'),
		'edited: ',
	],
	[
		'a symbolic link to a copy',
		async (file: string) => {
			await rename(file, `${file}.copy`);
			await symlink(`${file}.copy`, file);
		},
		'a symbolic link',
	],
] as const)('a cache file %s is no cache, and the run says why', async (_, damage, problem) => {
	const top = await writeFixture({
		'docs/README.md': '# Home\n\nSee [gone](gone.md).\n',
		'docs/other.md': '# Other\n',
	});
	dirs.push(top);
	const file = join(top, 'pages.json');
	const first = await openPageCache(file);
	const findings = await check(join(top, 'docs'), first);
	await first.save();
	// The control: the file as written is taken whole.
	const notes: string[] = [];
	const taken: string[] = [];
	await check(join(top, 'docs'), await openPageCache(file, (note) => notes.push(note)), taken);
	expect([notes, taken]).toEqual([[], []]);
	await damage(file);
	const reparsed = await loadGuidebookTree(join(top, 'docs'), {
		cache: await openPageCache(file, (note) => notes.push(note)),
	});
	expect(notes).toEqual([
		`The page cache ${file} failed its check (${problem}${notes[0]?.slice(`The page cache ${file} failed its check (${problem}`.length) ?? ''}`,
	]);
	expect(notes[0]).toMatch(/: every page is parsed again\.$/);
	expect([...reparsed.pages.values()].map((page) => page.title).sort()).toEqual(['Home', 'Other']);
	expect(await check(join(top, 'docs'), await openPageCache(file))).toEqual(findings);
});
