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
export async function writeFixture(files: Record<string, string | Buffer>, options: { outsideInstall?: boolean } = {}): Promise<string> {
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

/**
 * Runs the real `waymark` CLI in a child process with this test's Node (24). Never throws on exit
 * codes. `launcher` is a command that runs Node for it, e.g. `['setpriv', …]`.
 */
export async function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number; launcher?: string[] } = {}): Promise<CliResult> {
	const [command = process.execPath, ...commandArgs] = [...(options.launcher ?? []), process.execPath, cliPath, ...args];
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
		return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
	}
}

/** Builds `root` into `<root>-dist` with the CLI; returns the output folder and the CLI result. */
export async function buildFixture(root: string, extraArgs: string[] = []): Promise<CliResult & { outDir: string }> {
	const outDir = `${root}-dist`;
	const result = await runCli(['build', '--root', root, '--out', outDir, ...extraArgs]);
	return { ...result, outDir };
}
