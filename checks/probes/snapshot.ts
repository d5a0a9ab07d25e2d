import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import type { Config } from '../../config/load-config.ts';
import { collectProbes } from './collect.ts';
import { manifestProbe } from './manifest-probe.ts';
import type { ProbeIo } from './probe-one.ts';
import { probeDefaults } from './schema.ts';
import { snapshotPath, toProbeStatus } from './probe-status.ts';
import { manifestPath, type StatusSnapshot } from '../../core/status-snapshot.ts';
import type { LocatedProbe, ProbeResult } from './types.ts';

export interface StatusSnapshotOptions {
	/** Run every probe once (`WAYMARK_PROBE_AT_BUILD=1`, read by the command layer). @default false */
	probeAtBuild?: boolean;
	/** For `${env:NAME}` headers when probing. @default {} */
	env?: NodeJS.ProcessEnv;
	/** Injected probe I/O (tests). */
	io?: ProbeIo;
}

/**
 * The build-time snapshot. Builds never contact systems unless asked: without `probeAtBuild`
 * every probe is "unknown, not checked at build time".
 */
export async function buildStatusSnapshot(
	tree: GuidebookTree,
	config: Config,
	options: StatusSnapshotOptions = {},
): Promise<{ snapshot: StatusSnapshot; probes: LocatedProbe[] }> {
	const { probes } = collectProbes(tree, probeDefaults);
	const { io, env = {} } = options;
	let results: ProbeResult[] = [];
	if (options.probeAtBuild && probes.length > 0) {
		// Loaded only here: the network client (undici) costs every build that probes nothing its loading.
		const [{ openProbeIo }, { runProbes }] = await Promise.all([
			import('./probe-io.ts'),
			import('./run.ts'),
		]);
		const opened = io ? { io, close: undefined } : openProbeIo(config, env);
		try {
			results = await runProbes(probes, opened.io, { concurrency: config.status.concurrency });
		} finally {
			await opened.close?.();
		}
	}
	const byId = new Map(results.map((r) => [r.id, r]));
	return {
		snapshot: {
			version: 1,
			generatedAt: new Date().toISOString(),
			live: false,
			demo: false,
			probes: probes.map((p) => toProbeStatus(p, byId.get(p.id))),
		},
		probes,
	};
}

/**
 * The snapshot as rendered into Markdown output. Astro caches rendered Markdown by a digest of the
 * plugin options, so these carry the time of the freshest observation, not the build's clock:
 * an unchanged tree with no probe run at build keeps its cache across rebuilds.
 */
export function markdownSnapshot(snapshot: StatusSnapshot): StatusSnapshot {
	const observed = snapshot.probes
		.map((p) => p.checkedAt)
		.filter((t): t is string => t !== null)
		.sort();
	return { ...snapshot, generatedAt: observed.at(-1) ?? '' };
}

/**
 * Writes the probe manifest (`manifestProbe`: no credential) and the build-time snapshot into
 * `outDir/_waymark/`. The manifest says which trust the build had; `waymark serve` runs none of an untrusted one's
 * probes (`readProbeManifest`): a branch's probes would otherwise be run by whoever serves the
 * preview, with their `${env:…}` headers filled from that server's environment.
 */
export async function writeStatusFiles(
	outDir: string,
	snapshot: StatusSnapshot,
	probes: LocatedProbe[],
	trust: 'trusted' | 'untrusted',
): Promise<void> {
	await mkdir(join(outDir, '_waymark'), { recursive: true });
	await writeFile(
		join(outDir, manifestPath),
		`${JSON.stringify({ version: 1, trust, probes: probes.map(manifestProbe) }, null, '\t')}\n`,
	);
	await writeFile(join(outDir, snapshotPath), `${JSON.stringify(snapshot)}\n`);
}
