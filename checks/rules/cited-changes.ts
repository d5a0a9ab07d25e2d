import { findCitedChanges, uncommitted, type CitedChange } from '../reviews/find-changes.ts';
import { defineRule } from './define-rule.ts';

const config = {
	site: { url: 'https://runbooks.example.com' },
	alerts: { rules: ['alerts/*.yml'] },
};
const rules = (expr: string, extra = ''): string =>
	`groups:\n  - name: erp\n    rules:\n      - alert: ErpBackupFailed\n        expr: ${expr}\n${extra}        annotations:\n          runbook_url: https://runbooks.example.com/erp/backup/#restore\n`;
const failedJob = 'kube_job_status_failed{namespace="erp"} > 0';
const hub = (conditions: string): string =>
	`---\nprobes:\n  - id: erp-api\n    http: https://erp.example.lab/api/index.php/status\n    conditions: ["${conditions}"]\n---\n\n# ERP\n\n[Backup](backup.md)\n`;
const backup = (reviewed: string): string =>
	`---\nowner: Platform team\nreviewed: ${reviewed}\nupstream: [README.md]\n---\n\n# ERP backup\n\nAPI: :status{probe=erp-api}\n\n## Restore\n\nRun [the restore script](restore.sh) in the toolbox pod.\n`;
const runbook = (reviewed: string): string =>
	`---\nreviewed: ${reviewed}\n---\n\n# ERP backup\n\n## Restore\n\nRestore the last dump with \`pg_restore\`.\n`;
const start = {
	'README.md': '# Runbooks\n\n[ERP](erp/README.md)\n',
	'erp/README.md': hub('[STATUS] == 200'),
	'erp/backup.md': backup('2026-08-14'),
	'erp/restore.sh': 'pg_restore --clean -d erp "$1"\n',
	'alerts/erp.rules.yml': rules(failedJob),
};

