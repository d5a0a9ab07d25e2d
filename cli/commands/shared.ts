import type { LoadConfigOptions, LoadedConfig } from '../../config/load-config.ts';
import { rootCandidates } from '../../config/root-candidates.ts';
import type { TrustFlags } from '../options.ts';

export { addTrustOptions, exitCodes, rootHelp, type TrustFlags } from '../options.ts';
import { shownFile, shownPath } from '../../core/shown-path.ts';
import { terminalLines, terminalText } from '../../core/escape.ts';
import {
	BasePathInvalid,
	InternalError,
	PortInvalid,
	TrustFlagsConflict,
	WaymarkError,
	raise,
} from '../../core/errors.ts';
import type { Trust } from '../../core/trust.ts';
import { defaultTool, toolDescriptor } from '../../tools/index.ts';
import { describeDialect } from '../../tools/detect.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import type { RunState } from '../watchdog.ts';
import type { Terminal } from '../terminal.ts';

/** `--base-path`: `/runbooks` → `/runbooks/`; `BasePathInvalid` unless it is a URL path. */
export function basePathOf(text: string): string {
	if (!text.startsWith('/') || text.startsWith('//')) throw raise(BasePathInvalid, text);
	return text.endsWith('/') ? text : `${text}/`;
}

/** `--port` as a number; `PortInvalid` unless it is written as a whole number from 0 to 65535 (not `1e3`, `0x50` or ` 80`). */
export function parsePort(text: string): number {
	const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
	if (!(port >= 0 && port <= 65535)) throw raise(PortInvalid, text);
	return port;
}

/**
 * Says on stderr, in one line, which folder a command without a config file reads: every command
 * finds it the same way (`findTreeRoot`).
 */
export function noteRootFound(terminal: Terminal, loaded: LoadedConfig): void {
	if (!loaded.rootFound) return;
	const looked = rootCandidates.map((candidate) => `${candidate}/`).join(', ');
	const by = loaded.rootFound.by;
	const why =
		by === 'rootCandidates'
			? `the first of ${looked} with Markdown in it`
			: `${by.what} (${by.file})`;
	terminal.stderr.write(
		`No waymark.config.yaml: reading ${shownPath(loaded.root, terminal.cwd)}, ${why}; \`waymark init\` writes a config.\n`,
	);
}

/** A log function for the layers below: one line on stderr as it happens (a server error, a late warning). */
export function lineLog(terminal: Terminal): (line: string) => void {
	return (line) => void terminal.stderr.write(`${terminalLines(line)}\n`);
}

/**
 * A catalog entry as message and hint, for stderr. Messages quote what the tree and the network
 * said (file names, values, answers): `terminalLines` keeps the lines the entry means and shows
 * any other break or escape as text, so nothing quoted starts a workflow command in a CI log.
 */
function catalogText(entry: WaymarkError, prefix = ''): string {
	return terminalLines(`${prefix}${entry.message}\n${entry.hint ? `Hint: ${entry.hint}\n` : ''}`);
}

/** A log function that prints a catalog entry as a warning (message + hint) on stderr; the command goes on. */
export function warningLog(terminal: Terminal): (warning: WaymarkError) => void {
	return (warning) => void terminal.stderr.write(catalogText(warning, 'Warning: '));
}

/**
 * `loadConfig` options from the flags and the environment, read here in the command layer and
 * passed down: the root is `--root`, else `WAYMARK_ROOT`, else config `root`; `WAYMARK_DNS_SERVERS`
 * and `WAYMARK_CHROMIUM` become config overrides.
 */
export function configOptions(
	flags: {
		root?: string | undefined;
		config?: string | undefined;
		out?: string | undefined;
		stateDir?: string | undefined;
	},
	terminal: Terminal,
	trust: Trust,
): LoadConfigOptions {
	const { environment, cwd } = terminal;
	const root = flags.root ?? environment.root;
	return {
		cwd,
		trust,
		...(root && { root }),
		...(flags.config && { configFile: flags.config }),
		...(flags.out && { outDir: flags.out }),
		...(flags.stateDir && { stateDir: flags.stateDir }),
		...(environment.dnsServers && { dnsServers: environment.dnsServers }),
		...(environment.chromium && { chromium: environment.chromium }),
	};
}

/** The trust a command runs with: a flag wins, else `fallback`. `TrustFlagsConflict` for both flags. */
export function trustFrom(flags: TrustFlags, fallback: Trust): Trust {
	if (flags.trusted && flags.untrusted) throw raise(TrustFlagsConflict);
	if (flags.untrusted) return 'untrusted';
	if (flags.trusted) return 'trusted';
	return fallback;
}

