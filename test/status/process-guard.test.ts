import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { installProcessGuard } from '../../server/process-guard.ts';
import { EventEmitter } from 'node:events';

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
		expect.stringMatching(/^serve: unexpected rejection \(TypeError: url\.startsWith is not a function at .*guarded-server\.ts:\d+:\d+\)?\); still serving$/),
		expect.stringMatching(/^serve: unexpected exception \(RangeError: Maximum call stack size exceeded at .*guarded-server\.ts:\d+:\d+\)?\); still serving$/),
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
	const remove = installProcessGuard((line) => lines.push(line), target as unknown as NodeJS.Process);
	target.emit('unhandledRejection', 'plain text\nsecond line');
	target.emit('uncaughtException', { toString: () => { throw new Error('no'); } });
	expect(lines).toEqual(['serve: unexpected rejection (a value that is not an error: plain text second line); still serving', 'serve: unexpected exception (a value that cannot be printed); still serving']);
	remove();
	expect([target.listenerCount('unhandledRejection'), target.listenerCount('uncaughtException')]).toEqual([0, 0]);
});
