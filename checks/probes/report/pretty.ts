import type { ProbeResult } from '../types.ts';

const marks = { up: 'up      ', degraded: 'DEGRADED', down: 'DOWN    ', unknown: 'unknown ' } as const;

/** One line per probe: state, id, target, latency, reason, and where it is declared. */
export function pretty(results: ProbeResult[]): string {
	const lines = results.map((r) => `${marks[r.state]} ${r.id} (${r.kind} ${r.target})${r.latencyMs === null ? '' : ` ${r.latencyMs} ms`}\n         ${r.message}\n         declared at ${r.file}:${r.line}`);
	const count = (s: ProbeResult['state']) => results.filter((r) => r.state === s).length;
	lines.push(`\n${results.length} probe(s): ${count('up')} up, ${count('degraded')} degraded, ${count('down')} down, ${count('unknown')} unknown`);
	return `${lines.join('\n')}\n`;
}
