import type { Command } from 'commander';
import type { CommandContext } from '../terminal.ts';
import { registerBaseline } from './baseline.ts';
import { registerBuild } from './build.ts';
import { registerCheck } from './check.ts';
import { registerDev } from './dev.ts';
import { registerExport } from './export.ts';
import { registerInit } from './init.ts';
import { registerPreview } from './preview.ts';
import { registerProbe } from './probe.ts';
import { registerServe } from './serve.ts';

/**
 * Every `waymark` verb on `program`: its options and help, and an action that loads the verb's
 * code (`commands/`) when it runs. Registering loads none of it, so `waymark --help` and
 * `--version` answer without Astro, the checks or the server, and each verb loads only its own.
 */
export function registerVerbs(program: Command, context: CommandContext): void {
	for (const register of [
		registerBaseline,
		registerBuild,
		registerCheck,
		registerDev,
		registerExport,
		registerInit,
		registerPreview,
		registerProbe,
		registerServe,
	])
		register(program, context);
}
