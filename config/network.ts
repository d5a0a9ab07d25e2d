import { z } from 'zod';

export const NetworkConfigSchema = z
	.strictObject({
		/** Per-request timeout in milliseconds. @default 10000 */
		timeoutMs: z.int().positive().default(10_000),
		/** Requests in flight at once, across all hosts. @default 16 */
		concurrency: z.int().min(1).default(16),
		/**
		 * DNS servers used by every network check (HTTP included), as `host:port`; for internal zones
		 * such as `*.lab`. Also read from `WAYMARK_DNS_SERVERS` (comma-separated). @default the system resolver
		 */
		dnsServers: z.array(z.string()).default([]),
	})
	.prefault({});
