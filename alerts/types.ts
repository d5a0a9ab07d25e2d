import type { Position } from '../core/position.ts';

/** Where an alerting rule was read: a rule file (with positions) or a running Prometheus's API. */
type RuleOrigin =
	| {
			kind: 'file';
			/** The rule file, relative to the guidebook root, `/`-separated (`../monitoring/x.yml` when outside it). */
			file: string;
			/** The rule's `alert:` key. */
			position: Position;
			/** The `runbook_url:` annotation key, when there is one. */
			runbook?: Position;
	  }
	| {
			kind: 'prometheus';
			/** The Prometheus base URL the rule was read from. */
			url: string;
			/** The rule group's file on the Prometheus host, as its API reports it (no line numbers). */
			file: string;
			/** Where findings about it are reported: the config file naming `alerts.prometheus`, relative to the root. */
			configFile: string;
	  };

/** One Prometheus alerting rule, as written (templates in annotations are not expanded). */
export interface AlertRule {
	/** The `alert:` name; Alertmanager calls it `alertname`. */
	name: string;
	group: string;
	/** The PromQL expression. */
	expr: string;
	/** `for:` as written (`5m`), or null when the rule fires at once. */
	for: string | null;
	labels: Record<string, string>;
	annotations: Record<string, string>;
	origin: RuleOrigin;
}

/** Something wrong with an alert source itself (bad YAML, a glob matching nothing, Prometheus unreachable). */
export interface AlertSourceProblem {
	/** Relative to the guidebook root: the rule file, or the config file for config-level problems. */
	file: string;
	position?: Position;
	message: string;
	severity: 'error' | 'warning';
}

/** Every alerting rule Waymark knows of, read once per run and shared by the checks and the site. */
export interface AlertSet {
	rules: AlertRule[];
	problems: AlertSourceProblem[];
	/** Every rule file read, relative to the guidebook root: findings may be reported on them. */
	files: string[];
}

export const emptyAlertSet: AlertSet = { rules: [], problems: [], files: [] };

/** Every file findings about alert sources may name: rule files, and the config file for API rules and config problems. */
export function alertSourceFiles(set: AlertSet): string[] {
	const files = new Set([...set.files, ...set.problems.map((p) => p.file)]);
	for (const rule of set.rules)
		if (rule.origin.kind === 'prometheus') files.add(rule.origin.configFile);
	return [...files];
}
