import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

// `npm pack` in a fresh clone, before `npm install`, ran `prepack` without its compiler and ended
// with `sh: 1: tsc: not found`. npm runs the script with `sh -c` in the package folder,
// node_modules/.bin first on PATH. Here the package folder holds the checkout's esbuild or not,
// and a stand-in for the bundler (`cli/bundle.ts`) that says it ran.
const prepack =
	(
		JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
			scripts: Record<string, string>;
		}
	).scripts['prepack'] ?? '';
let dir: string;
beforeAll(async () => {
	// Outside the install: the checkout's own node_modules must not be found above the fixture.
	dir = await writeFixture(
		{
			'with-esbuild/node_modules/esbuild/package.json':
				'{ "name": "esbuild", "version": "0.28.2" }\n',
			'with-esbuild/cli/bundle.ts': "process.stdout.write('bundled\\n');\n",
			'without-esbuild/package.json': '{ "name": "waymark" }\n',
			'without-esbuild/cli/bundle.ts': "process.stdout.write('bundled\\n');\n",
		},
		{ outsideInstall: true },
	);
});
afterAll(() => removeFixture(dir));

const runPrepack = (folder: string) =>
	promisify(execFile)('/bin/sh', ['-c', prepack], {
		cwd: join(dir, folder),
		env: { PATH: dirname(process.execPath) },
	})
		.then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
		.catch((error: { code: number; stdout: string; stderr: string }) => error);

test('prepack says to run npm install first when the checkout has no esbuild', async () => {
	const result = await runPrepack('without-esbuild');
	expect(result.code).toBe(1);
	expect(result.stdout).toBe('');
	expect(result.stderr).toMatchInlineSnapshot(`
		"npm pack bundles the CLI with esbuild, which is not installed in this checkout: run npm install here first, then npm pack.
		"
	`);
});

test('prepack bundles the CLI when the checkout has esbuild', async () => {
	const result = await runPrepack('with-esbuild');
	expect(result).toEqual({ code: 0, stdout: 'bundled\n', stderr: '' });
});
