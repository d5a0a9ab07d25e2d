import { dirname, resolve } from 'node:path';
import type { Dispatcher } from 'undici';
import type { Config } from '../config/load-config.ts';
import type { Trust } from '../src/lib/trust.ts';
import { fetchPrometheusRules } from './prometheus-rules.ts';
import { readRuleFiles, toRootRelative } from './rule-files.ts';
import { emptyAlertSet, type AlertSet } from './types.ts';

export interface LoadAlertsOptions {
	/** The config file, absolute: problems with `alerts.*` settings are reported on it. */
	configFile?: string;
	env?: NodeJS.ProcessEnv;
	dispatcher?: Dispatcher;
	/** `untrusted`: rule files whose real path leaves the project folder (the config file's, else the root) are not read. @default 'trusted' */
	trust?: Trust;
}

/** True when the config names any alert source; without one nothing is read and nothing is contacted. */
export function hasAlertSources(config: Config): boolean {
	return config.alerts.rules.length > 0 || config.alerts.prometheus !== undefined;
}

/**
 * Reads every alert source once: the rule files `alerts.rules` matches, then (only when
 * `alerts.prometheus` is set) the rules a running Prometheus has loaded, minus those a rule file
 * already gave. An unreachable Prometheus is a warning on the config file, never a crash.
 */
export async function loadAlertSources(
	config: Config,
	root: string,
	options: LoadAlertsOptions = {},
): Promise<AlertSet> {
	if (!hasAlertSources(config)) return emptyAlertSet;
	const configFile = options.configFile ? toRootRelative(root, options.configFile) : '.';
	// The patterns were written for the config's own root; another tree checked with `--root` need not hold those files.
	const ownRoot =
		!options.configFile || resolve(dirname(options.configFile), config.root) === resolve(root);
	const within =
		options.trust === 'untrusted'
			? options.configFile
				? dirname(options.configFile)
				: root
			: undefined;
	const fromFiles = await readRuleFiles(config.alerts.rules, root, configFile, ownRoot, within);
	const set: AlertSet = {
		rules: fromFiles.rules,
		problems: fromFiles.problems,
		files: fromFiles.files,
	};
	const prometheus = config.alerts.prometheus;
	if (prometheus) {
		const answer = await fetchPrometheusRules(
			prometheus,
			{
				...(options.env && { env: options.env }),
				...(options.dispatcher && { dispatcher: options.dispatcher }),
				timeoutMs: config.network.timeoutMs,
			},
			configFile,
		);
		if (!answer.ok) {
			set.problems.push({
				file: configFile,
				message: `Unexpected answer from Prometheus at ${prometheus.url} (${answer.reason}), expected its alerting rules from \`/api/v1/rules\`; only rule files were checked`,
				severity: 'warning',
			});
		} else {
			// Prometheus prints expressions back in its own layout: compare them without whitespace.
			const key = (rule: { name: string; expr: string }): string =>
				`${rule.name}\0${rule.expr.replace(/\s+/g, '')}`;
			const known = new Set(set.rules.map(key));
			set.rules.push(...answer.rules.filter((rule) => !known.has(key(rule))));
		}
	}
	return set;
}
