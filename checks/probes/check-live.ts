import { distance } from 'fastest-levenshtein';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import type { Config } from '../../config/load-config.ts';
import type { Finding } from '../finding.ts';
import { collectProbes } from './collect.ts';
import { hostnameMentions } from './hostnames.ts';
import type { ProbeIo } from './probe-one.ts';
import { probeFindings } from './probe-findings.ts';
import { openProbeIo } from './probe-io.ts';
import { runProbes } from './run.ts';
import type { ProbeResult } from './types.ts';

export interface CheckLiveOptions {
	/** Owned domains on top of config `status.domains` (`--domains a.com,b.lab`). */
	domains?: string[];
	/** Injected I/O; by default a resolver from config `network.dnsServers` and an Agent using it. */
	io?: ProbeIo;
	/** For `${env:NAME}` headers. @default {} */
	env?: NodeJS.ProcessEnv;
	/** Only pages in this set are reported on (`--changed-since`). */
	targets?: Set<string>;
}

/**
 * `waymark check --live`: runs every declared probe once (a failing probe is a finding at its
 * declaration) and checks for drift: every hostname under the owned domains that a page mentions
 * must resolve, or it is a `hostname-drift` finding at that line.
 */
export async function checkLive(
	tree: GuidebookTree,
	config: Config,
	options: CheckLiveOptions = {},
): Promise<{ findings: Finding[]; probes: ProbeResult[] }> {
	const env = options.env ?? {};
	const { io, close } = options.io
		? { io: options.io, close: undefined }
		: openProbeIo(config, env);
	try {
		const inScope = (file: string): boolean => !options.targets || options.targets.has(file);
		const { probes } = collectProbes(tree);
		const results = await runProbes(
			probes.filter((p) => inScope(p.file)),
			io,
			{ concurrency: config.status.concurrency },
		);
		const findings = probeFindings(results);
		findings.push(
			...(await checkHostnameDrift(
				tree,
				[...config.status.domains, ...(options.domains ?? [])],
				io,
				inScope,
			)),
		);
		return { findings, probes: results };
	} finally {
		await close?.();
	}
}

async function checkHostnameDrift(
	tree: GuidebookTree,
	domains: string[],
	io: ProbeIo,
	inScope: (file: string) => boolean,
): Promise<Finding[]> {
	if (domains.length === 0) return [];
	const mentions = [...tree.pages.values()]
		.filter((p) => inScope(p.path))
		.flatMap((page) => hostnameMentions(page, domains));
	const verdicts = new Map<string, Promise<{ resolves: boolean; rcode: string }>>();
	const resolveOnce = (hostname: string) => {
		let verdict = verdicts.get(hostname);
		if (!verdict) {
			verdict = (async () => {
				const a = await io.resolver.query(hostname, 'A');
				if (a.answers.length > 0) return { resolves: true, rcode: a.rcode };
				if (a.rcode !== 'NOERROR') return { resolves: false, rcode: a.rcode };
				const aaaa = await io.resolver.query(hostname, 'AAAA');
				return {
					resolves: aaaa.answers.length > 0,
					rcode: aaaa.answers.length > 0 ? 'NOERROR' : 'NOERROR (no address)',
				};
			})();
			verdicts.set(hostname, verdict);
		}
		return verdict;
	};
	const checked = await Promise.all(
		mentions.map(async (m) => ({ ...m, ...(await resolveOnce(m.hostname)) })),
	);
	const resolving = [...new Set(checked.filter((c) => c.resolves).map((c) => c.hostname))];
	const findings: Finding[] = [];
	for (const c of checked) {
		if (c.resolves) continue;
		const transient = c.rcode === 'SERVFAIL' || c.rcode === 'TIMEOUT' || c.rcode === 'ERROR';
		const suggestion = closest(c.hostname, resolving);
		findings.push({
			ruleId: 'hostname-drift',
			severity: transient ? 'warning' : 'error',
			file: c.file,
			position: c.position,
			message: `Unexpected hostname \`${c.hostname}\` that does not resolve (${c.rcode}), expected a name that resolves${suggestion ? `; did you mean \`${suggestion}\`` : ''}`,
			actual: c.rcode,
			expected: 'an A or AAAA record',
		});
	}
	return findings;
}

function closest(hostname: string, candidates: string[]): string | undefined {
	const domain = hostname.split('.').slice(1).join('.');
	const scored = candidates
		.filter((c) => c.endsWith(`.${domain}`))
		.map((c) => ({ c, d: distance(c, hostname) }));
	scored.sort((a, b) => a.d - b.d);
	return scored[0] && scored[0].d <= Math.max(4, hostname.length / 3) ? scored[0].c : undefined;
}
