import * as z from 'zod';
import { parseCidr } from '../core/ip-address.ts';

const hostGlob =
	/^(?:\*|[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)(?:\.(?:\*|[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?))*\.?$/i;

const AddressEntrySchema = z
	.string()
	.refine(
		(entry) =>
			['public', 'private', 'loopback'].includes(entry.toLowerCase()) ||
			parseCidr(entry) !== undefined ||
			(!entry.includes('/') && hostGlob.test(entry)),
		{
			error: (issue) =>
				`Unexpected \`${String(issue.input)}\`, expected \`public\`, \`private\`, \`loopback\`, an address or CIDR block (\`10.20.0.0/16\`, \`fd12::/48\`) or a host name or glob (\`db.corp.lab\`, \`*.corp.lab\`)`,
		},
	);

export const NetworkConfigSchema = z
	.strictObject({
		/** Per-request timeout in milliseconds. @default 10000 */
		timeoutMs: z.int().positive().default(10_000),
		/** Requests in flight at once, across all hosts. @default 16 */
		concurrency: z.int().min(1).default(16),
		/**
		 * DNS servers used by every network check (HTTP included), as `host:port`; for internal zones
		 * such as `*.lab`. Also read from `WAYMARK_DNS_SERVERS` (comma-separated). They are contacted as
		 * named, whatever `allow` says. @default the system resolver
		 */
		dnsServers: z.array(z.string()).default([]),
		/**
		 * Where probes and link checks may connect, checked on every connection after DNS (a name that
		 * later resolves elsewhere gains nothing). Entries: `public` (every public address), `private`
		 * (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7), `loopback`
		 * (127.0.0.0/8, ::1), addresses or CIDR blocks (`10.20.0.0/16`), and host names or globs
		 * (`*.corp.lab`, matched against the name asked for). Narrow the internal ranges by replacing
		 * `private` with the blocks and hosts your probes need. Link-local and cloud-metadata
		 * addresses (169.254.0.0/16, fe80::/10, fd00:ec2::/32, 100.100.100.200, 168.63.129.16), and
		 * 0.0.0.0/8, multicast and reserved ranges, are refused unless an entry inside them names
		 * them, e.g. `169.254.169.254`; `public` or `0.0.0.0/0` do not. @default ['public', 'private', 'loopback']
		 */
		allow: z.array(AddressEntrySchema).default(['public', 'private', 'loopback']),
		/** Refused even when `allow` matches; same entries as `allow`, e.g. `10.0.5.0/24` or `vault.corp.lab`. @default [] */
		deny: z.array(AddressEntrySchema).default([]),
		/**
		 * Environment variables that `${env:NAME}` may read, in probe headers, `links.rules`
		 * headers and the `alerts.prometheus` and `alerts.alertmanager` headers. Any other name is never expanded: its probe is `unknown` and `check` warns at its
		 * line. @default []
		 */
		env: z
			.array(
				z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
					error: (issue) =>
						`Unexpected \`${String(issue.input)}\`, expected an environment variable name such as \`DOLAPIKEY\``,
				}),
			)
			.default([]),
	})
	.prefault({});

export type NetworkConfig = z.output<typeof NetworkConfigSchema>;
