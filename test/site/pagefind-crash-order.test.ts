import { execFile } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { searchIndexOrNone } from '../../integration/pagefind-index.ts';
import type { WaymarkError } from '../../core/errors.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// A Pagefind process that crashes is often written to (EPIPE) before Node has told of its exit,
// and which comes first is a race (a CI run saw "write EPIPE" where the exit code was 3). The
// warning names the exit either way. A stand-in Pagefind answers the first request, closes its
// input (so the next write fails at once), ignores the API's SIGTERM, and exits some time later
// with a code: each generated pair of delay and code is one ordering of the race.
let dir: string;
const stub = `
import { closeSync, readSync, writeSync } from 'node:fs';
process.on('SIGTERM', () => {});
const [delayMs, code] = [process.env.STUB_DELAY_MS, process.env.STUB_CODE].map(Number);
let asked = '';
const byte = Buffer.alloc(1);
while (readSync(0, byte) === 1 && byte[0] !== 44) asked += byte.toString();
const { message_id } = JSON.parse(Buffer.from(asked, 'base64').toString());
// Input closed before the answer: the next request's write fails however late this process is scheduled.
closeSync(0);
writeSync(1, Buffer.from(JSON.stringify({ message_id, payload: { type: 'NewIndex', index_id: 0 } })).toString('base64') + ',');
setTimeout(() => process.exit(code), delayMs);
`;

beforeAll(async () => {
	dir = await writeFixture({
		'stub.mjs': stub,
		'site/index.html': '<html><body><main data-pagefind-body><h1>Ops</h1></main></body></html>',
		'site/db/index.html':
			'<html><body><main data-pagefind-body><h1>Database</h1></main></body></html>',
	});
	// Pagefind's API reads the variable, and starts its process with this one's environment.
	await writeFile(
		join(dir, 'pagefind'),
		`#!/bin/sh\nexec "${process.execPath}" "${join(dir, 'stub.mjs')}"\n`,
	);
	await chmod(join(dir, 'pagefind'), 0o755);
	// Put back after the file (`vi.unstubAllEnvs`), whatever process the next file runs in.
	vi.stubEnv('PAGEFIND_BINARY_PATH', join(dir, 'pagefind'));
});
afterAll(async () => {
	vi.unstubAllEnvs();
	// Stand-ins that ignore SIGTERM and have not exited yet.
	await promisify(execFile)('pkill', ['-KILL', '-f', join(dir, 'stub.mjs')]).catch(() => undefined);
	await removeFixture(dir);
});

// Delays from "before the write" to well after it, codes that are not Pagefind's success.
const orderings = [0, 20, 150, 600, 900].map((delayMs, n) => ({
	delayMs,
	code: 1 + ((n * 37) % 120),
}));

test.each(orderings)(
	'a Pagefind that exits with $code $delayMs ms after its input closed is named by its exit code',
	async ({ delayMs, code }) => {
		vi.stubEnv('STUB_DELAY_MS', String(delayMs));
		vi.stubEnv('STUB_CODE', String(code));
		const warned: WaymarkError[] = [];
		const result = await searchIndexOrNone(join(dir, 'site'), {}, (warning) =>
			warned.push(warning),
		);
		expect(result).toBeUndefined();
		expect(warned.map((warning) => warning.message)).toEqual([
			expect.stringContaining(`Pagefind's process stopped (exit code ${code})`),
		]);
	},
);

test('a Pagefind whose input closed and that does not exit is named by the failed write, without waiting for it', async () => {
	vi.stubEnv('STUB_DELAY_MS', '8000');
	vi.stubEnv('STUB_CODE', '3');
	const warned: WaymarkError[] = [];
	const started = performance.now();
	expect(
		await searchIndexOrNone(join(dir, 'site'), {}, (warning) => warned.push(warning)),
	).toBeUndefined();
	expect(warned.map((warning) => warning.message)).toEqual([
		expect.stringContaining("Pagefind's process stopped (write EPIPE)"),
	]);
	// The exit is waited for 2 s, not 8.
	expect(performance.now() - started).toBeLessThan(7000);
});

// Once a write to it failed, the API lets go of its process (unref): a host with nothing else
// pending (a plain `astro build`, a script using the integration) must not end during the wait.
test('a process with nothing else pending still says why, after waiting for the exit', async () => {
	const script = join(dir, 'host.mts');
	await writeFile(
		script,
		`import { searchIndexOrNone } from ${JSON.stringify(join(process.cwd(), 'integration/pagefind-index.ts'))};\nconst result = await searchIndexOrNone(${JSON.stringify(join(dir, 'site'))}, {}, (warning) => console.log(warning.message));\nconsole.log(result === undefined ? 'no index' : 'index');\n`,
	);
	const { stdout } = await promisify(execFile)(process.execPath, [script], {
		env: { ...process.env, STUB_DELAY_MS: '600', STUB_CODE: '7' },
	});
	expect(stdout).toMatch(/Pagefind's process stopped \(exit code 7\)[^]*\nno index\n$/);
});
