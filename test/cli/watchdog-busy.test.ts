import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

// A step that keeps computing never lets a timer run: these runs go in a child process, whose
// main thread the watchdog (a 1 s budget) must end from outside. Each busy step would run for
// hours unwatched (a catastrophic backtracking regex on 40 characters), so a run that ends at all
// was ended by the watchdog; a generous kill timeout keeps a failure from hanging the suite.
let dir: string;

const watchdogUrl = pathToFileURL(join(repoRoot, 'cli/watchdog.ts')).href;
const header = `import { startWatchdog, watched } from ${JSON.stringify(watchdogUrl)};\nconst watchdog = startWatchdog(1000);\nconst end = watchdog.progress.begin('matching the exclude patterns');\nwatchdog.progress.tick('docs/aaaa.md');\n`;
const backtrack = "/(a+)+$/.test('a'.repeat(40) + '!');\n";

const scripts = {
	/** Computes in a regex that backtracks for ever. */
	regex: `${header}setTimeout(() => { ${backtrack} }, 10);\n`,
	/** The control: the same regex on a short input ends, and so does the run. */
	short: `${header}setTimeout(() => { /(a+)+$/.test('a'.repeat(8) + '!'); end(); watchdog.stop(); process.stdout.write('done'); }, 10);\n`,
	/** Blocks outside JavaScript, where no interrupt is taken: opening a FIFO nobody writes to. */
	native: `${header}import { readFileSync } from 'node:fs';\nsetTimeout(() => { readFileSync(new URL('./fifo', import.meta.url)); }, 10);\n`,
	/** Waits, stops on the timer's stall, then computes for a while: nothing ends it twice. */
	waits: `${header}watched(watchdog, new Promise(() => undefined)).catch((error) => {\n\twatchdog.stop();\n\tprocess.stdout.write(error.message);\n\tconst until = Date.now() + 3000;\n\twhile (Date.now() < until);\n\tprocess.stdout.write(' and finished');\n});\n`,
	/**
	 * Computes for eight times the budget (a busy loop that ends) under a debugger. The guard's
	 * budget (2 s here) counts from when its worker thread is up, which on a loaded runner can be
	 * a second or more after the loop began: a 3 s loop sometimes ended first.
	 */
	busy: `${header}setTimeout(() => { const until = Date.now() + 8000; while (Date.now() < until); end(); watchdog.stop(); process.stdout.write('done'); }, 10);\n`,
};

interface Run {
	code: number | null;
	signal: string | null;
	stdout: string;
	stderr: string;
}

function run(name: keyof typeof scripts, nodeFlags: string[] = []): Promise<Run> {
	return new Promise((done) => {
		execFile(
			process.execPath,
			[...nodeFlags, join(dir, `${name}.mts`)],
			{ timeout: 120_000, killSignal: 'SIGTERM' },
			(error, stdout, stderr) => {
				const failure = error as (Error & { code?: number; signal?: string }) | null;
				done({
					code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
					signal: failure?.signal ?? null,
					stdout,
					stderr,
				});
			},
		);
	});
}

beforeAll(async () => {
	dir = await writeFixture({});
	for (const [name, source] of Object.entries(scripts))
		await writeFile(join(dir, `${name}.mts`), source);
	await promisify(execFile)('mkfifo', [join(dir, 'fifo')]);
});

afterAll(async () => {
	await removeFixture(dir);
});

const stalledLine =
	'Waymark made no progress for 1 s while matching the exclude patterns (last done: docs/aaaa.md), and stopped.';

test('ends a step stuck in a backtracking regex with exit 2, naming the step and the last piece done', async () => {
	const [stuck, control] = await Promise.all([run('regex'), run('short')]);
	expect(stuck).toMatchObject({ code: 2, signal: null, stdout: '' });
	expect(stuck.stderr.split('\n').slice(0, 2)).toEqual([
		stalledLine,
		expect.stringMatching(/^Hint: /),
	]);
	// Nothing after the report: Node's debugger notice does not reach stderr.
	expect(stuck.stderr).not.toMatch(/debugger/i);
	expect(control).toMatchObject({ code: 0, stdout: 'done', stderr: '' });
}, 150_000);

test('kills a main thread blocked outside JavaScript after printing the same report', async () => {
	const blocked = await run('native');
	expect(blocked.signal).toBe('SIGKILL');
	expect(blocked.stderr.split('\n')[0]).toBe(
		'Waymark made no progress for 1 s while matching the exclude patterns, and stopped.',
	);
}, 150_000);

test('reports a wait once, through the timer, and leaves the run alone once stopped', async () => {
	const waited = await run('waits');
	expect(waited).toMatchObject({ code: 0, stderr: '', stdout: `${stalledLine} and finished` });
}, 150_000);

test('leaves a busy step alone under a debugger, and ends it without one', async () => {
	const [debugged, plain] = await Promise.all([
		run('busy', ['--inspect=127.0.0.1:0']),
		run('busy'),
	]);
	expect(debugged).toMatchObject({ code: 0, stdout: 'done' });
	expect(debugged.stderr).not.toContain('Waymark made no progress');
	expect(plain).toMatchObject({ code: 2, stdout: '' });
	expect(plain.stderr.split('\n')[0]).toBe(stalledLine);
}, 150_000);
