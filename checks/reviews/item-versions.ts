import { parseRuleFile } from '../../alerts/rule-files.ts';
import type { AlertRule } from '../../alerts/types.ts';
import type { Dialect } from '../../src/lib/dialect.ts';
import { parsePage } from '../../tree/parse-page.ts';
import type { SourceItem } from './citations.ts';

/** An item as it reads in one version of its file: its fields, each as comparable text. */
export type ItemVersion = Record<string, string>;

/** What differs between two versions of an item: its fields that changed, `['added']` when it is new. */
export function changedFields(before: ItemVersion | undefined, after: ItemVersion | undefined): string[] {
	if (!after) return [];
	if (!before) return ['added'];
	const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
	return keys.filter((key) => before[key] !== after[key]);
}

/** An alert rule as Prometheus reads it: what it asks, how long it waits, what it carries. Comments and layout are not part of it. */
export function alertVersion(rule: AlertRule): ItemVersion {
	const version: ItemVersion = { expr: rule.expr.trim(), for: rule.for ?? '' };
	for (const [name, value] of Object.entries(rule.labels)) version[`labels.${name}`] = value;
	for (const [name, value] of Object.entries(rule.annotations)) version[`annotations.${name}`] = value;
	return version;
}

/** A probe declaration's keys, each as JSON (key order inside a value does not count). */
export function probeVersion(declaration: Record<string, unknown>): ItemVersion {
	return Object.fromEntries(Object.entries(declaration).map(([key, value]) => [key, stableJson(value)]));
}

/**
 * The item in one version of its file's text: the alert rule (by group, name and place among
 * rules of that name) of a rule file, or the probe (by id) of a page's frontmatter. `undefined`
 * when that version has no such item, or cannot be read.
 */
export function itemIn(text: string, file: string, item: SourceItem, dialect: Dialect): ItemVersion | undefined {
	if (item.kind === 'alert') {
		const rules = parseRuleFile(file, text).rules.filter((rule) => rule.group === item.group && rule.name === item.name);
		const rule = rules[item.nth];
		return rule && alertVersion(rule);
	}
	const probes = parsePage(file, text, { dialect }).frontmatter?.data?.['probes'];
	const declaration = Array.isArray(probes) ? probes.find((entry: unknown): entry is Record<string, unknown> => isRecord(entry) && entry['id'] === item.id) : undefined;
	return declaration && probeVersion(declaration);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stableJson(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) => (isRecord(inner) && !(inner instanceof Date) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner)) ?? '';
}
