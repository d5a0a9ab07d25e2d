import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { alertsManifestPath, type AlertsManifest } from '../alerts/manifest.ts';
import { indexRunbooks } from '../alerts/runbook-index.ts';
import type { AlertRule, AlertSet } from '../alerts/types.ts';
import type { Config } from '../config/load-config.ts';
import type { PanelAlert, SiteAlerts } from '../core/alerts-snapshot.ts';
import { editUrlFor } from './edit-url.ts';
import { hrefForRoute } from '../markdown/routes.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';

/**
 * What each runbook page shows of its alerts, built once from the alert sources and the tree:
 * the rules whose runbook_url lands on the page, and those its frontmatter `alerts:` names.
 */
export function buildSiteAlerts(
	set: AlertSet,
	tree: GuidebookTree,
	config: Config,
	base: string,
): SiteAlerts {
	const index = indexRunbooks(set, tree, { url: config.site.url, base: config.site.base });
	// A rule file of the tree the site may publish: not one that looks like it holds a secret, nor one
	// the site leaves out. The panel links its copy, and `publishedRuleFiles` has it copied.
	const assets = new Set(
		tree.files.assets.filter((path) => !tree.secrets.has(path) && !tree.unpublished.has(path)),
	);
	const byRoute: SiteAlerts['byRoute'] = {};
	for (const [path, alerts] of index.byPage) {
		const page = tree.pages.get(path);
		if (!page) continue;
		byRoute[page.route] = alerts.map(({ rule, hash, via }) =>
			toPanelAlert(rule, hash, via, config.site.editUrl ?? null, assets, base),
		);
	}
	return { byRoute, alertmanager: config.alerts.alertmanager !== undefined };
}

/** What `waymark serve` needs to put a firing alert on its page: every page's title, each alert's pages. */
export function buildAlertsManifest(
	site: SiteAlerts,
	tree: GuidebookTree,
	config: Config,
): AlertsManifest {
	const alerts: AlertsManifest['alerts'] = {};
	for (const [route, list] of Object.entries(site.byRoute)) {
		for (const alert of list)
			(alerts[alert.name] ??= []).push({
				route,
				hash: alert.hash,
				severity: alert.severity,
				summary: alert.summary,
			});
	}
	return {
		version: 1,
		site: { url: config.site.url ?? null, base: config.site.base },
		pages: Object.fromEntries([...tree.pages.values()].map((page) => [page.route, page.title])),
		alerts,
	};
}

export async function writeAlertsManifest(outDir: string, manifest: AlertsManifest): Promise<void> {
	const file = join(outDir, alertsManifestPath);
	await mkdir(dirname(file), { recursive: true });
	await writeFile(file, `${JSON.stringify(manifest)}\n`);
}

function toPanelAlert(
	rule: AlertRule,
	hash: string,
	via: PanelAlert['via'],
	editPattern: string | null,
	assets: Set<string>,
	base: string,
): PanelAlert {
	const origin = rule.origin;
	return {
		name: rule.name,
		severity: rule.labels['severity'] ?? null,
		for: rule.for,
		summary: rule.annotations['summary'] ?? null,
		description: rule.annotations['description'] ?? null,
		expr: rule.expr,
		group: rule.group,
		hash,
		via,
		source:
			origin.kind === 'file'
				? {
						kind: 'file',
						path: origin.file,
						line: origin.position.line,
						editUrl: normalised(editUrlFor(editPattern, origin.file)),
						// A rule file inside the root is copied next to the pages (`publishedRuleFiles`); link the copy.
						viewUrl: assets.has(origin.file) ? hrefForRoute(`/${origin.file}`, base) : null,
					}
				: { kind: 'prometheus', url: origin.url, file: origin.file },
	};
}

/** The rule files the alert panels link their copy of ("view"): the site publishes them beside the pages. */
export function publishedRuleFiles(alerts: SiteAlerts): Set<string> {
	const paths = new Set<string>();
	for (const panel of Object.values(alerts.byRoute))
		for (const alert of panel)
			if (alert.source.kind === 'file' && alert.source.viewUrl) paths.add(alert.source.path);
	return paths;
}

/** `…/edit/main/guidebooks/../monitoring/x.yml` → `…/edit/main/monitoring/x.yml`. */
function normalised(url: string | undefined): string | null {
	if (!url) return null;
	try {
		return new URL(url).href;
	} catch {
		return url;
	}
}
