import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { commitAt, initRepository } from '../helpers/dated-commits.ts';
import { loadPage } from '../helpers/dom.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

let dir: string;
/** The day `n` days before the test runs: the build judges against today. */
const ago = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const dayText = (day: string): string =>
	new Date(`${day}T00:00:00Z`).toLocaleDateString('en', {
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		timeZone: 'UTC',
	});
const out = (): string => join(dir, 'dist');
const rules = (expr: string): string =>
	`groups:\n  - name: erp\n    rules:\n      - alert: ErpBackupFailed\n        expr: ${expr}\n        annotations:\n          runbook_url: https://runbooks.example.com/erp/backup/#restore\n`;

beforeAll(async () => {
	dir = await writeFixture({});
	await initRepository(dir);
	await commitAt(dir, ago(60), {
		'waymark.config.yaml':
			"root: docs\nsite: { url: 'https://runbooks.example.com' }\nalerts: { rules: ['../monitoring/*.yml'] }\n",
		'docs/README.md':
			'# Runbooks\n\n[Backup](erp/backup.md) · [Failover](erp/failover.md) · [Notes](notes.md)\n',
		'docs/erp/backup.md': `# ERP backup\n\n> **Owner:** Platform team\n> **Reviewed:** ${ago(60)}\n\n## Restore\n\nRestore the last dump.\n`,
		'docs/erp/failover.md':
			'---\nowner: Platform team\nreviewed: 2020-01-06\n---\n\n# ERP failover\n\nPromote the replica.\n',
		'docs/notes.md': '---\nreviewed: 2021-05-03\n---\n\n# Notes\n\nLoose notes.\n',
		'docs/current.md': `---\nowner: Data team\nreviewed: ${ago(0)}\n---\n\n# Current\n\nReviewed today.\n`,
		'monitoring/erp.yml': rules('kube_job_status_failed{namespace="erp"} > 0'),
	});
	await commitAt(dir, ago(30), {
		'monitoring/erp.yml': rules(
			'kube_job_status_failed{namespace="erp", job_name=~"erp-db-backup.*"} > 0',
		),
	});
	const result = await runCli(['build'], { cwd: dir });
	if (result.code !== 0) throw new Error(`build failed: ${result.stderr}${result.stdout}`);
}, 180_000);
afterAll(() => removeFixture(dir));

const meta = (doc: Document): Record<string, string | undefined> =>
	Object.fromEntries(
		[...doc.querySelectorAll('.page-meta > div')].map((row): [string, string | undefined] => [
			row.querySelector('dt')?.textContent ?? '',
			row.querySelector('dd')?.textContent?.replace(/\s+/g, ' ').trim(),
		]),
	);

test('shows the owner and review date in the page header, and why a page is due, as of the build', async () => {
	const backup = meta(await loadPage(out(), '/erp/backup/'));
	expect(backup['Owner']).toBe('Platform team');
	expect(backup['Reviewed']).toBe(dayText(ago(60)));
	expect(backup['Review due']).toBe(
		`alert rule ErpBackupFailed changed on ${dayText(ago(30))} (expr) (as of ${dayText(ago(0))}; every page due)`,
	);
	const failover = meta(await loadPage(out(), '/erp/failover/'));
	expect(failover['Review due']).toMatch(/^last review \d+ days ago, more than 180 \(as of /);
	const doc = await loadPage(out(), '/erp/failover/');
	expect(doc.querySelector('.page-review-due a')?.getAttribute('href')).toBe('/status/reviews/');
	// A page reviewed today is not due (the pages above are: their header says so).
	const current = meta(await loadPage(out(), '/current/'));
	expect(current).toMatchObject({ Owner: 'Data team' });
	expect(current['Review due']).toBeUndefined();
});

test('lists the pages due for review by owner, the longest overdue first, pages without an owner last', async () => {
	const doc = await loadPage(out(), '/status/reviews/');
	const groups = [...doc.querySelectorAll('section.wm-reviews')].map((section) => ({
		owner: section.getAttribute('data-owner'),
		pages: [...section.querySelectorAll(':scope > ul > li')].map((li) =>
			li.getAttribute('data-path'),
		),
	}));
	expect(groups).toEqual([
		{ owner: 'Platform team', pages: ['erp/failover.md', 'erp/backup.md'] },
		{ owner: 'No owner', pages: ['notes.md'] },
	]);
	const failover = doc.querySelector('li[data-path="erp/failover.md"]');
	expect(failover?.querySelector('a')?.getAttribute('href')).toBe('/erp/failover/');
	expect(failover?.querySelector('.wm-meta')?.textContent).toMatch(
		/^due for \d+ days, since July 5, 2020$/,
	);
	expect(failover?.querySelector('li')?.textContent).toMatch(
		/^Reviewed on January 6, 2020, \d+ days ago, more than 180$/,
	);
	expect(doc.querySelector('li[data-path="erp/backup.md"] .wm-meta')?.textContent).toBe(
		`due for 30 days, since ${dayText(ago(30))}`,
	);
	expect(doc.querySelector('li[data-path="erp/backup.md"] li')?.textContent).toBe(
		`Alert rule ErpBackupFailed changed on ${dayText(ago(30))} (expr), after the page's last change`,
	);
});

test('links the list from /status/ with the number of pages due', async () => {
	const summary = (await loadPage(out(), '/status/')).querySelector('.wm-reviews-summary');
	expect(summary?.querySelector('a')?.getAttribute('href')).toBe('/status/reviews/');
	expect(summary?.textContent).toMatch(/^Pages due for review: 3 as of the build on /);
});
