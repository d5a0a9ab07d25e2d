import type { ProbeState } from '../../core/status-snapshot.ts';
import type { Finding, Severity } from '../finding.ts';
import type { ProbeResult } from './types.ts';

// `unknown` (the probe could not run) is an outcome, listed with the probes, not a finding.
const severityByState: Record<ProbeState, Severity | undefined> = {
	up: undefined,
	degraded: 'warning',
	down: 'error',
	unknown: undefined,
};

/**
 * Probe results as `probe-failed` findings at each declaration: `down` is an error, `degraded` a
 * warning; `up` and `unknown` are no finding. `waymark probe` and `check --live` both report these.
 */
export function probeFindings(results: ProbeResult[]): Finding[] {
	return results.flatMap((result) => {
		const severity = severityByState[result.state];
		if (!severity) return [];
		return [
			{
				ruleId: 'probe-failed',
				severity,
				file: result.file,
				position: { line: result.line, column: 5 },
				message: `Unexpected ${result.state} from probe \`${result.id}\` (${result.kind} ${result.target}): ${result.message}`,
			},
		];
	});
}
