import { resolve } from 'node:path';
import type { Config } from '../config/load-config.ts';
import type { Demo } from './demo/start-demo.ts';
import type { WaymarkError } from '../core/errors.ts';
import { openProbeIo } from '../checks/probes/probe-io.ts';
import { openHistoryStore, type HistoryStore } from './history-store.ts';
import { createPrometheusFeed } from './prometheus-feed.ts';
import { parseDuration } from '../core/duration.ts';
import { createLiveStatus, type LiveStatus } from './live-status.ts';
import { readProbeManifest } from './probe-manifest.ts';
import { readAlertsManifest } from './alerts-manifest.ts';
import { notConfiguredAlerts, startAlertsPoller, type AlertsPoller } from './alerts-poller.ts';
import type { AlertsSnapshot } from '../core/alerts-snapshot.ts';

export interface ServeStatusOptions {
	/** Built site folder. */
	dir: string;
	cwd: string;
	config: Config;
	/** The environment `${env:NAME}` headers are read from, passed in by the command. */
	env: NodeJS.ProcessEnv;
	/** Loopback stand-ins to probe instead of real systems (`--demo`). */
	demo?: Demo;
	/** SQLite file; `:memory:` for tests. @default config `status.database` under `cwd` */
	database?: string;
	log?: (line: string) => void;
	/** Site base path the API lives under, e.g. `/runbooks/`. @default '/' */
	base?: string;
	/** Told why live status is off or partial (a missing, unreadable or malformed probe manifest) or runs without stored history. */
	warn?: (problem: WaymarkError) => void;
}

/**
 * Wires the live status API for `waymark serve`: manifest → resolver/agent → history → scheduler →
 * API (or, with `status.source: prometheus`, manifest → Prometheus feed → API, no history file),
 * and the Alertmanager poller when `alerts.alertmanager` is set. Starts when the build
 * declared probes or alerts, or an Alertmanager is configured; else the site is served alone.
 */
export async function startServeStatus(options: ServeStatusOptions): Promise<
	| (LiveStatus & {
			probeCount: number;
			/** The history file; undefined when Prometheus holds the history. */ database:
				string | undefined;
			/** `status.source: prometheus`: where states are read. */ prometheus: string | undefined;
			alertmanager: string | undefined;
			/** Asks Alertmanager now (tests); undefined without one. */ pollAlerts(): Promise<
				AlertsSnapshot | undefined
			>;
			stop(): Promise<void>;
	  })
	| undefined
> {
	const { probes, problem } = await readProbeManifest(options.dir);
	const { config, demo } = options;
	const alertmanager = demo?.alertmanager ?? config.alerts.alertmanager;
	const alertsManifest = await readAlertsManifest(options.dir);
	const hasAlerts =
		alertmanager !== undefined || Object.keys(alertsManifest.manifest.alerts).length > 0;
	// A build without probes but with alerts still gets live status; only then is a missing probe file no news.
	if (problem && !(hasAlerts && problem.name === 'ProbeManifestMissing')) options.warn?.(problem);
	if (alertmanager && alertsManifest.problem) options.warn?.(alertsManifest.problem);
	if (probes.length === 0 && !hasAlerts && problem) return undefined;
	const probeIo = openProbeIo(config, options.env, demo);
	// Read from Prometheus, serve keeps nothing: every replica shows what Prometheus holds. The demo
	// probes its stand-ins, having no Prometheus.
	const prometheus =
		config.status.source === 'prometheus' && !demo ? config.alerts.prometheus : undefined;
	const historyFile = options.database ?? resolve(options.cwd, config.status.database);
	let store: HistoryStore | undefined;
	const states = prometheus
		? {
				feed: createPrometheusFeed({
					probes,
					client: {
						endpoint: prometheus,
						env: probeIo.io.env ?? {},
						...(probeIo.io.dispatcher && { dispatcher: probeIo.io.dispatcher }),
						timeoutMs: config.network.timeoutMs,
					},
					rule: {
						locations: config.status.locations.map((l) => l.name),
						downWhen: config.status.downWhen,
					},
					refreshMs: parseDuration(config.status.refresh) ?? 15_000,
					...(options.log && { log: options.log }),
				}),
			}
		: {
				io: probeIo.io,
				store: (store = openHistoryStore(historyFile, {
					...(options.warn && { onFault: options.warn }),
				})),
				concurrency: config.status.concurrency,
			};
	const prune = (): void => store?.prune(Date.now() - config.status.historyDays * 86_400_000);
	prune();
	const pruning = setInterval(prune, 3_600_000);
	pruning.unref();
	let poller: AlertsPoller | undefined;
	const live = createLiveStatus({
		probes,
		...(hasAlerts && { alerts: () => poller?.snapshot() ?? notConfiguredAlerts }),
		...states,
		maxEventClients: config.status.maxEventClients,
		demo: Boolean(demo),
		...(options.base && { base: options.base }),
		...(options.log && { log: options.log }),
	});
	if (alertmanager) {
		poller = startAlertsPoller({
			endpoint: alertmanager,
			manifest: alertsManifest.manifest,
			// The probes' environment (only `network.env`) and Agent (the address policy, the demo's).
			env: probeIo.io.env ?? {},
			...(probeIo.io.dispatcher && { dispatcher: probeIo.io.dispatcher }),
			demo: Boolean(demo),
			onUpdate: (snapshot, changed) => live.publishAlerts(snapshot, changed),
			...(options.log && { log: options.log }),
		});
	}
	return {
		...live,
		probeCount: probes.length,
		database: store && historyFile,
		prometheus: prometheus?.url,
		alertmanager: alertmanager?.url,
		pollAlerts: async () => poller?.poll(),
		async stop() {
			clearInterval(pruning);
			poller?.stop();
			live.close();
			await probeIo.close();
			store?.close();
			await demo?.close();
		},
	};
}

