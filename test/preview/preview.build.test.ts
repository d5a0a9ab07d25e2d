import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PreviewManifest } from '../../preview/pages.ts';
import { loadPage } from '../helpers/dom.ts';
import { removeFixture, runCli, type CliResult } from '../helpers/fixture.ts';
import { baseTree, headTree, writeGitFixture } from './git-fixture.ts';

let repo: string;
let outDir: string;
let build: CliResult;

beforeAll(async () => {
	// Orphans are off by default; on here, so a changed page shows a finding.
	repo = await writeGitFixture([
		baseTree,
		{ ...headTree, 'waymark.config.yaml': 'checks:\n  rules: { orphan-pages: warn }\n' },
	]);
	outDir = join(repo, 'dist');
	build = await runCli(['build', '--root', 'guidebooks', '--out', 'dist', '--base', 'HEAD~1'], {
		cwd: repo,
	});
});
afterAll(() => removeFixture(repo));

const texts = (doc: Document, selector: string) =>
	[...doc.querySelectorAll(selector)].map((e) => e.textContent ?? '');

describe('build --base', () => {
	test('builds and says where the preview is', () => {
		expect(build.stderr).toBe('');
		expect(build.code).toBe(0);
		expect(build.stdout).toContain(
			'Added the preview of 5 changed page(s) since HEAD~1: /_waymark/changes/',
		);
	});

	test('lists exactly the added, changed, renamed and removed pages on the changes page', async () => {
		const doc = await loadPage(outDir, '/_waymark/changes/');
		const listed = [...doc.querySelectorAll('.waymark-changes > li')].map(
			(li) =>
				`${li.closest('ul')?.className.replace('waymark-changes waymark-changes-', '')} ${li.getAttribute('data-path')}`,
		);
		expect(listed).toEqual([
			'added howto/new-page.md',
			'changed erp/operations.md',
			'changed erp/topology.md',
			'renamed storage/backup.md',
			'removed legacy.md',
		]);
		expect(
			[...doc.querySelectorAll('.waymark-changes a.waymark-page-link')].map((a) =>
				a.getAttribute('href'),
			),
		).toEqual(['/howto/new-page/', '/erp/operations/', '/erp/topology/', '/storage/backup/']);
		expect(
			[...doc.querySelectorAll('.waymark-changes a.waymark-diff-link')].map((a) =>
				a.getAttribute('href'),
			),
		).toEqual([
			'/_waymark/diff/howto/new-page/',
			'/_waymark/diff/erp/operations/',
			'/_waymark/diff/erp/topology/',
			'/_waymark/diff/storage/backup/',
			'/_waymark/diff/legacy/',
		]);
	});

	test('shows the findings of the changed pages on the changes page', async () => {
		const doc = await loadPage(outDir, '/_waymark/changes/');
		const findings = (path: string) => texts(doc, `li[data-path="${path}"] .waymark-findings li`);
		expect(findings('howto/new-page.md')).toEqual([
			expect.stringContaining('Unexpected orphan page that no other page links to'),
		]);
		expect(texts(doc, 'li[data-path="erp/operations.md"] .waymark-no-findings')).toEqual([
			'No findings.',
		]);
	});

	test('renders the diff of a changed page inside the page as built, with the marked words', async () => {
		const doc = await loadPage(outDir, '/_waymark/diff/erp/operations/');
		expect(texts(doc, '.waymark-diff ins')).toEqual([
			'worker',
			' to pass',
			'Check the logs',
			'6432',
			'restart',
			'weekly',
		]);
		expect(texts(doc, '.waymark-diff del')).toEqual([
			'service',
			'Drain the workers',
			'5432',
			'start',
			'nightly',
			'This paragraph goes away.',
		]);
		// The site's own header and navigation stay around the diff.
		expect(doc.querySelector('.site-header')).not.toBeNull();
		expect(doc.querySelector('.waymark-preview-banner')?.textContent).toContain(
			'Preview of changes since HEAD~1',
		);
	});

	test('shows a changed diagram drawn as it is now and, not drawn before, as its former source', async () => {
		const doc = await loadPage(outDir, '/_waymark/diff/erp/topology/');
		expect(doc.querySelector('.waymark-diagram-after ins figure.wm-diagram svg')).not.toBeNull();
		const before = doc.querySelector('.waymark-diagram-before del')?.textContent ?? '';
		expect(before).toContain('previewclient[Preview client] --> previewerp[ERP]');
		expect(before).not.toContain('previewdb');
		expect(doc.querySelector('.site-header')).not.toBeNull();
	});

	test('renders a removed page deleted and an added page inserted', async () => {
		expect(texts(await loadPage(outDir, '/_waymark/diff/legacy/'), '.waymark-diff del')).toEqual([
			'The old mail relay, switched off last year.',
		]);
		expect(
			texts(await loadPage(outDir, '/_waymark/diff/howto/new-page/'), '.waymark-diff ins'),
		).toEqual(['A page that did not exist before.']);
		expect(
			texts(
				await loadPage(outDir, '/_waymark/diff/storage/backup/'),
				'.waymark-diff ins, .waymark-diff del',
			),
		).toEqual([]);
	});

	test('puts the banner on every page, linking a changed page to its diff', async () => {
		const banner = async (route: string) =>
			[...(await loadPage(outDir, route)).querySelectorAll('.waymark-preview-banner a')].map(
				(a) => `${a.textContent} ${a.getAttribute('href')}`,
			);
		expect(await banner('/erp/operations/')).toEqual([
			'5 pages changed /_waymark/changes/',
			'What changed on this page /_waymark/diff/erp/operations/',
		]);
		expect(await banner('/unchanged/')).toEqual(['5 pages changed /_waymark/changes/']);
		expect(await banner('/')).toEqual(['5 pages changed /_waymark/changes/']);
	});

	test('writes a manifest for other tools', async () => {
		const manifest = JSON.parse(
			await readFile(join(outDir, '_waymark/changes.json'), 'utf8'),
		) as PreviewManifest;
		expect(manifest.version).toBe(1);
		expect(manifest.pages.map((p) => [p.status, p.path, p.counts])).toEqual([
			['changed', 'erp/operations.md', { inserted: 1, deleted: 2, changed: 4 }],
			['changed', 'erp/topology.md', { inserted: 0, deleted: 0, changed: 1 }],
			['added', 'howto/new-page.md', { inserted: 1, deleted: 0, changed: 0 }],
			['removed', 'legacy.md', { inserted: 0, deleted: 1, changed: 0 }],
			['renamed', 'storage/backup.md', { inserted: 0, deleted: 0, changed: 0 }],
		]);
	});

	test('fails fast with a hint when the base does not exist', async () => {
		const result = await runCli(
			['build', '--root', 'guidebooks', '--out', 'dist-bad', '--base', 'origin/nope'],
			{ cwd: repo },
		);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatchInlineSnapshot(`
			"The base \`origin/nope\` is not a branch, tag or commit of this repository.
			Hint: Pass an existing ref with \`--base\` (e.g. \`--base origin/main\`). In CI, fetch the base branch first: \`git fetch origin main\`, or check out with \`fetch-depth: 0\`.
			"
		`);
	});
});
