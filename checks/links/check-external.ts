import type { LookupFunction } from 'node:net';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { compileLinearRegex } from '../../core/linear-regex.ts';
import type { Trust } from '../../core/trust.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import { packageVersion } from '../../core/package.ts';
import type { Config } from '../../config/load-config.ts';
import type { Finding } from '../finding.ts';
import { openNetworkClient } from '../../network/client.ts';
import { checkUrl, type UrlCheckResult } from './check-url.ts';
import type { Settled } from './ask-host.ts';
import { collectTargets } from './collect-targets.ts';
import { extractUrls } from './extract-urls.ts';
import { createTargetPlanner } from './filter-targets.ts';
import { groupFindings, type CheckedTarget } from './group-findings.ts';
import { createHostScheduler } from './host-scheduler.ts';
import { linkCacheFile, openLinkCache, type LinkCache } from './link-cache.ts';
import type { UrlOccurrence } from './link-outcome.ts';
import { silentProgress, type ProgressSink } from './progress.ts';
import { judgeNetwork, uncheckedResult, type AskedUrl } from './lost-network.ts';
import { NetworkLost, raise } from '../../core/errors.ts';

export interface ExternalLinkOptions {
	/** HTTP client; default the network client's keep-alive Agent for the run (closed afterwards). */
	dispatcher?: Dispatcher;
	/** Folder of `links.json`; default `links.cache.dir` under `cwd`. */
	cacheDir?: string;
	/** Neither read nor write the cache. */
	noCache?: boolean;
	progress?: ProgressSink;
	signal?: AbortSignal;
	/** DNS for the default dispatcher; default `network.dnsServers`, else the system. Addresses still pass `network.allow`/`network.deny`. */
	lookup?: LookupFunction;
	/** @default process.cwd() */
	cwd?: string;
	/** Only report URLs occurring in these pages (the engine's `--changed-since` selection). */
	pages?: Set<string>;
	/** More occurrences to check with the same cache (external links found in the built site); URLs already in the pages are left to them. */
	occurrences?: UrlOccurrence[];
	/** Injected for tests. */
	now?: () => number;
	env?: NodeJS.ProcessEnv;
	/** Untrusted: `${env:NAME}` in `links.rules` headers is never expanded. */
	trust?: Trust;
}

// Honest, so site owners can tell who is knocking; no `+URL` of a home page, as Waymark has none.
const userAgent = `Waymark/${packageVersion} (documentation link checker)`;

/**
 * The external-link step of `waymark check --external`: extract → collect (each URL once) →
 * filter (policy) → check (undici, per-host limits) → cache → grouped findings. Never throws for a
 * link; a cache it cannot read is reported through `progress.warn` and ignored. When the run lost
 * its network (`lost-network.ts`), the links that reached no server are neither findings nor
 * cached, and `progress.warn` says so once.
 */
