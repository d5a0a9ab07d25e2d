import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

// A MkDocs page's HTML depends on files other than the page (snippets, templates): Astro's cache of
// rendered Markdown must follow them, and must stay when nothing changed.
let root: string;
const builds: Array<CliResult & { html: string }> = [];

beforeAll(async () => {
	root = await writeFixture({
		'mkdocs.yml':
			'site_name: Ops\nplugins:\n  - macros:\n      include_dir: docs/partials\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: docs/snippets\nexclude_docs: |\n  snippets/\n  partials/\n',
		'docs/index.md': '# Ops\n\n--8<-- "contact.md"\n\n{% include "footer.md" %}\n',
		'docs/snippets/contact.md': 'Call the first line.',
		'docs/partials/footer.md': 'Kept by the platform team.',
		'docs/calm.md': '# Calm\n\nNothing pulled in here.\n',
	});
	const env = { WAYMARK_LOG_LEVEL: 'info', WAYMARK_CHROMIUM: '/nonexistent' };
	const build = async () => {
		const result = await runCli(['build', '--root', 'docs', '--out', 'dist'], { cwd: root, env });
		builds.push({ ...result, html: await readFile(join(root, 'dist/index.html'), 'utf8') });
	};
	await build();
	await writeFile(join(root, 'docs/snippets/contact.md'), 'Call the second line.');
	await writeFile(join(root, 'docs/partials/footer.md'), 'Kept by the network team.');
	await build();
	await build();
	// The tree becomes a repository (each page gains the day of its commit), then a commit changes the snippet.
	const git = (...args: string[]) =>
		promisify(execFile)(
			'git',
			['-c', 'user.name=Ops', '-c', 'user.email=ops@example.invalid', ...args],
			{ cwd: root },
		);
	await git('init', '--quiet');
	await git('add', '-A');
	await git('commit', '--quiet', '-m', 'ops');
	await build();
	await writeFile(join(root, 'docs/snippets/contact.md'), 'Call the third line.');
	await git('commit', '--quiet', '-am', 'contact');
	await build();
});

afterAll(async () => {
	await removeFixture(root);
});

test('republishes a page when a snippet or template it pulls in changes, and changes nothing when none did', () => {
	expect(builds.map((b) => b.code)).toEqual([0, 0, 0, 0, 0]);
	expect(
		builds.map((b) => [b.html.includes('Call the second line.'), b.html.includes('network team')]),
	).toEqual([
		[false, false],
		[true, true],
		[true, true],
		[true, true],
		[false, true],
	]);
	expect(builds[4]?.html).toContain('Call the third line.');
	expect(builds[4]?.stdout).not.toContain('Clearing content store');
	// Committed, the snippet's change is still the page's body (and the day it shows): patched in place.
	expect(builds[4]?.stdout).toContain(
		'Only page bodies changed since the last build: 1 page republished in place',
	);
	expect(builds[0]?.html).toContain('Call the first line.');
	// The pulled-in files are part of what the page is made from: their change is the page's, patched in place.
	expect(builds[1]?.stdout).toContain(
		'Only page bodies changed since the last build: 1 page republished in place',
	);
	expect(builds[2]?.stdout).toContain(
		'Nothing changed since the last build: the site is as it was.',
	);
});
