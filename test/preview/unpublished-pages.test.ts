import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import type { PreviewManifest } from '../../preview/pages.ts';
import { writePreview } from '../../preview/write-preview.ts';
import { hasControlCharacter } from '../../tree/walk-files.ts';
import { removeFixture } from '../helpers/fixture.ts';
import { writeGitFixture } from './git-fixture.ts';

// A branch adding pages the site leaves out (their place belongs to another): the preview lists
// and diffs the pages the site shows, and never writes where another page's diff goes.
let repo: string;
let outDir: string;
let manifest: PreviewManifest;

beforeAll(async () => {
	repo = await writeGitFixture([
		{
			'guidebooks/README.md': '# Home\n',
			'guidebooks/old\tpage.md': '# Old\n',
			'guidebooks/gone.md': '# Gone\n',
		},
		{
			'guidebooks/old\tpage.md': null,
			'guidebooks/gone.md': null,
			'guidebooks/README.md': '# Home\n\nNow with [ops](ops.md).\n',
			'guidebooks/ops.md': '# Ops\n',
			'guidebooks/index.html.md': '# Home (Middleman)\n',
			'guidebooks/a.md': '# A as a file\n',
			'guidebooks/a/README.md': '# A as a folder\n',
			// Names no URL can carry: the walk leaves them out, and a `\` is a route no page can have.
			'guidebooks/tab\tname.md': '# Tab\n',
			'guidebooks/line\nbreak.md': '# Break\n',
			'guidebooks/back\\slash.md': '# Backslash\n',
			// A `#` is published, at `/q%23hash/` as GitHub links it: its diff is written too.
			'guidebooks/q#hash.md': '# Hash\n',
		},
	]);
	outDir = join(repo, 'out');
	await mkdir(outDir);
	await writeFile(
		join(outDir, 'index.html'),
		'<!doctype html><html><head><title>Home</title></head><body><main>Home</main></body></html>',
	);
	manifest = await writePreview({
		root: join(repo, 'guidebooks'),
		outDir,
		ref: 'HEAD~1',
		config: parseConfig({}),
	});
});

afterAll(() => removeFixture(repo));

test('lists the changed pages the site shows, and not the ones it leaves out', () => {
	expect(manifest.pages.map((page) => `${page.status} ${page.path}`).sort()).toEqual([
		'added a/README.md',
		'added ops.md',
		'added q#hash.md',
		'changed README.md',
		'removed gone.md',
	]);
});

test('writes no diff page where no URL can lead', async () => {
	const { readdir } = await import('node:fs/promises');
	const written = await readdir(join(outDir, '_waymark'), { recursive: true });
	expect(written.filter((path) => hasControlCharacter(path) || path.includes('\\'))).toEqual([]);
	expect(written).toContain('diff/ops/index.html');
	expect(written).toContain('diff/q#hash/index.html');
});

test("writes the home page's diff as a file, where `index.html.md` would have made a folder", async () => {
	expect((await stat(join(outDir, '_waymark/diff/index.html'))).isFile()).toBe(true);
	expect((await stat(join(outDir, '_waymark/diff/a/index.html'))).isFile()).toBe(true);
});
