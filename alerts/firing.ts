import type { FiringAlert, FiringInstance, InstanceState } from '../src/lib/alerts.ts';
import type { ActiveAlert } from './alertmanager.ts';
import type { AlertsManifest } from './manifest.ts';
import { routeOfUrl } from './runbook-index.ts';

/** Instances listed per alert and page; the count says how many there are in all. */
const shownInstances = 5;
const stateRank: Record<InstanceState, number> = { firing: 0, inhibited: 1, silenced: 2 };
const severityRank = (severity: string | null): number =>
	severity === 'critical' ? 0 : severity === 'warning' ? 1 : 2;

/**
 * Alertmanager's alerts → one entry per alert name and runbook page: the page its expanded
 * `runbook_url` lands on, and the pages the build tied to that name; `route: null` when neither
 * names a page of this site. Firing first, then by severity and age.
 */
export function groupFiring(alerts: ActiveAlert[], manifest: AlertsManifest): FiringAlert[] {
	const groups = new Map<string, FiringAlert & { all: FiringInstance[] }>();
	const site = { url: manifest.site.url ?? undefined, base: manifest.site.base };
	for (const alert of alerts) {
		const name = alert.labels['alertname'] ?? '';
		const targets: Array<{
			route: string | null;
			hash: string;
			severity: string | null;
			summary: string | null;
		}> = [];
		const url = alert.annotations['runbook_url'];
		const mapped = url ? routeOfUrl(url, site) : undefined;
		if (typeof mapped === 'object' && manifest.pages[mapped.route] !== undefined)
			targets.push({ route: mapped.route, hash: mapped.hash, severity: null, summary: null });
		for (const known of manifest.alerts[name] ?? [])
			if (!targets.some((t) => t.route === known.route)) targets.push(known);
		if (targets.length === 0)
			targets.push({ route: null, hash: '', severity: null, summary: null });
		const instance: FiringInstance = {
			labels: alert.labels,
			startsAt: alert.startsAt,
			state: alert.state,
		};
		for (const target of targets) {
			const key = `${name}\0${target.route ?? ''}`;
			let group = groups.get(key);
			if (!group) {
				group = {
					name,
					severity: alert.labels['severity'] ?? target.severity,
					summary: alert.annotations['summary'] ?? target.summary,
					route: target.route,
					pageTitle: target.route === null ? null : (manifest.pages[target.route] ?? null),
					hash: target.hash,
					state: alert.state,
					count: 0,
					since: alert.startsAt,
					instances: [],
					all: [],
				};
				groups.set(key, group);
			}
			group.all.push(instance);
			group.count++;
			if (stateRank[alert.state] < stateRank[group.state]) group.state = alert.state;
			if (alert.startsAt && (group.since === '' || alert.startsAt < group.since))
				group.since = alert.startsAt;
		}
	}
	return [...groups.values()]
		.map(({ all, ...group }) => ({
			...group,
			instances: all
				.sort(
					(a, b) => stateRank[a.state] - stateRank[b.state] || a.startsAt.localeCompare(b.startsAt),
				)
				.slice(0, shownInstances),
		}))
		.sort(
			(a, b) =>
				stateRank[a.state] - stateRank[b.state] ||
				severityRank(a.severity) - severityRank(b.severity) ||
				a.since.localeCompare(b.since) ||
				a.name.localeCompare(b.name),
		);
}
