import type {
	FiringAlert,
	FiringInstance,
	InstanceState,
	UnlistedAlerts,
} from '../core/alerts-snapshot.ts';
import type { ActiveAlert } from './alertmanager-answer.ts';
import type { AlertsManifest } from './manifest.ts';
import { routeOfUrl } from './runbook-index.ts';

/**
 * Instances listed per alert and page, at most, and the label text they may take together (names
 * and values: a few typical instances, far from the 64 labels of 1,024 characters an answer may
 * give each); the count says how many there are in all. A summary is cut to `summaryLength`.
 * So what an answer may put on a page for one alert is a few KiB, whatever it holds.
 */
const shownInstances = { count: 5, labelText: 4096 };
const summaryLength = 1000;
/** Firing alerts a snapshot lists besides those a page's panel shows: it goes into every page sent. */
const listedOthers = 50;
const stateRank: Record<InstanceState, number> = { firing: 0, inhibited: 1, silenced: 2 };
// Code-unit order: `localeCompare` costs seconds over 60,000 alerts, and RFC 3339 times sort as text.
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const severityRank = (severity: string | null): number =>
	severity === 'critical' ? 0 : severity === 'warning' ? 1 : 2;

/**
 * Alertmanager's alerts → one entry per alert name and runbook page: the page its expanded
 * `runbook_url` lands on, and the pages the build tied to that name; `route: null` when neither
 * names a page of this site. Firing first, then by severity and age.
 */
export function groupFiring(alerts: ActiveAlert[], manifest: AlertsManifest): FiringAlert[] {
	const groups = new Map<string, FiringAlert>();
	const instances = new Map<FiringAlert, FiringInstance[]>();
	const site = { url: manifest.site.url ?? undefined, base: manifest.site.base };
	// Thousands of alerts share a few runbook URLs: each is parsed once.
	const routes = new Map<string, ReturnType<typeof routeOfUrl>>();
	const routeOf = (url: string): ReturnType<typeof routeOfUrl> => {
		let route = routes.get(url);
		if (route === undefined) routes.set(url, (route = routeOfUrl(url, site)));
		return route;
	};
	for (const alert of alerts) {
		const name = alert.labels['alertname'] ?? '';
		const targets: Array<{
			route: string | null;
			hash: string;
			severity: string | null;
			summary: string | null;
		}> = [];
		const url = alert.annotations['runbook_url'];
		const mapped = url ? routeOf(url) : undefined;
		// Names and routes come from Alertmanager: `constructor` is not a key of the manifest.
		if (typeof mapped === 'object' && Object.hasOwn(manifest.pages, mapped.route))
			targets.push({ route: mapped.route, hash: mapped.hash, severity: null, summary: null });
		for (const known of Object.hasOwn(manifest.alerts, name) ? (manifest.alerts[name] ?? []) : [])
			if (!targets.some((t) => t.route === known.route)) targets.push(known);
		if (targets.length === 0)
			targets.push({ route: null, hash: '', severity: null, summary: null });
		const instance: FiringInstance = {
			labels: alert.labels,
			startsAt: alert.startsAt,
			state: alert.state,
		};
		for (const target of targets) {
			const key = alertKey({ name, route: target.route });
			let group = groups.get(key);
			if (!group) {
				group = {
					name,
					severity: alert.labels['severity'] ?? target.severity,
					summary: cut(alert.annotations['summary'] ?? target.summary, summaryLength),
					route: target.route,
					pageTitle: target.route === null ? null : (manifest.pages[target.route] ?? null),
					hash: target.hash,
					state: alert.state,
					count: 0,
					since: alert.startsAt,
					instances: [],
				};
				groups.set(key, group);
				instances.set(group, []);
			}
			instances.get(group)!.push(instance);
			group.count++;
			if (stateRank[alert.state] < stateRank[group.state]) group.state = alert.state;
			if (alert.startsAt && (group.since === '' || alert.startsAt < group.since))
				group.since = alert.startsAt;
		}
	}
	for (const [group, all] of instances)
		group.instances = firstInstances(
			all.sort(
				(a, b) => stateRank[a.state] - stateRank[b.state] || compare(a.startsAt, b.startsAt),
			),
		);
	return [...groups.values()].sort(
		(a, b) =>
			stateRank[a.state] - stateRank[b.state] ||
			severityRank(a.severity) - severityRank(b.severity) ||
			compare(a.since, b.since) ||
			compare(a.name, b.name),
	);
}

/** The first instances that fit `shownInstances` (an instance whose labels alone do not fit is not listed). */
function firstInstances(sorted: FiringInstance[]): FiringInstance[] {
	const shown: FiringInstance[] = [];
	let room = shownInstances.labelText;
	for (const instance of sorted) {
		if (shown.length === shownInstances.count) break;
		const size = Object.entries(instance.labels).reduce(
			(sum, [name, value]) => sum + name.length + value.length,
			0,
		);
		if (size > room) continue;
		room -= size;
		shown.push(instance);
	}
	return shown;
}

const cut = (text: string | null, max: number): string | null =>
	text !== null && text.length > max ? `${text.slice(0, max)}…` : text;

/** One alert on one page (or on none): what firing, resolved and listed alerts are told apart by. */
export function alertKey(alert: { name: string; route: string | null }): string {
	return `${alert.name}\0${alert.route ?? ''}`;
}

/** The alerts a page's panel shows a "Now" line for: every alert name and page of the manifest. */
export function panelKeys(manifest: AlertsManifest): Set<string> {
	return new Set(
		Object.entries(manifest.alerts).flatMap(([name, pages]) =>
			pages.map(({ route }) => alertKey({ name, route })),
		),
	);
}

/**
 * What a snapshot carries of `groupFiring`'s list (in its order): every alert a panel shows, so
 * no "Now" line says "Not firing" for want of room, then the first 50 others; the rest counted,
 * in all and per page, for the "and N more" lines.
 */
export function listFiring(
	groups: FiringAlert[],
	panels: Set<string>,
): { firing: FiringAlert[]; unlisted: UnlistedAlerts } {
	const firing: FiringAlert[] = [];
	const unlisted: UnlistedAlerts = { count: 0, byRoute: {} };
	let others = 0;
	for (const group of groups) {
		if (panels.has(alertKey(group)) || others++ < listedOthers) firing.push(group);
		else {
			unlisted.count++;
			const route = group.route ?? '';
			unlisted.byRoute[route] = (unlisted.byRoute[route] ?? 0) + 1;
		}
	}
	return { firing, unlisted };
}
