import { readEnvironment, type WaymarkEnvironment } from '../core/environment.ts';

/** A stream a command writes to; `isTTY` decides colour and progress bars. */
type CommandOutput = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * What a command runs in: where it writes, its working directory and its environment, read once.
 * `waymark` gives each command the process's (`processTerminal`); a test gives it its own and
 * runs the command in its process (`cli/run.ts`). No command reads `process.stdout`,
 * `process.cwd()` or `process.env` itself.
 */
export interface Terminal {
	stdout: CommandOutput;
	stderr: CommandOutput;
	cwd: string;
	environment: WaymarkEnvironment;
}

/** The process's own streams, working directory and environment. */
export function processTerminal(): Terminal {
	return {
		stdout: process.stdout,
		stderr: process.stderr,
		cwd: process.cwd(),
		environment: readEnvironment(process.env),
	};
}

/** How a registered command hands back its result: an exit code, or undefined while it serves. */
export interface CommandContext {
	terminal: Terminal;
	done(code: number | undefined): void;
}
