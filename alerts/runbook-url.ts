import type { AlertRule } from './types.ts';

/** A `runbook_url` with the template parts the rule fixes filled in, or the parts it leaves open. */
export type Expansion =
	{ ok: true; url: string } | { ok: false; url: string; unresolved: string[] };

const functions: Record<string, (value: string) => string> = {
	toLower: (v) => v.toLowerCase(),
	toUpper: (v) => v.toUpperCase(),
	title: (v) => v.replace(/\b\w/g, (c) => c.toUpperCase()),
	urlquery: (v) => encodeURIComponent(v),
};

/**
 * Expands the Go-template parts of an annotation whose value the rule itself fixes:
 * `{{ $labels.alertname }}` (the rule's name), `{{ $labels.NAME }}`, `{{ .Labels.NAME }}` and
 * `{{ index $labels "NAME" }}` for a label the rule sets, optionally piped through `toLower`,
 * `toUpper`, `title` or `urlquery`. Anything else (`$value`, a label only the series carries,
 * `$externalURL`) stays open and is listed in `unresolved`, as written.
 */
export function expandRunbookUrl(
	template: string,
	rule: Pick<AlertRule, 'name' | 'labels'>,
): Expansion {
	const unresolved: string[] = [];
	const url = template.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (whole, inner: string) => {
		const value = expandAction(inner, rule);
		if (value === undefined) {
			unresolved.push(whole);
			return whole;
		}
		return value;
	});
	return unresolved.length === 0 ? { ok: true, url } : { ok: false, url, unresolved };
}

function expandAction(
	action: string,
	rule: Pick<AlertRule, 'name' | 'labels'>,
): string | undefined {
	const [head = '', ...pipes] = action.split('|').map((part) => part.trim());
	const name =
		/^\$labels\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(head)?.[1] ??
		/^\.Labels\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(head)?.[1] ??
		/^index\s+(?:\$labels|\.Labels)\s+"([^"]+)"$/.exec(head)?.[1];
	if (name === undefined) return undefined;
	let value = name === 'alertname' ? rule.name : rule.labels[name];
	// A label that is itself a template is set per series, not by the rule.
	if (value === undefined || value.includes('{{')) return undefined;
	for (const pipe of pipes) {
		const fn = functions[pipe];
		if (!fn) return undefined;
		value = fn(value);
	}
	return value;
}
