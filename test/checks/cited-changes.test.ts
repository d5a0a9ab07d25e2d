import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, test, vi } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { commitAt, initRepository, writeEdits, type FileEdits } from '../helpers/dated-commits.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const execFileAsync = promisify(execFile);

// Each test builds a repository commit by commit; give them room on a busy 2-core machine.
vi.setConfig({ testTimeout: 60_000 });

const config = parseConfig({
	site: { url: 'https://runbooks.example.com' },
	alerts: { rules: ['../monitoring/*.yml'] },
});
const rules = (expr: string, extra = ''): string =>
	`groups:\n  - name: erp\n    rules:\n      - alert: ErpBackupFailed\n        expr: ${expr}\n${extra}        annotations:\n          runbook_url: https://runbooks.example.com/erp/backup/#restore\n`;
const failedJob = 'kube_job_status_failed{namespace="erp"} > 0';
const runbook = (front = '', body = ''): string =>
	`---\nowner: Platform team\n${front}alerts: [ErpBackupFailed]\n---\n\n# ERP backup\n\n## Restore\n\nRun [the backup script](../../scripts/backup.sh) from the toolbox pod.\n${body}`;
const start: FileEdits = {
	'docs/README.md': '# Runbooks\n\n[ERP backup](erp/backup.md)\n',
	'docs/erp/backup.md': runbook(),
	'monitoring/erp.rules.yml': rules(failedJob),
	'scripts/backup.sh': 'pg_dump -Fc erp > /backups/erp.dump\n',
};

const repos: string[] = [];
afterEach(async () => {
	for (const repo of repos.splice(0)) await removeFixture(repo);
});

async function repository(commits: Array<[string, FileEdits]>): Promise<string> {
	const repo = await writeFixture({});
	repos.push(repo);
	await initRepository(repo);
	for (const [when, edits] of commits) await commitAt(repo, when, edits);
	return repo;
}

async function check(
	repo: string,
	today = '2027-01-15',
): Promise<{ findings: string[]; trace: string[] }> {
	const trace: string[] = [];
	const report = await checkTree({
		root: join(repo, 'docs'),
		config,
		only: ['cited-changes'],
		now: new Date(`${today}T12:00:00Z`),
		trace: (line) => trace.push(line),
	});
	return { findings: report.findings.map(formatFinding), trace };
}

test('flags a runbook whose alert rule changed after the page, at the line naming the alert', async () => {
	const repo = await repository([
		['2026-08-14', start],
		[
			'2026-11-02',
			{
				'monitoring/erp.rules.yml': rules(
					'kube_job_status_failed{namespace="erp", job_name=~"erp-db-backup.*"} > 0',
				),
			},
		],
	]);
	expect((await check(repo)).findings).toEqual([
		"erp/backup.md:3:10: Unexpected change to alert rule `ErpBackupFailed` (`expr`; ../monitoring/erp.rules.yml:4) on 2026-11-02, after this page's last change on 2026-08-14, expected the page reviewed since; re-read the page and set `reviewed:` (cited-changes)",
	]);
});

