import type { ProbeSpec } from '../../network/observation.ts';
import type { ProbeKind, ProbeState } from '../../core/status-snapshot.ts';

/** A declaration with where it was written, for findings and the status page. */
export interface LocatedProbe extends ProbeSpec {
	/** Page path relative to the guidebook root. */
	file: string;
	line: number;
	route: string;
	pageTitle: string;
}

export interface ProbeResult {
	id: string;
	kind: ProbeKind;
	target: string;
	state: ProbeState;
	ok: boolean;
	latencyMs: number | null;
	/** Values the conditions extracted (placeholder → value); nothing else from a response is kept. */
	observed: Record<string, string>;
	/** The reason, in text: failing conditions with observed next to expected, or why it could not run. */
	message: string;
	file: string;
	line: number;
	checkedAt: string;
}
