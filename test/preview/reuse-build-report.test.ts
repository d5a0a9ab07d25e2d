import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runChecks } from '../../checks/engine.ts';
import { formatFinding, type Finding } from '../../checks/finding.ts';
import { parseConfig, type LoadedConfig } from '../../config/load-config.ts';
import { writePreview } from '../../preview/write-preview.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture } from '../helpers/fixture.ts';
import { writeGitFixture } from './git-fixture.ts';

// `waymark build --base` checks the tree, then writes the preview in the same process: it hands
// the preview its tree and report, and the preview shows that report's findings on the changed
// pages instead of checking again.
let repo: string;
let loaded: LoadedConfig;

// A finding no rule makes: it can only reach the preview through the report passed in.
const marker: Finding = {
	ruleId: 'internal-links',
	severity: 'warning',
	file: 'restore.md',
	message: 'From the build report',
};
const missingPlan =
	'restore.md:3:33: Unexpected link to missing heading `#plan`, expected one of `#restore` (internal-links)';

beforeAll(async () => {
	repo = await writeGitFixture([
		{
			'guidebooks/README.md': '# Home\n\n[Restore](restore.md)\n',
			'guidebooks/restore.md': '# Restore\n\nStop the application.\n',
		},
		{
			'guidebooks/restore.md': '# Restore\n\nStop the application first. See [the plan](#plan).\n',
		},
	]);
	await mkdir(join(repo, 'out'));
	await writeFile(
		join(repo, 'out/index.html'),
		'<!doctype html><html><head><title>Home</title></head><body><main>Home</main></body></html>',
	);
	loaded = {
		root: join(repo, 'guidebooks'),
		outDir: join(repo, 'out'),
		stateDir: join(repo, '.waymark'),
		config: parseConfig({ checks: { rules: { 'internal-links': 'warn' } } }),
		trust: 'trusted',
		setAside: [],
	};
});
afterAll(() => removeFixture(repo));

const previewFindings = async (
	options: Partial<Parameters<typeof writePreview>[0]> = {},
): Promise<string[]> => {
	const manifest = await writePreview({
		root: loaded.root,
		outDir: loaded.outDir,
		ref: 'HEAD~1',
		config: loaded.config,
		...options,
	});
	return manifest.pages.flatMap((p) => p.findings.map(formatFinding));
};

test("shows the build report's findings on the changed pages, and only those", async () => {
	const tree = await loadGuidebookTree(loaded.root);
	const report = await runChecks({ root: loaded.root, config: loaded.config, tree });
	expect(report.findings.map(formatFinding)).toEqual([missingPlan]);
	report.findings.push(marker, { ...marker, file: 'README.md', message: 'Not on a changed page' });
	expect(await previewFindings({ tree, report })).toEqual([
		missingPlan,
		'restore.md: From the build report (internal-links)',
	]);
});

test('runs the checks itself when no report is handed over', async () => {
	expect(await previewFindings()).toEqual([missingPlan]);
});
