/**
 * What Waymark's environment variables ask for. Only the command layer (`cli/`, and
 * `astro.config.mjs` for people who run Astro directly) reads the process environment, once, with
 * {@link readEnvironment}; everything below receives these values as options.
 */
export interface WaymarkEnvironment {
	/** `WAYMARK_ROOT`: the guidebook root, under `--root` and over config `root`. */
	root?: string;
	/** `WAYMARK_DNS_SERVERS` (comma-separated `host:port`): over config `network.dnsServers`. */
	dnsServers?: string[];
	/** `WAYMARK_CHROMIUM`: under config `diagrams.chromium`. */
	chromium?: string;
	/** `WAYMARK_PROBE_AT_BUILD=1`: run every probe once during the build. */
	probeAtBuild: boolean;
	/** `WAYMARK_PARSER=remark`: parse Markdown with remark-parse instead of Sätteri. */
	parser: MarkdownParser;
	/** `WAYMARK_LOG_LEVEL=silent`: no progress lines and a quiet Astro. */
	silent: boolean;
	/** `DEBUG` naming `waymark`: trace each run of the rules; stack traces for internal errors. */
	debug: boolean;
	/** `CI` set (and not `false`, which CI services and ci-info read as no CI): progress as lines, never a redrawn bar. */
	ci: boolean;
	/** `NO_COLOR` set: no colour escapes, even on a terminal. */
	noColor: boolean;
	/** The whole environment, for `${env:NAME}` in probe and link-rule headers only. */
	variables: NodeJS.ProcessEnv;
}

/** Which parser reads `.md` pages: Sätteri's (`native`, the default) or remark's (`WAYMARK_PARSER=remark`). */
export type MarkdownParser = 'native' | 'remark';

/** Reads Waymark's variables out of `env` (the command layer passes `process.env`). */
export function readEnvironment(env: NodeJS.ProcessEnv): WaymarkEnvironment {
	const dnsServers = env.WAYMARK_DNS_SERVERS?.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return {
		...(env.WAYMARK_ROOT && { root: env.WAYMARK_ROOT }),
		...(dnsServers && dnsServers.length > 0 && { dnsServers }),
		...(env.WAYMARK_CHROMIUM && { chromium: env.WAYMARK_CHROMIUM }),
		probeAtBuild: env.WAYMARK_PROBE_AT_BUILD === '1',
		parser: env.WAYMARK_PARSER === 'remark' ? 'remark' : 'native',
		silent: env.WAYMARK_LOG_LEVEL === 'silent',
		debug: /\bwaymark\b/.test(env.DEBUG ?? ''),
		ci: Boolean(env.CI) && env.CI !== 'false',
		noColor: Boolean(env.NO_COLOR),
		variables: env,
	};
}
