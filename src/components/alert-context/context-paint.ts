// How a page shows its alert context, written once for both painters: the browser script (DOM
// elements) and `waymark serve` (server/page-paint.ts, hast), so a page served filled and the
// script that starts on it never disagree. Values only ever become text (textContent, hast text
// nodes); attributes get words built from the page's own label names, never a value.
import type { AlertContext } from '../../lib/alert-context.ts';
import { fillContexts, fillValue, type FillContext } from '../../lib/fill-value.ts';
import { applyPipes, labelFor } from '../../lib/label-template.ts';

/** A placeholder (`span.wm-ph`) as either painter holds it. */
export interface PlaceholderTarget {
	data(name: 'label' | 'fill' | 'kind' | 'pipes'): string | undefined;
	/** Replaces the placeholder's children with this text. */
	setText(text: string): void;
	/** `data-state` and `title`. */
	mark(state: 'filled' | 'missing' | 'refused', title: string): void;
}

/** The page's alert context region (`.wm-alert-context`). */
export interface ContextRegionTarget {
	data(name: 'labels'): string | undefined;
	hide(hidden: boolean): void;
	/** The text of the descendant with this class. */
	text(className: 'wm-context-head' | 'wm-context-note', text: string): void;
	/** Hides the descendant with this class. */
	hidePart(className: 'wm-context-clear', hidden: boolean): void;
}

const contexts = new Set<string>(fillContexts);

/** Fills one placeholder from the context, or marks why it stays as written. No context, no change. */
export function paintPlaceholder(el: PlaceholderTarget, context: AlertContext | undefined): void {
	if (!context) return;
	const name = el.data('label') ?? '';
	const kind = el.data('kind') === 'angle' ? 'angle' : 'template';
	const fill = el.data('fill') ?? 'none';
	const values = new Map(context.labels);
	const refused = new Map(context.refused);
	const label = labelFor({ name, kind }, (n) => values.has(n) || refused.has(n));
	if (label === undefined)
		return el.mark('missing', `No value: the alert gave no \`${name}\` label`);
	const why = refused.get(label);
	if (why !== undefined)
		return el.mark('refused', `Not filled: the alert's \`${label}\` label was not used (${why})`);
	const value = applyPipes(
		values.get(label) ?? '',
		(el.data('pipes') ?? '').split(' ').filter(Boolean),
	);
	const filled = contexts.has(fill) ? fillValue(fill as FillContext, value) : undefined;
	if (filled === undefined)
		return el.mark(
			'refused',
			fill === 'none'
				? `Not filled: Waymark does not put the alert's \`${label}\` label inside \`\${…}\`, \`$((…))\` or \`$'…'\``
				: `Not filled: the alert's \`${label}\` label has characters this block cannot take unquoted`,
		);
	el.setText(filled);
	el.mark(
		'filled',
		`From the alert's \`${label}\` label${filled !== value ? ', quoted for the shell' : ''}`,
	);
}

const listed = (pairs: Array<[string, string]>): string =>
	pairs.map(([n, v]) => `${n}=${v}`).join(', ');

/**
 * The region that says what the page was opened with: the alert and its labels, the placeholders
 * left as written and why, and a link back to the page as written. Hidden without a context.
 */
export function paintContextRegion(
	el: ContextRegionTarget,
	context: AlertContext | { several: number } | undefined,
): void {
	if (!context) return el.hide(true);
	el.hide(false);
	if ('several' in context) {
		el.text(
			'wm-context-head',
			`${context.several} alerts that send readers here are firing now. Choose one in the list of firing alerts ("Fill in this page") to see the commands with its labels.`,
		);
		el.text('wm-context-note', '');
		return el.hidePart('wm-context-clear', true);
	}
	el.hidePart('wm-context-clear', false);
	const from = context.alertname === null ? 'an alert' : `alert ${context.alertname}`;
	const labels = context.labels.length > 0 ? `: ${listed(context.labels)}` : '';
	el.text(
		'wm-context-head',
		context.source === 'firing'
			? `Filled in from ${from}, firing now${labels}.`
			: `Opened from ${from}${labels}.`,
	);
	const notes: string[] = [];
	if (context.labels.length > 0)
		notes.push(
			'Values from the alert are highlighted in the page; each says which label it came from.',
		);
	const has = (n: string): boolean =>
		context.labels.some(([l]) => l === n) || context.refused.some(([l]) => l === n);
	const missing = (el.data('labels') ?? '')
		.split(' ')
		.filter(
			(n) =>
				n !== '' && n !== 'alertname' && labelFor({ name: n, kind: 'angle' }, has) === undefined,
		);
	if (missing.length > 0)
		notes.push(`Not given: ${missing.join(', ')}; those placeholders stay as written.`);
	for (const [name, why] of context.refused) notes.push(`Not used: ${name} (${why}).`);
	// From a firing alert the rest are its other labels; from a URL, parameters the reader can see.
	const plural = context.ignored === 1 ? '' : 's';
	if (context.ignored > 0)
		notes.push(
			context.source === 'firing'
				? `${context.ignored} other label${plural} of the alert ignored (not used by this page).`
				: `${context.ignored} other parameter${plural} ignored (not labels this page uses).`,
		);
	el.text('wm-context-note', notes.join(' '));
}
