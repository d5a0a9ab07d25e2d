import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { StatusSnapshot } from '../core/status-snapshot.ts';
import { stateRank } from '../src/components/status/snapshot-phrase.ts';
import {
	classes,
	find,
	hastWidget as target,
	textNodes as text,
} from '../src/components/status/status-view.ts';
import { pageWords, paintProbe } from '../src/components/status/widget-paint.ts';
import type { AlertsSnapshot } from '../core/alerts-snapshot.ts';
import {
	paintAlertsPart,
	type AlertNode,
	type AlertsPart,
	type AlertsTarget,
} from '../src/components/alerts/alert-paint.ts';
import { firingOnPages } from '../alerts/alerts-current.ts';
import {
	paintContextRegion,
	paintNote,
	paintPlaceholder,
	type ContextRegionTarget,
	type NoteTarget,
	type PlaceholderTarget,
} from '../src/components/alert-context/context-paint.ts';
import {
	acceptedLabels,
	contextFromQuery,
	contextTurnedOff,
	firingContext,
	type AlertContext,
} from '../alerts/alert-context.ts';

/**
 * `waymark serve` paints the status widgets of each page it sends with the current state, so the
 * first paint is live and nothing shifts when the event stream connects. The words come from the
 * painter the browser script uses (`src/components/status/widget-paint.ts`). Only the widgets'
 * elements are rewritten; every other byte of the page is sent as built, and the files on disk
 * are never changed (a static copy of the site shows its build-time snapshot). The snapshot also
 * goes into the page as a JSON data island (`#wm-status-data`, `<` written `\u003c`), which the
 * widget script starts from; it is data, never run, so the page's Content-Security-Policy needs
 * no hash for it. The alerts' live parts (the firing banner, "Now" lines, "Firing now" lists) are
 * painted the same way, by the painter the alerts script uses (`src/components/alerts/alert-paint.ts`).
 * A page opened with an alert's labels in its query string (`query`), or with one alert firing now
 * that links to it, is sent with its placeholders filled and its alert context said, by the
 * painter the page's script uses (`src/components/alert-context/context-paint.ts`): it reads the
 * same without JavaScript.
 */
export type PagePainter = (html: string, key: string, query?: string) => string;

/** Quick test: a page without any of these has nothing to paint. */
const hasWidgets = /\bwm-(?:status|overall|summary|snapshot-time|demo|alerts|ph|alert-context)\b/;

interface Spot {
	start: number;
	end: number;
	node: Element;
}

interface Parsed {
	spots: Spot[];
	/** Where the data island goes: before `</body>`. */
	island: number;
}

const isElement = (node: RootContent): node is Element => node.type === 'element';

/** The elements a painter rewrites: every widget, the header badge's link, the summaries, the `/status/` list. */
function isSpot(node: Element): boolean {
	const names = classes(node);
	return (
		node.properties['dataProbe'] !== undefined ||
		names.includes('wm-alerts') ||
		names.includes('wm-ph-block') ||
		names.includes('wm-ph') ||
		names.includes('wm-alert-context') ||
		names.includes('wm-list') ||
		names.includes('wm-summary') ||
		names.includes('wm-snapshot-time') ||
		names.includes('wm-demo') ||
		(node.tagName === 'a' &&
			node.children.some((c) => isElement(c) && classes(c).includes('wm-overall')))
	);
}

/** The outermost elements to rewrite, with their offsets in the page (found once per file). */
function parse(html: string): Parsed {
	const spots: Spot[] = [];
	const walk = (node: Root | Element): void => {
		for (const child of node.children) {
			if (!isElement(child)) continue;
			const start = child.position?.start.offset;
			const end = child.position?.end.offset;
			if (isSpot(child) && start !== undefined && end !== undefined)
				spots.push({ start, end, node: child });
			else walk(child);
		}
	};
	walk(fromHtml(html));
	const body = html.lastIndexOf('</body>');
	return { spots, island: body === -1 ? html.length : body };
}

/** A hast element made from the alerts painter's description; every text is a text node. */
function create(node: AlertNode): Element {
	return {
		type: 'element',
		tagName: node.tag,
		properties: { ...(node.className && { className: [node.className] }), ...node.attrs },
		children: node.children.map((c) =>
			typeof c === 'string' ? { type: 'text', value: c } : create(c),
		),
	};
}

