import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sourceLineOf } from '../../../tools/syntax/line-origins.ts';
import { loadGuidebookTree } from '../../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../../helpers/fixture.ts';

// A VitePress project whose `srcDir` is `src/`, read as a branch under review: its snippets and
// includes come through the tree's pull rules, and what they add maps back to the page's lines.
let dir: string;

beforeAll(async () => {
	dir = await writeFixture({
		'outside.txt': 'OUTSIDE-TEXT\n',
		'docs/.vitepress/config.js': "export default { title: 'Ops', srcDir: 'src' }\n",
		'docs/src/snippets/restart.sh':
			'#!/bin/sh\n# #region restart\n  systemctl restart app\n# #endregion restart\n',
		'docs/src/guide/page.md': [
			'# Restart',
			'',
			'<<< @/snippets/restart.sh#restart',
			'',
			'<<< ../../../outside.txt',
			'',
			'<!--@include: ./parts/check.md-->',
			'',
			'Done.',
			'',
		].join('\n'),
		'docs/src/guide/parts/check.md': '---\ntitle: Check\n---\nCheck the logs.\n{{ uptime() }}\n',
	});
	const git = (...args: string[]) => promisify(execFile)('git', ['-C', dir, ...args]);
	await git('init', '--quiet');
	await git('add', '-A');
});

afterAll(async () => {
	await removeFixture(dir);
});

test('shows the snippet and the included part, refuses a file outside the root, and puts each finding on its line of the page', async () => {
	const tree = await loadGuidebookTree(join(dir, 'docs'), { trust: 'untrusted' });
	const page = tree.pages.get('src/guide/page.md');
	expect(page?.text).toContain('```sh\nsystemctl restart app\n```');
	expect(page?.text).toContain('Check the logs.');
	expect(page?.text).not.toContain('OUTSIDE-TEXT');
	expect(page?.text).not.toMatch(/<<<|@include/);
	expect(page?.pulled).toEqual(['src/guide/parts/check.md', 'src/snippets/restart.sh']);
	expect(
		page?.dialectNotes.map(
			(note) => `${sourceLineOf(note.line, page.sourceLines)} ${note.message}`,
		),
	).toEqual([
		'5 Unexpected code snippet import `<<< ../../../outside.txt` (`../outside.txt`): outside the root (`../outside.txt`), which Waymark never reads; expected a file inside the root. A notice is shown',
		expect.stringMatching(/^7 Unexpected Vue expression `\{\{ uptime\(\) \}\}`/),
	]);
});

test('an absolute path is read only inside the boundary: never a file of the system, nor one outside the root under review', async () => {
	const absolute = join(dir, 'outside.txt');
	await writeFile(
		join(dir, 'docs/src/guide/absolute.md'),
		`# Absolute\n\n<<< ${absolute}\n\n<<< /etc/hostname\n\n<!--@include: /etc/passwd-->\n`,
	);
	const tree = await loadGuidebookTree(join(dir, 'docs'), { trust: 'untrusted' });
	const page = tree.pages.get('src/guide/absolute.md');
	expect(page?.text).not.toContain('OUTSIDE-TEXT');
	expect(page?.text).not.toMatch(/root:|localhost|<<<|@include/);
	expect(page?.pulled ?? []).toEqual([]);
	expect(page?.dialectNotes.map((note) => note.message)).toEqual([
		expect.stringMatching(/outside the root/),
		expect.stringMatching(/outside the root/),
		expect.stringMatching(/outside the root/),
	]);
});
