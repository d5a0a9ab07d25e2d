import { keptLabels, mayCarry, type KeptLabels } from '../../alerts/promql-labels.ts';
import { indexRunbooks } from '../../alerts/runbook-index.ts';
import type { AlertRule } from '../../alerts/types.ts';
import { defineRule } from './define-rule.ts';
import { pagePlaceholders } from './support/page-placeholders.ts';

const config = {
	site: { url: 'https://runbooks.example.com' },
	alerts: { rules: ['alerts/*.yml'] },
};
const rulesFile = (expr: string): string =>
	`groups:\n  - name: erp\n    rules:\n      - alert: ErpBackupFailed\n        expr: ${expr}\n        labels:\n          team: erp\n        annotations:\n          runbook_url: https://runbooks.example.com/erp/backup/\n`;

export default defineRule({
	id: 'alert-placeholders',
	description:
		"Every `{{ $labels.NAME }}` placeholder of a runbook names a label that an alerting rule whose `runbook_url` lands on the page can carry: one of the rule's own `labels`, `alertname`, or one its PromQL expression keeps (`sum by (instance)` keeps `instance`, `without (pod)` drops `pod`; a plain selector's series keep labels Waymark cannot know, so those are never reported). `<name>` placeholders are for the reader as much as for the alert and are not reported.",
	defaultSeverity: 'warning',
	examples: {
		ok: [
			{
				title: 'labels from the rule, from `by (…)`, and any label of a plain selector',
				config,
				files: {
					'README.md': '# Home\n\n[Backup](erp/backup.md)\n',
					'erp/backup.md':
						'# Backup\n\nTeam {{ $labels.team }} owns it.\n\n```sh\nssh {{ $labels.instance }} journalctl -u erp-backup\n```\n',
					'alerts/erp.rules.yml': rulesFile('sum by (instance) (erp_backup_failed) > 0'),
				},
			},
			{
				title: 'a plain selector: its series may carry any label',
				config,
				files: {
					'README.md': '# Home\n\n[Backup](erp/backup.md)\n',
					'erp/backup.md': '# Backup\n\nOn `{{ $labels.namespace }}`.\n',
					'alerts/erp.rules.yml': rulesFile(
						'erp_backup_last_success_age_seconds{job="erp"} > 86400',
					),
				},
			},
		],
		notOk: [
			{
				title: 'a label the expression aggregates away',
				config,
				files: {
					'README.md': '# Home\n\n[Backup](erp/backup.md)\n',
					'erp/backup.md':
						'# Backup\n\n1. Open the host:\n\n   ```sh\n   ssh {{ $labels.instance }} journalctl -u erp-backup\n   ```\n',
					'alerts/erp.rules.yml': rulesFile('sum by (job) (erp_backup_failed) > 0'),
				},
				output: [
					"erp/backup.md:6:8: Unexpected placeholder `{{ $labels.instance }}` that no alert linking here carries (`ErpBackupFailed`: labels `alertname`, `job`, `team`), expected one of their labels; add `instance` to the rule's `labels` or to its expression's `by (…)` (alert-placeholders)",
				],
			},
		],
	},
	check(ctx) {
		const index = indexRunbooks(ctx.alerts, ctx.tree, {
			url: ctx.config.site.url,
			base: ctx.config.site.base,
		});
		const rulesOf = new Map<string, AlertRule[]>();
		for (const link of index.links)
			if (link.target?.kind === 'page')
				rulesOf.set(link.target.path, [...(rulesOf.get(link.target.path) ?? []), link.rule]);
		const kept = new Map<string, KeptLabels>();
		const keptBy = (rule: AlertRule): KeptLabels => {
			const known = kept.get(rule.expr) ?? keptLabels(rule.expr);
			kept.set(rule.expr, known);
			return known;
		};
		const carries = (rule: AlertRule, label: string): boolean =>
			label === 'alertname' || label in rule.labels || mayCarry(keptBy(rule), label);
		for (const path of ctx.targets) {
			const rules = rulesOf.get(path);
			const page = ctx.tree.pages.get(path);
			if (!rules || !page) continue;
			for (const placeholder of pagePlaceholders(page)) {
				if (
					placeholder.kind !== 'template' ||
					rules.some((rule) => carries(rule, placeholder.name))
				)
					continue;
				const named = rules
					.slice(0, 3)
					.map((rule) => `\`${rule.name}\`: labels ${carried(rule, keptBy(rule))}`)
					.join('; ');
				const more = rules.length > 3 ? `; and ${rules.length - 3} more` : '';
				ctx.report({
					file: path,
					position: placeholder.position,
					message: `Unexpected placeholder \`${placeholder.written}\` that no alert linking here carries (${named}${more}), expected one of their labels; add \`${placeholder.name}\` to the rule's \`labels\` or to its expression's \`by (…)\``,
				});
			}
		}
	},
});

/** The labels a rule's alerts are known to carry, for the message. */
function carried(rule: AlertRule, kept: KeptLabels): string {
	const known = new Set([
		'alertname',
		...Object.keys(rule.labels),
		...(kept.kind === 'exact' ? kept.labels : []),
	]);
	return [...known]
		.sort()
		.map((l) => `\`${l}\``)
		.join(', ');
}
