import { execFile } from 'node:child_process';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pagesChangedSince } from '../../checks/changed-since.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { commitAt, initRepository } from '../helpers/dated-commits.ts';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

// An mdBook's `{{#include}}` links, as a book about a homeserver writes them: a sample config inside
// a code block, and links to files the site must never show. The page's HTML follows the file it
// includes from build to build.
let dir: string;
let root: string;
let check: CliResult;
const builds: Array<CliResult & { html: string; calm: string }> = [];

beforeAll(async () => {
	// The repository is `repo/`; `private/` lies beside it, out of the repository a trusted build may read.
	dir = await writeFixture({
		'repo/book.toml': '[book]\ntitle = "Homeserver"\nsrc = "docs"\n',
		'repo/docs/README.md':
			'# Homeserver configuration\n\n```yaml\n{{#include samples/homeserver.yaml}}\n```\n\nKeep {{#include ../../private/notes.txt}} aside.\n\n{{#include samples/.env}}\n\n{{#include samples/linked.txt}}\n\n\\{{#include samples/homeserver.yaml}} is how a page writes it.\n',
		'repo/docs/samples/homeserver.yaml': 'listeners:\n  - port: 8008\n    type: http\n',
		// Its tab title comes from an included file: a change there leaves the page's read text as it was.
		'repo/docs/calm.md': '# Calm\n\n{{#include samples/tab.txt}}Nothing else to include here.\n',
		'repo/docs/samples/tab.txt': '{{#title Calm seas, on call}}',
		'repo/docs/samples/.env': 'SIGNING_KEY=OUT-OF-BOUNDS-ENV\n',
		'private/notes.txt': 'OUT-OF-BOUNDS-NOTES',
	});
	root = join(dir, 'repo');
	await symlink('../../../private/notes.txt', join(root, 'docs/samples/linked.txt'));
	await promisify(execFile)('git', ['init', '--quiet', root]);
	const commit = () =>
		promisify(execFile)(
			'git',
			[
				'-c',
				'user.name=Ops',
				'-c',
				'user.email=ops@example.invalid',
				'commit',
				'--quiet',
				'-am',
				'samples',
			],
			{ cwd: root },
		);
	await promisify(execFile)(
		'git',
		[
			'add',
			'book.toml',
			'docs/README.md',
			'docs/calm.md',
			'docs/samples/tab.txt',
			'docs/samples/homeserver.yaml',
		],
		{ cwd: root },
	);
	await commit();
	const env = { WAYMARK_LOG_LEVEL: 'info', WAYMARK_CHROMIUM: '/nonexistent' };
	check = await runCli(['check', '--root', 'docs'], { cwd: root, env });
	const build = async () => {
		const result = await runCli(['build', '--root', 'docs', '--out', 'dist'], { cwd: root, env });
		builds.push({
			...result,
			html: await readFile(join(root, 'dist/index.html'), 'utf8'),
			calm: await readFile(join(root, 'dist/calm/index.html'), 'utf8'),
		});
	};
	await build();
	await writeFile(
		join(root, 'docs/samples/homeserver.yaml'),
		'listeners:\n  - port: 8448\n    type: http\n',
	);
	await build();
	await build();
	// Committed, the change is still a body change (with the day it shows as last updated): patched in place.
	await writeFile(
		join(root, 'docs/samples/homeserver.yaml'),
		'listeners:\n  - port: 9000\n    type: http\n',
	);
	await commit();
	await build();
	// Only the included file's `{{#title}}` changes.
	await writeFile(join(root, 'docs/samples/tab.txt'), '{{#title Calm seas, paged}}');
	await build();
});

afterAll(async () => {
	await removeFixture(dir);
});