/**
 * What `waymark serve` adds to the static server: the live status API when the build declared
 * probes, and with `--demo` the loopback stand-ins. Returns handlers to compose, lines to print
 * and one-line warnings (message and fix) when the probe manifest is not usable.
 */
export async function prepareServeStatus(options: {
	dir: string;
	config: Config;
	env: NodeJS.ProcessEnv;
	demo?: boolean;
	cwd: string;
	base?: string;
	log: (line: string) => void;
	warnLater: (line: string) => void;
}): Promise<{
	handlers: Array<LiveStatus['handler']>;
	paintPage?: LiveStatus['paintPage'];
	lines: string[];
	warnings: string[];
	stop(): Promise<void>;
}> {
	const { startDemo } = await import('./demo/start-demo.ts');
	const { cwd, config, env } = options;
	const { log } = options;
	const demo = options.demo ? await startDemo({ driftEveryMs: 20_000, log }) : undefined;
	const warnings: string[] = [];
	let started = false;
	// Problems found while starting are returned; later ones (a history fault) go to `warnLater` at once.
	const warn = (problem: WaymarkError): void => {
		const line = `${problem.message} ${problem.hint ?? ''}`.trim();
		if (started) options.warnLater(line);
		else warnings.push(line);
	};
	const status = await startServeStatus({
		dir: options.dir,
		cwd,
		config,
		env,
		...(demo && { demo }),
		...(options.base && { base: options.base }),
		log,
		warn,
	});
	started = true;
	const lines: string[] = [];
	if (demo)
		lines.push(
			`DEMO: probes go to loopback stand-ins (DNS ${demo.dnsServer}, *.example.lab → 127.0.0.1); no real system is contacted.`,
		);
	if (demo)
		lines.push(
			`DEMO: alerts come from a loopback stand-in Alertmanager at ${demo.alertmanager.url}, not a real one.`,
		);
	if (status)
		lines.push(
			`Live status: ${status.probeCount} probe(s), ${status.prometheus ? `states and history read from Prometheus at ${status.prometheus} every ${config.status.refresh}` : `history in ${status.database}`}, API at /_waymark/status.json and /_waymark/events`,
		);
	if (status?.alertmanager && !demo)
		lines.push(
			`Alerts: firing state from Alertmanager at ${status.alertmanager}, shown on each alert's runbook page`,
		);
	return {
		handlers: status ? [status.handler] : [],
		...(status && { paintPage: status.paintPage }),
		lines,
		warnings,
		stop: async () => (status ? status.stop() : demo?.close()),
	};
}
