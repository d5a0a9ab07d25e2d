import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { repoRoot, runCli } from './fixture.ts';

let built: Promise<string> | undefined;

/**
 * The bundled guidebooks built as `npm start` builds them (the repository's config), once per run
 * of the suite, into a folder the tests only read. Files run in processes of their own, several at
 * once: the first to ask builds (it alone makes the lock folder), the others wait for its record
 * of the result, which carries the build's error when it failed. Outside a run that provides
 * `sharedBuilds` (test/helpers/shared-builds.global.ts), once per process.
 */
export function bundledSite(): Promise<string> {
	built ??= sharedBuild('bundled', buildBundled);
	return built;
}

async function buildBundled(tmp: string): Promise<string> {
	const out = join(tmp, 'dist');
	const result = await runCli(
		[
			'build',
			'--root',
			join(repoRoot, 'guidebooks'),
			'--config',
			join(repoRoot, 'waymark.config.yaml'),
			'--out',
			out,
			'--state-dir',
			join(tmp, 'state'),
		],
		{ cwd: repoRoot, timeoutMs: 220_000 },
	);
	if (result.code !== 0)
		throw new Error(
			`the bundled guidebooks did not build (exit ${result.code}):\n${result.stderr}${result.stdout}`,
		);
	return out;
}

/** `build(folder)` once per run of the suite under `name`, whichever process asks first; its result (or error) for every process. */
async function sharedBuild(
	name: string,
	build: (folder: string) => Promise<string>,
): Promise<string> {
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
			(out) => ({ out }),
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
		const result = JSON.parse(text) as { out: string } | { error: string };
		if ('error' in result) throw new Error(`another file's build of ${name}: ${result.error}`);
		return result.out;
	}
	throw new Error(`another file's build of ${name} did not end within 230 s`);
}
