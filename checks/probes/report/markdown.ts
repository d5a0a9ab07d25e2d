import type { ProbeResult } from '../types.ts';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A table for PR comments and job summaries. */
export function markdown(results: ProbeResult[]): string {
	const rows = results.map((r) => `| \`${r.id}\` | ${r.state} | ${r.latencyMs === null ? '–' : `${r.latencyMs} ms`} | ${cell(r.message)} | ${cell(`${r.file}:${r.line}`)} |`);
	return `| Probe | State | Latency | Reason | Declared at |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}
