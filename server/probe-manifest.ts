import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeJsonError } from '../core/json-error.ts';
import {
	ProbeManifestInvalid,
	ProbeManifestMissing,
	ProbeManifestUntrusted,
	raise,
	type WaymarkError,
} from '../core/errors.ts';
import { probeLimits } from '../checks/probes/schema.ts';
import type { LocatedProbe } from '../checks/probes/types.ts';
import { dnsRecordTypes } from '../network/observation.ts';
import { manifestPath, probeKinds } from '../core/status-snapshot.ts';

/** What the server can probe, and why live status is off or partial when the manifest is not usable. */
export interface ProbeManifest {
	probes: LocatedProbe[];
	/** `ProbeManifestMissing` or `ProbeManifestInvalid`; the site is still served. */
	problem?: WaymarkError;
}

/**
 * Reads the probes the build declared (`dist/_waymark/probes.json`). The server probes these and
 * nothing else: no target ever comes from a request. Header values are `${env:…}` templates.
 * Never throws: a missing, unreadable or malformed manifest is a `problem` with no probes, and
 * malformed entries are left out and named in the `problem`.
 */
export async function readProbeManifest(dir: string): Promise<ProbeManifest> {
	const file = join(dir, manifestPath);
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		const { code, message } = error as NodeJS.ErrnoException;
		if (code === 'ENOENT') return { probes: [], problem: raise(ProbeManifestMissing, file) };
		return {
			probes: [],
			problem: raise(ProbeManifestInvalid, file, `cannot be read (${code ?? message})`),
		};
	}
	let data: { version?: unknown; probes?: unknown; trust?: unknown };
	try {
		data = JSON.parse(text) as typeof data;
	} catch (error) {
		const { reason: said, position } = describeJsonError(error, text);
		const reason = `${said.charAt(0).toLowerCase()}${said.slice(1)} at line ${position.line}, column ${position.column}`;
		return {
			probes: [],
			problem: raise(ProbeManifestInvalid, file, `is not valid JSON (${reason})`),
		};
	}
	if (!data || typeof data !== 'object' || data.version !== 1 || !Array.isArray(data.probes)) {
		return {
			probes: [],
			problem: raise(
				ProbeManifestInvalid,
				file,
				'is not a Waymark probe manifest (expected `{ "version": 1, "probes": [...] }`)',
			),
		};
	}
	// Whatever this server trusts: the probes are the branch's, not the config's. (A manifest with no
	// `trust` is from a build before builds wrote it, when untrusted ones did not exist apart.)
	if (data.trust !== undefined && data.trust !== 'trusted')
		return { probes: [], problem: raise(ProbeManifestUntrusted, file) };
	const probes = data.probes.filter(isProbe);
	const bad = data.probes.flatMap((p, i) => (isProbe(p) ? [] : [i]));
	if (bad.length === 0) return { probes };
	const which = `${bad.length === 1 ? 'entry' : 'entries'} ${bad.map((i) => `\`probes[${i}]\``).join(', ')}`;
	return {
		probes,
		problem: raise(ProbeManifestInvalid, file, `has malformed ${which}`, 'the other probes run'),
	};
}

function isProbe(value: unknown): value is LocatedProbe {
	const p = value as Partial<LocatedProbe> | null;
	return Boolean(
		p &&
		typeof p.id === 'string' &&
		typeof p.target === 'string' &&
		probeKinds.includes(p.kind as never) &&
		dnsRecordTypes.includes(p.dnsType as never) &&
		Array.isArray(p.conditions) &&
		p.conditions.every((c) => typeof c === 'string') &&
		within(p.intervalMs, probeLimits.interval) &&
		within(p.timeoutMs, probeLimits.timeout) &&
		p.headers &&
		typeof p.headers === 'object',
	);
}

// A manifest edited by hand gets the same bounds as `check`, so no timer can overflow or spin.
function within(value: unknown, limits: { min: number; max: number }): boolean {
	return typeof value === 'number' && value >= limits.min && value <= limits.max;
}
