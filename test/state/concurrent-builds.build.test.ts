import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// Two trees with pages of the same paths and different text: a build that read the other tree's
// content store or work folder would publish the other tree's words.
const pages = (tree: string): Record<string, string> => ({
	[`${tree}/README.md`]: `# ${tree} home\n\nThe ${tree} runbooks. See [restore](ops/restore.md).\n`,
	[`${tree}/ops/restore.md`]: `# Restore ${tree}\n\nRestore the ${tree} database.\n\n\`\`\`mermaid\nflowchart LR\n  ${tree} --> backup\n\`\`\`\n`,
});
let project: string;

beforeAll(async () => {
	project = await writeFixture({ ...pages('alpha'), ...pages('beta') });
});
afterAll(() => removeFixture(project));

/** Every file of a built site, by path, with its text (the status snapshot's time left out); binary files by name only. */
async function siteFiles(dir: string): Promise<Record<string, string>> {
	const files: Record<string, string> = {};
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const path = relative(dir, join(entry.parentPath, entry.name));
		files[path] = /\.(html|css|js|json)$/.test(path)
			? (await readFile(join(dir, path), 'utf8')).replace(
					/"generatedAt":"[^"]*"/g,
					'"generatedAt":"…"',
				)
			: '';
	}
	return files;
}

const build = (tree: string, out: string, stateDir: string) =>
	runCli(
		[
			'build',
			'--root',
			join(project, tree),
			'--out',
			join(project, out),
			'--state-dir',
			join(project, stateDir),
		],
		{ env: { WAYMARK_CHROMIUM: '/nonexistent' } },
	);

test('two builds of different trees at once, in one state folder, publish what one after the other does', async () => {
	const together = await Promise.all([
		build('alpha', 'together-alpha', 'state-together'),
		build('beta', 'together-beta', 'state-together'),
	]);
	expect(together.map((r) => [r.code, r.stderr])).toEqual([
		[0, ''],
		[0, ''],
	]);
	for (const [tree, out] of [
		['alpha', 'apart-alpha'],
		['beta', 'apart-beta'],
	] as const)
		expect((await build(tree, out, 'state-apart')).code).toBe(0);
	for (const tree of ['alpha', 'beta']) {
		const [once, apart] = await Promise.all([
			siteFiles(join(project, `together-${tree}`)),
			siteFiles(join(project, `apart-${tree}`)),
		]);
		expect(once['ops/restore/index.html']).toContain(`Restore the ${tree} database.`);
		expect(Object.keys(once).sort()).toEqual(Object.keys(apart).sort());
		for (const path of Object.keys(apart)) expect(once[path], path).toBe(apart[path]);
	}
	// Each tree has its own store in the shared state folder; nothing is left locked.
	const stores = await readdir(join(project, 'state-together/astro'));
	expect(stores.map((name) => name.replace(/-[0-9a-f]{12}$/, ''))).toEqual(['alpha', 'beta']);
	for (const store of stores)
		expect(await readdir(join(project, 'state-together/astro', store))).not.toContain('lock');
}, 600_000);
