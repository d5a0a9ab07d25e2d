import { lstat, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { htmlFileName } from '../../integration/page-html-files.ts';
import { comparableSiteFiles } from '../helpers/output-files.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// Every file a build takes from the last one (Astro's copy of a rendered page, a rendered page
// body, the page cache, a part of the search index, the record a patch starts from) is checked
// against the digest recorded when it was written. Each kind is damaged in each way at once, and
// the build must say, in one line each, what it makes again, and write exactly what a clean build
// of the same tree writes. A build stopped halfway left a page cut short, which Astro published.
const env = { WAYMARK_CHROMIUM: '/nonexistent' };
let root: string;
let clean: Map<string, string>;
const built: string[] = [];

beforeAll(async () => {
	root = await writeFixture({
		'guidebooks/README.md': '# Runbooks\n\nSee [restore](ops/restore.md) and [notes](notes.md).\n',
		'guidebooks/ops/restore.md': `# Restore the database\n\n${'Stop the writers, then restore the last snapshot and replay the log. '.repeat(40)}\n\n\`\`\`bash\npg_restore --clean backup.dump\n\`\`\`\n`,
		'guidebooks/notes.md': '# Notes\n\nThe on-call rotation changes on Mondays.\n',
	});
	const first = await runCli(['build', '--root', 'guidebooks', '--out', 'out'], {
		cwd: root,
		env,
		timeoutMs: 240_000,
	});
	expect(first.code, first.stderr).toBe(0);
	const cleanBuild = await runCli(
		['build', '--root', 'guidebooks', '--out', 'clean', '--state-dir', 'clean-state'],
		{ cwd: root, env, timeoutMs: 240_000 },
	);
	expect(cleanBuild.code, cleanBuild.stderr).toBe(0);
	clean = await comparableSiteFiles(join(root, 'clean'));
}, 600_000);

afterAll(() => removeFixture(root));

/** The one file of each kind the next build would reuse, as the last build left the state folder. */
async function cachedFiles(): Promise<Record<string, string>> {
	const astro = join(root, '.waymark/astro');
	const store = join(
		astro,
		(await readdir(astro)).find((name) => /^guidebooks-[0-9a-f]{12}$/.test(name)) ?? 'missing',
	);
	const pages = join(root, '.waymark/pages');
	const search = join(store, 'cache/waymark-search');
	const shard = join(
		search,
		(await readdir(search, { withFileTypes: true })).find((entry) => entry.isDirectory())?.name ??
			'missing',
	);
	// The shard's largest file: a fragment or index chunk Pagefind wrote, never the seal itself.
	const shardFiles = await Promise.all(
		(await readdir(shard, { recursive: true, withFileTypes: true }))
			.filter((entry) => entry.isFile() && entry.name !== 'waymark-seal.json')
			.map(async (entry) => ({
				file: join(entry.parentPath, entry.name),
				size: (await lstat(join(entry.parentPath, entry.name))).size,
			})),
	);
	return {
		"Astro's copy of a page": join(store, 'cache/dist/ops/restore/index.html'),
		'a rendered page body': join(store, 'cache/waymark-pages', htmlFileName('ops/restore.md')),
		'the page cache': join(pages, (await readdir(pages))[0] ?? 'missing'),
		'a part of the search index': shardFiles.sort((a, b) => b.size - a.size)[0]?.file ?? 'missing',
		'the record of the last build': join(store, 'waymark-record.json'),
	};
}

/** What each way does to a file: bytes changed in place, the size kept where it can be. */
const ways: Record<string, (file: string, n: number) => Promise<void>> = {
	truncate: async (file) => {
		const bytes = await readFile(file);
		await writeFile(file, bytes.subarray(0, Math.min(700, Math.floor(bytes.length / 2))));
	},
	edit: async (file) => {
		const bytes = Buffer.from(await readFile(file));
		const at = Math.floor(bytes.length / 2);
		bytes[at] = (bytes[at] ?? 0) ^ 1;
		await writeFile(file, bytes);
	},
	delete: (file) => rm(file),
	// To other bytes: what a link leads to would be published otherwise.
	symlink: async (file, n) => {
		const planted = join(root, `planted-${n}`);
		const bytes = await readFile(file);
		await writeFile(
			planted,
			Buffer.concat([
				bytes.subarray(0, Math.floor(bytes.length / 2)),
				Buffer.from('<script>alert(1)</script>'),
			]),
		);
		await rm(file);
		await symlink(planted, file);
	},
};

/**
 * The line each kind's check prints for a problem; for a file deleted from a cache of one file (the
 * page cache, the record), there is nothing left to fail a check, and nothing to say: `silent`.
 */
const said: Record<string, (problem: string) => { line: RegExp } | { silent: RegExp }> = {
	"Astro's copy of a page": (problem) => ({
		line: new RegExp(
			`^Astro's copies of 1 page from the last build failed their check and is rendered again: ops/restore/index\\.html \\(${problem}`,
			'm',
		),
	}),
	'a rendered page body': (problem) => ({
		line: new RegExp(
			`The rendered body of ops/restore\\.md from the last build failed its check \\(${problem === 'truncated' || problem === 'edited' ? 'edited or cut short' : problem}`,
			'm',
		),
	}),
	'the page cache': (problem) =>
		problem === 'deleted'
			? { silent: /^The page cache .* failed its check/m }
			: {
					line: new RegExp(
						`^The page cache .* failed its check \\(${problem}.*\\): every page is parsed again\\.$`,
						'm',
					),
				},
	'a part of the search index': (problem) => ({
		line: new RegExp(
			`The search index of \\d+ pages \\(the site's top\\) from the last build failed its check \\(.*: ${problem}.*\\): it is indexed again\\.`,
			'm',
		),
	}),
	'the record of the last build': (problem) =>
		problem === 'deleted'
			? { silent: /^The record of the last build failed its check/m }
			: {
					line: new RegExp(
						`^The record of the last build failed its check \\(${problem}.*\\): the site is built whole\\.$`,
						'm',
					),
				},
};
const problemOf = {
	truncate: 'truncated',
	edit: 'edited',
	delete: 'deleted',
	symlink: 'a symbolic link',
} as const;

describe.each(Object.keys(ways))('every kind of cached file, %sd', (way) => {
	let stdout: string;
	beforeAll(async () => {
		const files = await cachedFiles();
		for (const [n, file] of Object.values(files).entries())
			await (ways[way] as (file: string, n: number) => Promise<void>)(file, n);
		const run = await runCli(['build', '--root', 'guidebooks', '--out', 'out'], {
			cwd: root,
			env,
			timeoutMs: 240_000,
		});
		expect(run.code, run.stderr).toBe(0);
		stdout = run.stdout;
		built.push(way);
	}, 300_000);

	test('the build writes what a clean build writes', async () => {
		const out = await comparableSiteFiles(join(root, 'out'));
		expect([...out.keys()].sort()).toEqual([...clean.keys()].sort());
		expect(
			[...out].filter(([path, text]) => clean.get(path) !== text).map(([path]) => path),
		).toEqual([]);
	});

	test.each(Object.keys(said))('says why %s is made again', (kind) => {
		const expected = (said[kind] as (problem: string) => { line: RegExp } | { silent: RegExp })(
			problemOf[way as keyof typeof problemOf],
		);
		if ('line' in expected) expect(stdout).toMatch(expected.line);
		else expect(stdout).not.toMatch(expected.silent);
	});
});

test('the damage was done to a state the build had left whole (the control: an undamaged build says nothing)', async () => {
	const again = await runCli(['build', '--root', 'guidebooks', '--out', 'out'], {
		cwd: root,
		env,
		timeoutMs: 240_000,
	});
	expect(again.code, again.stderr).toBe(0);
	expect(again.stdout).not.toMatch(/failed (its|their) check/);
	expect(built).toEqual(Object.keys(ways));
}, 300_000);
