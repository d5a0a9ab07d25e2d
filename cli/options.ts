// What registering a command needs, and nothing more: `waymark --help` loads this and each verb's
// registration (`verbs/`), never a command's code.
import type { Command } from 'commander';
import { rootCandidates } from '../config/root-candidates.ts';

/** Documented in `--help` and the README; ESLint's convention. */
export const exitCodes = { clean: 0, findings: 1, usage: 2 } as const;

/**
 * `--root`'s help: where a command reads the Markdown when the flag is not given, in the order
 * `loadConfig` tries (config/find-root.ts for the folders).
 */
export const rootHelp = `guidebook folder (default: WAYMARK_ROOT, else config \`root\`, or without a config file an mdBook's source folder, else the first of ${rootCandidates.map((candidate) => `${candidate}/`).join(', ')} with Markdown)`;

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
	command.option(
		'--untrusted',
		`the tree is a branch under review: run no code from it, read and write nothing outside it, no probes, no \${env:}${whenDefault}`,
	);
	if (untrustedByDefault)
		command.option(
			'--trusted',
			"the tree is your own (e.g. your main branch): run MDX, use the config's programs and paths",
		);
	return command;
}
