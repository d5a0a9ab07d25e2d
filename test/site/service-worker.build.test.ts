import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// The worker's cache is named by what the build wrote: a new name makes readers' browsers drop the
// copy of the previous build (and its search index) instead of mixing the two.
let root: string;
const workers: string[] = [];

const page = (words: string) => `# Database\n\nFail over the ${words} with the script.\n`;
const cacheName = (worker: string) => /const CACHE = "([^"]+)"/.exec(worker)?.[1];

beforeAll(async () => {
	root = await writeFixture({ 'guidebooks/README.md': page('primary database') });
	const build = async () => {
		const built = await runCli(['build', '--root', 'guidebooks', '--out', 'dist'], {
			cwd: root,
			env: { WAYMARK_CHROMIUM: '/nonexistent' },
		});
		expect(built.code, built.stderr).toBe(0);
		workers.push(await readFile(join(root, 'dist/sw.js'), 'utf8'));
	};
	await build();
	await build();
	// Only the page's text changes: no style or script does, so only the search index tells.
	await writeFile(join(root, 'guidebooks/README.md'), page('replica cluster'));
	await build();
}, 240_000);

afterAll(async () => {
	await removeFixture(root);
});

test('writes the same worker for the same tree', () => {
	expect(cacheName(workers[0] ?? '')).toMatch(/^waymark-[0-9a-f]{12}$/);
	expect(workers[1]).toBe(workers[0]);
});

test('names a new cache when only the text of a page changed', () => {
	expect(cacheName(workers[2] ?? '')).toMatch(/^waymark-[0-9a-f]{12}$/);
	expect(cacheName(workers[2] ?? '')).not.toBe(cacheName(workers[0] ?? ''));
});
