import type { ProbeSpec } from '../../network/observation.ts';
import { parseCondition } from './conditions.ts';
import { placeholderOf } from './conditions/placeholders.ts';

/** Placeholders Prometheus gives a value for; blackbox_exporter's module checked the others. */
const measured = new Set(['STATUS', 'RESPONSE_TIME', 'CERTIFICATE_EXPIRATION']);

/**
 * The conditions to judge when a probe's state comes from blackbox_exporter through Prometheus:
 * those on values Prometheus holds (status, duration, certificate expiry) and nothing else. The
 * rest are in the exported module: `probe_success` 0 already makes the probe down, and `waymark
 * export prometheus` lists those it could not express.
 */
export function conditionsFromPrometheus(spec: ProbeSpec): ProbeSpec {
	const judged = spec.conditions.filter((text) => {
		const parsed = parseCondition(text);
		if (!parsed.ok) return false;
		const names = [parsed.left, parsed.right]
			.map((side) => placeholderOf(side)?.name)
			.filter((name) => name !== undefined);
		return names.length > 0 && names.every((name) => measured.has(name));
	});
	return { ...spec, conditions: judged };
}