test('`check` names each link it cannot follow at its line and column, and why', () => {
	const lines = check.stdout.split('\n').filter((line) => line.includes('dialect-syntax'));
	expect(check.stdout).toContain('docs/README.md');
	expect(lines.map((line) => line.trim().replace(/\s+/g, ' '))).toEqual([
		expect.stringMatching(
			/^7:6 warning Unexpected `\{\{#include \.\.\/\.\.\/private\/notes\.txt\}\}`: outside the repository \(`\.\.\/\.\.\/private\/notes\.txt`\), which Waymark never reads; expected a file inside the repository\. Waymark shows the link as written/,
		),
		// A secret the book would publish stops the gate.
		expect.stringMatching(
			/^9:1 error Unexpected `\{\{#include samples\/\.env\}\}`: a file that holds environment variables .*mdBook would publish it/,
		),
		expect.stringMatching(
			/^11:1 warning Unexpected `\{\{#include samples\/linked\.txt\}\}`: outside the repository/,
		),
	]);
});

test('the page shows the file in its code block, never a file outside the repository or a secret, and follows the file from build to build', () => {
	expect(builds.map((b) => b.code)).toEqual([0, 0, 0, 0, 0]);
	const [first, second, third, fourth] = builds.map((b) => b.html);
	expect(first).toMatch(/port<\/span>.*8008/s);
	expect(first).not.toContain('samples/homeserver.yaml}}</span>');
	for (const html of builds.map((b) => b.html)) {
		expect(html).not.toContain('OUT-OF-BOUNDS');
		// An escaped link is text without its backslash, as on the book.
		expect(html).toContain('{{#include samples/homeserver.yaml}} is how a page writes it.');
	}
	expect(second).toMatch(/8448/);
	expect(second).not.toMatch(/8008/);
	expect(builds[1]?.stdout).toContain(
		'Only page bodies changed since the last build: 1 page republished in place',
	);
	expect(builds[2]?.stdout).toContain(
		'Nothing changed since the last build: the site is as it was.',
	);
	expect(third).toBe(second);
	expect(fourth).toMatch(/9000/);
	expect(builds[3]?.stdout).not.toContain('Clearing content store');
	expect(builds[3]?.stdout).toContain(
		'Only page bodies changed since the last build: 1 page republished in place',
	);
});

test("`{{#title}}` is the tab's whole title, as on the book, and follows its included file; a page without one keeps its own and the book's", () => {
	const [first, last] = [builds[0]?.calm ?? '', builds.at(-1)?.calm ?? ''];
	expect(first).toContain('<title>Calm seas, on call</title>');
	expect(first).not.toContain('{{#');
	// The page's heading keeps the page's own title.
	expect(first).toMatch(/<h1[^>]*>Calm<\/h1>/);
	expect(builds.at(-1)?.stdout).not.toContain('Nothing changed since the last build');
	expect(last).toContain('<title>Calm seas, paged</title>');
	expect(last).toMatch(/<h1[^>]*>Calm<\/h1>/);
	expect(builds.at(-1)?.html).toMatch(/<title>Homeserver configuration · [^<]+<\/title>/);
});

test('`--changed-since` judges a page whose included file changed', async () => {
	const dir = await writeFixture({});
	try {
		await initRepository(dir);
		await commitAt(dir, '2026-11-20', {
			'book.toml': '[book]\nsrc = "docs"\n',
			'docs/README.md': '# Top\n\n```yaml\n{{#include samples/a.yaml}}\n```\n',
			'docs/ops/restore.md': '# Restore\n\n{{#include ../samples/missing.txt}}\n',
			'docs/calm.md': '# Calm\n',
			'docs/samples/a.yaml': 'a: 1\n',
		});
		await commitAt(dir, '2026-11-21', {
			'docs/samples/a.yaml': 'a: 2\n',
			'docs/samples/missing.txt': 'Now here.\n',
		});
		const tree = await loadGuidebookTree(join(dir, 'docs'));
		expect(tree.pages.get('README.md')?.pulled).toEqual(['samples/a.yaml']);
		expect(tree.pages.get('ops/restore.md')?.pulled).toEqual(['samples/missing.txt']);
		expect([...(await pagesChangedSince(tree, 'HEAD~1'))].sort()).toEqual([
			'README.md',
			'ops/restore.md',
		]);
	} finally {
		await removeFixture(dir);
	}
});
