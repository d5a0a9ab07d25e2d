import { Document, isScalar, isSeq, visit } from 'yaml';
import { urlOfRoute } from '../alerts/runbook-index.ts';
import type { LocatedProbe } from '../checks/probes/types.ts';
import { planModule } from './blackbox-module.ts';
import {
	downExpression,
	failingForDown,
	partlyDownExpression,
	probeSelector,
	recordingRules,
	type LocationRule,
} from '../checks/probes/location-rule.ts';

export interface ExportOptions {
	/** `host:port` where Prometheus reaches blackbox_exporter. @default '127.0.0.1:9115' */
	blackbox?: string;
	/** `host:port` of Alertmanager for prometheus.yml's `alerting` section; none, no section. */
	alertmanager?: string;
	/** `host:port` of the DNS server dns probes ask (blackbox needs one; it cannot use the system resolver). */
	dnsServer?: string;
	/** `site.url` and `site.base`: where runbook_url points. */
	site: { url: string | undefined; base: string };
	/** Route → the labels its placeholders take (`placeholderLabels`): runbook_url passes those the alert carries. */
	pageLabels?: ReadonlyMap<string, ReadonlySet<string>>;
	/** `status.locations`: one blackbox_exporter per network, each probe scraped through every one with a `location` label; replaces `blackbox`. @default [] */
	locations?: Array<{ name: string; blackbox: string }>;
	/** `status.downWhen`: how many locations must fail for the down alert; fewer fire the per-location warning. @default 'all' */
	downWhen?: number | 'all';
}

/** The labels every exported alert's series carry: the targets' labels, `instance` and `job`. */
const seriesLabels = ['instance', 'job', 'page', 'probe'];
/** With locations, what an alert over all of them keeps (each location is its own `job`). */
const probeLabels = ['probe', 'page', 'instance'];

/**
 * The runbook URL of one exported alert: the page, with the labels its placeholders take and the
 * alert carries as query parameters (`?alertname=…&instance={{ $labels.instance | urlquery }}`),
 * so the page opens filled in. The names are label names (safe in a URL); `urlquery` encodes the
 * values as Prometheus expands them.
 */
function runbookWithLabels(
	page: string,
	alert: string,
	carried: string[],
	used: ReadonlySet<string> | undefined,
): string {
	const names = carried.filter((name) => used?.has(name)).sort();
	if (names.length === 0) return page;
	const query = names.map((name) => `${name}={{ $labels.${name} | urlquery }}`).join('&');
	return `${page}?alertname=${alert}&${query}`;
}

/** Something the export does differently from Waymark or leaves out; `probe` unset for the whole export. */
export interface ExportNote {
	probe?: { id: string; file: string; line: number };
	message: string;
}

export interface PrometheusExport {
	/** Relative path → text. */
	files: Record<string, string>;
	notes: ExportNote[];
	/** Ids of the probes exported. */
	exported: string[];
}

/** YAML as people write these files: lists of plain values on one line (`[200, 301]`, `[__address__]`). */
function toYaml(value: unknown): string {
	const doc = new Document(value);
	visit(doc, {
		Seq(_, node) {
			if (isSeq(node) && node.items.every((item) => isScalar(item))) node.flow = true;
		},
	});
	return doc.toString({ lineWidth: 0 });
}

/** Prometheus durations: whole seconds as `30s`, else milliseconds. */
const duration = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);
const header = (what: string): string =>
	`# ${what}\n# Written by \`waymark export prometheus\` from the probes declared in the guidebooks; regenerate, do not edit.\n`;

/**
 * What Prometheus and blackbox_exporter 0.23 need to run the declared probes: a blackbox module
 * per probe, one scrape job per probe interval fed by file-based discovery (`targets/*.json`,
 * labels `probe` and `page`), and rules: a 0/1 recording rule per soft condition, and alerts
 * whose runbook_url is the probe's page. Conditions blackbox cannot express are notes.
 */
