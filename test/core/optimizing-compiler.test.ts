import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { deferOptimizingCompiler, optimizingCompilerDelayMs } from '../../core/optimizing-compiler.ts';

describe('deferOptimizingCompiler', () => {
	it('turns TurboFan off at once and on again after the delay, once', () => {
		vi.useFakeTimers();
		try {
			const flags: string[] = [];
			const turnOn = deferOptimizingCompiler(6000, (flag) => flags.push(flag));
			expect(flags).toEqual(['--force-emit-interrupt-budget-checks', '--no-turbofan']);
			vi.advanceTimersByTime(5999);
			expect(flags).toEqual(['--force-emit-interrupt-budget-checks', '--no-turbofan']);
			vi.advanceTimersByTime(1);
			expect(flags).toEqual(['--force-emit-interrupt-budget-checks', '--no-turbofan', '--turbofan']);
			turnOn();
			expect(flags).toEqual(['--force-emit-interrupt-budget-checks', '--no-turbofan', '--turbofan']);
		} finally {
			vi.useRealTimers();
		}
	});

	it('turns it on when the command is done before the delay, and the timer then sets nothing', () => {
		vi.useFakeTimers();
		try {
			const flags: string[] = [];
			deferOptimizingCompiler(optimizingCompilerDelayMs, (flag) => flags.push(flag))();
			vi.advanceTimersByTime(optimizingCompilerDelayMs * 2);
			expect(flags).toEqual(['--force-emit-interrupt-budget-checks', '--no-turbofan', '--turbofan']);
		} finally {
			vi.useRealTimers();
		}
	});

	// What the policy relies on: V8 reads the flags when it decides to optimize, so setting them in a
	// running process changes what it compiles from then on, and a function that became hot while
	// TurboFan was off still gets it afterwards. A Node whose V8 stops doing either fails here.
	it('keeps V8 from compiling with TurboFan until it is turned on, then optimizes what is hot, in a running process', () => {
		const module = fileURLToPath(new URL('../../core/optimizing-compiler.ts', import.meta.url));
		const script = `
			import { deferOptimizingCompiler } from ${JSON.stringify(module)};
			const turnOn = process.env.DEFER ? deferOptimizingCompiler(60_000) : () => {};
			function hot(n) { let s = 0; for (let i = 0; i < n; i++) s += (i * 7) % 13; return s; }
			const spin = (ms) => { let s = 0; const end = performance.now() + ms; while (performance.now() < end) s += hot(500); return s; };
			spin(400);
			console.log('--- turned on');
			turnOn();
			spin(1500);
		`;
		const run = (defer: boolean) => {
			const output = execFileSync(process.execPath, ['--trace-opt', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, DEFER: defer ? '1' : '' }, timeout: 30_000 });
			const [before = '', after = ''] = output.split('--- turned on');
			// The loop's own function, which was hot (and optimized by Maglev) before TurboFan came on.
			const turbofan = (text: string) => (text.match(/completed compiling .*JSFunction hot .*target TURBOFAN/g) ?? []).length;
			return { before: turbofan(before), after: turbofan(after) };
		};
		// The same hot loop gets TurboFan within 400 ms when nothing defers it: the test can fail.
		expect(run(false).before).toBeGreaterThan(0);
		const deferred = run(true);
		expect(deferred.before).toBe(0);
		expect(deferred.after).toBeGreaterThan(0);
	});
});
