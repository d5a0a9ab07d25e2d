import * as z from 'zod';
import { parseDuration } from '../core/duration.ts';

const RefreshSchema = z.string().refine((v) => (parseDuration(v) ?? 0) >= 5000, {
	error: (issue) =>
		`Unexpected \`${String(issue.input)}\`, expected a duration of at least 5s such as \`15s\` or \`1m\``,
});

/** A location's name becomes a Prometheus label value and part of a PromQL regular expression: no characters RE2 reads as syntax. */
const LocationNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, {
	error: (issue) =>
		`Unexpected \`${String(issue.input)}\`, expected letters, digits, \`-\` and \`_\`, such as \`eu-west\``,
});

const HostPortSchema = z.string().regex(/^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, {
	error: (issue) =>
		`Unexpected \`${String(issue.input)}\`, expected \`host:port\` such as \`blackbox-eu.example.lab:9115\``,
});

const LocationSchema = z.strictObject({
	/** The `location` label its series carry, shown on the pages, e.g. `eu-west`. */
	name: LocationNameSchema,
	/** `host:port` where Prometheus reaches the blackbox_exporter that probes from this location (`waymark export prometheus` writes one scrape job per location and interval). */
	blackbox: HostPortSchema,
});

export const StatusConfigSchema = z
	.strictObject({
		/** Domains the team owns; `check --live` resolves every hostname under them that pages mention. Also `--domains a.com,b.lab`. @default [] */
		domains: z.array(z.string().min(1)).default([]),
		/** Probes in flight at once, across the site. @default 8 */
		concurrency: z.int().min(1).default(8),
		/** Bytes of a response body a probe reads at most. @default 262144 */
		bodyCapBytes: z.int().min(1024).default(262_144),
		/** History store of `waymark serve`, relative to the config file (else the working directory). Not opened with `source: prometheus`. @default '<stateDir>/status.sqlite' */
		database: z.string().default('.waymark/status.sqlite'),
		/** Days of probe history kept. @default 30 */
		historyDays: z.int().min(1).default(30),
		/** Concurrent `/_waymark/events` connections; more get 503. @default 1000 */
		maxEventClients: z.int().min(1).default(1000),
		/**
		 * Where `waymark serve` gets probe states: `probes` runs every probe itself and keeps their
		 * history in `database`; `prometheus` reads what blackbox_exporter measured (`probe_success`,
		 * `probe_duration_seconds`, … for each probe exported by `waymark export prometheus`) from
		 * `alerts.prometheus`, history included, so replicas probe nothing, store nothing and show the
		 * same numbers. @default 'probes'
		 */
		source: z.enum(['probes', 'prometheus']).default('probes'),
		/**
		 * How often `waymark serve` asks Prometheus under `source: prometheus`: a few queries for all
		 * probes together, whatever the number of readers, each as of the same moment on every replica
		 * (a multiple of this interval). @default '15s'
		 */
		refresh: RefreshSchema.default('15s'),
		/**
		 * The networks blackbox_exporter probes from, one exporter each: every probe gets a state per
		 * location and one overall state by `downWhen`. Read by `waymark export prometheus` and, with
		 * `source: prometheus`, by `waymark serve` (which otherwise probes from where it runs). Empty:
		 * one blackbox_exporter, no `location` label. @default []
		 */
		locations: z.array(LocationSchema).default([]),
		/**
		 * With `locations`: a probe is down when at least this many locations fail (`all`: every one),
		 * and degraded when fewer do. The exported alerting rules use the same rule, so the page and
		 * the pager agree. @default 'all'
		 */
		downWhen: z.union([z.enum(['all']), z.int().min(1)]).default('all'),
	})
	.superRefine((status, ctx) => {
		const names = status.locations.map((l) => l.name);
		names.forEach((name, index) => {
			if (names.indexOf(name) !== index)
				ctx.addIssue({
					code: 'custom',
					path: ['locations', index, 'name'],
					message: `Unexpected a second location \`${name}\`, expected each name once`,
				});
		});
		if (
			typeof status.downWhen === 'number' &&
			status.downWhen > Math.max(1, status.locations.length)
		)
			ctx.addIssue({
				code: 'custom',
				path: ['downWhen'],
				message: `Unexpected \`${status.downWhen}\`, expected at most ${Math.max(1, status.locations.length)}, the number of \`status.locations\`, or \`all\``,
			});
	})
	.prefault({});
