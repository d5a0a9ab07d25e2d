import * as z from 'zod';
import { show } from './error-map.ts';
import { GlobSchema, RegexSchema } from './patterns.ts';
import { SeveritySchema } from './severity.ts';

const statusMatchError = (issue: { input?: unknown }): string =>
	`Unexpected ${show(issue.input)}, expected a status code such as \`401\` or a class such as \`2xx\``;

/** An HTTP status code or a class such as `2xx`. */
const StatusMatchSchema = z.union(
	[z.int().min(100).max(999), z.string().regex(/^[1-9]xx$/, { error: statusMatchError })],
	{ error: statusMatchError },
);

const LinkRuleSchema = z.strictObject({
	/** Glob over the whole URL, in any letter case: `*` stays inside one segment, `**` crosses `/`, `{a,b}` is either, e.g. `https://git.example.com/**`. */
	pattern: GlobSchema.min(1),
	/** Never request matching URLs; they are reported as skipped. @default false */
	skip: z.boolean().default(false),
	/** Status codes (or classes like `2xx`) that count as alive for matching URLs, instead of `links.accept`. */
	accept: z.array(StatusMatchSchema).optional(),
	/** Extra request headers; `${env:NAME}` is replaced by the environment variable (never written to the cache or reports). */
	headers: z.record(z.string(), z.string()).optional(),
});

export const LinksConfigSchema = z
	.strictObject({
		/** Status codes or classes that count as alive. @default ['2xx'] */
		accept: z.array(StatusMatchSchema).default(['2xx']),
		/**
		 * Most requests in flight at once to one host (`host:port`), like lychee's `--host-concurrency`.
		 * Each host starts at 2 and climbs to this while it answers cleanly; a 503, timeout,
		 * connection error or a 429 that looks like load halves its limit at once. @default 10
		 */
		perHostConcurrency: z.int().min(1).default(10),
		/**
		 * Least time, in milliseconds, between two starts on one of a host's slots: at most
		 * `perHostConcurrency` requests start to one host in any `requestSpacingMs`. lychee's
		 * `--host-request-interval` spaces every start; a slot here is one of the host's current limit. @default 50
		 */
		requestSpacingMs: z.int().min(0).default(50),
		/** Redirects followed before giving up. @default 5 */
		maxRedirects: z.int().min(0).default(5),
		/** Extra attempts after a timeout, a network error, a 429 or a 503; never after 404 or 410. @default 2 */
		retries: z.int().min(0).default(2),
		/**
		 * Longest wait honoured from a `Retry-After` header, in milliseconds; longer ones end as
		 * `rate-limited`. A 429 delays its own URL; a 503, a spent quota or a URL refused again holds the whole host. @default 60000
		 */
		maxRetryAfterMs: z.int().min(0).default(60_000),
		/** First backoff delay after a network error, in milliseconds; doubled each attempt, with jitter. @default 250 */
		backoffMs: z.int().min(0).default(250),
		/** Check `#fragment`s on external HTML pages (one GET per page, body capped at `maxBodyBytes`). @default true */
		fragments: z.boolean().default(true),
		/** Fragments never checked, as regular expressions (GitHub line anchors, text fragments). @default ['^L\\d+(-L\\d+)?$', '^:~:'] */
		fragmentsToSkip: z.array(RegexSchema).default(['^L\\d+(-L\\d+)?$', '^:~:']),
		/** Most bytes read from one page when looking for a fragment. @default 2097152 */
		maxBodyBytes: z
			.int()
			.positive()
			.default(2 * 1024 * 1024),
		/** Host globs treated as private (CI usually cannot reach them); `*.lab` matches `erp.example.lab`. @default ['localhost', '*.localhost', '*.local', '*.lab', '*.internal'] */
		privateHosts: z
			.array(GlobSchema)
			.default(['localhost', '*.localhost', '*.local', '*.lab', '*.internal']),
		/**
		 * What to do with private hosts: `skip` never contacts them, `warn` checks them but reports
		 * failures as warnings, `check` treats them like any other host. @default 'skip'
		 */
		privateHostPolicy: z.enum(['skip', 'warn', 'check']).default('skip'),
		/** Per-URL rules, first match wins: skip, accepted codes, headers. @default [] */
		rules: z.array(LinkRuleSchema).default([]),
		/** Severity per outcome (`error`, `warning` or `off`), e.g. `{ blocked: off }`. @default dead/invalid: error, others: warning */
		severity: z
			.partialRecord(
				z.enum(['dead', 'unreachable', 'blocked', 'rate-limited', 'redirected', 'invalid']),
				SeveritySchema,
			)
			.default({}),
		cache: z
			.strictObject({
				/** Folder of the results file `links.json`, relative to the config file (else the working directory). @default '<stateDir>/cache' */
				dir: z.string().default('.waymark/cache'),
				/** How long each outcome stays fresh, in seconds. @default ok/redirected 7 days, dead 1 day, others 1 hour */
				ttlSeconds: z
					.strictObject({
						/** A link that answered as accepted. @default 604800 (7 days) */
						ok: z
							.int()
							.min(0)
							.default(7 * 86_400),
						/** A permanent redirect. @default 604800 (7 days) */
						redirected: z
							.int()
							.min(0)
							.default(7 * 86_400),
						/** A dead link (404, 410, unknown host, connection refused). @default 86400 (1 day) */
						dead: z.int().min(0).default(86_400),
						/** A timeout, reset connection or 5xx. @default 3600 (1 hour) */
						unreachable: z.int().min(0).default(3_600),
						/** A refusal of robots (401, 403, 999). @default 3600 (1 hour) */
						blocked: z.int().min(0).default(3_600),
						/** Still 429 after the retries. @default 3600 (1 hour) */
						'rate-limited': z.int().min(0).default(3_600),
					})
					.prefault({}),
			})
			.prefault({}),
	})
	.prefault({});

export type LinksConfig = z.output<typeof LinksConfigSchema>;
export type LinkRule = z.output<typeof LinkRuleSchema>;
export type StatusMatch = z.output<typeof StatusMatchSchema>;
