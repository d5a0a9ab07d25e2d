import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadPage } from '../helpers/dom.ts';
import { removeFixture, runCli, type CliResult } from '../helpers/fixture.ts';
import { writeGitFixture } from './git-fixture.ts';

// A branch under review with an error finding still gets its preview: `build --base` publishes
// like `build`, and the reviewer sees the finding on the changes page.
let repo: string;
let build: CliResult;

beforeAll(async () => {
	repo = await writeGitFixture([
		{
			'guidebooks/README.md': '# Home\n\n[Ops](ops.md)\n',
			'guidebooks/ops.md': '# Ops\n\nRestart the worker.\n',
		},
		{ 'guidebooks/ops.md': '# Ops\n\nRestart the worker, then [restore](restore.md).\n' },
	]);
	build = await runCli(['build', '--root', 'guidebooks', '--out', 'dist', '--base', 'HEAD~1'], {
		cwd: repo,
	});
}, 240_000);

afterAll(() => removeFixture(repo));

test('builds the site and its preview with exit 0 despite an error finding', async () => {
	expect(build.code, build.stderr).toBe(0);
	expect(build.stdout).toMatch(
		/^Built 2 guidebook pages, plus the status and 404 pages, into dist\/ with 1 error and 0 warnings; run `waymark check` for the gate$/m,
	);
	expect(build.stdout).toContain(
		'Added the preview of 1 changed page(s) since HEAD~1: /_waymark/changes/',
	);
	expect((await stat(join(repo, 'dist/_waymark/diff/ops/index.html'))).isFile()).toBe(true);
});

test('shows the error on the changes page beside the changed page, naming its rule without a link', async () => {
	const doc = await loadPage(join(repo, 'dist'), '/_waymark/changes/');
	const items = [...doc.querySelectorAll('li[data-path="ops.md"] .waymark-findings li')];
	expect(items.map((li) => li.textContent ?? '')).toEqual([
		expect.stringMatching(/Unexpected link to missing file `restore\.md`.* \(internal-links\)$/),
	]);
	// Waymark's rules are documented in the package only: no address to link.
	expect(
		items.flatMap((li) => [...li.querySelectorAll('a')].map((a) => a.getAttribute('href'))),
	).toEqual([]);
});
