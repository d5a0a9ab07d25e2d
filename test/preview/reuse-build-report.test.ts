import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkTreeForBuild, lastBuildReport } from '../../checks/astro-checks.ts';
import { loadGuidebookTree } from '../../checks/collect/load-tree.ts';
import { parseConfig, type LoadedConfig } from '../../checks/config.ts';
import { formatFinding, type Finding } from '../../checks/finding.ts';
import { writePreview } from '../../checks/preview/write-preview.ts';
import { removeFixture } from '../helpers/fixture.ts';
import { writeGitFixture } from './git-fixture.ts';

// `waymark build --base` checks the tree in the build, then writes the preview in the same
// process: the preview takes the build's findings on the changed pages instead of checking again.
let repo: string;
let loaded: LoadedConfig;

// A finding no rule makes: it can only reach the preview through the stored build report.
const marker: Finding = { ruleId: 'internal-links', severity: 'warning', file: 'restore.md', message: 'From the build report', url: 'https://waymark.dev/rules/#internal-links' };

beforeAll(async () => {
	repo = await writeGitFixture([
		{ 'guidebooks/README.md': '# Home\n\n[Restore](restore.md)\n', 'guidebooks/restore.md': '# Restore\n\nStop the application.\n' },
		{ 'guidebooks/restore.md': '# Restore\n\nStop the application first. See [the plan](#plan).\n' },
	]);
	await mkdir(join(repo, 'out'));
	await writeFile(join(repo, 'out/index.html'), '<!doctype html><html><head><title>Home</title></head><body><main>Home</main></body></html>');
	// Warnings, not errors, so the build's checks pass and store their report.
	loaded = { root: join(repo, 'guidebooks'), outDir: join(repo, 'out'), config: parseConfig({ checks: { rules: { 'internal-links': 'warn' } } }) };
});
afterAll(() => removeFixture(repo));

const previewFindings = async (): Promise<string[]> => {
	const manifest = await writePreview({ root: loaded.root, outDir: loaded.outDir, ref: 'HEAD~1', config: loaded.config });
	return manifest.pages.flatMap((p) => p.findings.map(formatFinding));
};

test('reuses the build report for the same root, config and tree, keeping the changed pages\' findings', async () => {
	const tree = await loadGuidebookTree(loaded.root);
	await checkTreeForBuild(tree, loaded);
	const report = lastBuildReport(loaded.root, loaded.config, await loadGuidebookTree(loaded.root));
	expect(report?.findings.map(formatFinding)).toEqual([
		'restore.md:3:33: Unexpected link to missing heading `#plan`, expected one of `#restore` (internal-links)',
	]);
	report?.findings.push(marker, { ...marker, file: 'README.md', message: 'Not on a changed page' });
	expect(await previewFindings()).toEqual([
		'restore.md:3:33: Unexpected link to missing heading `#plan`, expected one of `#restore` (internal-links)',
		'restore.md: From the build report (internal-links)',
	]);
});

test.each([
	['config', () => ({ ...loaded, config: parseConfig({ checks: { rules: { 'internal-links': 'warn' } }, site: { title: 'Other' } }) })],
	['root', () => ({ ...loaded, root: join(repo, 'other') })],
])('does not hand out the build report for another %s', async (_name, other) => {
	const tree = await loadGuidebookTree(loaded.root);
	const changed = other();
	expect(lastBuildReport(changed.root, changed.config, tree)).toBeUndefined();
});

test('runs the checks again when a page changed after the build', async () => {
	await writeFile(join(loaded.root, 'restore.md'), '# Restore\n\nStop the application first. See [the plan](#restore).\n');
	expect(lastBuildReport(loaded.root, loaded.config, await loadGuidebookTree(loaded.root))).toBeUndefined();
	expect(await previewFindings()).toEqual([]);
});
