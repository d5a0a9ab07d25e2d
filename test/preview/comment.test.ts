import type { ProbeResult } from '../../checks/probes/types.ts';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CheckReport } from '../../checks/engine.ts';
import { changedPagesMarkdown } from '../../preview/comment.ts';
import { listPageChanges } from '../../preview/git.ts';
import { removeFixture, runCli } from '../helpers/fixture.ts';
import { baseTree, headTree, writeGitFixture } from './git-fixture.ts';

let repo: string;

beforeAll(async () => {
	repo = await writeGitFixture([
		baseTree,
		{
			...headTree,
			'guidebooks/howto/new-page.md': '# New page\n\nSee [the missing page](missing.md).\n',
			// Orphans are off by default; on here, so the table shows warnings beside errors.
			'waymark.config.yaml': 'checks:\n  rules: { orphan-pages: warn }\n',
		},
	]);
});
afterAll(() => removeFixture(repo));

/** The part of the comment this area adds: from its heading to the findings by file. */
function changedSection(stdout: string): string {
	const start = stdout.indexOf('#### Changed pages');
	const end = stdout.indexOf('\n#### `', start);
	return stdout.slice(start, end === -1 ? undefined : end).trimEnd();
}

describe('check --changed-since --format markdown', () => {
	test('links each changed page and its diff into the preview, with its findings', async () => {
		const result = await runCli(
			[
				'check',
				'--root',
				'guidebooks',
				'--changed-since',
				'HEAD~1',
				'--format',
				'markdown',
				'--preview-url',
				'https://preview.example.invalid/pr-7/',
			],
			{ cwd: repo },
		);
		expect(result.code).toBe(1);
		expect(changedSection(result.stdout)).toMatchInlineSnapshot(`
			"#### Changed pages since \`HEAD~1\` (5)

			| Page | Change | Findings | Diff |
			| --- | --- | --- | --- |
			| [\`guidebooks/erp/operations.md\`](https://preview.example.invalid/pr-7/erp/operations/) | changed | ✅ none | [diff](https://preview.example.invalid/pr-7/_waymark/diff/erp/operations/) |
			| [\`guidebooks/erp/topology.md\`](https://preview.example.invalid/pr-7/erp/topology/) | changed | ⚠️ 1 warning | [diff](https://preview.example.invalid/pr-7/_waymark/diff/erp/topology/) |
			| [\`guidebooks/howto/new-page.md\`](https://preview.example.invalid/pr-7/howto/new-page/) | added | ❌ 1 error, 1 warning | [diff](https://preview.example.invalid/pr-7/_waymark/diff/howto/new-page/) |
			| \`guidebooks/legacy.md\` | removed | — | [diff](https://preview.example.invalid/pr-7/_waymark/diff/legacy/) |
			| [\`guidebooks/backup.md\` → \`guidebooks/storage/backup.md\`](https://preview.example.invalid/pr-7/storage/backup/) | renamed | ⚠️ 1 warning | [diff](https://preview.example.invalid/pr-7/_waymark/diff/storage/backup/) |

			Also changed, not pages: \`waymark.config.yaml\`. A page that pulls one in (a snippet, an include, a variable of the settings) may read differently with no change of its own: open it in the preview.

			[Open the preview of all changes](https://preview.example.invalid/pr-7/_waymark/changes/)"
		`);
		expect(result.stdout).toContain(
			'- **error** 3:5 Unexpected link to missing file `missing.md`, expected an existing file',
		);
	});

	test('lists the changed pages without links when no preview URL is given', async () => {
		const result = await runCli(
			['check', '--root', 'guidebooks', '--changed-since', 'HEAD~1', '--format', 'markdown'],
			{ cwd: repo },
		);
		const section = changedSection(result.stdout);
		expect(section).toContain('| `guidebooks/erp/operations.md` | changed | ✅ none | — |');
		expect(section).not.toContain('http');
	});

	test('rejects a preview URL that is not absolute http(s), before checking', async () => {
		const result = await runCli(
			[
				'check',
				'--root',
				'guidebooks',
				'--changed-since',
				'HEAD~1',
				'--format',
				'markdown',
				'--preview-url',
				'pr-7',
			],
			{ cwd: repo },
		);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatchInlineSnapshot(`
			"\`--preview-url pr-7\` is not an absolute http(s) URL.
			Hint: Pass the address the preview build is published at, e.g. \`--preview-url https://preview.example.com/pr-42/\`.
			"
		`);
	});
});

