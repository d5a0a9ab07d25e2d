import { z } from 'zod';

export const StatusConfigSchema = z
	.strictObject({
		/** Domains the team owns; `check --live` resolves every hostname under them that pages mention. Also `--domains a.com,b.lab`. @default [] */
		domains: z.array(z.string().min(1)).default([]),
		/** Probes in flight at once, across the site. @default 8 */
		concurrency: z.int().min(1).default(8),
		/** Bytes of a response body a probe reads at most. @default 262144 */
		bodyCapBytes: z.int().min(1024).default(262_144),
		/** History store of `waymark serve`, relative to the config file (else the working directory). @default '<stateDir>/status.sqlite' */
		database: z.string().default('.waymark/status.sqlite'),
		/** Days of probe history kept. @default 30 */
		historyDays: z.int().min(1).default(30),
		/** Concurrent `/_waymark/events` connections; more get 503. @default 1000 */
		maxEventClients: z.int().min(1).default(1000),
		/**
		 * Where `waymark serve` gets probe states: `probes` runs every probe itself; `prometheus` reads
		 * what blackbox_exporter measured (`probe_success`, `probe_duration_seconds`, … for each probe
		 * exported by `waymark export prometheus`) from `alerts.prometheus`, so replicas probe nothing. @default 'probes'
		 */
		source: z.enum(['probes', 'prometheus']).default('probes'),
	})
	.prefault({});
