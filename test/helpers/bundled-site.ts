import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runCli } from './fixture.ts';

let built: Promise<string> | undefined;

/**
 * The bundled guidebooks built as `npm start` builds them (the repository's config), once per
 * test process, into a folder the tests only read; removed when the process ends. The build
 * project runs its files in one process (`isolate: false` in vitest.config.ts), so every file
 * that only reads the bundled site shares this one build.
 */
export function bundledSite(): Promise<string> {
	built ??= (async () => {
		const tmp = await mkdtemp(join(tmpdir(), 'waymark-bundled-'));
		process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
		const out = join(tmp, 'dist');
		const result = await runCli(['build', '--root', join(repoRoot, 'guidebooks'), '--config', join(repoRoot, 'waymark.config.yaml'), '--out', out, '--state-dir', join(tmp, 'state')], { cwd: repoRoot, timeoutMs: 300_000 });
		if (result.code !== 0) throw new Error(`the bundled guidebooks did not build (exit ${result.code}):\n${result.stderr}${result.stdout}`);
		return out;
	})();
	return built;
}
