import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { writeSearchIndex } from '../../integration/pagefind-index.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// A real build indexes its pages for search while Astro writes them (`search-feed.ts`, through
// the prerenderer `page-tee.ts` wraps): every part of the index comes from there, and the index is
// the one Pagefind makes of the written files afterwards, byte for byte.
const roots: string[] = [];
afterAll(async () => {
	for (const root of roots) await removeFixture(root);
});

async function searchFiles(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
		if (entry.isFile())
			out[relative(dir, join(entry.parentPath, entry.name))] = (
				await readFile(join(entry.parentPath, entry.name))
			).toString('base64');
	return out;
}

test('a build indexes every part of its search index while it writes the pages, and it is the index of the files', async () => {
	// 240 pages in three folders: three parts of the index (at most 100 pages a part).
	const files: Record<string, string> = { 'README.md': '# Runbooks\n\nOn-call guides.\n' };
	for (let n = 0; n < 240; n++)
		files[`${['db', 'net', 'ops café'][n % 3]}/svc-${n}.md`] =
			`# Service ${n}\n\nRestart replica ${n} and drain the queue.\n\n## Verify\n\nCheck latency ${n % 7}.\n`;
	const root = await writeFixture(files);
	roots.push(root);
	const out = `${root}-dist`;
	const built = await runCli(['build', '--root', root, '--out', out], {
		env: { DEBUG: 'waymark', WAYMARK_LOG_LEVEL: 'info' },
	});
	expect(built.code, built.stderr).toBe(0);
	const parts = /search: (\d+) of (\d+) parts of the index made while the pages were written/.exec(
		built.stdout + built.stderr,
	);
	expect(parts?.slice(1)).toEqual(['3', '3']);
	// Less the offline copy's list of files, which the service worker step writes beside the index.
	const { 'waymark-offline.json': offline, ...fed } = await searchFiles(join(out, 'pagefind'));
	expect(offline).toBeDefined();
	// The same files indexed afterwards, without the feed or a cache.
	await rm(join(out, 'pagefind'), { recursive: true });
	await writeSearchIndex(`${out}/`);
	expect(await searchFiles(join(out, 'pagefind'))).toEqual(fed);
}, 180_000);
