// How a page shows its alert context, written once for both painters: the browser script (DOM
// elements) and `waymark serve` (server/page-paint.ts, hast), so a page served filled and the
// script that starts on it never disagree. Values only ever become text (textContent, hast text
// nodes); attributes get words built from the page's own label names, never a value. A value is
// filled in only when `fill-value.ts` finds it inert everywhere; any other stays out of the
// command and is shown beside its block as data, with the reason.
import type { AlertContext } from '../../../alerts/alert-context.ts';
import { refusal, shownValue } from '../../../alerts/fill-value.ts';
import { applyPipes, labelFor } from '../../../markdown/label-template.ts';

/** A placeholder (`span.wm-ph`) as either painter holds it. */
export interface PlaceholderTarget {
	data(name: 'label' | 'kind' | 'pipes'): string | undefined;
	/** Replaces the placeholder's children with this text. */
	setText(text: string): void;
	/** `data-state` and `title`. */
	mark(state: 'filled' | 'missing' | 'refused', title: string): void;
}

/** The note beside a code block with placeholders (`.wm-ph-note`). */
export interface NoteTarget {
	/** Sets the note's text and shows it; hides it when `text` is empty. */
	say(text: string): void;
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

/** A value the alert gave for a placeholder and the page did not fill in. */
export interface NotFilled {
	label: string;
	/** Null when the label was given several times with different values. */
	value: string | null;
	reason: string;
}

/**
 * Fills one placeholder from the context, or marks why it stays as written; gives the value not
 * filled in, for the note beside its block. No context, no change.
 */
export function paintPlaceholder(
	el: PlaceholderTarget,
	context: AlertContext | undefined,
): NotFilled | undefined {
	if (!context) return undefined;
	const name = el.data('label') ?? '';
	const kind = el.data('kind') === 'angle' ? 'angle' : 'template';
	const values = new Map(context.labels);
	const refused = new Map(context.refused.map(([n, reason, value]) => [n, { reason, value }]));
	const label = labelFor({ name, kind }, (n) => values.has(n) || refused.has(n));
	if (label === undefined) {
		el.mark('missing', `No value: the alert gave no \`${name}\` label`);
		return undefined;
	}
	const given = refused.get(label);
	const value = applyPipes(
		values.get(label) ?? '',
		(el.data('pipes') ?? '').split(' ').filter(Boolean),
	);
	// A template function can make a value that was inert into one that is not (`urlquery`).
	const why = given?.reason ?? refusal(value);
	if (why !== undefined) {
		el.mark('refused', `Not filled in: the alert's \`${label}\` label ${why}`);
		return { label, value: given ? given.value : value, reason: why };
	}
	el.setText(value);
	el.mark('filled', `From the alert's \`${label}\` label`);
	return undefined;
}

const quoted = (value: string | null): string =>
	value === null ? 'several values' : `"${shownValue(value)}"`;

/**
 * The note beside a code block: the values the block's placeholders were not filled with, each
 * as data with its reason, and what the copy button copies. Hidden when every value was filled.
 */
export function paintNote(el: NoteTarget, notFilled: NotFilled[]): void {
	const seen = new Set<string>();
	const lines = notFilled.filter((n) => !seen.has(n.label) && seen.add(n.label));
	if (lines.length === 0) return el.say('');
	el.say(
		`Not filled in: ${lines.map((n) => `${n.label} is ${quoted(n.value)} (${n.reason})`).join('; ')}. Copy gives the command as written; put a value in by hand only once you have checked it.`,
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
	for (const [name, why, value] of context.refused)
		notes.push(`Not filled in: ${name} is ${quoted(value)} (${why}).`);
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
