// Browser side of the alerts: the firing banner of a runbook page, the "Now" line of each alert in
// its panel, and the "Firing now" lists, from the same live feed as the status widgets. Every
// text goes in with textContent: label values come from whatever Prometheus scraped.
import { silenceUrl, type AlertsSnapshot, type FiringAlert } from '../../lib/alerts.ts';
import { onLive } from '../status/live-feed.ts';
import { alertPhrase, alertState, sourcePhrase, staticAlerts, utc } from './alert-words.ts';

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
let current: AlertsSnapshot = staticAlerts;
let checkedAt: string | null = null;
let freshSince = Date.now();
// The same freshness the status widgets show: when the live feed is lost, firing state is unknown.
let feedLostAt: number | null = null;

function el<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	className: string,
	text?: string,
): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	node.className = className;
	if (text !== undefined) node.textContent = text;
	return node;
}

const labelText = (labels: Record<string, string>): string =>
	Object.keys(labels)
		.filter((k) => k !== 'alertname')
		.sort()
		.map((k) => `${k}="${labels[k]}"`)
		.join(', ');

function item(alert: FiringAlert, snapshot: AlertsSnapshot, withPage: boolean): HTMLLIElement {
	const li = el('li', 'wm-firing-item');
	li.dataset['state'] = alert.state;
	li.dataset['alert'] = alert.name;
	const head = el('p', 'wm-firing-head');
	head.append(el('strong', 'wm-alert-name', alert.name), ' ');
	if (alert.severity) head.append(el('span', 'wm-severity', alert.severity), ' ');
	head.append(el('span', 'wm-now-text', alertPhrase(snapshot, alert.name, alert.route)));
	li.append(head);
	if (alert.summary) li.append(el('p', 'wm-alert-summary', alert.summary));
	if (withPage) {
		const page = el('p', 'wm-meta');
		if (alert.route) {
			const link = el('a', '', alert.pageTitle ?? alert.route);
			link.href = `${base}${alert.route.slice(1)}${alert.hash ? `#${alert.hash}` : ''}`;
			page.append('Runbook: ', link);
		} else page.textContent = 'No runbook page on this site';
		li.append(page);
	}
	const list = el('ul', 'wm-instances');
	for (const instance of alert.instances) {
		const row = el('li', '');
		row.append(el('code', '', labelText(instance.labels)), ` since ${utc(instance.startsAt)}`);
		if (instance.state !== 'firing') row.append(` (${instance.state})`);
		if (instance.state !== 'silenced' && snapshot.uiUrl) {
			const silence = el('a', 'wm-silence', 'Silence');
			silence.href = silenceUrl(snapshot.uiUrl, instance.labels);
			silence.rel = 'noopener';
			row.append(' · ', silence);
		}
		list.append(row);
	}
	if (alert.count > alert.instances.length)
		list.append(el('li', 'wm-more', `and ${alert.count - alert.instances.length} more`));
	li.append(list);
	return li;
}

/** The snapshot as the page may show it: an `ok` older than three polls is not current any more. */
function trusted(snapshot: AlertsSnapshot): AlertsSnapshot {
	if (feedLostAt !== null && snapshot.state !== 'static' && snapshot.state !== 'not-configured')
		return { ...snapshot, state: 'feed-lost', since: new Date(feedLostAt).toISOString(), reason: null, firing: [] };
	if (snapshot.checkedAt !== checkedAt) {
		checkedAt = snapshot.checkedAt;
		freshSince = Date.now();
	}
	const stale =
		snapshot.state === 'ok' && Date.now() - freshSince > 3 * snapshot.pollIntervalMs + 5000;
	return stale
		? {
				...snapshot,
				state: 'unreachable',
				since: snapshot.checkedAt,
				reason: 'no update from waymark serve',
				firing: [],
			}
		: snapshot;
}

function render(raw: AlertsSnapshot): void {
	current = raw;
	const snapshot = trusted(raw);
	const unknown = sourcePhrase(snapshot) ?? '';
	const cannotTell = snapshot.state === 'unreachable' || snapshot.state === 'feed-lost';
	for (const node of document.querySelectorAll<HTMLElement>(
		'.wm-alerts [data-alert][data-route]',
	)) {
		const route = node.dataset['route'] ?? null;
		const name = node.dataset['alert'] ?? '';
		node.dataset['state'] = alertState(snapshot, name, route);
		const text = node.querySelector('.wm-now-text');
		if (text) text.textContent = alertPhrase(snapshot, name, route);
	}
	for (const node of document.querySelectorAll(
		'.wm-alerts-panel > .wm-alerts-source, .wm-alerts-by-page > .wm-alerts-source',
	))
		node.textContent = unknown;
	for (const banner of document.querySelectorAll<HTMLElement>('.wm-alert-banner')) {
		const firing = snapshot.firing.filter((a) => a.route === banner.dataset['route']);
		const list = banner.querySelector('.wm-banner-list');
		list?.replaceChildren(...firing.map((a) => item(a, snapshot, false)));
		const source = banner.querySelector('.wm-alerts-source');
		if (source) source.textContent = cannotTell ? unknown : '';
		banner.dataset['state'] = firing[0]?.state ?? (cannotTell ? 'unknown' : 'quiet');
		banner.hidden = firing.length === 0 && !cannotTell;
	}
	for (const section of document.querySelectorAll('.wm-firing-now')) {
		section
			.querySelector('.wm-firing-list')
			?.replaceChildren(...snapshot.firing.map((a) => item(a, snapshot, true)));
		const source = section.querySelector('.wm-alerts-source');
		if (source)
			source.textContent =
				unknown ||
				(snapshot.firing.length === 0
					? `Nothing is firing (Alertmanager, ${snapshot.checkedAt ? utc(snapshot.checkedAt) : 'now'}).`
					: '');
	}
	for (const label of document.querySelectorAll<HTMLElement>('.wm-alerts-demo'))
		label.hidden = !snapshot.demo;
}

onLive({
	snapshot: (snapshot) =>
		render(
			snapshot.alerts ??
				(snapshot.live ? { ...staticAlerts, state: 'not-configured' } : staticAlerts),
		),
	alerts: render,
	alertsChecked: ({ checkedAt }) => render({ ...current, checkedAt }),
	feed: ({ lostAt }) => {
		feedLostAt = lostAt;
		render(current);
	},
});
// Without news the page must stop claiming the last answer is current.
setInterval(() => render(current), 5000);
