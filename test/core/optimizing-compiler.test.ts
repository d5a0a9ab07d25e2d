import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../helpers/fixture.ts';
import {
	compilersChosen,
	deferOptimizingCompiler,
	optimizingCompilerDelayMs,
	optimizingCompilerWork,
} from '../../core/optimizing-compiler.ts';
import { noProgress } from '../../core/progress.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

const none = { nodeOptions: undefined, execArgv: [] };

describe('deferOptimizingCompiler', () => {
	const recorded = () => {
		const flags: string[] = [];
		return { flags, setFlags: (flag: string) => void flags.push(flag) };
	};
	const off = ['--force-emit-interrupt-budget-checks', '--no-turbofan'];

	// Any amount of work, reported in any number of steps, through one or two wrapped progresses:
	// TurboFan comes on with the piece of work that reaches the count, never before, and once.
	// Generated: a few counts, each reported in batches of random sizes that reach it and go past.
	const random = seededRandom(20261127);
	const next = (below: number) => Math.floor(random() * below);
	const cases = [1, 2, 10, 250, 1000, optimizingCompilerWork].flatMap((work) =>
		Array.from({ length: 3 }, () => {
			const batches: number[] = [];
			for (let total = 0; total <= work;) {
				const batch = 1 + next(Math.max(1, Math.ceil(work / 3)));
				batches.push(batch);
				total += batch;
			}
			return [work, batches] as [number, number[]];
		}),
	);
	it.each(cases)(
		'turns TurboFan off at once, and on with piece %i of the work (reported as %j)',
		(work, batches) => {
			vi.useFakeTimers();
			try {
				const { flags, setFlags } = recorded();
				const compiler = deferOptimizingCompiler({ ...none, work, setFlags });
				expect(flags).toEqual(off);
				const seen: (string | undefined)[] = [];
				const inner = {
					begin: () => () => undefined,
					tick: (detail?: string) => void seen.push(detail),
				};
				const progresses = [compiler.counting(inner), compiler.counting(inner)];
				let done = 0;
				for (const [i, batch] of batches.entries()) {
					for (let j = 0; j < batch; j++) {
						const on = flags.length > off.length;
						expect(on).toBe(done >= work);
						progresses[i % 2]?.tick(`piece ${done}`);
						done++;
					}
				}
				expect(flags).toEqual([...off, '--turbofan']);
				// The watchdog still sees every piece, as it was reported.
				expect(seen).toEqual(Array.from({ length: done }, (_, n) => `piece ${n}`));
				compiler.turnOn();
				vi.advanceTimersByTime(optimizingCompilerDelayMs * 2);
				expect(flags).toEqual([...off, '--turbofan']);
			} finally {
				vi.useRealTimers();
			}
		},
	);

	it('turns it on after the delay however little work was counted, once', () => {
		vi.useFakeTimers();
		try {
			const { flags, setFlags } = recorded();
			const compiler = deferOptimizingCompiler({ ...none, setFlags });
			compiler.counting(noProgress).tick();
			vi.advanceTimersByTime(optimizingCompilerDelayMs - 1);
			expect(flags).toEqual(off);
			vi.advanceTimersByTime(1);
			expect(flags).toEqual([...off, '--turbofan']);
			for (let i = 0; i < optimizingCompilerWork; i++) compiler.counting(noProgress).tick();
			compiler.turnOn();
			expect(flags).toEqual([...off, '--turbofan']);
		} finally {
			vi.useRealTimers();
		}
	});

	it('turns it on when the command is done first, and the timer then sets nothing', () => {
		vi.useFakeTimers();
		try {
			const { flags, setFlags } = recorded();
			deferOptimizingCompiler({ ...none, setFlags }).turnOn();
			vi.advanceTimersByTime(optimizingCompilerDelayMs * 2);
			expect(flags).toEqual([...off, '--turbofan']);
		} finally {
			vi.useRealTimers();
		}
	});

	// Every flag that says how V8's compilers run, each on the command line or in NODE_OPTIONS,
	// beside flags that do not: the first kind leaves V8 as Node was started.
	const compiler = [
		'--jitless',
		'--no-opt',
		'--opt',
		'--turbofan',
		'--no-turbofan',
		'--maglev',
		'--no-maglev',
		'--no-sparkplug',
		'--max-opt=2',
		'--max-opt 2',
		'--no-jit',
	];
	const other = [
		'--max-old-space-size=4096',
		'--enable-source-maps',
		'--no-warnings',
		'--optimize-for-size',
		'--turbofan-filter=x',
		'--experimental-vm-modules',
		'--import=./x.mjs',
		'--conditions=turbofan',
	];
	it.each(compiler.flatMap((flag) => other.map((beside) => [flag, beside])))(
		'leaves V8 alone when Node was started with %s (beside %s)',
		(flag, beside) => {
			expect(compilersChosen([beside, flag], undefined)).toBe(true);
			expect(compilersChosen([], `${beside} ${flag}`)).toBe(true);
			expect(compilersChosen([beside], beside)).toBe(false);
			const { flags, setFlags } = recorded();
			const compiler = deferOptimizingCompiler({
				nodeOptions: flag,
				execArgv: [],
				work: 1,
				setFlags,
			});
			compiler.counting(noProgress).tick();
			compiler.turnOn();
			expect(flags).toEqual([]);
		},
	);

	// What the policy relies on, in V8 itself: tiering flags set in a running process change what
	// it compiles from then on, and a function that became hot while TurboFan was off still gets
	// it afterwards. Counted calls, and TurboFan compiling on the main thread, so V8 decides the same
	// way on a busy machine.
	// As JavaScript: a `--jitless` Node cannot strip TypeScript's types (that takes WebAssembly), as
	// it runs the packed Waymark, which is compiled.
	const source = fileURLToPath(new URL('../../core/optimizing-compiler.ts', import.meta.url));
	const module = join(repoRoot, 'test/.tmp/optimizing-compiler.mjs');
	mkdirSync(join(repoRoot, 'test/.tmp'), { recursive: true });
	writeFileSync(
		module,
		ts.transpileModule(readFileSync(source, 'utf8'), {
			compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
		}).outputText,
	);
	const script = `
		import { deferOptimizingCompiler } from ${JSON.stringify(module)};
		const turnOn = process.env.DEFER ? deferOptimizingCompiler({ nodeOptions: process.env.NODE_OPTIONS, delayMs: 600_000 }).turnOn : () => {};
		function hot(n) { let s = 0; for (let i = 0; i < n; i++) s += (i * 7) % 13; return s; }
		let s = 0;
		for (let i = 0; i < 20_000; i++) s += hot(500);
		console.log('--- turned on');
		turnOn();
		for (let i = 0; i < 60_000; i++) s += hot(500);
		console.log('--- done', s > 0);
	`;
	const run = (defer: boolean, nodeFlags: string[] = []) => {
		const child = spawnSync(
			process.execPath,
			[
				...nodeFlags,
				'--trace-opt',
				'--no-concurrent-recompilation',
				'--input-type=module',
				'-e',
				script,
			],
			{ encoding: 'utf8', env: { ...process.env, DEFER: defer ? '1' : '' }, timeout: 60_000 },
		);
		const [before = '', after = ''] = child.stdout.split('--- turned on');
		// The loop's own function, which was hot (and optimized by Maglev) before TurboFan came on.
		const turbofan = (text: string) =>
			(text.match(/completed (?:compiling|optimizing) .*JSFunction hot .*target TURBOFAN/g) ?? [])
				.length;
		return {
			status: child.status,
			before: turbofan(before),
			after: turbofan(after),
			done: child.stdout.includes('--- done true'),
		};
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
