import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

// The launcher beside a CLI that reports how it was started and exits with a code of its own: what
// `bin/waymark.mjs` hands the CLI, whether it started again or not.
const dir = await writeFixture({
	'bin/waymark.mjs': await readFile(join(repoRoot, 'bin/waymark.mjs'), 'utf8'),
	'dist-cli/cli/main.js':
		'console.log(JSON.stringify({ pid: process.pid, execArgv: process.execArgv, argv: process.argv.slice(2) })); process.exitCode = 3;\n',
});
afterAll(() => removeFixture(dir));

interface Started {
	pid: number;
	execArgv: string[];
	argv: string[];
}

interface Launched {
	code: number | null;
	pid: number | undefined;
	stderr: string;
	started: Started;
}

async function launch(
	args: string[],
	nodeArgs: string[] = [],
	nodeOptions = '',
): Promise<Launched> {
	const child = spawn(process.execPath, [...nodeArgs, join(dir, 'bin/waymark.mjs'), ...args], {
		env: { ...process.env, NODE_OPTIONS: nodeOptions },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	return { code, pid: child.pid, stderr, started: JSON.parse(out) as Started };
}

const flag = '--max-semi-space-size=16';

test.each([[['build']], [['build', '--strict', '--out', 'site']], [['--no-color', 'build']]])(
	'build %j starts again in the same process with the young generation at 16 MB: its arguments, output and exit code as they were',
	async (args) => {
		const { code, pid, stderr, started } = await launch(args, ['--stack-size=2000']);
		expect(started.execArgv).toEqual([flag, '--stack-size=2000']);
		expect(started.argv).toEqual(args);
		expect(started.pid).toBe(pid);
		expect(code).toBe(3);
		expect(stderr).toBe('');
	},
);

test.each([[['check']], [['serve', '--demo']], [['--help']], [['check', 'build']]])(
	'%j starts once, as it is',
	async (args) => {
		const { started, stderr } = await launch(args);
		expect(started.execArgv).toEqual([]);
		expect(stderr).toBe('');
	},
);

test.each([
	{ nodeArgs: ['--max-semi-space-size=4'], nodeOptions: '' },
	{ nodeArgs: ['--min-semi-space-size=2'], nodeOptions: '' },
	{ nodeArgs: ['--max-heap-size=2000'], nodeOptions: '' },
	{ nodeArgs: [], nodeOptions: '--max-semi-space-size=64' },
	{ nodeArgs: [], nodeOptions: '--max_semi_space_size=64' },
	// V8 stops at start with a heap size beside both semi-space and old-space sizes.
	{ nodeArgs: [], nodeOptions: '--max-heap-size=1000 --max-old-space-size=500' },
])(
	"a heap sized by the user ($nodeArgs, NODE_OPTIONS $nodeOptions) is the user's, and stands",
	async ({ nodeArgs, nodeOptions }) => {
		const { code, stderr, started } = await launch(['build'], nodeArgs, nodeOptions);
		expect(started.execArgv).toEqual(nodeArgs);
		expect(code).toBe(3);
		expect(stderr).toBe('');
	},
);

// As on Windows, where Node has no `execve`: it warns before it refuses, so the launcher never asks.
test('under the permission model without child processes, build starts once, without a warning', async () => {
	const nodeArgs = ['--permission', `--allow-fs-read=${dir}`];
	const { code, stderr, started } = await launch(['build'], nodeArgs);
	expect(started.execArgv).toEqual(nodeArgs);
	expect(code).toBe(3);
	expect(stderr).toBe('');
});
