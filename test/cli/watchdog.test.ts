import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { startWatchdog as startWatchdogOf, watched, type Watchdog } from '../../cli/watchdog.ts';
import { inStep } from '../../core/progress.ts';

beforeEach(() => {
	vi.useFakeTimers();
});

// A watchdog's guard is a thread that ends the process when a run stops moving: stopped after each
// test, failed or not, so a failed test does not end the file's process seconds later.
const started: Watchdog[] = [];
const startWatchdog = (...args: Parameters<typeof startWatchdogOf>): Watchdog => {
	const watchdog = startWatchdogOf(...args);
	started.push(watchdog);
	return watchdog;
};

afterEach(() => {
	for (const watchdog of started.splice(0)) watchdog.stop();
	vi.useRealTimers();
});

const never = new Promise<never>(() => undefined);

test('rejects after the timeout without progress, naming every open step and the last piece done', async () => {
	const watchdog = startWatchdog(10_000, Date.now);
	const end = watchdog.progress.begin('running the rule `internal-links`');
	watchdog.progress.begin('drawing 3 diagrams in Chromium');
	watchdog.progress.tick('1 of 3 diagrams drawn');
	end();
	let settled = false;
	const caught = watched(watchdog, never).catch((error: Error) => ((settled = true), error));
	await vi.advanceTimersByTimeAsync(9_999);
	expect(settled).toBe(false);
	await vi.advanceTimersByTimeAsync(1_000);
	expect(settled).toBe(true);
	expect((await caught).message).toBe(
		'Waymark made no progress for 10 s while drawing 3 diagrams in Chromium (last done: running the rule `internal-links`), and stopped.',
	);
	watchdog.stop();
});

test('never fires while progress keeps coming, however long the run', async () => {
	const watchdog = startWatchdog(10_000, Date.now);
	let finish: (value: string) => void = () => undefined;
	const result = watched(watchdog, new Promise<string>((resolve) => (finish = resolve)));
	for (let second = 0; second < 60; second++) {
		await vi.advanceTimersByTimeAsync(9_000);
		watchdog.progress.tick(`page ${second}`);
	}
	finish('done');
	await expect(result).resolves.toBe('done');
	watchdog.stop();
});

test('says where the run stands for an internal error', async () => {
	const watchdog = startWatchdog(10_000, Date.now);
	await inStep(watchdog.progress, 'reading the pages', () =>
		Promise.resolve(watchdog.progress.tick('erp/ops.md')),
	);
	const end = watchdog.progress.begin('rendering the pages');
	watchdog.progress.tick('rendered erp/backup.md');
	expect(watchdog.state()).toEqual({
		open: ['rendering the pages'],
		last: 'rendered erp/backup.md',
	});
	end();
	expect(watchdog.state()).toEqual({ open: [], last: 'rendering the pages' });
	watchdog.stop();
});

// A main thread that never yields, in a process of its own (a test's thread must keep answering
// the runner): as in \`watchdog.ts\`, the function the interrupt runs ends the process, here printing
// \`interrupted\`; without the interrupt the loop ends after 5 s and the worker's error is printed.
const busyMainThread = `
import { writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
globalThis.__watchdogTest = () => {
	writeSync(1, 'interrupted');
	process.reallyExit(0);
};
const shared = new SharedArrayBuffer(8);
const worker = new Worker(process.env.WORKER_SOURCE, {
	eval: true,
	workerData: { shared, report: '__watchdogTest', budgetMs: 100, fallback: { afterMs: 60000, message: '' } },
});
let failure = 'no interrupt';
worker.once('error', (error) => (failure = String(error)));
for (const started = Date.now(); Date.now() - started < 5000; );
await new Promise((resolve) => setTimeout(resolve, 100));
writeSync(1, failure);
process.exit(1);
`;

test('the watchdog thread interrupts a busy main thread from its source as Node strips it and as `npm pack` bundles it', async () => {
	const { readFile, readdir, mkdtemp, rm } = await import('node:fs/promises');
	const { stripTypeScriptTypes } = await import('node:module');
	const { spawnSync } = await import('node:child_process');
	const { tmpdir } = await import('node:os');
	const path = await import('node:path');
	const { bundleCli } = await import('../../cli/bundle.ts');
	const out = await mkdtemp(path.join(tmpdir(), 'waymark-bundle-'));
	try {
		await bundleCli(out);
		const chunks = (await readdir(out, { recursive: true })).filter((file) => file.endsWith('.js'));
		const bundled = (
			await Promise.all(chunks.map((file) => readFile(path.join(out, file), 'utf8')))
		).find((code) => code.includes('function watchForStall()'));
		const forms = {
			// What `watchForStall.toString()` gives in a checkout, where Node strips the types.
			stripped: stripTypeScriptTypes(await readFile('cli/stall-worker.ts', 'utf8')),
			// What it gives in the packed CLI, as esbuild bundled it.
			bundled: bundled ?? '',
		};
		for (const [form, code] of Object.entries(forms)) {
			const body = /\nfunction watchForStall\(\)\s*\{[^]*?\n\}\n/.exec(code)?.[0];
			expect(body, form).toBeDefined();
			const run = spawnSync(process.execPath, ['--input-type=module', '-e', busyMainThread], {
				env: { ...process.env, WORKER_SOURCE: `(${body!.trim()})();` },
				encoding: 'utf8',
				timeout: 15_000,
			});
			expect(run.stdout, `${form}: ${run.stderr}`).toBe('interrupted');
		}
	} finally {
		await rm(out, { recursive: true, force: true });
	}
});