/** An alerts part as hast, for the painter the alerts script uses. */
function alertsTarget(el: Element): AlertsTarget {
	const at = (className: string): Element | undefined => (className ? find(el, className) : el);
	return {
		data: (name) => {
			const value =
				el.properties[
					name === 'alert' ? 'dataAlert' : name === 'route' ? 'dataRoute' : 'dataLabels'
				];
			return value === undefined || value === null ? undefined : String(value);
		},
		setData: (_name, value) => void (el.properties['dataState'] = value),
		hide: (hidden) => void (el.properties['hidden'] = hidden),
		text(className, value) {
			const found = at(className);
			if (found) found.children = text(value);
		},
		list(className, items) {
			const found = at(className);
			if (found) found.children = items.map(create);
		},
	};
}

/** Which live part of the alerts an element is, as the alerts script finds them (`parts` there). */
function alertsPart(el: Element, parent: Element | undefined): AlertsPart | undefined {
	const names = classes(el);
	const around = parent ? classes(parent) : [];
	if (el.properties['dataAlert'] !== undefined && el.properties['dataRoute'] !== undefined)
		return 'now';
	if (
		names.includes('wm-alerts-source') &&
		(around.includes('wm-alerts-panel') || around.includes('wm-alerts-by-page'))
	)
		return 'source';
	if (names.includes('wm-alert-banner')) return 'banner';
	if (names.includes('wm-firing-now')) return 'firing-now';
	if (names.includes('wm-alerts-demo')) return 'demo';
	return undefined;
}

/** Paints the alerts' live parts in a spot (an element with class `wm-alerts`), as the alerts script would. */
function paintAlerts(root: Element, alerts: AlertsSnapshot, base: string): void {
	const found: Array<[AlertsPart, Element]> = [];
	const visit = (el: Element, parent: Element | undefined): void => {
		const part = alertsPart(el, parent);
		if (part) found.push([part, el]);
		for (const child of el.children) if (isElement(child)) visit(child, el);
	};
	visit(root, undefined);
	// The script's order: the parts a banner or list adds are never painted again.
	const order: AlertsPart[] = ['now', 'source', 'banner', 'firing-now', 'demo'];
	for (const part of order)
		for (const [which, el] of found)
			if (which === part) paintAlertsPart(part, alertsTarget(el), alerts, base);
}

/** A placeholder (`span.wm-ph`) as hast, for the alert context's painter. */
function placeholderTarget(el: Element): PlaceholderTarget {
	const keys = { label: 'dataLabel', kind: 'dataKind', pipes: 'dataPipes' } as const;
	return {
		data: (name) => {
			const value = el.properties[keys[name]];
			return value === undefined || value === null ? undefined : String(value);
		},
		setText: (value) => void (el.children = text(value)),
		mark(state, title) {
			el.properties['dataState'] = state;
			el.properties['title'] = title;
		},
	};
}

/** The note beside a code block with placeholders, as hast. */
function noteTarget(el: Element): NoteTarget {
	return {
		say(value) {
			el.children = value === '' ? [] : text(value);
			el.properties['hidden'] = value === '';
		},
	};
}

/** Every element with this class inside `el`. */
function allWith(el: Element, className: string): Element[] {
	return el.children.flatMap((c) =>
		isElement(c) ? [...(classes(c).includes(className) ? [c] : []), ...allWith(c, className)] : [],
	);
}

/** The alert context region as hast. */
function regionTarget(el: Element): ContextRegionTarget {
	return {
		data: () =>
			el.properties['dataLabels'] === undefined ? undefined : String(el.properties['dataLabels']),
		hide: (hidden) => void (el.properties['hidden'] = hidden),
		text(className, value) {
			const found = find(el, className);
			if (found) found.children = text(value);
		},
		hidePart(className, hidden) {
			const found = find(el, className);
			if (found) found.properties['hidden'] = hidden;
		},
	};
}

type PageContext = AlertContext | { several: number } | undefined;

/** The alert context a request gives a page: its query string's labels, else the one alert firing now that links here. */
function pageContext(page: Parsed, query: string, snapshot: StatusSnapshot): PageContext {
	const region = page.spots.find((spot) => classes(spot.node).includes('wm-alert-context'))?.node;
	if (!region) return undefined;
	const used = acceptedLabels(String(region.properties['dataLabels'] ?? ''));
	const fromQuery = contextFromQuery(query, used);
	if (fromQuery || contextTurnedOff(query)) return fromQuery;
	return firingContext(snapshot.alerts, String(region.properties['dataRoute'] ?? ''), used);
}

