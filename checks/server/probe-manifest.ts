import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestPath } from '../probes/probe-status.ts';
import { dnsRecordTypes, probeKinds, type LocatedProbe } from '../probes/types.ts';

/**
 * Reads the probes the build declared (`dist/_waymark/probes.json`). The server probes these and
 * nothing else: no target ever comes from a request. Header values are `${env:…}` templates.
 */
export async function readProbeManifest(dir: string): Promise<LocatedProbe[] | undefined> {
	let text: string;
	try {
		text = await readFile(join(dir, manifestPath), 'utf8');
	} catch {
		return undefined;
	}
	let data: { version?: number; probes?: unknown };
	try {
		data = JSON.parse(text) as typeof data;
	} catch {
		// A half-written or hand-edited manifest: serve the site without live status rather than fail.
		return [];
	}
	if (data.version !== 1 || !Array.isArray(data.probes)) return [];
	return data.probes.filter(isProbe);
}

function isProbe(value: unknown): value is LocatedProbe {
	const p = value as Partial<LocatedProbe> | null;
	return Boolean(
		p && typeof p.id === 'string' && typeof p.target === 'string' && probeKinds.includes(p.kind as never) &&
			dnsRecordTypes.includes(p.dnsType as never) && Array.isArray(p.conditions) && p.conditions.every((c) => typeof c === 'string') &&
			typeof p.intervalMs === 'number' && p.intervalMs >= 1000 && typeof p.timeoutMs === 'number' && p.headers && typeof p.headers === 'object',
	);
}
