import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { ProbeStatus, StatusSnapshot } from '../../../core/status-snapshot.ts';
import { formatTime, stateLabels } from './snapshot-phrase.ts';
import { paintProbe, type WidgetTarget } from './widget-paint.ts';

export { sparkline } from './sparkline.ts';
export { formatTime };

/**
 * Widget markup, shared by the Markdown directive, the MDX component, the header strip and the
 * status page. State is always written as a word; colour and the dot's shape are second cues.
 * hastscript escapes every text, so probe names and messages cannot inject markup.
 */
export type Variant = 'badge' | 'card' | 'strip';

export function findProbe(
	snapshot: StatusSnapshot | undefined,
	id: string,
): ProbeStatus | undefined {
	return snapshot?.probes.find((p) => p.id === id);
}

/** An element's classes. */
export function classes(node: Element): string[] {
	const value = node.properties['className'];
	return Array.isArray(value) ? value.map(String) : [];
}

/** A text as children: none for an empty one. */
export const textNodes = (value: string): ElementContent[] =>
	value ? [{ type: 'text', value }] : [];

const propertyName = (attribute: string): string =>
	attribute.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The first element below `node`, depth first, carrying `className`. */
export function find(node: Element, className: string): Element | undefined {
	for (const child of node.children) {
		if (child.type !== 'element') continue;
		if (classes(child).includes(className)) return child;
		const found = find(child, className);
		if (found) return found;
	}
	return undefined;
}

/**
 * A widget as hast, for the painter the browser script uses (`widget-paint.ts`): the build paints
 * its snapshot with it, `waymark serve` the live state (server/page-paint.ts).
 */
export function hastWidget(el: Element): WidgetTarget {
	return {
		attr: (name, value) => void (el.properties[propertyName(name)] = value),
		has: (name) => el.properties[propertyName(name)] !== undefined,
		text(className, value) {
			const found = find(el, className);
			if (found) found.children = textNodes(value);
		},
		time(className, iso) {
			const found = find(el, className);
			if (!found) return;
			found.tagName = iso ? 'time' : 'span';
			found.properties['dateTime'] = iso ?? undefined;
			found.children = textNodes(formatTime(iso));
		},
		html(className, markup) {
			const found = find(el, className);
			// Raw markup made by the sparkline from numbers alone; probe texts are always text nodes.
			if (found) found.children = [{ type: 'raw', value: markup }];
		},
	};
}

/**
 * A widget as the build renders it: painted with the words the widget script gives a copy of the
 * site without `waymark serve` (the snapshot, "Last known", "not available on this copy"), so a
 * static copy does not change when its script runs. The snapshot's own time stands for "now":
 * rendered Markdown carries no build clock (it would defeat Astro's Markdown cache).
 */
export function statusElement(
	id: string,
	probe: ProbeStatus | undefined,
	variant: Variant,
	snapshotTime?: string,
): Element {
	const element = unpaintedElement(id, probe, variant, snapshotTime);
	if (probe)
		paintProbe(
			hastWidget(element),
			probe,
			{ live: false, lostAt: null },
			snapshotTime ? Date.parse(snapshotTime) : Date.parse(probe.checkedAt ?? '') || 0,
		);
	return element;
}

function unpaintedElement(
	id: string,
	probe: ProbeStatus | undefined,
	variant: Variant,
	snapshotTime?: string,
): Element {
	const state = probe?.state ?? 'unknown';
	const name = probe?.name ?? id;
	const reason = probe ? probe.message : `No probe \`${id}\` is declared on any page`;
	// The probe's name is page text (search finds it, excerpts read on); the live state around it
	// is furniture search never indexes.
	const ignore = { dataPagefindIgnore: true };
	const head = [
		h('span.wm-dot', { ariaHidden: 'true' }),
		h('span.wm-name', name),
		h('span', ignore, variant === 'card' ? ' ' : ': '),
		h('span.wm-state', ignore, stateLabels[state]),
		// Filled by the widget script when the result is not current: ` · feed lost at 08:06 UTC`.
		h('span.wm-fresh', ignore),
	];
	const props = { className: ['wm-status', `wm-${variant}`], dataProbe: id, dataState: state };
	// Badges show the reason on hover and give it to screen readers as text.
	if (variant !== 'card')
		return h('span', { ...props, title: reason }, [
			...head,
			h('span.visually-hidden', ignore, [' — ', h('span.wm-reason', reason)]),
		]);
	// A `<time>` only with a time to give it; `datetime=""` is invalid HTML.
	const when = probe?.checkedAt ?? snapshotTime;
	const whenText = probe?.checkedAt
		? formatTime(probe.checkedAt)
		: snapshotTime
			? `never (snapshot of ${formatTime(snapshotTime)})`
			: 'not checked yet';
	return h('div', { ...props, role: 'group', ariaLabel: `Live status: ${name}` }, [
		h('p.wm-card-title', head),
		h('p.wm-reason', ignore, reason),
		// Filled with each location's state when the probe has several (`status.locations`).
		h('p.wm-locations', ignore),
		h('p.wm-meta', ignore, [
			h('span.wm-latency', probe?.latencyMs != null ? `${probe.latencyMs} ms · ` : ''),
			'Checked ',
			when ? h('time.wm-time', { dateTime: when }, whenText) : h('span.wm-time', whenText),
		]),
	]);
}
