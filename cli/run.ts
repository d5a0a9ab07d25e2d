// argv → command → exit code, in whatever process calls it: `main.ts` gives it the process's
// terminal and exits with the code; a test gives it its own terminal and reads what it wrote.
import { Command, CommanderError } from 'commander';
import { registerVerbs } from './verbs/index.ts';
import { packageVersion } from '../core/package.ts';
import { exitCodes } from './options.ts';
import type { Terminal } from './terminal.ts';

function createProgram(terminal: Terminal): Command {
	return new Command('waymark')
		.description('Documentation sites for operations runbooks, checked against reality.')
		.version(packageVersion, '-v, --version', 'print the installed Waymark version')
		.addHelpText(
			'after',
			`\nExit codes:\n  ${exitCodes.clean}  check: no finding at or above --fail-on; build: the site was written (findings or not)\n  ${exitCodes.findings}  check: findings at or above --fail-on, or a failing probe; build --strict: error findings\n  ${exitCodes.usage}  usage, configuration or internal error, or a run that stopped making progress`,
		)
		.exitOverride()
		.configureOutput({
			writeOut: (text) => void terminal.stdout.write(text),
			writeErr: (text) => void terminal.stderr.write(text),
			outputError: (text, write) => write(text),
		});
}

/**
 * Set for every run of a command, in the `waymark` process or in another that runs it:
 * Astro, run inside Waymark's commands, would send its usage telemetry to telemetry.astro.build on
 * every whole build. Waymark's users never agreed to it, a branch under review may not reach the
 * network, and a run in CI or a test may not leave the machine: none is sent. (Waymark's
 * integration in a project's own Astro build leaves the choice to that project's Astro.)
 * Nor does `waymark dev` ask registry.npmjs.org for Astro's latest release (and write the answer
 * into the user's Astro preferences, outside the project): Waymark pins its Astro, so a notice to
 * update it would be advice its users cannot take.
 */
function quietAstro(): void {
	process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
	process.env['ASTRO_DISABLE_UPDATE_CHECK'] = 'true';
}

/**
 * Runs `waymark` with `argv` (as `process.argv`: Node, the script, then the arguments) in this
 * process; resolves with the exit code once the command is done, or with undefined when it goes
 * on serving (`serve`, `preview`, `dev`).
 */
export async function runWaymark(
	argv: readonly string[],
	terminal: Terminal,
): Promise<number | undefined> {
	quietAstro();
	const program = createProgram(terminal);
	// `--help`, `--version` and a bare `waymark` end in commander without a command: exit 0.
	let code: number | undefined = exitCodes.clean;
	const context = { terminal, done: (result: number | undefined) => void (code = result) };
	registerVerbs(program, context);
	try {
		await program.parseAsync([...argv]);
	} catch (error) {
		if (error instanceof CommanderError)
			return error.exitCode === 0 ? exitCodes.clean : exitCodes.usage;
		// Loaded only here: the error catalog and its printer are a command's, not `--help`'s.
		(await import('./commands/shared.ts')).printError(terminal, error);
		return exitCodes.usage;
	}
	return code;
}