export async function checkExternalLinks(
	tree: GuidebookTree,
	config: Config,
	options: ExternalLinkOptions = {},
): Promise<Finding[]> {
	if (config.checks.rules['external-links'] === 'off') return [];
	const links = config.links;
	const progress = options.progress ?? silentProgress;
	const now = options.now ?? Date.now;
	const occurrences: UrlOccurrence[] = [];
	for (const [path, page] of [...tree.pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		if (!options.pages || options.pages.has(path)) occurrences.push(...extractUrls(page));
	}
	// URLs the rendered site adds; one the Markdown already has is reported at its Markdown source.
	const written = new Set(occurrences.map((o) => o.url));
	occurrences.push(...(options.occurrences ?? []).filter((o) => !written.has(o.url)));
	const targets = collectTargets(occurrences);
	// The schema refused what RE2 cannot run; the config may be the tree's own.
	const skipFragment = links.fragmentsToSkip.flatMap((source) => {
		const compiled = compileLinearRegex(source);
		return compiled.ok ? [compiled.regex] : [];
	});

	let cache: LinkCache | undefined;
	if (!options.noCache) {
		const opened = await openLinkCache(
			options.cacheDir
				? join(options.cacheDir, 'links.json')
				: linkCacheFile(links, options.cwd ?? process.cwd()),
			links.cache.ttlSeconds,
		);
		cache = opened.cache;
		if (opened.warning) progress.warn(opened.warning);
	}
	const client = options.dispatcher
		? { dispatcher: options.dispatcher, close: () => Promise.resolve() }
		: openNetworkClient(config.network, {
				...(options.lookup && { lookup: options.lookup }),
				agent: { keepAliveTimeoutMs: 10_000, connections: links.perHostConcurrency },
			});
	const dispatcher = client.dispatcher;
	const scheduler = createHostScheduler({
		global: config.network.concurrency,
		perHost: links.perHostConcurrency,
		spacingMs: links.requestSpacingMs,
	});
	const deps = {
		dispatcher,
		scheduler,
		answers: new Map<string, Promise<Settled>>(),
		links,
		timeoutMs: config.network.timeoutMs,
		userAgent,
		...(options.signal && { signal: options.signal }),
	};

	const planTarget = createTargetPlanner(
		links,
		options.trust === 'untrusted' ? {} : (options.env ?? {}),
		config.network.env,
	);
	const plans = targets.map((target) => ({ target, plan: planTarget(target) }));
	// Asked over the network this run; those that reached no server are cached only once the run
	// is known not to have lost its network.
	const asked: AskedUrl[] = [];
	const unconnected: Array<() => void> = [];
	progress.start(plans.length, 'Checking external links');
	try {
		const results = await Promise.all(
			plans.map(
				async ({ target, plan }): Promise<CheckedTarget & { unconnected?: UrlCheckResult }> => {
					if (plan.action === 'decided') {
						progress.tick();
						return {
							target,
							outcome: plan.outcome,
							fragments: {},
							...(plan.notable && { notable: true }),
						};
					}
					const wanted = links.fragments
						? [...target.fragments.keys()].filter((f) => !skipFragment.some((re) => re.test(f)))
						: [];
					const judgedWith = JSON.stringify([plan.accept, Object.keys(plan.headers).sort()]);
					let result: UrlCheckResult | undefined = cache?.get(
						target.key,
						judgedWith,
						wanted,
						now(),
					);
					if (!result) {
						const fresh = await checkUrl(plan.url, plan.accept, plan.headers, wanted, deps);
						result = fresh;
						asked.push({ host: plan.url.host, result: fresh });
						const keep = () => cache?.set(target.key, judgedWith, fresh, now(), wanted);
						if (fresh.unconnected !== undefined) unconnected.push(keep);
						else if (fresh.outcome.kind !== 'skipped') keep();
					}
					progress.tick();
					const fragments = Object.fromEntries(
						wanted
							.filter((f) => f in result.fragments)
							.map((f) => [f, result.fragments[f] as boolean]),
					);
					return {
						target,
						outcome: result.outcome,
						fragments,
						isPrivate: plan.isPrivate,
						...(result.notable && { notable: true }),
						...(result.unconnected !== undefined && { unconnected: result }),
					};
				},
			),
		);
		// A lost network is not a dead link: its links are unchecked, said once, and never cached.
		const network = judgeNetwork(asked);
		if (network.lost) {
			const lost = raise(
				NetworkLost,
				network.urls,
				network.failedHosts,
				network.hosts,
				network.reasons,
			);
			progress.warn(`${lost.message}\nHint: ${lost.hint ?? ''}`);
		} else for (const keep of unconnected) keep();
		const checked = results.map(({ unconnected: reachedNone, ...checkedTarget }): CheckedTarget =>
			network.lost && reachedNone
				? { ...checkedTarget, ...uncheckedResult(reachedNone) }
				: checkedTarget,
		);
		const findings = groupFindings(checked, links);
		// `checks.rules: { external-links: warning }` caps every outcome at a warning.
		return config.checks.rules['external-links'] === 'warning'
			? findings.map((f) => (f.severity === 'error' ? { ...f, severity: 'warning' } : f))
			: findings;
	} finally {
		progress.stop();
		await cache
			?.save(now())
			.catch((error: Error) => progress.warn(`Could not write the link cache: ${error.message}`));
		await client.close();
	}
}
