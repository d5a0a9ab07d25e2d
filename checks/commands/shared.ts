import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PortInvalid, WaymarkError, raise } from '../errors.ts';

/** Documented in `--help` and the README; ESLint's convention. */
export const exitCodes = { clean: 0, findings: 1, usage: 2 } as const;

/** `--port` as a number; `PortInvalid` unless it is a whole number from 0 to 65535. */
export function parsePort(text: string): number {
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw raise(PortInvalid, text);
	return port;
}

/**
 * The Waymark package folder (holds astro.config.mjs and src/), wherever it is installed. Found by
 * walking up, because a packed Waymark runs this file compiled from `dist-cli/checks/commands/`.
 */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
	for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
		if (existsSync(join(dir, 'astro.config.mjs'))) return `${dir}/`;
	}
	return fileURLToPath(new URL('../../', import.meta.url));
}

/** Prints a catalog error as message + hint; anything else as one line, never a stack trace unless DEBUG is set. */
export function printError(error: unknown): void {
	if (error instanceof WaymarkError) {
		process.stderr.write(`${error.message}\n${error.hint ? `Hint: ${error.hint}\n` : ''}`);
		return;
	}
	const astroHint = (error as { hint?: unknown }).hint;
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`${message}\n${typeof astroHint === 'string' ? `Hint: ${astroHint}\n` : ''}`);
	if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
}