describe('changedPagesMarkdown', () => {
	test('shows the probes and the drift of the changed pages when the run was live', async () => {
		const changes = await listPageChanges(join(repo, 'guidebooks'), 'HEAD~1');
		const probe = (id: string, file: string, ok: boolean): ProbeResult => ({
			id,
			kind: 'http',
			target: `https://${id}.example.lab/health`,
			state: ok ? 'up' : 'down',
			ok,
			latencyMs: 12,
			observed: {},
			message: ok ? '200 == 200' : 'Unexpected status 502, expected 200',
			file,
			line: 3,
			checkedAt: '2026-11-21T06:00:00Z',
		});
		const report: CheckReport = {
			version: 1,
			findings: [
				{
					ruleId: 'hostname-drift',
					severity: 'warning',
					file: 'erp/operations.md',
					position: { line: 7, column: 1 },
					message:
						'Unexpected hostname `db9.example.lab` that does not resolve, expected a host that exists',
				},
			],
			checked: ['erp/operations.md'],
			summary: { errors: 0, warnings: 1, files: 1 },
			probes: [
				probe('erp-api', 'erp/operations.md', false),
				probe('unrelated', 'unchanged.md', true),
			],
		};
		const text = changedPagesMarkdown(changes, report);
		expect(text.slice(text.indexOf('#### Live probes'))).toMatchInlineSnapshot(`
			"#### Live probes on the changed pages

			| Probe | Page | Target | State | Detail |
			| --- | --- | --- | --- | --- |
			| \`erp-api\` | \`erp/operations.md\` | \`https://erp-api.example.lab/health\` | ❌ down | Unexpected status 502, expected 200 |

			**Drift** (the page no longer matches what runs):

			- \`erp/operations.md:7\` Unexpected hostname \`db9.example.lab\` that does not resolve, expected a host that exists (\`hostname-drift\`)
			"
		`);
	});

	test('leaves the probes out when the run was not live', async () => {
		const changes = await listPageChanges(join(repo, 'guidebooks'), 'HEAD~1');
		const report: CheckReport = {
			version: 1,
			findings: [],
			checked: [],
			summary: { errors: 0, warnings: 0, files: 0 },
		};
		const text = changedPagesMarkdown(changes, report);
		expect(text).toContain('`erp/operations.md`');
		expect(text).not.toContain('Live probes');
	});
});

describe('changedPagesMarkdown on a large change', () => {
	test('keeps the table within a comment, pages with findings first', () => {
		const changes = {
			ref: 'main',
			commit: 'abc',
			others: [],
			changes: Array.from({ length: 150 }, (_, i) => ({
				status: 'changed' as const,
				path: `p${String(i).padStart(3, '0')}.md`,
				route: `/p${String(i).padStart(3, '0')}/`,
			})),
		};
		const finding = {
			ruleId: 'internal-links',
			severity: 'error' as const,
			file: 'p149.md',
			message: 'Unexpected link',
		};
		const report: CheckReport = {
			version: 1,
			findings: [finding],
			checked: [],
			summary: { errors: 1, warnings: 0, files: 1 },
		};
		const text = changedPagesMarkdown(changes, report);
		const rows = text.split('\n').filter((line) => line.startsWith('| `p'));
		expect(rows).toHaveLength(100);
		expect(rows.at(-1)).toBe('| `p149.md` | changed | ❌ 1 error | — |');
		expect(text).toContain('…and 50 more changed pages without findings.');
	});
});
