import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

// A tree at the project's top (`--root .`), so the state folder `.waymark/`, and with it the
// store Vite and Astro build from, is inside the tree. The guard that keeps a tree's modules
// from importing outside it took the store's own importers (`<store>/index.html`,
// `<store>/package.json`) for the tree's: it stubbed Astro's imports of the content config and of
// the build's logger, and every such build failed ("Rolldown failed to resolve import
// waymark-missing-module-3 from virtual:astro:logger"; found by the corpus fixtures).
let root: string;
let build: CliResult;

beforeAll(async () => {
	root = await writeFixture({
		'README.md': '# Runbooks\n\nSee [the rotation](ops/rotation.md).\n',
		'ops/rotation.md': '# Rotate the certificates\n\n```bash\nsudo systemctl reload nginx\n```\n',
	});
	build = await runCli(['build', '--root', '.', '--out', 'site'], {
		cwd: root,
		env: { WAYMARK_LOG_LEVEL: 'info', WAYMARK_CHROMIUM: '/nonexistent' },
	});
}, 300_000);

afterAll(async () => {
	await removeFixture(root);
});

test('builds a tree whose state folder is inside it, with no error from Astro', async () => {
	expect(build.code, build.stderr).toBe(0);
	expect(`${build.stdout}\n${build.stderr}`).not.toMatch(
		/\[ERROR\]|Internal error|waymark-missing-module/,
	);
	expect(existsSync(join(root, '.waymark'))).toBe(true);
	expect(await readFile(join(root, 'site/ops/rotation/index.html'), 'utf8')).toContain('systemctl');
});
