import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

// `npm pack` in a fresh clone, before `npm install`, ran `prepack` without tsc and ended with
// `sh: 1: tsc: not found`. npm runs the script with `sh -c` and node_modules/.bin first on PATH;
// here PATH is one folder, holding a stand-in tsc or nothing.
const prepack = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['prepack'] ?? '';
let bin: string;
beforeAll(async () => {
	bin = await writeFixture({ 'with-tsc/tsc': '#!/bin/sh\necho "tsc $*"\n', 'without-tsc/.keep': '' });
	await promisify(execFile)('chmod', ['+x', join(bin, 'with-tsc/tsc')]);
});
afterAll(() => removeFixture(bin));

const runPrepack = (folder: string) =>
	promisify(execFile)('/bin/sh', ['-c', prepack], { cwd: repoRoot, env: { PATH: join(bin, folder) } })
		.then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
		.catch((error: { code: number; stdout: string; stderr: string }) => error);

test('prepack says to run npm install first when tsc is not installed', async () => {
	const result = await runPrepack('without-tsc');
	expect(result.code).toBe(1);
	expect(result.stdout).toBe('');
	expect(result.stderr).toMatchInlineSnapshot(`
		"npm pack compiles the CLI with tsc, which is not installed in this checkout: run npm install here first, then npm pack.
		"
	`);
});

test('prepack compiles the CLI with tsc when it is installed', async () => {
	const result = await runPrepack('with-tsc');
	expect(result).toEqual({ code: 0, stdout: 'tsc -p tsconfig.pack.json\n', stderr: '' });
});
