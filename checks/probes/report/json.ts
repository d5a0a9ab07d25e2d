import type { ProbeResult } from '../types.ts';

/** The versioned contract: `{ "version": 1, "probes": [...] }`. */
export function json(results: ProbeResult[]): string {
	return `${JSON.stringify({ version: 1, probes: results }, null, 2)}\n`;
}
