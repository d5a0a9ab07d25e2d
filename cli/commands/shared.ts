import type { Command } from 'commander';
import { PortInvalid, TrustFlagsConflict, WaymarkError, raise } from '../../core/errors.ts';
import type { Trust } from '../../src/lib/trust.ts';

/** Documented in `--help` and the README; ESLint's convention. */
export const exitCodes = { clean: 0, findings: 1, usage: 2 } as const;

/** `--port` as a number; `PortInvalid` unless it is a whole number from 0 to 65535. */
export function parsePort(text: string): number {
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw raise(PortInvalid, text);
	return port;
}

/**
 * The guidebook root the user asked for: `--root`, else `WAYMARK_ROOT`; config `root` applies when
 * neither is set. Read here, in the command layer, and passed down.
 */
export function rootFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): { root?: string } {
	const root = flag ?? env.WAYMARK_ROOT;
	return root ? { root } : {};
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
