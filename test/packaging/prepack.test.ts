import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

// `npm pack` in a fresh clone, before `npm install`, ran `prepack` without tsc and ended with
// `sh: 1: tsc: not found`; a tsc installed globally compiled with the wrong TypeScript. npm runs
// the script with `sh -c` in the package folder, node_modules/.bin first on PATH. Here the package
// folder holds the checkout's TypeScript or not, and PATH is a stand-in tsc (a global one, when the
// checkout has none) and node.
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
			'bin/tsc': '#!/bin/sh\necho "tsc $*"\n',
			'with-typescript/node_modules/typescript/package.json':
				'{ "name": "typescript", "version": "5.9.3" }\n',
			'without-typescript/package.json': '{ "name": "waymark" }\n',
		},
		{ outsideInstall: true },
	);
	await promisify(execFile)('chmod', ['+x', join(dir, 'bin/tsc')]);
});
afterAll(() => removeFixture(dir));

const runPrepack = (folder: string) =>
	promisify(execFile)('/bin/sh', ['-c', prepack], {
		cwd: join(dir, folder),
		env: { PATH: [join(dir, 'bin'), dirname(process.execPath)].join(delimiter) },
	})
		.then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
		.catch((error: { code: number; stdout: string; stderr: string }) => error);

test('prepack says to run npm install first when the checkout has no TypeScript, even with a tsc on PATH', async () => {
	const result = await runPrepack('without-typescript');
	expect(result.code).toBe(1);
	expect(result.stdout).toBe('');
	expect(result.stderr).toMatchInlineSnapshot(`
		"npm pack compiles the CLI with tsc, which is not installed in this checkout: run npm install here first, then npm pack.
		"
	`);
});

test('prepack compiles the CLI with tsc when the checkout has TypeScript', async () => {
	const result = await runPrepack('with-typescript');
	expect(result).toEqual({ code: 0, stdout: 'tsc -p tsconfig.pack.json\n', stderr: '' });
});
