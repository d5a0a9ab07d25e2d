import type { ProbeSpec } from '../../network/observation.ts';

/** Placeholders Prometheus gives a value for; blackbox_exporter's module checked the others. */
const measured = new Set(['STATUS', 'RESPONSE_TIME', 'CERTIFICATE_EXPIRATION']);

/**
 * The conditions to judge when a probe's state comes from blackbox_exporter through Prometheus:
 * the ones on values Prometheus holds (status, duration, certificate expiry). The rest are in the
 * exported module: `probe_success` 0 already makes the probe down, and `waymark export
 * prometheus` lists those it could not express.
 */
export function conditionsFromPrometheus(spec: ProbeSpec): ProbeSpec {
	return { ...spec, conditions: spec.conditions.filter((text) => measured.has(/^\s*\[([A-Z_]+)\]/.exec(text)?.[1] ?? '')) };
}
