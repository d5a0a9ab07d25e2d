import type { Command } from 'commander';
import type { CommandContext } from '../terminal.ts';

type Register = (program: Command, context: CommandContext) => void;

/**
 * Every `waymark` verb, with the file that registers it on the program, imported on demand: each
 * command pulls in its own world (Astro, the server, undici), and `waymark check` should not pay
 * for loading `build`'s.
 */
const commands: Record<string, () => Promise<Register>> = {
	baseline: async () => (await import('./baseline.ts')).registerBaseline,
	build: async () => (await import('./build.ts')).registerBuild,
	check: async () => (await import('./check.ts')).registerCheck,
	dev: async () => (await import('./dev.ts')).registerDev,
	export: async () => (await import('./export.ts')).registerExport,
	init: async () => (await import('./init.ts')).registerInit,
	preview: async () => (await import('./preview.ts')).registerPreview,
	probe: async () => (await import('./probe.ts')).registerProbe,
	serve: async () => (await import('./serve.ts')).registerServe,
};

/**
 * The registrations `argv` needs: only its verb's when it names one, else every verb's (for
 * `--help`, `help <verb>`, a bare `waymark` and a mistyped verb's suggestion). The program itself
 * takes no option with a value, so the verb is the first argument that is not an option.
 */
export async function registrationsFor(argv: readonly string[]): Promise<Register[]> {
	const verb = argv.slice(2).find((arg) => !arg.startsWith('-'));
	const load = verb !== undefined && Object.hasOwn(commands, verb) ? [commands[verb]] : Object.values(commands);
	return Promise.all(load.map((loader) => (loader as () => Promise<Register>)()));
}
