// How the alerts' live parts show the firing state, written once for both painters: the browser
// script (DOM elements) and `waymark serve`, which paints the HTML it sends (server/page-paint.ts),
// so the first paint and the live updates can never differ. Label values come from whatever
// Prometheus scraped: every text stays a text (textContent in the browser, a hast text node in
// serve). No imports but the words, the alerts contract and the alert context's query string: the
// browser script uses this.
import { acceptedLabels, contextQuery } from '../../../alerts/alert-context.ts';
import {
	silenceUrl,
	type AlertsSnapshot,
	type FiringAlert,
} from '../../../core/alerts-snapshot.ts';
import { alertPhrase, alertState, sourcePhrase, utc } from './alert-words.ts';

/** An element to create: a tag, its class, attributes and children (strings are text). */
export interface AlertNode {
	tag: 'li' | 'p' | 'ul' | 'strong' | 'span' | 'a' | 'code';
	className: string;
	attrs?: Record<string, string>;
	children: Array<AlertNode | string>;
}

/** One alert's live part, whatever holds it: the DOM in the browser, a parsed page in serve. */
export interface AlertsTarget {
	data(name: 'alert' | 'route' | 'labels'): string | undefined;
	setData(name: 'state', value: string): void;
	hide(hidden: boolean): void;
	/** The text of the first descendant with this class; `''` for the element itself. */
	text(className: string, text: string): void;
	/** The children of the first descendant with this class. */
	list(className: string, items: AlertNode[]): void;
}

/** The live parts: a "Now" line, a panel's source line, the banner, a "Firing now" list, a demo label. */
export type AlertsPart = 'now' | 'source' | 'banner' | 'firing-now' | 'demo';

const node = (
	tag: AlertNode['tag'],
	className: string,
	...children: Array<AlertNode | string>
): AlertNode => ({ tag, className, children });

/**
 * Alerts drawn at most: on a runbook page's banner, and in a "Firing now" list. The rest are one
 * line, "and N more", linking to where they are listed: the status page from a banner, Alertmanager
 * from "Firing now" (the status page lists as many as the home page).
 */
const drawnAlerts = { banner: 10, list: 50 };

/**
 * An instance's labels, `name="value"` each in a span of its own (`.wm-label`, kept whole), joined by
 * `, `: a list too long for the line wraps between labels, never inside one (`sever|ity`).
 */
const labelNodes = (labels: Record<string, string>): Array<AlertNode | string> =>
	Object.keys(labels)
		.filter((k) => k !== 'alertname')
		.sort()
		.flatMap((k, i) => [...(i > 0 ? [', '] : []), node('span', 'wm-label', `${k}="${labels[k]}"`)]);

/**
 * One firing alert as a list item: name, severity, "Now", summary, its page, each instance. On the
 * runbook page's own banner, `used` (the labels its placeholders name) gives each instance a link
 * that opens the page with that instance's labels (a query string only: it stays on the page).
 */