/** Paints one spot (a copy of it) with the snapshot, as the widget and alerts scripts would. */
function paint(
	node: Element,
	snapshot: StatusSnapshot,
	now: number,
	base: string,
	context: PageContext,
): Element {
	const names = classes(node);
	if (
		names.includes('wm-ph') ||
		names.includes('wm-ph-block') ||
		names.includes('wm-alert-context')
	) {
		const copy = structuredClone(node);
		if (names.includes('wm-alert-context')) paintContextRegion(regionTarget(copy), context);
		else if (!context || 'several' in context) return copy;
		else if (names.includes('wm-ph')) paintPlaceholder(placeholderTarget(copy), context);
		else {
			const notFilled = allWith(copy, 'wm-ph').flatMap(
				(ph) => paintPlaceholder(placeholderTarget(ph), context) ?? [],
			);
			const [note] = allWith(copy, 'wm-ph-note');
			if (note) paintNote(noteTarget(note), notFilled);
		}
		return copy;
	}
	const feed = { live: snapshot.live, lostAt: null };
	const probes = new Map(snapshot.probes.map((p) => [p.id, p]));
	const words = pageWords(
		snapshot.probes,
		feed,
		snapshot.alerts ? firingOnPages(snapshot.alerts) : null,
	);
	const visit = (el: Element): void => {
		const names = classes(el);
		const id = el.properties['dataProbe'];
		const probe = typeof id === 'string' ? probes.get(id) : undefined;
		if (probe) paintProbe(target(el), probe, feed, now);
		if (names.includes('wm-summary')) el.children = text(words.summary);
		if (names.includes('wm-snapshot-time'))
			el.children = text(words.phrase(String(el.properties['dataForm'] ?? '')));
		if (names.includes('wm-demo')) el.properties['hidden'] = !snapshot.demo;
		const badge =
			el.tagName === 'a'
				? el.children.find((c): c is Element => isElement(c) && classes(c).includes('wm-overall'))
				: undefined;
		if (badge) {
			el.properties['ariaLabel'] = words.badge.label;
			badge.properties['dataState'] = words.badge.state;
			target(badge).text('wm-overall-text', words.badge.text);
		}
		for (const child of el.children) if (isElement(child)) visit(child);
		// `/status/`: problems first, in the order the widget script keeps.
		if (names.includes('wm-list')) {
			const rows = el.children.filter(
				(c): c is Element => isElement(c) && classes(c).includes('wm-row'),
			);
			const rank = (row: Element): number =>
				stateRank[(row.properties['dataState'] ?? 'unknown') as keyof typeof stateRank] ??
				stateRank.unknown;
			const sorted = rows
				.map((row, i) => ({ row, i }))
				.sort((a, b) => rank(a.row) - rank(b.row) || a.i - b.i);
			let next = 0;
			el.children = el.children.map((c) =>
				isElement(c) && classes(c).includes('wm-row') ? sorted[next++]!.row : c,
			);
		}
	};
	const copy = structuredClone(node);
	visit(copy);
	if (snapshot.alerts && classes(copy).includes('wm-alerts'))
		paintAlerts(copy, snapshot.alerts, base);
	return copy;
}

/** The snapshot as a JSON data island: `<` is written `\u003c`, so no text in it can end the script. */
function statusIsland(snapshot: StatusSnapshot): string {
	const json = JSON.stringify(snapshot)
		.replace(/</g, '\\u003c')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
	return `<script type="application/json" id="wm-status-data">${json}</script>`;
}

/**
 * A painter for the pages `waymark serve` sends: `key` names the page's file version (the parse
 * of its widgets is kept per key); a page without widgets comes back unchanged. `base` is the
 * site's base path, for the links of the "Firing now" lists.
 */
export function createPagePainter(
	snapshot: () => StatusSnapshot,
	now: () => number = Date.now,
	base = '/',
): PagePainter {
	const siteBase = base.replace(/\/?$/, '/');
	const parsed = new Map<string, Parsed>();
	return (html, key, query = '') => {
		if (!hasWidgets.test(html)) return html;
		let page = parsed.get(key);
		if (!page) {
			page = parse(html);
			if (parsed.size > 1000) parsed.clear();
			parsed.set(key, page);
		}
		if (page.spots.length === 0) return html;
		const current = snapshot();
		const at = now();
		const context = pageContext(page, query, current);
		const parts: string[] = [];
		let from = 0;
		for (const spot of page.spots) {
			parts.push(
				html.slice(from, spot.start),
				toHtml(paint(spot.node, current, at, siteBase, context), { allowDangerousHtml: true }),
			);
			from = spot.end;
		}
		const island = Math.max(from, page.island);
		parts.push(html.slice(from, island), statusIsland(current), html.slice(island));
		return parts.join('');
	};
}
