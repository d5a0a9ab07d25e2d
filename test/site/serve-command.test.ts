import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { cliPath, removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

test('exits with 2 and says how to build when the folder holds no site', async () => {
	const dir = await writeFixture({ 'readme.txt': 'not a site' });
	try {
		const result = await runCli(['serve', '--dir', dir, '--port', '0', '--host', '127.0.0.1'], {
			timeoutMs: 20_000,
		});
		expect(result.code).toBe(2);
		expect(result.stderr.replaceAll(dir, '<dir>')).toMatchInlineSnapshot(`
			"\`<dir>\` holds no built site (no index.html).
			Hint: Run \`waymark build\` first, or pass the folder it wrote with \`--dir\`.
			"
		`);
	} finally {
		await removeFixture(dir);
	}
});

test('rejects a port that is not a number', async () => {
	const dir = await writeFixture({ 'index.html': '<h1>Home</h1>' });
	try {
		const result = await runCli(['serve', '--dir', dir, '--port', 'http'], { timeoutMs: 20_000 });
		expect(result.code).toBe(2);
		expect(result.stderr).toMatchInlineSnapshot(`
			"Unexpected port \`http\`, expected a whole number from 0 to 65535.
			Hint: Pass e.g. \`--port 4321\`, or \`--port 0\` to pick a free port.
			"
		`);
	} finally {
		await removeFixture(dir);
	}
});

/** Starts `waymark serve` with `args`, returns what it printed once it serves, and stops it. */
async function startedOutput(args: string[]): Promise<string> {
	const child = spawn(process.execPath, [cliPath, 'serve', ...args], {
		env: { ...process.env, NO_COLOR: '1' },
	});
	let output = '';
	try {
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 15_000);
			const read = (chunk: Buffer): void => {
				output += chunk.toString();
				// The warnings follow the "Serving" line; give stderr a moment to arrive.
				if (output.includes('Serving ')) setTimeout(() => (clearTimeout(timer), resolve()), 300);
			};
			child.stdout.on('data', read);
			child.stderr.on('data', read);
			child.once('exit', () => reject(new Error(`serve exited: ${output}`)));
		});
	} finally {
		child.kill('SIGTERM');
	}
	return output;
}

test('serves an untrusted site without live status, never reading its probe manifest', async () => {
	const dir = await writeFixture({ 'index.html': '<h1>Home</h1>' });
	try {
		const untrusted = await startedOutput([
			'--dir',
			dir,
			'--port',
			'0',
			'--host',
			'127.0.0.1',
			'--untrusted',
		]);
		expect(untrusted).toContain(
			'Live status is off: the site is untrusted (--untrusted), so no probe runs.',
		);
		expect(untrusted).not.toContain('probes file');
		// Positive control: trusted, serve looks for the manifest and says it is missing.
		const trusted = await startedOutput(['--dir', dir, '--port', '0', '--host', '127.0.0.1']);
		expect(trusted).toContain('the build has no probes file');
	} finally {
		await removeFixture(dir);
	}
}, 40_000);
