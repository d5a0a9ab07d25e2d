import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../helpers/fixture.ts';
import { compilersChosen, deferOptimizingCompiler, optimizingCompilerDelayMs } from '../../core/optimizing-compiler.ts';

const none = { nodeOptions: undefined, execArgv: [] };

describe('deferOptimizingCompiler', () => {
	it('turns TurboFan off at once and on again after the delay, once', () => {
		vi.useFakeTimers();
		try {
			const flags: string[] = [];
			const turnOn = deferOptimizingCompiler({ ...none, delayMs: 6000, setFlags: (flag) => flags.push(flag) });
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
			deferOptimizingCompiler({ ...none, setFlags: (flag) => flags.push(flag) })();
			vi.advanceTimersByTime(optimizingCompilerDelayMs * 2);
			expect(flags).toEqual(['--force-emit-interrupt-budget-checks', '--no-turbofan', '--turbofan']);
		} finally {
			vi.useRealTimers();
		}
	});

	// Every flag that says how V8's compilers run, each on the command line or in NODE_OPTIONS,
	// beside flags that do not: the first kind leaves V8 as Node was started.
	const compiler = ['--jitless', '--no-opt', '--opt', '--turbofan', '--no-turbofan', '--maglev', '--no-maglev', '--no-sparkplug', '--max-opt=2', '--max-opt 2', '--no-jit'];
	const other = ['--max-old-space-size=4096', '--enable-source-maps', '--no-warnings', '--optimize-for-size', '--turbofan-filter=x', '--experimental-vm-modules', '--import=./x.mjs', '--conditions=turbofan'];
	it.each(compiler.flatMap((flag) => other.map((beside) => [flag, beside])))('leaves V8 alone when Node was started with %s (beside %s)', (flag, beside) => {
		expect(compilersChosen([beside, flag], undefined)).toBe(true);
		expect(compilersChosen([], `${beside} ${flag}`)).toBe(true);
		expect(compilersChosen([beside], beside)).toBe(false);
		const flags: string[] = [];
		deferOptimizingCompiler({ nodeOptions: flag, execArgv: [], setFlags: (set) => flags.push(set) })();
		expect(flags).toEqual([]);
	});

	// What the policy relies on, in V8 itself: tiering flags set in a running process change what
	// it compiles from then on, and a function that became hot while TurboFan was off still gets
	// it afterwards. Counted calls, and TurboFan compiling on the main thread, so V8 decides the same
	// way on a busy machine.
	// As JavaScript: a `--jitless` Node cannot strip TypeScript's types (that takes WebAssembly), as
	// it runs the packed Waymark, which is compiled.
	const source = fileURLToPath(new URL('../../core/optimizing-compiler.ts', import.meta.url));
	const module = join(repoRoot, 'test/.tmp/optimizing-compiler.mjs');
	mkdirSync(join(repoRoot, 'test/.tmp'), { recursive: true });
	writeFileSync(module, ts.transpileModule(readFileSync(source, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
	const script = `
		import { deferOptimizingCompiler } from ${JSON.stringify(module)};
		const turnOn = process.env.DEFER ? deferOptimizingCompiler({ nodeOptions: process.env.NODE_OPTIONS, delayMs: 600_000 }) : () => {};
		function hot(n) { let s = 0; for (let i = 0; i < n; i++) s += (i * 7) % 13; return s; }
		let s = 0;
		for (let i = 0; i < 20_000; i++) s += hot(500);
		console.log('--- turned on');
		turnOn();
		for (let i = 0; i < 60_000; i++) s += hot(500);
		console.log('--- done', s > 0);
	`;
	const run = (defer: boolean, nodeFlags: string[] = []) => {
		const child = spawnSync(process.execPath, [...nodeFlags, '--trace-opt', '--no-concurrent-recompilation', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, DEFER: defer ? '1' : '' }, timeout: 60_000 });
		const [before = '', after = ''] = child.stdout.split('--- turned on');
		// The loop's own function, which was hot (and optimized by Maglev) before TurboFan came on.
		const turbofan = (text: string) => (text.match(/completed (?:compiling|optimizing) .*JSFunction hot .*target TURBOFAN/g) ?? []).length;
		return { status: child.status, before: turbofan(before), after: turbofan(after), done: child.stdout.includes('--- done true') };
	};

	it('keeps V8 from compiling with TurboFan until it is turned on, then optimizes what is hot, in a running process', () => {
		// The same hot loop gets TurboFan before the mark when nothing defers it: the test can fail.
		expect(run(false).before).toBeGreaterThan(0);
		const deferred = run(true);
		expect(deferred).toMatchObject({ status: 0, before: 0, done: true });
		expect(deferred.after).toBeGreaterThan(0);
	});

	it('runs a --jitless Node as it was started: turning TurboFan on there crashed it', () => {
		expect(run(true, ['--jitless'])).toMatchObject({ status: 0, before: 0, after: 0, done: true });
	});
});
