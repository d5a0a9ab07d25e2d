import type { Element } from 'hast';
import { h } from 'hastscript';
import type { ProbeStatus, StatusSnapshot } from '../../lib/status-snapshot.ts';
import { formatTime, stateLabels } from './snapshot-phrase.ts';

export { sparkline } from './sparkline.ts';
export { formatTime, stateLabels };

/**
 * Widget markup, shared by the Markdown directive, the MDX component, the header strip and the
 * status page. State is always written as a word; colour and the dot's shape are second cues.
 * hastscript escapes every text, so probe names and messages cannot inject markup.
 */
export type Variant = 'badge' | 'card' | 'strip';

export function findProbe(snapshot: StatusSnapshot | undefined, id: string): ProbeStatus | undefined {
	return snapshot?.probes.find((p) => p.id === id);
}

export function statusElement(id: string, probe: ProbeStatus | undefined, variant: Variant, snapshotTime?: string): Element {
	const state = probe?.state ?? 'unknown';
	const name = probe?.name ?? id;
	const reason = probe ? probe.message : `No probe \`${id}\` is declared on any page`;
	const head = [
		h('span.wm-dot', { ariaHidden: 'true' }),
		h('span.wm-name', name),
		variant === 'card' ? ' ' : ': ',
		h('span.wm-state', stateLabels[state]),
		// Filled by the widget script when the result is not current: ` · feed lost at 08:06 UTC`.
		h('span.wm-fresh'),
	];
	// Widgets are live furniture, not page text: search never indexes them.
	const props = { className: ['wm-status', `wm-${variant}`], dataProbe: id, dataState: state, dataPagefindIgnore: true };
	// Badges show the reason on hover and give it to screen readers as text.
	if (variant !== 'card') return h('span', { ...props, title: reason }, [...head, h('span.visually-hidden', [' — ', h('span.wm-reason', reason)])]);
	// A `<time>` only with a time to give it; `datetime=""` is invalid HTML.
	const when = probe?.checkedAt ?? snapshotTime;
	const whenText = probe?.checkedAt ? formatTime(probe.checkedAt) : snapshotTime ? `never (snapshot of ${formatTime(snapshotTime)})` : 'not checked yet';
	return h('div', { ...props, role: 'group', ariaLabel: `Live status: ${name}` }, [
		h('p.wm-card-title', head),
		h('p.wm-reason', reason),
		h('p.wm-meta', [
			h('span.wm-latency', probe?.latencyMs != null ? `${probe.latencyMs} ms · ` : ''),
			'Checked ',
			when ? h('time.wm-time', { dateTime: when }, whenText) : h('span.wm-time', whenText),
		]),
	]);
}
