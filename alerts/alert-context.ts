/**
 * The alert context of a runbook page: the labels of the alert it was opened for, from the query
 * string of its URL (`?alertname=ErpBackupFailed&instance=db1:9100`) or, under `waymark serve`,
 * from the one alert firing now that links to it. Label values are hostile input: only labels the
 * page uses are read, each at most `maxValueLength` characters, at most `maxParameters` parameters
 * are looked at, and a value is only ever text, filled in only where `fill-value.ts` finds it inert.
 * Pure functions shared by the browser script and `waymark serve`'s painter.
 */
import type { AlertsSnapshot } from '../core/alerts-snapshot.ts';
import { maxValueLength, refusal, unshowable } from './fill-value.ts';
import { isLabelName } from '../markdown/label-template.ts';

/** The query parameter that turns the alert context off (`?waymark-labels=off`): no label name has a `-`. */
const contextOffParameter = 'waymark-labels';

/** The label names a page's placeholders accept (`data-labels`): each as written, and `name` for an all-capitals `<NAME>`. */
export function acceptedLabels(written: string | undefined): Set<string> {
	const names = (written ?? '').split(' ').filter(Boolean);
	return new Set([
		...names,
		...names.filter((n) => /^[A-Z0-9_]+$/.test(n)).map((n) => n.toLowerCase()),
	]);
}

/** Parameters read from a URL; the rest are counted as ignored. */
const maxParameters = 64;

export interface AlertContext {
	/** `url`: the page's query string; `firing`: the one alert firing now that links here. */
	source: 'url' | 'firing';
	/** The `alertname` given, when it is usable. */
	alertname: string | null;
	/** Labels the page uses, with their values, sorted by name. */
	labels: Array<[name: string, value: string]>;
	/** Labels the page uses whose value is not filled in, why, and the value (null when given several). */
	refused: Array<[name: string, reason: string, value: string | null]>;
	/** How many parameters were not labels the page uses (other parameters, repeated labels, beyond the limit). */
	ignored: number;
}

/**
 * The context of `entries` (a URL's parameters or an alert's labels) for a page that uses the
 * labels `used`; undefined when none of them is given (nothing to fill, nothing to say).
 */
function contextOf(
	entries: Iterable<[string, string]>,
	used: ReadonlySet<string>,
	source: AlertContext['source'],
): AlertContext | undefined {
	const seen = new Map<string, string[]>();
	let ignored = 0;
	let count = 0;
	for (const [name, value] of entries) {
		if (++count > maxParameters) {
			ignored++;
			continue;
		}
		if (name !== 'alertname' && !(used.has(name) && isLabelName(name))) {
			if (name !== contextOffParameter) ignored++;
			continue;
		}
		seen.set(name, [...(seen.get(name) ?? []), value]);
	}
	let alertname: string | null = null;
	const labels: AlertContext['labels'] = [];
	const refused: AlertContext['refused'] = [];
	for (const [name, values] of [...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		const value = values[0]!;
		if (values.some((v) => v !== value)) {
			refused.push([name, `given ${values.length} times with different values`, null]);
			continue;
		}
		if (value === '') continue;
		const why = refusal(value);
		if (name === 'alertname') {
			// The alert's name is said as text in the region: it need only be shown, not pasted.
			if (!unshowable(value)) alertname = value;
			if (!used.has(name)) continue;
		}
		if (why) refused.push([name, why, value]);
		else labels.push([name, value]);
	}
	if (labels.length === 0 && refused.length === 0 && alertname === null) return undefined;
	return { source, alertname, labels, refused, ignored };
}

/** The context a URL's query string gives, or undefined (none given, or `?waymark-labels=off`). */
export function contextFromQuery(
	search: string,
	used: ReadonlySet<string>,
): AlertContext | undefined {
	const params = new URLSearchParams(search.length > 16_384 ? '' : search);
	if (params.get(contextOffParameter) === 'off') return undefined;
	return contextOf(params, used, 'url');
}

/** Whether the reader turned the alert context off (`?waymark-labels=off`): no firing alert fills the page either. */
export function contextTurnedOff(search: string): boolean {
	return (
		new URLSearchParams(search.length > 16_384 ? '' : search).get(contextOffParameter) === 'off'
	);
}

/** The alerts firing now whose runbook is the page at `route`: every instance, and whether the list is complete. */
function firingHere(
	snapshot: AlertsSnapshot | undefined,
	route: string,
): { instances: Array<{ name: string; labels: Record<string, string> }>; total: number } {
	const here =
		snapshot?.state === 'ok'
			? snapshot.firing.filter((a) => a.route === route && a.state === 'firing')
			: [];
	const instances = here.flatMap((a) =>
		a.instances
			.filter((i) => i.state === 'firing')
			.map((i) => ({ name: a.name, labels: i.labels })),
	);
	// Alerts past the snapshot's cap for this page fire here too: with them, the page has several.
	const unlisted =
		snapshot?.state === 'ok' && Object.hasOwn(snapshot.unlisted.byRoute, route)
			? (snapshot.unlisted.byRoute[route] ?? 0)
			: 0;
	return { instances, total: here.reduce((n, a) => n + a.count, unlisted) };
}

/**
 * The context of the one alert firing now for this page, or, when several fire, how many (the
 * reader chooses one in the firing banner). Undefined when none fires or firing state is unknown.
 */
export function firingContext(
	snapshot: AlertsSnapshot | undefined,
	route: string,
	used: ReadonlySet<string>,
): AlertContext | { several: number } | undefined {
	const { instances, total } = firingHere(snapshot, route);
	if (total > 1) return { several: total };
	const [only] = instances;
	if (!only) return undefined;
	return contextOf(Object.entries({ ...only.labels, alertname: only.name }), used, 'firing');
}

/**
 * The query string that opens this page with an alert's labels (`?alertname=…&instance=…`): only
 * the labels the page uses, sorted, without values longer than `maxValueLength` (a cut value would
 * be another value), encoded by `URLSearchParams`, so it can never change which page the link
 * opens. Empty when the page uses none of them.
 */
export function contextQuery(
	alertname: string,
	labels: Record<string, string>,
	used: ReadonlySet<string>,
): string {
	const fits = (value: string): boolean => value.length <= maxValueLength;
	const names = Object.keys(labels)
		.filter((name) => used.has(name) && name !== 'alertname' && fits(labels[name]!))
		.sort();
	if (names.length === 0) return '';
	const params = new URLSearchParams([
		...(fits(alertname) ? [['alertname', alertname] as [string, string]] : []),
		...names.map((n): [string, string] => [n, labels[n]!]),
	]);
	return `?${params.toString()}`;
}
