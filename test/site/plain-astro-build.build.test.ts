import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

// A plain `astro build` with Waymark's astro.config.mjs: the config prepares the project as
// `waymark build` does (`prepareProject`), and the integration, which reads nothing itself, runs
// the checks when Astro builds and publishes whatever they find.
let dir: string;
let run: { code: number; output: string };

beforeAll(async () => {
	dir = await writeFixture({
		'guidebooks/README.md': '# Home\n\n[Restore](restore.md)\n',
		'guidebooks/restore.md': '# Restore\n\nSee [the old page](gone.md).\n',
	});
	const astro = join(repoRoot, 'node_modules/astro/bin/astro.mjs');
	try {
		const { stdout, stderr } = await promisify(execFile)(
			process.execPath,
			[astro, 'build', '--outDir', join(dir, 'dist')],
			{
				cwd: repoRoot,
				env: {
					...process.env,
					WAYMARK_ROOT: join(dir, 'guidebooks'),
					ASTRO_TELEMETRY_DISABLED: '1',
					NO_COLOR: '1',
				},
				timeout: 120_000,
			},
		);
		run = { code: 0, output: stdout + stderr };
	} catch (error) {
		const e = error as { code?: number; stdout?: string; stderr?: string };
		run = {
			code: typeof e.code === 'number' ? e.code : -1,
			output: `${e.stdout ?? ''}${e.stderr ?? ''}`,
		};
	}
}, 180_000);

afterAll(() => removeFixture(dir));

test('builds the tree WAYMARK_ROOT names, reports its findings and publishes anyway', () => {
	expect(run.code, run.output).toBe(0);
	expect(run.output).toMatch(
		/restore\.md:3:5: Unexpected link to missing file `gone\.md`, expected an existing file \(internal-links\)/,
	);
	expect(run.output).toContain(
		'1 error and 0 warnings in the guidebooks; the site is built anyway.',
	);
	for (const file of [
		'index.html',
		'restore/index.html',
		'pagefind/pagefind-entry.json',
		'_waymark/status.json',
		'sw.js',
	])
		expect(existsSync(join(dir, 'dist', file)), file).toBe(true);
});
