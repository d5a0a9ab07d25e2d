import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { installProcessGuard } from '../../server/process-guard.ts';
import { EventEmitter } from 'node:events';
import { cliPath, removeFixture, writeFixture } from '../helpers/fixture.ts';
import { waitFor } from '../helpers/prometheus.ts';

const script = fileURLToPath(new URL('../helpers/guarded-server.ts', import.meta.url));

/** Starts the child server; returns how to ask it, its stderr so far, and how it ended. */
async function startChild(mode: 'guarded' | 'bare') {
	const child = fork(script, [mode], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = once(child, 'exit').then(([code]) => code as number | null);
	const [{ port }] = (await once(child, 'message')) as [{ port: number }];
	const get = async (path: string) => (await fetch(`http://127.0.0.1:${port}${path}`)).text();
	return { child, get, stderr: () => stderr, exited };
}

test('serve logs an unhandled rejection and an uncaught exception and keeps answering; it ends only when asked', async () => {
	const { child, get, stderr, exited } = await startChild('guarded');
	expect(await get('/reject')).toBe('still here\n');
	expect(await get('/throw')).toBe('still here\n');
	await new Promise((resolve) => setTimeout(resolve, 100));
	expect(await get('/')).toBe('still here\n');
	expect(stderr().split('\n').filter(Boolean)).toEqual([
		expect.stringMatching(
			/^serve: unexpected rejection \(TypeError: url\.startsWith is not a function at .*guarded-server\.ts:\d+:\d+\)?\); still serving$/,
		),
		expect.stringMatching(
			/^serve: unexpected exception \(RangeError: Maximum call stack size exceeded at .*guarded-server\.ts:\d+:\d+\)?\); still serving$/,
		),
	]);
	expect(child.exitCode).toBeNull();
	// Nothing is killed: the child closes its server when asked and ends by itself.
	child.disconnect();
	expect(await exited).toBe(0);
});

test('without the guard, the same rejection ends the process (the control)', async () => {
	const { get, stderr, exited } = await startChild('bare');
	await get('/reject').catch(() => undefined);
	expect(await exited).toBe(1);
	expect(stderr()).toContain('TypeError: url.startsWith is not a function');
});

test('logs a thrown value that is not an error, even one that cannot be printed, and removes its handlers', () => {
	const target = new EventEmitter();
	const lines: string[] = [];
	const remove = installProcessGuard(
		(line) => lines.push(line),
		target as unknown as NodeJS.Process,
	);
	target.emit('unhandledRejection', 'plain text\nsecond line');
	target.emit('uncaughtException', {
		toString: () => {
			throw new Error('no');
		},
	});
	expect(lines).toEqual([
		'serve: unexpected rejection (a value that is not an error: plain text second line); still serving',
		'serve: unexpected exception (a value that cannot be printed); still serving',
	]);
	remove();
	expect([
		target.listenerCount('unhandledRejection'),
		target.listenerCount('uncaughtException'),
	]).toEqual([0, 0]);
});

test('`waymark serve` itself runs with the guard: a rejection and an exception from anywhere in it are logged, it keeps answering, and SIGTERM still ends it cleanly', async () => {
	const dir = await writeFixture({
		'index.html': '<!doctype html><title>Home</title><p>still here\n',
		'waymark.config.yaml': '',
	});
	const plant = fileURLToPath(new URL('../helpers/plant-rejection.ts', import.meta.url));
	const child = spawn(
		process.execPath,
		[
			'--import',
			plant,
			cliPath,
			'serve',
			'--dir',
			dir,
			'--config',
			`${dir}/waymark.config.yaml`,
			'--port',
			'0',
			'--host',
			'127.0.0.1',
		],
		{ env: { ...process.env, NO_COLOR: '1' } },
	);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = once(child, 'exit').then(([code]) => code as number | null);
	try {
		const { value: url } = await waitFor('serve to start', () =>
			Promise.resolve(/Serving .* on (http:\/\/\S+)/.exec(output)?.[1]),
		);
		child.kill('SIGUSR2');
		const ended = exited.then((code) =>
			Promise.reject(new Error(`serve ended with ${code}:\n${output}`)),
		);
		// Read by the race below only; the clean exit at the end must not count as a rejection.
		ended.catch(() => undefined);
		await Promise.race([
			waitFor('both lines', () =>
				Promise.resolve(output.includes('unexpected exception') ? true : undefined),
			),
			ended,
		]);
		expect(await (await fetch(url)).text()).toContain('still here');
		expect(output.split('\n').filter((line) => line.startsWith('serve: '))).toEqual([
			expect.stringMatching(
				/^serve: unexpected rejection \(TypeError: url\.startsWith is not a function at .*plant-rejection\.ts:\d+:\d+\)?\); still serving$/,
			),
			expect.stringMatching(
				/^serve: unexpected exception \(RangeError: Maximum call stack size exceeded at .*plant-rejection\.ts:\d+:\d+\)?\); still serving$/,
			),
		]);
		expect(child.exitCode).toBeNull();
		// Serve's own way to stop, not a kill: it closes and exits with 0.
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
		await removeFixture(dir);
	}
}, 60_000);
