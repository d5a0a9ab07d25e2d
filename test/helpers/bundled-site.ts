import { join } from 'node:path';
import { repoRoot, runCli } from './fixture.ts';
import { sharedBuild } from './shared-build.ts';

let built: Promise<string> | undefined;

/**
 * The bundled guidebooks built as `npm start` builds them (the repository's config), once per run
 * of the suite, into a folder the tests only read. Files run in processes of their own, several at
 * once: the first to ask builds (it alone makes the lock folder), the others wait for its record
 * of the result, which carries the build's error when it failed (`shared-build.ts`).
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
