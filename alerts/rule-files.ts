import { glob, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import {
	isMap,
	isScalar,
	isSeq,
	LineCounter,
	parseAllDocuments,
	type Pair,
	type YAMLMap,
} from 'yaml';
import type { Position } from '../core/position.ts';
import type { AlertRule, AlertSourceProblem } from './types.ts';
import { isInside } from '../core/path-inside.ts';
import { errorLine } from '../core/error-line.ts';
import { locateYamlErrors } from '../core/yaml-errors.ts';

/**
 * Prometheus rule files → alerting rules with the line of each `alert:` and `runbook_url:`.
 * Reads plain rule files (`groups:`) and Kubernetes `PrometheusRule` manifests (`spec.groups`),
 * several YAML documents per file; documents of other kinds (a ConfigMap beside the rules) are skipped.
 */
export interface ParsedRuleFile {
	rules: AlertRule[];
	problems: AlertSourceProblem[];
}

/** Parses one rule file's text; `file` (relative to the root) is what rules and problems name. Never throws. */
export function parseRuleFile(file: string, text: string): ParsedRuleFile {
	const lineCounter = new LineCounter();
	const at = (offset: number | undefined): Position => {
		const { line, col } = lineCounter.linePos(offset ?? 0);
		return { line, column: col };
	};
	const rules: AlertRule[] = [];
	const problems: AlertSourceProblem[] = [];
	const problem = (offset: number | undefined, message: string): void =>
		void problems.push({ file, position: at(offset), message, severity: 'error' });
	const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
	// One call for every document's errors: each call parses the whole text again (quadratic in documents).
	const located = locateYamlErrors(
		text,
		docs.flatMap((doc) => doc.errors),
	);
	let next = 0;
	for (const doc of docs) {
		if (doc.errors.length > 0) {
			for (const { error, position } of located.slice(next, (next += doc.errors.length)))
				problems.push({
					file,
					position,
					message: `Unexpected YAML syntax: ${errorLine(error)}, expected a valid rule file`,
					severity: 'error',
				});
			continue;
		}
		const root = doc.contents;
		if (root === null || (isScalar(root) && root.value === null)) continue;
		if (!isMap(root)) {
			problem(
				root.range?.[0],
				'Unexpected YAML document that is not a mapping, expected a Prometheus rule file (`groups:`) or a `PrometheusRule` manifest',
			);
			continue;
		}
		const kind = scalarText(root.get('kind', true));
		let groups: unknown;
		if (kind === 'PrometheusRule')
			groups = (root.get('spec', true) as YAMLMap | undefined)?.get?.('groups', true);
		else if (kind !== undefined) continue;
		else groups = root.get('groups', true);
		if (!isSeq(groups)) {
			const where = kind === 'PrometheusRule' ? '`spec.groups`' : '`groups:`';
			problem(
				root.range?.[0],
				`Unexpected YAML document without a ${where} list, expected a Prometheus rule file (\`groups:\`) or a \`PrometheusRule\` manifest (\`spec.groups\`)`,
			);
			continue;
		}
		for (const group of groups.items) {
			if (!isMap(group)) {
				problem(
					nodeOffset(group),
					'Unexpected rule group that is not a mapping, expected `- name: …` with `rules:`',
				);
				continue;
			}
			const groupName = scalarText(group.get('name', true)) ?? '';
			const list = group.get('rules', true);
			if (list === undefined || list === null) continue;
			if (!isSeq(list)) {
				problem(
					nodeOffset(list),
					`Unexpected \`rules\` of group \`${groupName}\` that is not a list, expected \`- alert: …\` entries`,
				);
				continue;
			}
			for (const item of list.items) {
				if (!isMap(item)) {
					problem(
						nodeOffset(item),
						`Unexpected rule in group \`${groupName}\` that is not a mapping, expected \`- alert: …\` or \`- record: …\``,
					);
					continue;
				}
				const alertKey = keyOf(item, 'alert');
				if (!alertKey) {
					if (!keyOf(item, 'record'))
						problem(
							item.range?.[0],
							`Unexpected rule in group \`${groupName}\` without \`alert\` or \`record\`, expected one of them`,
						);
					continue;
				}
				const name = scalarText(alertKey.value);
				const expr = scalarText(item.get('expr', true));
				if (!name) {
					problem(
						nodeOffset(alertKey.key),
						`Unexpected empty \`alert\` name in group \`${groupName}\`, expected the alert's name`,
					);
					continue;
				}
				if (!expr) {
					problem(
						nodeOffset(alertKey.key),
						`Unexpected alerting rule \`${name}\` without \`expr\`, expected a PromQL expression`,
					);
					continue;
				}
				const annotations = stringMap(item.get('annotations', true));
				const runbookKey = keyOf(item.get('annotations', true), 'runbook_url');
				rules.push({
					name,
					group: groupName,
					expr,
					for: scalarText(item.get('for', true)) ?? null,
					labels: stringMap(item.get('labels', true)),
					annotations,
					origin: {
						kind: 'file',
						file,
						position: at(nodeOffset(alertKey.key)),
						...(runbookKey && { runbook: at(nodeOffset(runbookKey.key)) }),
					},
				});
			}
		}
	}
	return { rules, problems };
}

/**
 * Reads every file the globs match (relative to `root`, absolute globs as they are), once each, in
 * path order. With `reportUnmatched`, a glob that matches nothing is a warning on `configFile`: a
 * typo would otherwise silently check nothing.
 */
export async function readRuleFiles(
	globs: string[],
	root: string,
	configFile = '.',
	reportUnmatched = true,
	within?: string,
): Promise<ParsedRuleFile & { files: string[] }> {
	const found = new Set<string>();
	const problems: AlertSourceProblem[] = [];
	for (const pattern of globs) {
		let matched = 0;
		for await (const path of glob(pattern, { cwd: root })) {
			if (!/\.ya?ml$/i.test(path)) continue;
			found.add(toRootRelative(root, isAbsolute(path) ? path : resolve(root, path)));
			matched++;
		}
		if (matched === 0 && reportUnmatched)
			problems.push({
				file: configFile,
				message: `Unexpected \`alerts.rules\` pattern \`${pattern}\` that matches no YAML file, expected rule files; patterns are relative to the guidebook root`,
				severity: 'warning',
			});
	}
	const files = [...found].sort();
	const rules: AlertRule[] = [];
	const boundary = within === undefined ? undefined : await realpath(within).catch(() => within);
	for (const file of files) {
		const real = await realpath(resolve(root, file)).catch(() => resolve(root, file));
		if (boundary !== undefined && !isInside(real, boundary)) {
			problems.push({
				file: configFile,
				message: `Unexpected rule file \`${file}\` that leads outside the project folder (a symbolic link), expected rule files inside it: an untrusted tree may not read there; not read`,
				severity: 'warning',
			});
			continue;
		}
		let text: string;
		try {
			text = await readFile(resolve(root, file), 'utf8');
		} catch (error) {
			problems.push({
				file,
				position: { line: 1, column: 1 },
				message: `Unexpected unreadable rule file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}), expected a file Waymark can read`,
				severity: 'error',
			});
			continue;
		}
		const parsed = parseRuleFile(file, text);
		rules.push(...parsed.rules);
		problems.push(...parsed.problems);
	}
	return { rules, problems, files };
}

/** `path` relative to the root, `/`-separated; `../x` when outside it. */
export function toRootRelative(root: string, path: string): string {
	return relative(root, path).split(sep).join('/');
}

function keyOf(map: unknown, key: string): Pair | undefined {
	if (!isMap(map)) return undefined;
	return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
}

function nodeOffset(node: unknown): number | undefined {
	return (node as { range?: [number, number, number] } | null)?.range?.[0];
}

function scalarText(node: unknown): string | undefined {
	if (!isScalar(node)) return undefined;
	const value = node.value;
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
		? String(value)
		: undefined;
}

function stringMap(node: unknown): Record<string, string> {
	if (!isMap(node)) return {};
	const out: Record<string, string> = {};
	for (const pair of node.items) {
		const key = scalarText(pair.key);
		const value = scalarText(pair.value);
		if (key !== undefined && value !== undefined) out[key] = value;
	}
	return out;
}
