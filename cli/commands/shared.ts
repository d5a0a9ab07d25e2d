import { PortInvalid, WaymarkError, raise } from '../../core/errors.ts';

/** Documented in `--help` and the README; ESLint's convention. */
export const exitCodes = { clean: 0, findings: 1, usage: 2 } as const;

/** `--port` as a number; `PortInvalid` unless it is written as a whole number from 0 to 65535 (not `1e3`, `0x50` or ` 80`). */
export function parsePort(text: string): number {
	const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
	if (!(port >= 0 && port <= 65535)) throw raise(PortInvalid, text);
	return port;
}

/** Prints a catalog entry as a warning (message + hint) on stderr; the command goes on. */
export function printWarning(warning: WaymarkError): void {
	process.stderr.write(`Warning: ${warning.message}\n${warning.hint ? `Hint: ${warning.hint}\n` : ''}`);
}

/**
 * The guidebook root the user asked for: `--root`, else `WAYMARK_ROOT`; config `root` applies when
 * neither is set. Read here, in the command layer, and passed down.
 */
export function rootFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): { root?: string } {
	const root = flag ?? env.WAYMARK_ROOT;
	return root ? { root } : {};
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
