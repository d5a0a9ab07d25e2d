import { applyPipes, parseLabelAction } from '../markdown/label-template.ts';
import type { AlertRule } from './types.ts';

/** A `runbook_url` with the template parts the rule fixes filled in, or the parts it leaves open. */
export type Expansion =
	{ ok: true; url: string } | { ok: false; url: string; unresolved: string[] };

/**
 * Expands the Go-template parts of an annotation whose value the rule itself fixes:
 * `{{ $labels.alertname }}` (the rule's name), `{{ $labels.NAME }}`, `{{ .Labels.NAME }}` and
 * `{{ index $labels "NAME" }}` for a label the rule sets, optionally piped through `toLower`,
 * `toUpper`, `title` or `urlquery`. Anything else (`$value`, a label only the series carries,
 * `$externalURL`) stays open and is listed in `unresolved`, as written, unless it is in the
 * query string: `?instance={{ $labels.instance | urlquery }}` passes the alert's labels to the
 * page (its alert context) and never changes which page the URL lands on.
 */
export function expandRunbookUrl(
	template: string,
	rule: Pick<AlertRule, 'name' | 'labels'>,
): Expansion {
	const unresolved: string[] = [];
	const query = queryRange(template);
	const url = template.replace(
		/\{\{-?\s*(.*?)\s*-?\}\}/g,
		(whole, inner: string, offset: number) => {
			const value = expandAction(inner, rule);
			if (value !== undefined) return value;
			if (offset < query.start || offset >= query.end) unresolved.push(whole);
			return whole;
		},
	);
	return unresolved.length === 0 ? { ok: true, url } : { ok: false, url, unresolved };
}

/** Offsets of the query string (after the first `?`, before the `#` after it); empty when there is none. */
function queryRange(template: string): { start: number; end: number } {
	const start = template.indexOf('?');
	if (start === -1) return { start: template.length, end: template.length };
	const hash = template.indexOf('#', start);
	return { start, end: hash === -1 ? template.length : hash };
}

function expandAction(
	action: string,
	rule: Pick<AlertRule, 'name' | 'labels'>,
): string | undefined {
	const parsed = parseLabelAction(action);
	if (!parsed) return undefined;
	const value = parsed.name === 'alertname' ? rule.name : rule.labels[parsed.name];
	// A label that is itself a template is set per series, not by the rule.
	if (value === undefined || value.includes('{{')) return undefined;
	return applyPipes(value, parsed.pipes);
}
