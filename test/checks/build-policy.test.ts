import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AstroIntegrationLogger } from 'astro';
import { loadConfig } from '../../config/load-config.ts';
import { checkTreeForBuild } from '../../integration/astro-checks.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// A plain `astro build` (astro.config.mjs) follows `waymark build`: it publishes whatever the
// findings, and fails on errors only with `build.strict`.
let project: string;

beforeAll(async () => {
	project = await writeFixture({
		'strict.yaml': 'build:\n  strict: true\n',
		'guidebooks/README.md': '# Home\n\n[Restore](restore.md)\n',
	});
});

afterAll(async () => {
	await removeFixture(project);
});

function recordingLogger(lines: string[]): AstroIntegrationLogger {
	const record = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
	return {
		info: record('info'),
		warn: record('warn'),
		error: record('error'),
		debug: record('debug'),
		label: 'waymark',
		options: {},
		fork: () => recordingLogger(lines),
	} as unknown as AstroIntegrationLogger;
}

test('logs every finding and a summary, and lets the build go on', async () => {
	const loaded = await loadConfig({ cwd: project });
	const lines: string[] = [];
	await checkTreeForBuild(await loadGuidebookTree(loaded.root), loaded, {
		cwd: project,
		logger: recordingLogger(lines),
	});
	expect(lines).toEqual([
		'error: guidebooks/README.md:3:1: Unexpected link to missing file `restore.md`, expected an existing file (internal-links)',
		'info: 1 error and 0 warnings in the guidebooks; the site is built anyway. Run `waymark check` for the gate.',
	]);
});

test('fails the build with every error finding when build.strict is set', async () => {
	const loaded = await loadConfig({ cwd: project, configFile: 'strict.yaml' });
	await expect(
		checkTreeForBuild(await loadGuidebookTree(loaded.root), loaded, { cwd: project }),
	).rejects.toThrow(
		'Waymark found an error in the guidebooks:\n  ! guidebooks/README.md:3:1: Unexpected link to missing file `restore.md`',
	);
});
