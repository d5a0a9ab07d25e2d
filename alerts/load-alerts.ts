import { dirname, resolve } from 'node:path';
import type { Dispatcher } from 'undici';
import type { Config } from '../config/load-config.ts';
import type { Trust } from '../core/trust.ts';
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
 * already gave. An unreachable Prometheus, or rules in its answer that do not fit its API, are a
 * warning on the config file, never a crash.
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
		// Loaded only here: undici and the network client cost every plain `waymark check` 0.1 s of CPU.
		const [{ openNetworkClient }, { fetchPrometheusRules }] = await Promise.all([
			import('../network/client.ts'),
			import('./prometheus-rules.ts'),
		]);
		// Through the one network client (its address policy included), unless one is injected.
		const client = options.dispatcher
			? { dispatcher: options.dispatcher, close: () => Promise.resolve() }
			: openNetworkClient(config.network);
		const answer = await fetchPrometheusRules(
			prometheus,
			{
				// `${env:NAME}` reads only what `network.env` lists, as for probes (the schema already says so).
				...(options.env && {
					env: Object.fromEntries(config.network.env.map((name) => [name, options.env?.[name]])),
				}),
				dispatcher: client.dispatcher,
				timeoutMs: config.network.timeoutMs,
			},
			configFile,
		).finally(() => client.close());
		if (!answer.ok) {
			set.problems.push({
				file: configFile,
				message: `Unexpected answer from Prometheus at ${prometheus.url} (${answer.reason}), expected its alerting rules from \`/api/v1/rules\`; only rule files were checked`,
				severity: 'warning',
			});
		} else {
			const { count, groups, first } = answer.dropped;
			if (count + groups > 0)
				set.problems.push({
					file: configFile,
					message: `Unexpected ${[count > 0 && plural(count, 'alerting rule'), groups > 0 && plural(groups, 'rule group')].filter(Boolean).join(' and ')} in the answer of Prometheus at ${prometheus.url} that ${count + groups === 1 ? 'does' : 'do'} not fit its API (${first}), expected what \`/api/v1/rules\` gives; left out, the other rules were checked`,
					severity: 'warning',
				});
			// Prometheus prints expressions back in its own layout: compare them without whitespace.
			const key = (rule: { name: string; expr: string }): string =>
				`${rule.name}\0${rule.expr.replace(/\s+/g, '')}`;
			const known = new Set(set.rules.map(key));
			set.rules.push(...answer.rules.filter((rule) => !known.has(key(rule))));
		}
	}
	return set;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
