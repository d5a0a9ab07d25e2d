#!/usr/bin/env node
// argv → command → exit code. Commands live in commands/, one file each; this file has no logic.
import module from 'node:module';
import { Command, CommanderError } from 'commander';
import { registrationsFor } from './commands/index.ts';
import { packageVersion } from '../core/package.ts';
import { exitCodes, printError } from './commands/shared.ts';

const program = new Command('waymark')
	.description('Documentation sites for operations runbooks, checked against reality.')
	.version(packageVersion, '-v, --version', 'print the installed Waymark version')
	.addHelpText(
		'after',
		`\nExit codes:\n  ${exitCodes.clean}  check: no finding at or above --fail-on; build: the site was written (findings or not)\n  ${exitCodes.findings}  check: findings at or above --fail-on, or a failing probe; build --strict: error findings\n  ${exitCodes.usage}  usage, configuration or internal error, or a run that stopped making progress`,
	)
	.exitOverride()
	.configureOutput({ outputError: (text, write) => write(text) });

// Node keeps the compiled code of every module it loads on disk (<tmpdir>/node-compile-cache, or
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so the next start compiles about
// half as much: 0.69 → 0.39 s of CPU to load the check engine (bench/HISTORY.md, `## check`). Here,
// not in bin/: `npm run build` and `npm start` come in this way. Before the commands are loaded,
// which is where Astro, Vite and the checks are.
module.enableCompileCache?.();

// Astro, run inside Waymark's commands, would send its usage telemetry to telemetry.astro.build on
// every whole build. Waymark's users never agreed to it, a branch under review may not reach the
// network, and a run in CI or a test may not leave the machine: none is sent. (Waymark's
// integration in a project's own Astro build leaves the choice to that project's Astro.)
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
// Nor does `waymark dev` ask registry.npmjs.org for Astro's latest release (and write the answer
// into the user's Astro preferences, outside the project): Waymark pins its Astro, so a notice
// to update it would be advice its users cannot take.
process.env['ASTRO_DISABLE_UPDATE_CHECK'] = 'true';

for (const register of await registrationsFor(process.argv)) register(program);

// `waymark check | head` closes the pipe early; that is the reader's choice, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	throw error;
});

try {
	await program.parseAsync(process.argv);
} catch (error) {
	if (error instanceof CommanderError) {
		process.exitCode = error.exitCode === 0 ? 0 : exitCodes.usage;
	} else {
		printError(error);
		process.exitCode = exitCodes.usage;
	}
}
