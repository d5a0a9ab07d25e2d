import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

// The launcher beside a CLI that reports how it was started and exits with a code of its own: what
// `bin/waymark.mjs` hands the CLI, whether it started again or not.
const dir = await writeFixture({
	'bin/waymark.mjs': await readFile(join(repoRoot, 'bin/waymark.mjs'), 'utf8'),
	'dist-cli/cli/main.js': 'console.log(JSON.stringify({ pid: process.pid, execArgv: process.execArgv, argv: process.argv.slice(2) })); process.exitCode = 3;\n',
});
afterAll(() => removeFixture(dir));

interface Started {
	pid: number;
	execArgv: string[];
	argv: string[];
}

async function launch(args: string[], nodeArgs: string[] = [], nodeOptions = ''): Promise<{ code: number | null; pid: number | undefined; started: Started }> {
	const child = spawn(process.execPath, [...nodeArgs, join(dir, 'bin/waymark.mjs'), ...args], { env: { ...process.env, NODE_OPTIONS: nodeOptions }, stdio: ['ignore', 'pipe', 'inherit'] });
	let out = '';
	child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	return { code, pid: child.pid, started: JSON.parse(out) as Started };
}

const flag = '--max-semi-space-size=16';

test('build starts again in the same process with the young generation at 16 MB: its arguments, output and exit code as they were', async () => {
	for (const args of [['build'], ['build', '--strict', '--out', 'site'], ['--no-color', 'build']]) {
		const { code, pid, started } = await launch(args, ['--stack-size=2000']);
		expect(started.execArgv).toEqual([flag, '--stack-size=2000']);
		expect(started.argv).toEqual(args);
		expect(started.pid).toBe(pid);
		expect(code).toBe(3);
	}
});

test('other commands start once, as they are', async () => {
	for (const args of [['check'], ['serve', '--demo'], ['--help'], ['check', 'build']]) {
		const { started } = await launch(args);
		expect(started.execArgv).toEqual([]);
	}
});

test("a young generation sized on the command line or in NODE_OPTIONS is the user's, and stands", async () => {
	expect((await launch(['build'], ['--max-semi-space-size=4'])).started.execArgv).toEqual(['--max-semi-space-size=4']);
	expect((await launch(['build'], ['--min-semi-space-size=2'])).started.execArgv).toEqual(['--min-semi-space-size=2']);
	expect((await launch(['build'], [], '--max-semi-space-size=64')).started.execArgv).toEqual([]);
	expect((await launch(['build'], [], '--max_semi_space_size=64')).started.execArgv).toEqual([]);
});