/** Prints each run of the rules on stderr when `DEBUG` names waymark. */
export function traceOf(terminal: Terminal): { trace?: (line: string) => void } {
	return terminal.environment.debug
		? { trace: (line) => void terminal.stderr.write(`${line}\n`) }
		: {};
}

/**
 * Prints a catalog error as message + hint. Anything else is Waymark's own bug: one line naming
 * what the run was doing (`state`, from the watchdog) and the file the error names, asking for a
 * report; the stack trace only with `DEBUG=waymark`.
 */
export function printError(terminal: Terminal, error: unknown, state?: RunState): void {
	const known = catalogErrorOf(error);
	if (known) {
		terminal.stderr.write(catalogText(known));
		return;
	}
	// Bundler messages come coloured.
	const lines = (error instanceof Error ? error.message : String(error))
		// eslint-disable-next-line no-control-regex -- matching the escapes is the point
		.replace(/\u001b\[[\d;]*m/g, '')
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
	// "Build failed with 1 error:" says nothing without the line after it.
	const message =
		lines[0]?.endsWith(':') && lines[1] ? `${lines[0]} ${lines[1]}` : (lines[0] ?? '');
	const code = (error as NodeJS.ErrnoException).code;
	if (code && environmentCodes.has(code)) {
		// The machine's doing (permissions, a full disk), not a bug: say what failed and where.
		terminal.stderr.write(
			`${terminalText(message)}${state ? ` (while ${describeState(state) ?? 'running'})` : ''}\nHint: Check the permissions and free space of the folders Waymark reads and writes.\n`,
		);
		return;
	}
	const file = fileOf(error);
	const reason = `${error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : ''}${message}${file && !message.includes(file) ? ` (in ${file})` : ''}`;
	terminal.stderr.write(
		`${terminalLines(raise(InternalError, reason, describeState(state)).message)}\n`,
	);
	if (terminal.environment.debug && error instanceof Error && error.stack)
		terminal.stderr.write(`${error.stack}\n`);
}

/** System error codes that describe the machine, not a bug: the only non-catalog errors not reported as Waymark's. */
const environmentCodes = new Set([
	'EACCES',
	'EPERM',
	'ENOSPC',
	'EROFS',
	'EMFILE',
	'ENFILE',
	'EDQUOT',
]);

/** A catalog error, also when Astro wrapped it (`rethrowForAstro` keeps it as the `cause`). */
function catalogErrorOf(error: unknown): WaymarkError | undefined {
	for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
		if (e instanceof WaymarkError) return e;
	return undefined;
}

/** The file an Astro, Vite or Rollup error names, if any. */
function fileOf(error: unknown): string | undefined {
	const e = error as { loc?: { file?: unknown }; id?: unknown; file?: unknown };
	const file = e.loc?.file ?? e.id ?? e.file;
	return typeof file === 'string' && file !== '' ? file : undefined;
}

function describeState(state: RunState | undefined): string | undefined {
	if (!state || (state.open.length === 0 && !state.last)) return undefined;
	const open = state.open.length > 0 ? state.open.join('; ') : 'finishing the run';
	return `${open}${state.last ? ` (last done: ${state.last})` : ''}`;
}

/**
 * When the config's `dialect` reads the tree as one tool's and another site generator's config
 * builds the root (`dialect: hugo` in a config shared by two trees, one of them MkDocs'),
 * a warning for stderr: the tree is read as the config says, and the other tool's syntax would
 * show as text.
 */
export function contraryDialectWarning(tree: GuidebookTree): string | undefined {
	const other = tree.dialect.contrary?.[0];
	if (!other) return undefined;
	const [forced, found] = [
		toolDescriptor(tree.dialect.name).label,
		toolDescriptor(other.dialect).label,
	];
	return terminalLines(
		`Warning: the config's \`dialect: ${tree.dialect.name}\` reads the tree as ${forced} does, but ${found} builds it (\`${other.name}\`)\nHint: Set \`dialect: auto\` (or \`${other.dialect}\`) in the config this tree is built with, or give this tree a config of its own (\`--config\`); else what only ${found} reads shows as text.\n`,
	);
}

/**
 * "Reading docs/ as a GitLab tree (found `.gitlab-ci.yml`, …); set `dialect` to override", said
 * once by `build` and `check` when the tree is read as anything but the default tool's (or the
 * config sets the dialect); a tree read as the default, a forge's Markdown, says nothing.
 */
export function dialectLine(tree: GuidebookTree, cwd: string): string | undefined {
	if (tree.dialect.name === defaultTool.name && !tree.dialect.forced) return undefined;
	return describeDialect(tree.dialect, shownFile(tree.root, cwd));
}
