import type { ProbeResolver } from './resolver.ts';
import type { Observation, ProbeSpec } from './observation.ts';

/** Queries `spec.target` for `spec.dnsType`; `[DNS_RCODE]` is the answer code, `[BODY]` the first answer. */
export async function observeDns(
	spec: ProbeSpec,
	options: { resolver: ProbeResolver; timeoutMs?: number },
): Promise<Observation> {
	const started = performance.now();
	const answer = await options.resolver.query(
		spec.target,
		spec.dnsType,
		options.timeoutMs ?? spec.timeoutMs,
	);
	const observation: Observation = {
		connected: answer.rcode !== 'TIMEOUT' && answer.rcode !== 'ERROR',
		responseTimeMs: performance.now() - started,
		dnsRcode: answer.rcode,
	};
	if (answer.answers[0] !== undefined) observation.body = answer.answers[0];
	if (answer.error) observation.error = answer.error;
	return observation;
}
