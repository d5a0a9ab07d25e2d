import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cliPath = resolve(repoRoot, 'cli/main.ts');
const tmpBase = resolve(repoRoot, 'test/.tmp');

/**
 * Writes `files` (relative path → content) into a fresh temp folder and returns its path: below
 * this checkout by default, or with `outsideInstall` in the system's temp folder, where nothing
 * above the tree holds Waymark or its dependencies (a global install, a tree beside the install).
 */
export async function writeFixture(
	files: Record<string, string | Buffer>,
	options: { outsideInstall?: boolean } = {},
): Promise<string> {
	const base = options.outsideInstall ? tmpdir() : tmpBase;
	await mkdir(base, { recursive: true });
	const dir = await mkdtemp(join(base, options.outsideInstall ? 'waymark-fx-' : 'fx-'));
	for (const [path, content] of Object.entries(files)) {
		const full = join(dir, path);
		await mkdir(dirname(full), { recursive: true });
		await writeFile(full, content);
	}
	return dir;
}

export async function removeFixture(dir: string): Promise<void> {
	await rm(dir, { recursive: true, force: true });
}

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

export interface RunCliOptions {
	cwd?: string;
	env?: Record<string, string>;
	timeoutMs?: number;
	/** A command that runs Node for it, e.g. `['setpriv', …]`; implies `process`. */
	launcher?: string[];
	/** Run it as its own process: for what is about the process (start-up, signals, a stall that ends it, a server that stays up). */
	process?: boolean;
}

/**
 * Runs the real `waymark` CLI with `args`: in this test's process by default, through the same
 * `runWaymark` the `waymark` process calls, so coverage sees the command and the build; with
 * `process` (or a `launcher`), in a child process with this test's Node (24). Never throws on
 * exit codes.
 */
export async function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
	return options.process || options.launcher
		? runCliProcess(args, options)
		: runCliInProcess(args, options);
}

/** Variables that reach what the command starts (Node, git, a browser), not the command itself: only a process of its own can take them. */
const processVariables =
	/^(?:NODE_OPTIONS|NODE_DISABLE_COMPILE_CACHE|NODE_COMPILE_CACHE|PATH|HOME|TMPDIR|LANG|LC_ALL|GIT_.*|PAGEFIND_.*)$/;

async function runCliInProcess(args: string[], options: RunCliOptions): Promise<CliResult> {
	const given = Object.keys(options.env ?? {}).filter((name) => processVariables.test(name));
	if (given.length > 0)
		throw new Error(
			`runCli: ${given.join(', ')} reach only a process of its own; pass { process: true }`,
		);
	const { runWaymark } = await import('../../cli/run.ts');
	const { testTerminal } = await import('./terminal.ts');
	const terminal = testTerminal({
		cwd: options.cwd ?? repoRoot,
		env: { ...process.env, NO_COLOR: '1', WAYMARK_LOG_LEVEL: 'silent', ...options.env },
	});
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, fail) => {
		timer = setTimeout(
			() =>
				fail(
					new Error(`waymark ${args.join(' ')} ran longer than ${options.timeoutMs ?? 180_000} ms`),
				),
			options.timeoutMs ?? 180_000,
		);
	});
	try {
		const code = await Promise.race([runWaymark(['node', 'waymark', ...args], terminal), timeout]);
		if (code === undefined)
			throw new Error(
				`waymark ${args.join(' ')} went on serving in the test's process: run it with { process: true }`,
			);
		return { code, stdout: terminal.out(), stderr: terminal.err() };
	} finally {
		clearTimeout(timer);
	}
}

async function runCliProcess(args: string[], options: RunCliOptions): Promise<CliResult> {
	const [command = process.execPath, ...commandArgs] = [
		...(options.launcher ?? []),
		process.execPath,
		cliPath,
		...args,
	];
	try {
		const { stdout, stderr } = await promisify(execFile)(command, commandArgs, {
			cwd: options.cwd ?? repoRoot,
			env: { ...process.env, NO_COLOR: '1', WAYMARK_LOG_LEVEL: 'silent', ...options.env },
			timeout: options.timeoutMs ?? 180_000,
			maxBuffer: 64 * 1024 * 1024,
		});
		return { code: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code?: number; stdout?: string; stderr?: string };
		return {
			code: typeof e.code === 'number' ? e.code : -1,
			stdout: e.stdout ?? '',
			stderr: e.stderr ?? '',
		};
	}
}

/** Builds `root` into `<root>-dist` with the CLI; returns the output folder and the CLI result. */
export async function buildFixture(
	root: string,
	extraArgs: string[] = [],
): Promise<CliResult & { outDir: string }> {
	const outDir = `${root}-dist`;
	const result = await runCli(['build', '--root', root, '--out', outDir, ...extraArgs]);
	return { ...result, outDir };
}