function firingItem(
	alert: FiringAlert,
	snapshot: AlertsSnapshot,
	withPage: boolean,
	base: string,
	used: ReadonlySet<string> = new Set(),
): AlertNode {
	const li: AlertNode = {
		tag: 'li',
		className: 'wm-firing-item',
		attrs: { 'data-state': alert.state, 'data-alert': alert.name },
		children: [],
	};
	const head = node('p', 'wm-firing-head', node('strong', 'wm-alert-name', alert.name), ' ');
	if (alert.severity) head.children.push(node('span', 'wm-severity', alert.severity), ' ');
	head.children.push(node('span', 'wm-now-text', alertPhrase(snapshot, alert.name, alert.route)));
	li.children.push(head);
	if (alert.summary) li.children.push(node('p', 'wm-alert-summary', alert.summary));
	if (withPage) {
		if (alert.route) {
			const link: AlertNode = {
				tag: 'a',
				className: '',
				attrs: { href: `${base}${alert.route.slice(1)}${alert.hash ? `#${alert.hash}` : ''}` },
				children: [alert.pageTitle ?? alert.route],
			};
			li.children.push(node('p', 'wm-meta', 'Runbook: ', link));
		} else li.children.push(node('p', 'wm-meta', 'No runbook page on this site'));
	}
	const list = node('ul', 'wm-instances');
	for (const instance of alert.instances) {
		const row = node(
			'li',
			'',
			node('code', '', ...labelNodes(instance.labels)),
			instance.startsAt ? ` since ${utc(instance.startsAt)}` : '',
		);
		if (instance.state !== 'firing') row.children.push(` (${instance.state})`);
		const fill = contextQuery(alert.name, instance.labels, used);
		if (fill)
			row.children.push(' · ', {
				tag: 'a',
				className: 'wm-fill',
				attrs: { href: fill },
				children: ['Fill in this page'],
			});
		if (instance.state !== 'silenced' && snapshot.uiUrl)
			row.children.push(' · ', {
				tag: 'a',
				className: 'wm-silence',
				attrs: { href: silenceUrl(snapshot.uiUrl, instance.labels), rel: 'noopener' },
				children: ['Silence'],
			});
		list.children.push(row);
	}
	if (alert.count > alert.instances.length)
		list.children.push(node('li', 'wm-more', `and ${alert.count - alert.instances.length} more`));
	li.children.push(list);
	return li;
}

/** The first `max` alerts as list items, and "and N more" (`more` beyond those given) linking to `href`, if any. */
function drawn(
	alerts: FiringAlert[],
	more: number,
	max: number,
	item: (alert: FiringAlert) => AlertNode,
	href: string | null,
	where: string,
): AlertNode[] {
	const items = alerts.slice(0, max).map(item);
	const rest = alerts.length - items.length + more;
	if (rest > 0) {
		const words = `and ${rest} more`;
		items.push(
			node(
				'li',
				'wm-more',
				href
					? { tag: 'a', className: '', attrs: { href }, children: [`${words} (${where})`] }
					: words,
			),
		);
	}
	return items;
}

/** Paints one live part with the snapshot (as the page may show it: `trusted` in the browser). */
export function paintAlertsPart(
	part: AlertsPart,
	el: AlertsTarget,
	snapshot: AlertsSnapshot,
	base: string,
): void {
	const unknown = sourcePhrase(snapshot) ?? '';
	const cannotTell =
		snapshot.state === 'unreachable' ||
		snapshot.state === 'invalid' ||
		snapshot.state === 'feed-lost';
	switch (part) {
		case 'now': {
			const route = el.data('route') ?? null;
			const name = el.data('alert') ?? '';
			el.setData('state', alertState(snapshot, name, route));
			el.text('wm-now-text', alertPhrase(snapshot, name, route));
			return;
		}
		case 'source':
			return el.text('', unknown);
		case 'banner': {
			const route = el.data('route') ?? '';
			const firing = snapshot.firing.filter((a) => a.route === route);
			const used = acceptedLabels(el.data('labels'));
			const more = Object.hasOwn(snapshot.unlisted.byRoute, route)
				? (snapshot.unlisted.byRoute[route] ?? 0)
				: 0;
			el.list(
				'wm-banner-list',
				drawn(
					firing,
					more,
					drawnAlerts.banner,
					(a) => firingItem(a, snapshot, false, base, used),
					`${base}status/#firing-now`,
					'see the status page',
				),
			);
			el.text('wm-alerts-source', unknown);
			el.setData('state', firing[0]?.state ?? (cannotTell || more > 0 ? 'unknown' : 'quiet'));
			el.hide(firing.length === 0 && more === 0 && !cannotTell);
			return;
		}
		case 'firing-now':
			el.list(
				'wm-firing-list',
				drawn(
					snapshot.firing,
					snapshot.unlisted.count,
					drawnAlerts.list,
					(a) => firingItem(a, snapshot, true, base),
					snapshot.uiUrl,
					'in Alertmanager',
				),
			);
			el.text(
				'wm-alerts-source',
				unknown ||
					(snapshot.firing.length === 0
						? `Nothing is firing (Alertmanager, ${snapshot.checkedAt ? utc(snapshot.checkedAt) : 'now'}).`
						: ''),
			);
			return;
		case 'demo':
			return el.hide(!snapshot.demo);
	}
}
