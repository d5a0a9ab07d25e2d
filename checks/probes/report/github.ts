import type { ProbeResult } from '../types.ts';

const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: an annotation at each failing probe's declaration. */
export function github(results: ProbeResult[], root = ''): string {
	const prefix = root ? `${root.replace(/\/$/, '')}/` : '';
	return results
		.filter((r) => r.state !== 'up')
		.map((r) => `::${r.state === 'down' ? 'error' : r.state === 'degraded' ? 'warning' : 'notice'} file=${escapeProperty(prefix + r.file)},line=${r.line},title=${escapeProperty(`probe ${r.id} ${r.state}`)}::${escapeData(r.message)}`)
		.join('\n')
		.concat('\n');
}