test('reports a rule that names the page only in its runbook_url at the heading it sends readers to', async () => {
	const page = runbook().replace('alerts: [ErpBackupFailed]\n', '');
	const repo = await repository([
		['2026-08-14', { ...start, 'docs/erp/backup.md': page }],
		['2026-11-02', { 'monitoring/erp.rules.yml': rules(failedJob, '        for: 30m\n') }],
	]);
	const { findings } = await check(repo);
	expect(findings).toHaveLength(1);
	expect(findings[0]).toMatch(
		/^erp\/backup\.md:7:1: Unexpected change to alert rule `ErpBackupFailed` \(`for`; /,
	);
	expect(page.split('\n')[6]).toBe('## Restore');
});

test('leaves a page alone whose review is on or after the day of the change, and flags it when the review is older', async () => {
	const history = (reviewed: string): Array<[string, FileEdits]> => [
		[
			'2026-11-02T08:00:00Z',
			{ ...start, 'docs/erp/backup.md': runbook(`reviewed: ${reviewed}\n`) },
		],
		[
			'2026-11-02T15:00:00Z',
			{ 'monitoring/erp.rules.yml': rules(failedJob, '        for: 30m\n') },
		],
	];
	expect((await check(await repository(history('2026-11-02')))).findings).toEqual([]);
	expect((await check(await repository(history('2026-12-01')))).findings).toEqual([]);
	// Positive control: the same history with a review the day before the change.
	expect((await check(await repository(history('2026-11-01')))).findings).toEqual([
		"erp/backup.md:4:10: Unexpected change to alert rule `ErpBackupFailed` (`for`; ../monitoring/erp.rules.yml:4) on 2026-11-02 at 15:00 UTC, after this page's last change at 08:00 UTC, expected the page reviewed since; re-read the page and set `reviewed:` (cited-changes)",
	]);
});

test('leaves a page alone that changed after what it cites, in the same commit or later', async () => {
	const changed = rules(failedJob, '        for: 30m\n');
	expect(
		(
			await check(
				await repository([
					['2026-08-14', start],
					[
						'2026-11-02',
						{
							'monitoring/erp.rules.yml': changed,
							'docs/erp/backup.md': runbook('', 'Wait 30 minutes before paging.\n'),
						},
					],
				]),
			)
		).findings,
	).toEqual([]);
	expect(
		(
			await check(
				await repository([
					['2026-08-14', start],
					['2026-11-02', { 'monitoring/erp.rules.yml': changed }],
					['2026-11-03', { 'docs/erp/backup.md': runbook('', 'Wait 30 minutes before paging.\n') }],
				]),
			)
		).findings,
	).toEqual([]);
});

test('counts a rule as changed by what it says: not by comments, layout or other rules of its file, but by a removed line', async () => {
	const cosmetic = `# Backups of the ERP database\ngroups:\n  - name: erp\n    rules:\n      - alert: ErpBackupFailed\n        # the CronJob's own Job\n        expr:   ${failedJob}\n        annotations:\n          runbook_url: https://runbooks.example.com/erp/backup/#restore\n      - alert: ErpSlow\n        expr: erp_latency_seconds > 2\n`;
	expect(
		(
			await check(
				await repository([
					['2026-08-14', start],
					['2026-11-02', { 'monitoring/erp.rules.yml': cosmetic }],
				]),
			)
		).findings,
	).toEqual([]);
	const withFor = rules(failedJob, '        for: 30m\n');
	const { findings } = await check(
		await repository([
			['2026-08-14', { ...start, 'monitoring/erp.rules.yml': withFor }],
			['2026-11-02', { 'monitoring/erp.rules.yml': rules(failedJob) }],
		]),
	);
	expect(findings).toEqual([
		expect.stringContaining(
			'Unexpected change to alert rule `ErpBackupFailed` (`for`; ../monitoring/erp.rules.yml:4) on 2026-11-02,',
		),
	]);
});

test('counts uncommitted changes as today: a changed rule is flagged, a page being edited is not', async () => {
	const changed = {
		'monitoring/erp.rules.yml': rules(failedJob, '        labels:\n          severity: critical\n'),
	};
	const repo = await repository([['2026-08-14', start]]);
	await writeEdits(repo, changed);
	expect((await check(repo)).findings).toEqual([
		"erp/backup.md:3:10: Unexpected change to alert rule `ErpBackupFailed` (`labels.severity`; ../monitoring/erp.rules.yml:4), not yet committed, after this page's last change on 2026-08-14, expected the page reviewed since; re-read the page and set `reviewed:` (cited-changes)",
	]);
	// Reviewed today, in the work tree: the page is being edited, and nothing it cites is newer.
	await writeEdits(repo, { 'docs/erp/backup.md': runbook('reviewed: 2027-01-15\n') });
	expect((await check(repo)).findings).toEqual([]);
	// A committed rule change the page has not seen, then uncommitted edits to the rule file that leave the rule as it was.
	const later = await repository([
		['2026-08-14', start],
		['2026-10-01', changed],
	]);
	await writeEdits(later, {
		'monitoring/erp.rules.yml': `# reformatted\n${changed['monitoring/erp.rules.yml']}`,
	});
	expect((await check(later)).findings).toEqual([
		expect.stringContaining('(`labels.severity`; ../monitoring/erp.rules.yml:5) on 2026-10-01,'),
	]);
});

test('flags a linked file and folder of the repository outside the root, an upstream page and a probe shown from another page', async () => {
	const hosts = (interval: string): string =>
		`---\nprobes:\n  - id: erp-api\n    http: https://erp.example.lab/api/index.php/status\n    interval: ${interval}\n---\n\n# ERP hosts\n`;
	const page = `---\nupstream: [hosts.md]\n---\n\n# ERP backup\n\nAPI: :status{probe=erp-api}\n\nRun [the backup script](../../scripts/backup.sh); the role is in [ansible](../../ansible/erp/).\n`;
	const repo = await repository([
		[
			'2026-08-14',
			{
				...start,
				'docs/erp/backup.md': page,
				'docs/erp/hosts.md': hosts('30s'),
				'ansible/erp/tasks.yml': '- name: backup\n',
			},
		],
		['2026-09-01', { 'scripts/backup.sh': 'pg_dump -Fc -Z 9 erp > /backups/erp.dump\n' }],
		['2026-10-01', { 'ansible/erp/tasks.yml': '- name: backup nightly\n' }],
		['2026-11-01', { 'docs/erp/hosts.md': hosts('1m') }],
	]);
	expect((await check(repo)).findings).toEqual([
		"erp/backup.md:2:12: Unexpected change to upstream page `erp/hosts.md` on 2026-11-01, after this page's last change on 2026-08-14, expected the page reviewed since; re-read the page and set `reviewed:` (cited-changes)",
		"erp/backup.md:7:6: Unexpected change to probe `erp-api` (`interval`; erp/hosts.md:3) on 2026-11-01, after this page's last change on 2026-08-14, expected the page reviewed since; re-read the page and set `reviewed:` (cited-changes)",
		"erp/backup.md:9:5: Unexpected change to file `../scripts/backup.sh` on 2026-09-01, after this page's last change on 2026-08-14, expected the page reviewed since; re-read the page and set `reviewed:` (cited-changes)",
		"erp/backup.md:9:66: Unexpected change to folder `../ansible/erp` on 2026-10-01, after this page's last change on 2026-08-14, expected the page reviewed since; re-read the page and set `reviewed:` (cited-changes)",
	]);
});

test('leaves alone a probe the page declares itself and a probe whose page changed elsewhere', async () => {
	const hosts = (body: string): string =>
		`---\nprobes:\n  - id: erp-api\n    http: https://erp.example.lab/api/index.php/status\n---\n\n# ERP hosts\n\n${body}\n`;
	const own = `---\nprobes:\n  - id: erp-db\n    tcp: db.erp.example.lab:5432\n---\n\n# ERP backup\n\nAPI: :status{probe=erp-api}, database: :status{probe=erp-db}\n`;
	const repo = await repository([
		[
			'2026-08-14',
			{ ...start, 'docs/erp/backup.md': own, 'docs/erp/hosts.md': hosts('Two hosts.') },
		],
		['2026-11-01', { 'docs/erp/hosts.md': hosts('Three hosts.') }],
	]);
	expect((await check(repo)).findings).toEqual([]);
});

test('says nothing outside a git repository or before the first commit, and says why in a trace line', async () => {
	const plain = await mkdtemp(join(tmpdir(), 'waymark-plain-'));
	try {
		await writeEdits(plain, start);
		const outside = await check(plain);
		expect(outside.findings).toEqual([]);
		expect(outside.trace).toContain(
			'waymark: cited-changes: nothing compared: the guidebook root is not in a git repository',
		);
		await initRepository(plain);
		const unborn = await check(plain);
		expect(unborn.findings).toEqual([]);
		expect(unborn.trace).toContain(
			'waymark: cited-changes: nothing compared: the repository has no commit yet',
		);
		// Positive control: the same tree once its history says the rule changed after the page.
		await commitAt(plain, '2026-08-14', {});
		await commitAt(plain, '2026-11-02', {
			'monitoring/erp.rules.yml': rules(failedJob, '        for: 30m\n'),
		});
		expect((await check(plain)).findings).toHaveLength(1);
	} finally {
		await rm(plain, { recursive: true, force: true });
	}
});

test('asks git the same number of times for 4 pages as for 200', async () => {
	const log = join(await mkdtemp(join(tmpdir(), 'waymark-git-count-')), 'calls');
	const bin = join(log, '..', 'bin');
	await mkdir(bin);
	const real = (await execFileAsync('sh', ['-c', 'command -v git'])).stdout.trim();
	await writeFile(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`);
	await chmod(join(bin, 'git'), 0o755);
	const calls = async (pages: number): Promise<number> => {
		const extra: FileEdits = {};
		for (let i = 0; i < pages; i++)
			extra[`docs/erp/page-${i}.md`] = runbook().replace('# ERP backup', `# Page ${i}`);
		const repo = await repository([
			['2026-08-14', { ...start, ...extra }],
			['2026-11-02', { 'monitoring/erp.rules.yml': rules(failedJob, '        for: 30m\n') }],
		]);
		await writeFile(log, '');
		const path = process.env['PATH'];
		process.env['PATH'] = `${bin}:${path}`;
		try {
			const { findings } = await check(repo);
			expect(findings).toHaveLength(pages + 1);
		} finally {
			process.env['PATH'] = path;
		}
		return (await readFile(log, 'utf8')).split('\n').filter(Boolean).length;
	};
	try {
		const few = await calls(3);
		expect(few).toBeGreaterThan(3);
		expect(await calls(199)).toBe(few);
	} finally {
		await rm(join(log, '..'), { recursive: true, force: true });
	}
});

test('says in a trace line when the clone is shallow', async () => {
	const origin = await repository([
		['2026-08-14', start],
		['2026-11-02', { 'monitoring/erp.rules.yml': rules(failedJob, '        for: 30m\n') }],
	]);
	const clone = await writeFixture({});
	repos.push(clone);
	await execFileAsync('git', ['clone', '--quiet', '--depth=1', `file://${origin}`, clone]);
	const shallow = await check(clone);
	expect(shallow.trace).toContain(
		'waymark: cited-changes: a shallow clone: changes before its oldest commit are not seen (fetch the whole history)',
	);
	expect(shallow.findings).toEqual([]);
	// Positive control: the full history flags the rule, and says nothing of a shallow clone.
	const full = await check(origin);
	expect(full.findings).toHaveLength(1);
	expect(full.trace.some((line) => line.includes('shallow'))).toBe(false);
});

test('judges each page citing the same rule by its own last change', async () => {
	const repo = await repository([
		[
			'2026-08-14',
			{ ...start, 'docs/erp/restore.md': runbook().replace('# ERP backup', '# ERP restore') },
		],
		['2026-09-01', { 'monitoring/erp.rules.yml': rules(failedJob, '        for: 30m\n') }],
		[
			'2026-10-01',
			{
				'docs/erp/restore.md': runbook('', 'Checked against the 30-minute wait.\n').replace(
					'# ERP backup',
					'# ERP restore',
				),
			},
		],
		[
			'2026-11-02',
			{ 'monitoring/erp.rules.yml': `# backups\n${rules(failedJob, '        for: 30m\n')}` },
		],
	]);
	// The restore page changed after the rule did (the later commit is a comment only); the backup page did not.
	expect((await check(repo)).findings).toEqual([
		expect.stringMatching(
			/^erp\/backup\.md:3:10: Unexpected change to alert rule `ErpBackupFailed` \(`for`; \.\.\/monitoring\/erp\.rules\.yml:5\) on 2026-09-01,/,
		),
	]);
});

test('says in a trace line, and reports nothing, when git cannot read the history', async () => {
	const repo = await repository([
		['2026-08-14', start],
		['2026-11-02', { 'monitoring/erp.rules.yml': rules(failedJob, '        for: 30m\n') }],
	]);
	// Positive control: the intact repository has the change.
	expect((await check(repo)).findings).toHaveLength(1);
	// The commit stays, its tree goes: `git log` still runs, reading the tree fails.
	const tree = (await execFileAsync('git', ['-C', repo, 'rev-parse', 'HEAD^{tree}'])).stdout.trim();
	await rm(join(repo, '.git/objects', tree.slice(0, 2), tree.slice(2)));
	const { findings, trace } = await check(repo);
	expect(findings).toEqual([]);
	expect(trace).toContainEqual(
		expect.stringMatching(
			/^waymark: cited-changes: nothing compared: git could not read the repository's history \(.+\)$/,
		),
	);
});
