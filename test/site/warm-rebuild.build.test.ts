import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
		'guidebooks/notes.md': '# Notes\n',
		'guidebooks/ops/run.md': '# Run the rotation\n',
	});
	const env = { WAYMARK_LOG_LEVEL: 'info', WAYMARK_CHROMIUM: '/nonexistent' };
	builds = [];
	builds.push(await runCli(['build', '--root', 'guidebooks', '--out', 'dist'], { cwd: root, env }));
	// A title shown in navigation: not a body edit, so Astro builds again, from its caches.
	await writeFile(join(root, 'guidebooks/notes.md'), '# Notes for the rotation\n');
	builds.push(await runCli(['build', '--root', 'guidebooks', '--out', 'dist'], { cwd: root, env }));
});

afterAll(async () => {
	await removeFixture(root);
});

test("keeps Astro's rendered-Markdown cache across rebuilds, and renders again only the pages a title change shows on", () => {
	expect(builds.map((b) => b.code)).toEqual([0, 0]);
	expect(builds[1]?.stdout).toContain('Synced content');
	expect(builds[1]?.stdout).not.toContain('Astro config changed');
	expect(builds[1]?.stdout).not.toContain('Clearing content store');
	// Astro's incremental build: the home page lists the notes page (its title changed); both render,
	// and ops/run/, which shows neither, is copied from the last build.
	const rendered = (builds[1]?.stdout ?? '')
		.split('\n')
		.filter((line) => /[├└]─ \//.test(line) && !line.includes('(restored)'));
	expect(
		rendered
			.map((line) => /[├└]─ (\S+)/.exec(line)?.[1])
			.filter((path) => !path?.startsWith('/status/') && path !== '/404.html')
			.sort(),
	).toEqual(['/index.html', '/notes/index.html']);
	expect(
		[...(builds[1]?.stdout ?? '').matchAll(/[├└]─ (\S+) \(restored\)/g)].map((m) => m[1]),
	).toEqual(['/ops/run/index.html']);
});

test('says how many pages it rendered again, and says nothing of it on a first build', () => {
	expect(builds[0]?.stdout).not.toContain('came from the last build');
	expect(builds[1]?.stdout).toContain(
		'Rendered 2 of 3 guidebook pages again; 1 page came from the last build unchanged.',
	);
});
