// Browser side of the alerts: the firing banner of a runbook page, the "Now" line of each alert in
// its panel, and the "Firing now" lists, from the same live feed as the status widgets, painted by
// `alert-paint.ts` (which `waymark serve` also paints its pages with, so the page starts from the
// state serve wrote into it and nothing changes at load). Every text goes in as a text node:
// label values come from whatever Prometheus scraped.
import { noAlerts, type AlertsSnapshot } from '../../../core/alerts-snapshot.ts';
import { onLive } from '../status/live-feed.ts';
import {
	paintAlertsPart,
	type AlertNode,
	type AlertsPart,
	type AlertsTarget,
} from './alert-paint.ts';
import { alertsJudge } from '../../../alerts/alerts-current.ts';
import { staticAlerts } from './alert-words.ts';

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
let current: AlertsSnapshot = staticAlerts;
const trusted = alertsJudge();
// The same freshness the status widgets show: when the live feed is lost, firing state is unknown.
let feedLostAt: number | null = null;

/** An element made from the shared painter's description; every text is a text node. */
function create(node: AlertNode): HTMLElement {
	const made = document.createElement(node.tag);
	if (node.className) made.className = node.className;
	for (const [name, value] of Object.entries(node.attrs ?? {})) made.setAttribute(name, value);
	made.append(...node.children.map((c) => (typeof c === 'string' ? c : create(c))));
	return made;
}

function target(node: HTMLElement): AlertsTarget {
	const find = (className: string): Element | null =>
		className ? node.querySelector(`.${className}`) : node;
	return {
		data: (name) => node.dataset[name],
		setData: (name, value) => void (node.dataset[name] = value),
		hide: (hidden) => void (node.hidden = hidden),
		text(className, text) {
			const found = find(className);
			if (found) found.textContent = text;
		},
		list: (className, items) => find(className)?.replaceChildren(...items.map(create)),
	};
}

/** Where each live part is on a page, in the order they are painted. */
const parts: Array<[AlertsPart, string]> = [
	['now', '.wm-alerts [data-alert][data-route]'],
	['source', '.wm-alerts-panel > .wm-alerts-source, .wm-alerts-by-page > .wm-alerts-source'],
	['banner', '.wm-alert-banner'],
	['firing-now', '.wm-firing-now'],
	['demo', '.wm-alerts-demo'],
];

function render(raw: AlertsSnapshot): void {
	current = raw;
	const snapshot = trusted(raw, feedLostAt, Date.now());
	for (const [part, selector] of parts)
		for (const node of document.querySelectorAll<HTMLElement>(selector))
			paintAlertsPart(part, target(node), snapshot, base);
}

onLive({
	snapshot: (snapshot) =>
		render(snapshot.alerts ?? (snapshot.live ? noAlerts('not-configured') : staticAlerts)),
	alerts: render,
	alertsChecked: ({ checkedAt }) => render({ ...current, checkedAt }),
	feed: ({ lostAt }) => {
		feedLostAt = lostAt;
		render(current);
	},
});
// Without news the page must stop claiming the last answer is current.
setInterval(() => render(current), 5000);
