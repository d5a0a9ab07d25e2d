import pLimit from 'p-limit';
import { runProbe, type ProbeIo } from './probe-one.ts';
import type { LocatedProbe, ProbeResult } from './types.ts';

/** Runs every probe once, at most `concurrency` at a time; results in declaration order. */
export async function runProbes(
	probes: LocatedProbe[],
	io: ProbeIo,
	options: { concurrency?: number } = {},
): Promise<ProbeResult[]> {
	const limit = pLimit(options.concurrency ?? 8);
	return Promise.all(probes.map((probe) => limit(() => runProbe(probe, io))));
}
