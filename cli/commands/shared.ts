import { relative } from 'node:path';
import type { Command } from 'commander';
import type { LoadConfigOptions } from '../../config/load-config.ts';
import type { WaymarkEnvironment } from '../../core/environment.ts';
import { PortInvalid, TrustFlagsConflict, WaymarkError, raise } from '../../core/errors.ts';
import type { Trust } from '../../src/lib/trust.ts';
import { describeDialect } from '../../tree/dialect/detect.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';

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
export function configOptions(flags: { root?: string | undefined; config?: string | undefined; out?: string | undefined }, environment: WaymarkEnvironment, cwd: string, trust: Trust): LoadConfigOptions {
	const root = flags.root ?? environment.root;
	return {
		cwd,
		trust,
		...(root && { root }),
		...(flags.config && { configFile: flags.config }),
		...(flags.out && { outDir: flags.out }),
		...(environment.dnsServers && { dnsServers: environment.dnsServers }),
		...(environment.chromium && { chromium: environment.chromium }),
	};
}

/** `--trusted` / `--untrusted` as commander sets them. */
export interface TrustFlags {
	trusted?: boolean;
	untrusted?: boolean;
}

/**
 * Adds `--trusted` and `--untrusted` to a command; `untrustedByDefault` says when the command
 * treats the tree as a branch under review without either flag (e.g. "with --base").
 */
export function addTrustOptions(command: Command, untrustedByDefault?: string): Command {
	const whenDefault = untrustedByDefault ? ` (the default ${untrustedByDefault})` : '';
	command.option('--untrusted', `the tree is a branch under review: run no code from it, read and write nothing outside it, no probes, no \${env:}${whenDefault}`);
	if (untrustedByDefault) command.option('--trusted', 'the tree is your own (e.g. your main branch): run MDX, use the config\'s programs and paths');
	return command;
}

/** The trust a command runs with: a flag wins, else `fallback`. `TrustFlagsConflict` for both flags. */
export function trustFrom(flags: TrustFlags, fallback: Trust): Trust {
	if (flags.trusted && flags.untrusted) throw raise(TrustFlagsConflict);
	if (flags.untrusted) return 'untrusted';
	if (flags.trusted) return 'trusted';
	return fallback;
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

/**
 * "Reading docs/ as a GitLab tree (found `.gitlab-ci.yml`, …); set `dialect` to override", said
 * once by `build` and `check` when the tree is read as anything but a plain GitHub tree (or the
 * config sets the dialect); a GitHub tree, the default, says nothing.
 */
export function dialectLine(tree: GuidebookTree, cwd: string): string | undefined {
	if (tree.dialect.name === 'github' && !tree.dialect.forced) return undefined;
	const fromCwd = relative(cwd, tree.root);
	return describeDialect(tree.dialect, fromCwd.startsWith('..') ? tree.root : fromCwd || '.');
}
