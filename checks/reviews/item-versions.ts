import { parseRuleFile } from '../../alerts/rule-files.ts';
import type { AlertRule } from '../../alerts/types.ts';
import { parsePage } from '../../tree/parse-page.ts';

/** Part of a file a page cites: one alert rule of a rule file, or one probe of a page's frontmatter. */
export type SourceItem =
	| {
			kind: 'alert';
			group: string;
			name: string;
			/** Among the file's rules of that group and name. */ nth: number;
	  }
	| { kind: 'probe'; id: string };

/** An item as it reads in one version of its file: its fields, each as comparable text. */
export type ItemVersion = Record<string, string>;

/** What differs between two versions of an item: its fields that changed, `['added']` when it is new. */
export function changedFields(
	before: ItemVersion | undefined,
	after: ItemVersion | undefined,
): string[] {
	if (!after) return [];
	if (!before) return ['added'];
	const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
	return keys.filter((key) => before[key] !== after[key]);
}

/** The key of an item among the items of its file: an alert rule by group, name and place among rules of that name; a probe by id. */
export function itemKey(item: SourceItem): string {
	return item.kind === 'alert' ? `${item.group}\0${item.name}\0${item.nth}` : item.id;
}

/** An alert rule as Prometheus reads it: what it asks, how long it waits, what it carries. Comments and layout are not part of it. */
function alertVersion(rule: AlertRule): ItemVersion {
	const version: ItemVersion = { expr: rule.expr.trim(), for: rule.for ?? '' };
	for (const [name, value] of Object.entries(rule.labels)) version[`labels.${name}`] = value;
	for (const [name, value] of Object.entries(rule.annotations))
		version[`annotations.${name}`] = value;
	return version;
}

/** Every alert rule of a rule file's rules, by `itemKey`. */
export function alertVersions(rules: AlertRule[]): Map<string, ItemVersion> {
	const versions = new Map<string, ItemVersion>();
	const seen = new Map<string, number>();
	for (const rule of rules) {
		const name = `${rule.group}\0${rule.name}`;
		const nth = seen.get(name) ?? 0;
		seen.set(name, nth + 1);
		versions.set(
			itemKey({ kind: 'alert', group: rule.group, name: rule.name, nth }),
			alertVersion(rule),
		);
	}
	return versions;
}

/** Every probe a page's frontmatter declares, by id, each key as JSON (key order inside a value does not count). */
export function probeVersions(
	frontmatter: Record<string, unknown> | undefined,
): Map<string, ItemVersion> {
	const versions = new Map<string, ItemVersion>();
	const probes = frontmatter?.['probes'];
	for (const entry of Array.isArray(probes) ? (probes as unknown[]) : []) {
		if (isRecord(entry) && typeof entry['id'] === 'string' && !versions.has(entry['id']))
			versions.set(
				entry['id'],
				Object.fromEntries(Object.entries(entry).map(([key, value]) => [key, stableJson(value)])),
			);
	}
	return versions;
}

/**
 * The items of one version of a file's text: the alert rules of a rule file, or the probes of a
 * page's frontmatter (read as its tree's dialect reads it). Parsed once per version, however many
 * pages cite its items.
 */
export function versionsIn(
	text: string,
	file: string,
	kind: SourceItem['kind'],
	dialect: string,
): Map<string, ItemVersion> {
	return kind === 'alert'
		? alertVersions(parseRuleFile(file, text).rules)
		: probeVersions(parsePage(file, text, { dialect }).frontmatter?.data);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stableJson(value: unknown): string {
	return (
		JSON.stringify(value, (_key, inner: unknown) =>
			isRecord(inner)
				? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
				: inner,
		) ?? ''
	);
}
