import { hasAlertSources } from '../../../alerts/load-alerts.ts';
import type { RunbookLink } from '../../../alerts/runbook-index.ts';
import { positionOfKey } from '../../../tree/parse-page.ts';
import type { Position } from '../../finding.ts';
import type { RuleContext } from '../define-rule.ts';
import { createSuggester } from './suggest.ts';

/** A page's `alerts:` must name existing alerts whose runbook_url (if any) lands on that page. */
export function checkDeclared(
	ctx: RuleContext,
	declared: Array<{ path: string; name: string; position: Position }>,
	links: RunbookLink[],
): void {
	const names = [...new Set(ctx.alerts.rules.map((r) => r.name))];
	const known = new Set(names);
	const near = createSuggester(names, (asked) => Math.max(2, Math.floor(asked.length / 4)));
	// The pages each alert's runbook_url lands on, by alert name.
	const landings = new Map<string, string[]>();
	for (const link of links) {
		if (link.target?.kind !== 'page') continue;
		const pages = landings.get(link.rule.name);
		if (pages) pages.push(link.target.path);
		else landings.set(link.rule.name, [link.target.path]);
	}
	const unconfigured = new Set<string>();
	for (const { path, name, position } of declared) {
		if (!hasAlertSources(ctx.config)) {
			if (unconfigured.has(path)) continue;
			unconfigured.add(path);
			const frontmatter = ctx.tree.pages.get(path)?.frontmatter;
			ctx.report({
				file: path,
				position: frontmatter ? positionOfKey(frontmatter, ['alerts']) : position,
				severity: 'warning',
				message:
					'Unexpected `alerts` with no alert source configured, expected `alerts.rules` or `alerts.prometheus` in waymark.config.yaml to check these names against',
			});
			continue;
		}
		if (!known.has(name)) {
			const suggestion = near.suggest(name);
			const hint = suggestion !== undefined ? `; did you mean \`${suggestion}\`` : '';
			ctx.report({
				file: path,
				position,
				message: `Unexpected alert \`${name}\` in \`alerts\`, expected the name of an alerting rule${hint}`,
			});
			continue;
		}
		const elsewhere = landings.get(name) ?? [];
		if (elsewhere.length > 0 && !elsewhere.includes(path)) {
			ctx.report({
				file: path,
				position,
				severity: 'warning',
				message: `Unexpected alert \`${name}\` in \`alerts\` whose runbook_url sends readers to \`${elsewhere[0]}\`, expected this page; point its runbook_url here or remove it from \`alerts\``,
			});
		}
	}
}
