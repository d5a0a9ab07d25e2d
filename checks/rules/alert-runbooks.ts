import {
	indexRunbooks,
	urlOfRoute,
	type RunbookLink,
	type SiteLocation,
} from '../../alerts/runbook-index.ts';
import type { AlertRule } from '../../alerts/types.ts';
import type { Severity } from '../finding.ts';
import { defineRule, type RuleContext } from './define-rule.ts';
import { anchorList, matchAnchor } from './support/anchor-match.ts';
import { checkDeclared } from './support/declared-alerts.ts';
import { suggestAnchor } from './support/tree-suggestions.ts';

const rule = (name: string, url: string, extra = ''): string =>
	`      - alert: ${name}\n        expr: up{job="erp"} == 0\n${extra}        annotations:\n          runbook_url: ${url}\n`;
const rulesFile = (...rules: string[]): string =>
	`groups:\n  - name: erp\n    rules:\n${rules.join('')}`;
const config = {
	site: { url: 'https://runbooks.example.com' },
	alerts: { rules: ['alerts/*.yml'] },
};

export default defineRule({
	id: 'alert-runbooks',
	description:
		'Every Prometheus alerting rule (`alerts.rules`, `alerts.prometheus`) has a `runbook_url` that lands on a page and heading of this site, after mapping `site.url` onto the tree and expanding the template parts the rule fixes; pages that list `alerts:` in frontmatter name alerts that exist and send readers there.',
	defaultSeverity: 'error',
	examples: {
		ok: [
			{
				title: 'runbook URLs landing on pages and headings, with the alert name filled in',
				config,
				files: {
					'README.md': '# Home\n\n[ERP](erp/)\n',
					'erp/README.md':
						'---\nalerts: [ErpDown]\n---\n\n# ERP\n\n## Restart\n\n[ErpBackupFailed](ErpBackupFailed.md)\n',
					'erp/ErpBackupFailed.md': '# ErpBackupFailed\n',
					'alerts/erp.rules.yml': rulesFile(
						rule('ErpDown', 'https://runbooks.example.com/erp/#restart'),
						rule('ErpBackupFailed', "'https://runbooks.example.com/erp/{{ $labels.alertname }}/'"),
					),
				},
			},
			{
				title:
					'a text fragment after the heading (`#restart:~:text=bench`), which browsers scroll to: only the id is looked for',
				config,
				files: {
					'README.md': '# Home\n\n[ERP](erp/)\n',
					'erp/README.md': '# ERP\n\n## Restart\n\nRun `bench restart`.\n',
					'alerts/erp.rules.yml': rulesFile(
						rule('ErpDown', 'https://runbooks.example.com/erp/#restart:~:text=bench'),
						rule('ErpSlow', 'https://runbooks.example.com/erp/#:~:text=bench'),
					),
				},
			},
		],
		notOk: [
			{
				title: 'a missing page, a missing heading and a rule without runbook_url',
				config,
				files: {
					'README.md': '# Home\n\n[ERP](erp/)\n',
					'erp/README.md': '# ERP\n\n[Operations](operations.md)\n',
					'erp/operations.md': '# Operations\n\n## Restart\n\n## Restore\n',
					'alerts/erp.rules.yml': rulesFile(
						rule('ErpDown', 'https://runbooks.example.com/erp/operatons/#restart'),
						rule('ErpBackupFailed', 'https://runbooks.example.com/erp/operations/#restor'),
						'      - alert: ErpSlow\n        expr: erp_latency_seconds > 2\n',
					),
				},
				output: [
					'alerts/erp.rules.yml:7:11: Unexpected runbook_url `https://runbooks.example.com/erp/operatons/#restart` of alert `ErpDown` that matches no page, expected a page of this site; did you mean `https://runbooks.example.com/erp/operations/#restart` (alert-runbooks)',
					'alerts/erp.rules.yml:11:11: Unexpected runbook_url `https://runbooks.example.com/erp/operations/#restor` of alert `ErpBackupFailed` with missing heading `#restor` in `erp/operations.md`, expected one of `#operations`, `#restart`, `#restore`; did you mean `#restore` (alert-runbooks)',
					'alerts/erp.rules.yml:12:9: Unexpected alert `ErpSlow` without a `runbook_url` annotation, expected one pointing at its runbook page (alert-runbooks)',
				],
			},
			{
				title: 'a URL that stays templated, and a page listing an alert that does not exist',
				config,
				files: {
					'README.md': '---\nalerts: [ErpDwn]\n---\n\n# Home\n',
					'alerts/erp.rules.yml': rulesFile(
						rule('ErpDown', "'https://runbooks.example.com/hosts/{{ $labels.instance }}/'"),
					),
				},
				output: [
					'alerts/erp.rules.yml:7:11: Unexpected runbook_url `https://runbooks.example.com/hosts/{{ $labels.instance }}/` of alert `ErpDown` with template parts the rule does not fix (`{{ $labels.instance }}`), expected a URL Waymark can resolve; set those labels in the rule or write the URL out (alert-runbooks)',
					'README.md:2:10: Unexpected alert `ErpDwn` in `alerts`, expected the name of an alerting rule; did you mean `ErpDown` (alert-runbooks)',
				],
			},
			{
				title: 'every runbook URL on another host than `site.url` (here `www.`)',
				config,
				files: {
					'README.md': '# Home\n\n[ERP](erp.md)\n',
					'erp.md': '# ERP\n',
					'alerts/erp.rules.yml': rulesFile(
						rule('ErpDown', 'https://www.runbooks.example.com/erp/'),
						rule('ErpSlow', 'https://www.runbooks.example.com/erp/'),
					),
				},
				output: [
					'alerts/erp.rules.yml:7:11: Unexpected runbook_url `https://www.runbooks.example.com/erp/` of alert `ErpDown`, like all 2 runbook URL(s), outside this site, expected some under `https://runbooks.example.com/`; check `site.url` (runbook URLs on other sites are not checked) (alert-runbooks)',
				],
			},
		],
	},
	check(ctx) {
		const site: SiteLocation = { url: ctx.config.site.url, base: ctx.config.site.base };
		for (const problem of ctx.alerts.problems)
			ctx.report({
				file: problem.file,
				...(problem.position && { position: problem.position }),
				severity: problem.severity,
				message: problem.message,
			});
		const index = indexRunbooks(ctx.alerts, ctx.tree, site);
		for (const link of index.links) checkLink(ctx, link, site);
		checkSiteUrl(ctx, index.links, site);
		const missing = ctx.config.alerts.missingRunbook;
		if (missing !== 'off') {
			for (const alert of ctx.alerts.rules) {
				if (alert.annotations['runbook_url'] !== undefined) continue;
				report(
					ctx,
					alert,
					missing,
					`Unexpected alert \`${alert.name}\` without a \`runbook_url\` annotation, expected one pointing at its runbook page`,
					false,
				);
			}
		}
		checkDeclared(ctx, index.declared, index.links);
	},
});