export default defineRule({
	id: 'cited-changes',
	description:
		"A page is due for review when something it cites changed after the page's last commit: an alert rule whose `runbook_url` lands on it (or that its `alerts:` names), a probe its status widgets show from another page, a page it names as `upstream`, or a file of the repository it links. Each is reported at the line that cites it, saying what changed and when (uncommitted changes count as today); a `reviewed` date on or after the change covers it. Rules and probes count as changed when what they say changes (not their comments or layout); needs the tree's git history, and says nothing outside git.",
	defaultSeverity: 'warning',
	readsSyntaxTrees: false,
	examples: {
		ok: [
			{
				title:
					'the page changed after its alert rule did; then only a comment and another rule of the file changed',
				config,
				history: [
					{
						date: '2026-08-14',
						files: {
							'erp/backup.md': runbook('2026-08-14'),
							'alerts/erp.rules.yml': rules(failedJob),
						},
					},
					{
						date: '2026-09-03',
						files: {
							'alerts/erp.rules.yml': `# Backups: the CronJob erp-db-backup\n${rules(failedJob)}`,
						},
					},
					{ date: '2026-10-20', files: { 'erp/backup.md': runbook('2026-10-20') } },
					{
						date: '2026-11-05',
						files: {
							'alerts/erp.rules.yml': `# Backups: the CronJob erp-db-backup\n${rules(failedJob)}      - alert: ErpSlow\n        expr: erp_latency_seconds > 2\n`,
						},
					},
				],
				files: {},
			},
			{
				title: 'a change on the day the page was reviewed',
				config,
				history: [
					{
						date: '2026-11-02T08:00',
						files: {
							'erp/backup.md': runbook('2026-11-02'),
							'alerts/erp.rules.yml': rules(failedJob),
						},
					},
					{
						date: '2026-11-02T15:00',
						files: { 'alerts/erp.rules.yml': rules(failedJob, '        for: 10m\n') },
					},
				],
				files: {},
			},
		],
		notOk: [
			{
				title:
					'an upstream page, a probe shown from it, a linked file and the alert rule, each changed after the page',
				config,
				history: [
					{ date: '2026-08-14', files: start },
					{ date: '2026-10-01', files: { 'erp/README.md': hub('[STATUS] == 204') } },
					{
						date: '2026-11-02',
						files: {
							'alerts/erp.rules.yml': rules(
								'kube_job_status_failed{namespace="erp", job_name=~"erp-db-backup.*"} > 0',
								'        for: 10m\n',
							),
						},
					},
					{
						date: '2026-12-01',
						files: { 'erp/restore.sh': 'pg_restore --clean --if-exists -d erp "$1"\n' },
					},
				],
				files: {},
				output: [
					"erp/backup.md:4:12: Unexpected change to upstream page `erp/README.md` on 2026-10-01, after this page's last change on 2026-08-14, expected the page reviewed since; re-read the page and set `reviewed:` (cited-changes)",
					"erp/backup.md:9:6: Unexpected change to probe `erp-api` (`conditions`; erp/README.md:3) on 2026-10-01, after this page's last change on 2026-08-14, expected the page reviewed since; re-read the page and set `reviewed:` (cited-changes)",
					"erp/backup.md:11:1: Unexpected change to alert rule `ErpBackupFailed` (`expr`, `for`; alerts/erp.rules.yml:4) on 2026-11-02, after this page's last change on 2026-08-14, expected the page reviewed since; re-read the page and set `reviewed:` (cited-changes)",
					"erp/backup.md:13:5: Unexpected change to file `erp/restore.sh` on 2026-12-01, after this page's last change on 2026-08-14, expected the page reviewed since; re-read the page and set `reviewed:` (cited-changes)",
				],
			},
			{
				title: 'an alert rule changed in the work tree, not yet committed',
				config,
				today: '2027-01-15',
				history: [
					{
						date: '2026-08-14',
						files: {
							'erp/backup.md': runbook('2026-08-14'),
							'alerts/erp.rules.yml': rules(failedJob),
						},
					},
				],
				files: {
					'alerts/erp.rules.yml': rules(
						failedJob,
						'        labels:\n          severity: critical\n',
					),
				},
				output: [
					"erp/backup.md:7:1: Unexpected change to alert rule `ErpBackupFailed` (`labels.severity`; alerts/erp.rules.yml:4), not yet committed, after this page's last change on 2026-08-14, expected the page reviewed since; re-read the page and set `reviewed:` (cited-changes)",
				],
			},
		],
	},
	async check(ctx) {
		const found = await findCitedChanges({
			tree: ctx.tree,
			alerts: ctx.alerts,
			site: { url: ctx.config.site.url, base: ctx.config.site.base },
			pages: ctx.targets,
			now: ctx.now ?? new Date(),
			...(ctx.trace && { trace: ctx.trace }),
		});
		if (found.skipped) ctx.trace?.(`waymark: cited-changes: nothing compared: ${found.skipped}`);
		for (const [path, page] of found.pages) {
			for (const change of page.changes)
				ctx.report({
					file: path,
					position: change.citation.position,
					message: describeChange(change, page.lastChange),
				});
		}
	},
});

/** "Unexpected change to alert rule `X` (`expr`; file:12) on 2026-11-02, after …": what changed, where and when. */
function describeChange(change: CitedChange, lastChange: string): string {
	const { citation, at, fields } = change;
	const { source } = citation;
	const what = citation.kind === 'file' && source.folder ? 'folder' : citation.kind;
	const place = source.item
		? ` (${[fields.length > 0 && formatFields(fields), `${source.shown}:${source.line ?? 1}`].filter(Boolean).join('; ')})`
		: '';
	// On one day, the times tell the two apart, in UTC: each commit's own clock may differ ("on
	// 2026-11-26 at 14:02 UTC, after … at 09:15 UTC").
	const sameDay =
		at !== uncommitted &&
		at.slice(0, 10) === lastChange.slice(0, 10) &&
		/T\d\d:\d\d/.test(at) &&
		/T\d\d:\d\d/.test(lastChange);
	const utc = (iso: string) => new Date(iso).toISOString().slice(11, 16);
	const when =
		at === uncommitted
			? ', not yet committed,'
			: sameDay
				? ` on ${at.slice(0, 10)} at ${utc(at)} UTC,`
				: ` on ${at.slice(0, 10)},`;
	const last = sameDay ? `at ${utc(lastChange)} UTC` : `on ${lastChange.slice(0, 10)}`;
	return `Unexpected change to ${what} \`${citation.name}\`${place}${when} after this page's last change ${last}, expected the page reviewed since; re-read the page and set \`reviewed:\``;
}

function formatFields(fields: string[]): string {
	if (fields[0] === 'added') return 'added';
	const shown = fields.slice(0, 3).map((field) => `\`${field}\``);
	return fields.length > 3 ? `${shown.join(', ')} and ${fields.length - 3} more` : shown.join(', ');
}
