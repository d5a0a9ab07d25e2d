import type { LoadConfigOptions } from '../../config/load-config.ts';
import type { WaymarkEnvironment } from '../../core/environment.ts';
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
 * `loadConfig` options from the flags and the environment, read here in the command layer and
 * passed down: the root is `--root`, else `WAYMARK_ROOT`, else config `root`; `WAYMARK_DNS_SERVERS`
 * and `WAYMARK_CHROMIUM` become config overrides.
 */
export function configOptions(flags: { root?: string | undefined; config?: string | undefined; out?: string | undefined }, environment: WaymarkEnvironment, cwd: string): LoadConfigOptions {
	const root = flags.root ?? environment.root;
	return {
		cwd,
		...(root && { root }),
		...(flags.config && { configFile: flags.config }),
		...(flags.out && { outDir: flags.out }),
		...(environment.dnsServers && { dnsServers: environment.dnsServers }),
		...(environment.chromium && { chromium: environment.chromium }),
	};
}

/** Prints each run of the rules on stderr when `DEBUG` names waymark. */
export function traceOf(environment: WaymarkEnvironment): { trace?: (line: string) => void } {
	return environment.debug ? { trace: (line) => void process.stderr.write(`${line}\n`) } : {};
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