export function exportPrometheus(probes: LocatedProbe[], options: ExportOptions): PrometheusExport {
	const blackbox = options.blackbox ?? '127.0.0.1:9115';
	const locations = options.locations ?? [];
	const rule: LocationRule = {
		locations: locations.map((l) => l.name),
		downWhen: options.downWhen ?? 'all',
	};
	const notes: ExportNote[] = [];
	const modules: Record<string, unknown> = {};
	const jobs = new Map<number, { targets: unknown[]; timeoutMs: number }>();
	const rules: Array<Record<string, unknown>> = [];
	const exported: string[] = [];
	for (const probe of probes) {
		const note = (message: string): void =>
			void notes.push({ probe: { id: probe.id, file: probe.file, line: probe.line }, message });
		if ((probe.kind as string) === 'prometheus') {
			note('reads its state from Prometheus already; not exported');
			continue;
		}
		const target = probe.kind === 'dns' ? options.dnsServer : probe.target;
		if (target === undefined) {
			note(
				'not exported: blackbox_exporter asks a DNS server of your choosing, and none is set (`network.dnsServers` or `--dns-server host:port`)',
			);
			continue;
		}
		const plan = planModule(probe);
		for (const message of plan.notes) note(message);
		const module = `waymark_${probe.id}`;
		modules[module] = plan.module;
		const job = jobs.get(probe.intervalMs) ?? { targets: [], timeoutMs: 0 };
		job.targets.push({
			targets: [target],
			labels: { __param_module: module, probe: probe.id, page: probe.route },
		});
		job.timeoutMs = Math.max(job.timeoutMs, probe.timeoutMs);
		jobs.set(probe.intervalMs, job);
		if (probe.timeoutMs + 500 > probe.intervalMs)
			note(
				`its ${duration(probe.timeoutMs)} timeout is cut to ${duration(probe.intervalMs - 500)} by its ${duration(probe.intervalMs)} interval (blackbox stops half a second before Prometheus's scrape timeout)`,
			);
		const runbook = urlOfRoute(probe.route, options.site);
		const used = options.pageLabels?.get(probe.route);
		const name = probe.name ? `${probe.id} (${probe.name})` : probe.id;
		const selector = `probe="${probe.id}"`;
		const description = `${probe.kind} ${target}${probe.kind === 'dns' ? ` (${probe.dnsType} ${probe.target})` : ''} fails a check of blackbox module ${module}; declared in ${probe.file}:${probe.line}`;
		if (rule.locations.length === 0)
			rules.push({
				alert: 'WaymarkProbeDown',
				expr: plan.expiredIsDown
					? `probe_success{${selector}} == 0 or (probe_ssl_earliest_cert_expiry{${selector}} - time()) <= 0`
					: `probe_success{${selector}} == 0`,
				// The probe label (already on every series) keeps each rule distinct for `promtool check rules`.
				labels: { severity: 'critical', probe: probe.id },
				annotations: {
					summary: `Probe ${name} is down`,
					description,
					runbook_url: runbookWithLabels(
						runbook,
						'WaymarkProbeDown',
						[...seriesLabels, 'severity'],
						used,
					),
				},
			});
		else {
			const located = probeSelector(rule, probe.id);
			const failing = plan.expiredIsDown
				? `probe_success{${located}} == 0 or (probe_ssl_earliest_cert_expiry{${located}} - time()) <= 0`
				: `probe_success{${located}} == 0`;
			const needed = failingForDown(rule);
			const of = `${needed} of ${rule.locations.length}`;
			rules.push({
				alert: 'WaymarkProbeDown',
				expr: downExpression(failing, probeLabels, rule),
				labels: { severity: 'critical', probe: probe.id },
				annotations: {
					summary: `Probe ${name} is down from {{ $value }} of ${rule.locations.length} locations`,
					description: `${description}; down when at least ${of} locations (${rule.locations.join(', ')}) fail`,
					runbook_url: runbookWithLabels(
						runbook,
						'WaymarkProbeDown',
						[...probeLabels, 'severity'],
						used,
					),
				},
			});
			// Fewer than the rule's number: the page says degraded, and names the location; so does this alert.
			rules.push({
				alert: 'WaymarkProbeLocationDown',
				expr: partlyDownExpression(failing, probeLabels, rule),
				labels: { severity: 'warning', probe: probe.id },
				annotations: {
					summary: `Probe ${name} fails from {{ $labels.location }}; it is down when ${of} locations fail`,
					description,
					runbook_url: runbookWithLabels(
						runbook,
						'WaymarkProbeLocationDown',
						[...probeLabels, 'location', 'severity'],
						used,
					),
				},
			});
		}
		for (const soft of plan.soft)
			rules.push({
				record: 'waymark:probe_condition_ok',
				expr: soft.expr,
				labels: { probe: probe.id, condition: soft.condition },
			});
		if (plan.soft.length > 0) {
			rules.push({
				alert: 'WaymarkProbeDegraded',
				expr: `waymark:probe_condition_ok{${selector}} == 0`,
				labels: { severity: 'warning', probe: probe.id },
				annotations: {
					summary: `Probe ${name} is degraded: {{ $labels.condition }} fails`,
					runbook_url: runbookWithLabels(
						runbook,
						'WaymarkProbeDegraded',
						[...seriesLabels, 'condition', 'severity'],
						used,
					),
				},
			});
		}
		exported.push(probe.id);
	}
	if (!options.site.url)
		notes.push({
			message:
				'`site.url` is not set: runbook_url annotations are site paths, which Alertmanager notifications cannot open',
		});

	const intervals = [...jobs.keys()].sort((a, b) => a - b);
	const files: Record<string, string> = {};
	files['blackbox.yml'] =
		header('blackbox_exporter 0.23 modules, one per Waymark probe.') + toYaml({ modules });
	const config: Record<string, unknown> = {
		global: { evaluation_interval: duration(intervals[0] ?? 60_000) },
		...(options.alertmanager && {
			alerting: { alertmanagers: [{ static_configs: [{ targets: [options.alertmanager] }] }] },
		}),
		rule_files: ['waymark-rules.yml'],
		scrape_configs: (locations.length > 0 ? locations : [undefined]).flatMap((location) =>
			intervals.map((interval) => ({
				job_name: location
					? `waymark_probes_${location.name}_${duration(interval)}`
					: `waymark_probes_${duration(interval)}`,
				metrics_path: '/probe',
				scrape_interval: duration(interval),
				scrape_timeout: duration(Math.min(interval, (jobs.get(interval)?.timeoutMs ?? 0) + 1000)),
				file_sd_configs: [{ files: [`targets/waymark-${duration(interval)}.json`] }],
				relabel_configs: [
					{ source_labels: ['__address__'], target_label: '__param_target' },
					{ source_labels: ['__param_target'], target_label: 'instance' },
					{ target_label: '__address__', replacement: location?.blackbox ?? blackbox },
					...(location ? [{ target_label: 'location', replacement: location.name }] : []),
				],
			})),
		),
	};
	files['prometheus.yml'] =
		header(
			locations.length > 0
				? `Prometheus 2.42 scrape jobs for Waymark's probes, through one blackbox_exporter per location (${locations.map((l) => `${l.name} at ${l.blackbox}`).join(', ')}); paths are relative to this file.`
				: `Prometheus 2.42 scrape jobs for Waymark's probes, through blackbox_exporter at ${blackbox}; paths are relative to this file.`,
		) + toYaml(config);
	for (const interval of intervals)
		files[`targets/waymark-${duration(interval)}.json`] =
			`${JSON.stringify(jobs.get(interval)?.targets ?? [], null, '\t')}\n`;
	const minInterval = duration(intervals[0] ?? 60_000);
	files['waymark-rules.yml'] =
		header(
			"Alerting and recording rules for Waymark's probes; each runbook_url is the page that declares the probe.",
		) +
		toYaml({
			groups: [
				{
					name: 'waymark-probes',
					interval: minInterval,
					rules: [...(exported.length > 0 ? recordingRules(rule) : []), ...rules],
				},
			],
		});
	files['NOTES.md'] = renderNotes(notes, exported, blackbox, locations, rule);
	return { files, notes, exported };
}