function checkLink(ctx: RuleContext, link: RunbookLink, site: SiteLocation): void {
	const { rule, expansion, target } = link;
	const url = `\`${expansion.url}\` of alert \`${rule.name}\``;
	if (!expansion.ok) {
		const parts = expansion.unresolved.map((p) => `\`${p}\``).join(', ');
		return report(
			ctx,
			rule,
			'warning',
			`Unexpected runbook_url ${url} with template parts the rule does not fix (${parts}), expected a URL Waymark can resolve; set those labels in the rule or write the URL out`,
		);
	}
	switch (target?.kind) {
		case 'invalid':
			return report(
				ctx,
				rule,
				'error',
				`Unexpected runbook_url ${url}, expected an http(s) URL or a site path such as \`/erp/operations/\``,
			);
		case 'unmapped':
			return report(
				ctx,
				rule,
				'warning',
				`Unexpected runbook_url ${url} that cannot be mapped onto pages, expected \`site.url\` in waymark.config.yaml to say which URLs are this site's`,
			);
		case 'outside':
			// Runbooks may live on another site (a wiki); those are not this site's to check.
			return;
		case 'missing': {
			const near = target.suggestion
				? `; did you mean \`${urlOfRoute(target.suggestion, site)}${target.hash ? `#${target.hash}` : ''}\``
				: '';
			return report(
				ctx,
				rule,
				'error',
				`Unexpected runbook_url ${url} that matches no page, expected a page of this site${near}`,
			);
		}
		case 'page': {
			const page = ctx.tree.pages.get(target.path);
			if (!page || matchAnchor(page, target.hash).kind !== 'missing') return;
			const anchors = anchorList(page);
			const shown =
				anchors.length === 0
					? 'a heading there; the page has none'
					: `one of ${anchors
							.slice(0, 8)
							.map((a) => `\`#${a}\``)
							.join(', ')}${anchors.length > 8 ? `, … (${anchors.length} in all)` : ''}`;
			const suggestion = suggestAnchor(target.hash, page.anchors);
			return report(
				ctx,
				rule,
				'error',
				`Unexpected runbook_url ${url} with missing heading \`#${target.hash}\` in \`${target.path}\`, expected ${shown}${suggestion ? `; did you mean \`#${suggestion}\`` : ''}`,
			);
		}
	}
}

/**
 * Runbook URLs on another site are not checked; when none of them is under `site.url`, the likelier
 * story is a `site.url` that differs from the address the rules use (`www.`, `http:`, a path).
 */
function checkSiteUrl(ctx: RuleContext, links: RunbookLink[], site: SiteLocation): void {
	const outside = links.filter((link) => link.target?.kind === 'outside');
	if (
		outside.length === 0 ||
		outside.length < links.filter((link) => link.target !== undefined).length
	)
		return;
	const first = outside[0]!;
	const where =
		first.rule.origin.kind === 'file' ? first.rule.origin.file : first.rule.origin.configFile;
	ctx.report({
		file: where,
		...(first.rule.origin.kind === 'file' && {
			position: first.rule.origin.runbook ?? first.rule.origin.position,
		}),
		severity: 'warning',
		message: `Unexpected runbook_url \`${first.expansion.url}\` of alert \`${first.rule.name}\`, like all ${outside.length} runbook URL(s), outside this site, expected some under \`${urlOfRoute('/', site)}\`; check \`site.url\` (runbook URLs on other sites are not checked)`,
	});
}

function report(
	ctx: RuleContext,
	alert: AlertRule,
	severity: Severity,
	message: string,
	atRunbook = true,
): void {
	const origin = alert.origin;
	if (origin.kind === 'file') {
		ctx.report({
			file: origin.file,
			position: (atRunbook && origin.runbook) || origin.position,
			severity,
			message,
		});
		return;
	}
	ctx.report({
		file: origin.configFile,
		severity,
		message: `${message} (alerting rule from Prometheus at ${origin.url}, group \`${alert.group}\` in \`${origin.file}\`)`,
	});
}
