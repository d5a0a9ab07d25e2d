import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

// Astro keeps rendered Markdown between builds unless its config digest changes; anything
// time-varying in the Markdown plugin options (such as a status snapshot's clock) would throw the
// whole cache away on every build.
let root: string;
let builds: CliResult[];

beforeAll(async () => {
	root = await writeFixture({
		'guidebooks/README.md': [
			'---',
			'probes:',
			'  - id: api-health',
			'    http: https://api.example.lab/healthz',
			'---',
			'# API',
			'',
			'Health: :status{probe=api-health}',
			'',
		].join('\n'),
	});
	const env = { WAYMARK_LOG_LEVEL: 'info', WAYMARK_CHROMIUM: '/nonexistent' };
	builds = [];
	for (let i = 0; i < 2; i++) builds.push(await runCli(['build', '--root', 'guidebooks', '--out', 'dist'], { cwd: root, env }));
});

afterAll(async () => {
	await removeFixture(root);
});

test('keeps Astro\'s rendered-Markdown cache across rebuilds of an unchanged tree', () => {
	expect(builds.map((b) => b.code)).toEqual([0, 0]);
	expect(builds[1]?.stdout).toContain('Synced content');
	expect(builds[1]?.stdout).not.toContain('Astro config changed');
	expect(builds[1]?.stdout).not.toContain('Clearing content store');
});
