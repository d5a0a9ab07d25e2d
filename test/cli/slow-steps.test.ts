import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { showSlowSteps } from '../../cli/slow-steps.ts';
import type { Progress } from '../../core/progress.ts';
import { guardedRun } from '../../cli/guarded-run.ts';
import { testTerminal } from '../helpers/terminal.ts';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

/** A display over a recording `inner` (the watchdog), writing to a string. */
function display(redraw: boolean) {
	let out = '';
	const calls: string[] = [];
	const inner: Progress = {
		begin: (what) => (calls.push(`begin ${what}`), () => void calls.push(`end ${what}`)),
		tick: (detail) => void calls.push(`tick ${detail ?? ''}`),
	};
	const shown = showSlowSteps(
		inner,
		{ write: (text: string) => (out += text) },
		{ redraw, ownDisplay: ['checking links'], now: () => Date.now() },
	);
	return { ...shown, out: () => out, calls };
}

test('a step under two seconds shows nothing; the watchdog hears every call', () => {
	const { progress, out, calls, stop } = display(false);
	const end = progress.begin('reading the pages');
	progress.tick('a.md');
	vi.advanceTimersByTime(1900);
	end();
	vi.advanceTimersByTime(5000);
	stop();
	expect(out()).toBe('');
	expect(calls).toEqual(['begin reading the pages', 'tick a.md', 'end reading the pages']);
});

test('without a terminal, a slow step is written when it passes two seconds, every ten seconds after, and when it ends', () => {
	const { progress, out, stop } = display(false);
	const end = progress.begin('drawing 12 diagrams in Chromium');
	vi.advanceTimersByTime(2500);
	progress.tick('4 of 12 diagrams drawn');
	vi.advanceTimersByTime(10_000);
	progress.tick('12 of 12 diagrams drawn');
	vi.advanceTimersByTime(1000);
	end();
	stop();
	expect(out()).toBe(
		'Drawing 12 diagrams in Chromium… 2 s\nDrawing 12 diagrams in Chromium… 12 s, 4 of 12 diagrams drawn\nDrawing 12 diagrams in Chromium: done in 14 s\n',
	);
});

test('on a terminal, the slowest step is one line redrawn in place, erased when it ends', () => {
	const { progress, out, stop } = display(true);
	const reading = progress.begin('reading the pages');
	vi.advanceTimersByTime(2000);
	progress.tick('ops.md');
	const rule = progress.begin('running the rule `mermaid-render`');
	vi.advanceTimersByTime(2500);
	const lines = out().split('\r\u001b[2K').filter(Boolean);
	expect(lines.at(-1)).toBe('Reading the pages… 4 s, 1 done (and 1 more)');
	reading();
	rule();
	stop();
	expect(out().endsWith('\r\u001b[2K')).toBe(true);
});

test("a step with its own display (the link checker's bar) is left to it", () => {
	const { progress, out, stop } = display(false);
	const end = progress.begin('checking links');
	vi.advanceTimersByTime(30_000);
	end();
	stop();
	expect(out()).toBe('');
	// The control: another step as long shows.
	const other = display(false);
	const step = other.progress.begin('running the probes');
	vi.advanceTimersByTime(30_000);
	step();
	other.stop();
	expect(other.out()).toContain('Running the probes…');
});

/** A guarded run whose one step stays open `ms`, in a terminal with `env` (a terminal's streams with `isTTY`); what it wrote. */
async function guardedStep(
	env: NodeJS.ProcessEnv,
	isTTY: boolean,
	ms: number,
): Promise<{ out: string; err: string }> {
	const terminal = testTerminal({ cwd: '/', env, isTTY });
	await guardedRun(terminal, {}, async (guard) => {
		const progress = guard.watch(600_000, { slowSteps: { redraw: true } });
		const end = progress.begin('drawing 3 diagrams in Chromium');
		await vi.advanceTimersByTimeAsync(ms);
		end();
		return 0;
	});
	return { out: terminal.out(), err: terminal.err() };
}

test("a guarded command's slow steps go to its terminal's stderr: redrawn on a terminal, lines in CI, nothing when silent", async () => {
	const onTerminal = await guardedStep({}, true, 2500);
	expect(onTerminal.out).toBe('');
	expect(new Set(onTerminal.err.split('\r\u001b[2K').filter(Boolean))).toEqual(
		new Set(['Drawing 3 diagrams in Chromium… 2 s']),
	);
	expect(onTerminal.err.endsWith('\r\u001b[2K')).toBe(true);
	const inCi = await guardedStep({ CI: 'true' }, true, 2500);
	expect(inCi.err).toBe(
		'Drawing 3 diagrams in Chromium… 2 s\nDrawing 3 diagrams in Chromium: done in 3 s\n',
	);
	const toFile = await guardedStep({}, false, 2500);
	expect(toFile.err).toBe(inCi.err);
	expect((await guardedStep({ WAYMARK_LOG_LEVEL: 'silent' }, true, 2500)).err).toBe('');
	// The control: a step under two seconds shows nothing anywhere.
	expect((await guardedStep({ CI: 'true' }, false, 1500)).err).toBe('');
});
