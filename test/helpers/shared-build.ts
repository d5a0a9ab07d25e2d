import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { runCli, type CliResult } from './fixture.ts';

/** A site built once per run of the suite: its folder (read it, never write to it) and what the build printed. */
export interface SharedSite extends CliResult {
	dist: string;
}

/**
 * `waymark build ARGS` once per run of the suite, for every file that builds the same tree the same
 * way and only reads the output: the site in a folder of the run, from a state folder of its own
 * (a clean build). A failed build is the result too: each file asserts on it as on its own build.
 */
export function sharedSite(args: readonly string[]): Promise<SharedSite> {
	const name = `site-${createHash('sha256').update(JSON.stringify(args)).digest('hex').slice(0, 16)}`;
	return sharedBuild(name, async (folder) => {
		const dist = join(folder, 'dist');
		const result = await runCli(
			['build', ...args, '--out', dist, '--state-dir', join(folder, 'state')],
			{
				timeoutMs: 220_000,
			},
		);
		return { ...result, dist };
	});
}

/** A copy of `site`'s folder in `dest`, for a test that changes what it reads. */
export async function copyOfSite(site: SharedSite, dest: string): Promise<string> {
	await cp(site.dist, dest, { recursive: true });
	return dest;
}

/**
 * `build(folder)` once per run of the suite under `name`, whichever process asks first; its result
 * (or error) for every process. Outside a run that provides `sharedBuilds`
 * (test/helpers/shared-builds.global.ts), once per process.
 */
export async function sharedBuild<T>(
	name: string,
	build: (folder: string) => Promise<T>,
): Promise<T> {
	const shared = inject('sharedBuilds');
	if (!shared) {
		const tmp = await mkdtemp(join(tmpdir(), `waymark-${name}-`));
		process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
		return build(tmp);
	}
	const folder = join(shared, name);
	const record = join(shared, `${name}.json`);
	const first = await mkdir(folder).then(
		() => true,
		(error: NodeJS.ErrnoException) => {
			if (error.code === 'EEXIST') return false;
			throw error;
		},
	);
	if (first) {
		const result = await build(folder).then(
			(out): { out: T } | { error: string } => ({ out }),
			(error: Error) => ({ error: error.message }),
		);
		// Written whole, then renamed into place: a waiting process never reads half a record.
		await writeFile(`${record}.partial`, JSON.stringify(result));
		await rename(`${record}.partial`, record);
		if ('error' in result) throw new Error(result.error);
		return result.out;
	}
	// Within the build project's hook timeout (240 s), so a build that never records says so here.
	for (const started = Date.now(); Date.now() - started < 230_000; await sleep(250)) {
		const text = await readFile(record, 'utf8').catch(() => undefined);
		if (text === undefined) continue;
		const result = JSON.parse(text) as { out: T } | { error: string };
		if ('error' in result) throw new Error(`another file's build of ${name}: ${result.error}`);
		return result.out;
	}
	throw new Error(`another file's build of ${name} did not end within 230 s`);
}
