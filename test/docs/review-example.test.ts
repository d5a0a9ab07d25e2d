import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { loadConfig } from '../../config/load-config.ts';
import { commitAt, initRepository } from '../helpers/dated-commits.ts';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

vi.setConfig({ testTimeout: 120_000 });

/**
 * The writing guide's example of review findings, on the bundled ERP runbooks, is what `waymark
 * check` prints: the bundled guidebooks committed on the day of their review, the backup alert's
 * rule changed later, checked once the review is older than 180 days.
 */
let dir: string;
let findings: string[];

beforeAll(async () => {
	dir = await writeFixture({});
	await cp(join(repoRoot, 'guidebooks'), join(dir, 'guidebooks'), { recursive: true });
	await cp(join(repoRoot, 'waymark.config.yaml'), join(dir, 'waymark.config.yaml'));
	await initRepository(dir);
	await commitAt(dir, '2026-11-23', {});
	const rules = await readFile(join(dir, 'guidebooks/alerts/erp.rules.yml'), 'utf8');
	const renamed = rules.replace(
		'cronjob="erp-db-backup"} > 26 * 3600',
		'cronjob="erp-db-dump"} > 26 * 3600',
	);
	expect(renamed).not.toBe(rules);
	await commitAt(dir, '2027-01-12', { 'guidebooks/alerts/erp.rules.yml': renamed });
	const loaded = await loadConfig({ cwd: dir });
	const report = await checkTree({
		root: loaded.root,
		config: loaded.config,
		only: ['review-due', 'cited-changes'],
		now: new Date('2027-06-01T09:00:00Z'),
	});
	findings = report.findings.map(formatFinding);
});
afterAll(() => removeFixture(dir));

test('the guide shows the findings check prints for the ERP backup runbook', async () => {
	const guide = await readFile(join(repoRoot, 'guidebooks/writing-guidebooks.md'), 'utf8');
	const shown =
		/<!-- review-example -->\n```text\n([^]*?)\n```/.exec(guide)?.[1]?.split('\n') ?? [];
	expect(shown.length).toBe(2);
	expect(findings.filter((line) => line.startsWith('erp/backup-and-recovery.md:'))).toEqual(shown);
});
