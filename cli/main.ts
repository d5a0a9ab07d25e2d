#!/usr/bin/env node
// The `waymark` process: its terminal, its exit. What a command does is `run.ts`'s.
import module from 'node:module';
import { runWaymark } from './run.ts';
import { processTerminal } from './terminal.ts';

// Node keeps the compiled code of every module it loads on disk (<tmpdir>/node-compile-cache, or
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so the next start compiles about
// half as much: 0.69 → 0.39 s of CPU to load the check engine (bench/HISTORY.md, `## check`). Here,
// not in bin/: `npm run build` and `npm start` come in this way. Before the commands are loaded,
// which is where Astro, Vite and the checks are.
module.enableCompileCache?.();

// `waymark check | head` closes the pipe early; that is the reader's choice, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	throw error;
});

const code = await runWaymark(process.argv, processTerminal());
// A command that is done ends the process once its output is written: whatever it left running
// (a browser that never answered, after a stall) must not keep the process alive. A server goes on.
if (code !== undefined) {
	process.exitCode = code;
	await Promise.all(
		[process.stdout, process.stderr].map(
			(stream) => new Promise<void>((done) => stream.write('', () => done())),
		),
	);
	process.exit(code);
}
