import type { UrlCheckResult } from './check-url.ts';

/** One URL asked over the network in this run (not from the cache), and how it ended. */
export interface AskedUrl {
	host: string;
	result: UrlCheckResult;
}

/** The run's links as the network let them be checked. */
export type NetworkVerdict =
	| { lost: false }
	| {
			lost: true;
			/** Hosts asked, and those none of whose URLs reached a server. */
			hosts: number;
			failedHosts: number;
			/** URLs left unchecked: those that reached no server. */
			urls: number;
			/** How they failed (`unknown host (NXDOMAIN)`), most frequent first. */
			reasons: string[];
	  };

/** Below this many hosts asked, failing everywhere says nothing of the network: a tree may link three dead domains. */
const fewestHosts = 3;
/** With many hosts, a few answering (a proxy's own, an intranet host in /etc/hosts) still leaves the network lost. */
const manyHosts = 10;
const mostOfMany = 0.9;

/**
 * Whether the run lost its network rather than met dead links: when every host asked (at least
 * three), or nine in ten of ten or more, failed to resolve or to accept a connection, the machine
 * is offline, behind a firewall or without DNS, and their links say nothing about the links.
 */
export function judgeNetwork(asked: AskedUrl[]): NetworkVerdict {
	const byHost = Map.groupBy(asked, (url) => url.host);
	const failed = [...byHost.values()].filter((urls) =>
		urls.every((url) => url.result.unconnected !== undefined),
	);
	const hosts = byHost.size;
	const lost =
		hosts >= fewestHosts &&
		(failed.length === hosts || (hosts >= manyHosts && failed.length >= mostOfMany * hosts));
	if (!lost) return { lost: false };
	const unconnected = asked.filter((url) => url.result.unconnected !== undefined);
	const counts = Map.groupBy(unconnected, (url) => url.result.unconnected as string);
	const reasons = [...counts].sort(([, a], [, b]) => b.length - a.length).map(([reason]) => reason);
	return { lost: true, hosts, failedHosts: failed.length, urls: unconnected.length, reasons };
}

/** What a URL that reached no server is reported as, when the network was lost: checked it was not. */
export function uncheckedResult(result: UrlCheckResult): UrlCheckResult {
	return {
		outcome: {
			kind: 'skipped',
			observed: `Skipped because the network was lost (${result.unconnected ?? 'no connection'})`,
		},
		fragments: {},
	};
}