function renderNotes(
	notes: ExportNote[],
	exported: string[],
	blackbox: string,
	locations: Array<{ name: string; blackbox: string }>,
	rule: LocationRule,
): string {
	const where =
		locations.length > 0
			? [
					`${exported.length} probe(s) exported, probed from ${locations.length} location(s). A probe is down (\`WaymarkProbeDown\`, critical) when at least`,
					`${failingForDown(rule)} of ${locations.length} locations fail, and each location that fails short of that fires \`WaymarkProbeLocationDown\` (warning):`,
					'the pages say degraded and name the locations, by the same rule. Every series carries its `location` label.',
					`In each location, run blackbox_exporter with \`--config.file=blackbox.yml\` where Prometheus reaches it (${locations.map((l) => `${l.name} as \`${l.blackbox}\``).join(', ')}),`,
				]
			: [
					`${exported.length} probe(s) exported. Run blackbox_exporter with \`--config.file=blackbox.yml\` where Prometheus reaches it as \`${blackbox}\`,`,
				];
	const lines = [
		'# Waymark probes for Prometheus',
		'',
		...where,
		'and Prometheus with `prometheus.yml` (it reads `waymark-rules.yml` and `targets/*.json` next to it).',
		'Set `status.source: prometheus` and `alerts.prometheus` in waymark.config.yaml and `waymark serve` reads',
		"each probe's state from Prometheus instead of probing.",
		'',
		"blackbox_exporter has none of Waymark's address policy (`network.allow`): Waymark's own prober refuses link-local",
		'addresses, where cloud metadata services answer, and any class of address the config leaves out, but',
		'blackbox_exporter probes whatever `targets/*.json` names, from wherever it runs. Read the targets before you',
		'deploy them, and run it where the network itself limits what it can reach.',
		'',
	];
	if (notes.length > 0) {
		lines.push('## What blackbox_exporter does differently, or cannot check', '');
		for (const note of notes) lines.push(`- ${formatNote(note)}`);
		lines.push('');
	}
	return lines.join('\n');
}

/** `erp/README.md:5 probe \`erp-status\`: …`, for the terminal and NOTES.md. */
export function formatNote(note: ExportNote): string {
	return note.probe
		? `${note.probe.file}:${note.probe.line} probe \`${note.probe.id}\`: ${note.message}`
		: note.message;
}
