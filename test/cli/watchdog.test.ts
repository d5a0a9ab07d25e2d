import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { startWatchdog, watched } from '../../cli/watchdog.ts';
import { inStep } from '../../core/progress.ts';

beforeEach(() => {
	vi.useFakeTimers();
});

afterEach(() => {
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

test('the watchdog thread runs from source alone, as the checkout strips it and as `npm pack` compiles it', async () => {
	const { readFile } = await import('node:fs/promises');
	const ts = await import('typescript');
	const { watchdogSource } = await import('../../cli/stall-worker.ts');
	const { Script } = await import('node:vm');
	// A worker's source must parse as a script: a syntax error there would leave every run unwatched.
	expect(() => new Script(watchdogSource)).not.toThrow();
	const config = ts.readConfigFile('tsconfig.pack.json', (path) => ts.sys.readFile(path))
		.config as {
		compilerOptions: Record<string, unknown>;
	};
	const compiled = ts.transpileModule(await readFile('cli/stall-worker.ts', 'utf8'), {
		compilerOptions: ts.convertCompilerOptionsFromJson(config.compilerOptions, '.').options,
	}).outputText;
	const body = /\nfunction watchForStall\(\) \{[^]*?\n\}\n/.exec(compiled)?.[0];
	expect(body).toBeDefined();
	expect(() => new Script(`(${body!.trim()})`)).not.toThrow();
	expect(body).not.toMatch(/\b(?:require|import|__\w+)\(/);
});
