import { envNames } from '../../core/env-template.ts';
import type { ProbeSpec } from '../../network/observation.ts';
import { publicTarget } from './outcome.ts';
import type { LocatedProbe } from './types.ts';

/** Headers that carry a credential by their name: the ones HTTP defines, and the usual API-key names. */
const credentialHeader =
	/^(?:authorization|proxy-authorization|cookie)$|api[-_]?key|token|secret|passw(?:or)?d|session/i;

/** A credential a declaration holds as written, not read from the environment at probe time. */
export type LiteralCredential = { in: 'url' } | { in: 'header'; name: string };

/**
 * The credentials `probe` holds as written: `user:password@` in an http URL, and credential headers
 * (`Authorization`, `Cookie`, `X-Api-Key`, …) whose value reads no `${env:NAME}`. The built site
 * never carries them (`manifestProbe`); `probe-declarations` reports each.
 */
export function literalCredentials(
	probe: Pick<ProbeSpec, 'kind' | 'target' | 'headers'>,
): LiteralCredential[] {
	const found: LiteralCredential[] = [];
	if (publicTarget(probe) !== probe.target) found.push({ in: 'url' });
	for (const [name, value] of Object.entries(probe.headers)) {
		if (credentialHeader.test(name) && envNames(value).length === 0)
			found.push({ in: 'header', name });
	}
	return found;
}

/**
 * A probe as the probe manifest of the built site holds it (`_waymark/probes.json`): what
 * `waymark serve` needs to run it, and no credential. Header values keep their `${env:NAME}`
 * templates, which serve expands from its own environment (`network.env`); a URL's `user:password@`
 * and literal credential headers are left out, so a static host publishing the output folder
 * publishes no secret.
 */
export function manifestProbe(probe: LocatedProbe): LocatedProbe {
	const literal = new Set(
		literalCredentials(probe).flatMap((c) => (c.in === 'header' ? [c.name] : [])),
	);
	return {
		...probe,
		target: publicTarget(probe),
		headers: Object.fromEntries(
			Object.entries(probe.headers).filter(([name]) => !literal.has(name)),
		),
	};
}
