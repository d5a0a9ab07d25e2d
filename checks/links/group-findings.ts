import type { LinksConfig } from '../../config/links.ts';
import type { Finding, Severity } from '../finding.ts';
import type { LinkTarget } from './collect-targets.ts';
import type { LinkOutcome, UrlOccurrence } from './link-outcome.ts';
import { namingPages, type Including } from '../included-files.ts';

export interface CheckedTarget {
	target: LinkTarget;
	outcome: LinkOutcome;
	fragments: Record<string, boolean>;
	/** The host matched `links.privateHosts` under `privateHostPolicy: warn`. */
	isPrivate?: boolean;
	/** A skip the author should hear about (a missing token), reported as a warning. */
	notable?: boolean;
}

const defaultSeverity: Record<Exclude<LinkOutcome['kind'], 'ok' | 'skipped'>, Severity> = {
	dead: 'error',
	invalid: 'error',
	unreachable: 'warning',
	blocked: 'warning',
	'rate-limited': 'warning',
	redirected: 'warning',
};

/**
 * One finding per URL (and one per missing fragment), at its first occurrence, listing every
 * other `file:line:col` in the message and in `related`.
 */
export function groupFindings(
	checked: CheckedTarget[],
	links: LinksConfig,
	ruleId = 'external-links',
): Finding[] {
	const findings: Finding[] = [];
	const make = (
		severity: Severity,
		occurrences: UrlOccurrence[],
		message: string,
		actual?: string,
		expected?: string,
	): void => {
		const [first, ...rest] = byPlace(occurrences);
		if (!first) return;
		const related = rest.map(({ occurrence: o }) => ({ file: o.file, position: o.position }));
		const also =
			related.length > 0
				? ` (also at ${related.map((r) => `${r.file}:${r.position.line}:${r.position.column}`).join(', ')})`
				: '';
		const finding: Finding = {
			ruleId,
			severity,
			file: first.occurrence.file,
			position: first.occurrence.position,
			message: `${message}${also}`,
			...(actual !== undefined && { actual }),
			...(expected !== undefined && { expected }),
			...(related.length > 0 && { related }),
		};
		findings.push(first.including.length > 0 ? namingPages(finding, first.including) : finding);
	};
	for (const { target, outcome, fragments, isPrivate, notable } of checked) {
		if (outcome.kind === 'skipped') {
			if (notable) make('warning', target.occurrences, outcome.observed);
			continue;
		}
		if (outcome.kind !== 'ok') {
			const severity = severityFor(outcome.kind, links, isPrivate);
			if (severity === 'off') continue;
			const fix = outcome.kind === 'redirected' ? `; update the link to ${outcome.target}` : '';
			const note = isPrivate ? ' (private host: CI may not reach it)' : '';
			make(
				severity,
				target.occurrences,
				`Unexpected ${outcome.observed}, expected ${outcome.expected}${fix}${note}`,
				outcome.observed,
				outcome.expected,
			);
		}
		for (const [fragment, present] of Object.entries(fragments)) {
			if (present) continue;
			const severity = severityFor('dead', links, isPrivate);
			if (severity === 'off') continue;
			const page = outcome.kind === 'redirected' ? outcome.target : target.key;
			make(
				severity,
				target.fragments.get(fragment) ?? [],
				missingFragmentMessage(fragment, page),
				`#${fragment}`,
				`an element with id or name \`${fragment}\``,
			);
		}
	}
	return findings;
}

/** The finding's message for a fragment the page at `page` does not have. */
export function missingFragmentMessage(fragment: string, page: string): string {
	return `Unexpected missing fragment \`#${fragment}\` on ${page}, expected an element with id or name \`${fragment}\``;
}

function severityFor(
	kind: keyof typeof defaultSeverity,
	links: LinksConfig,
	isPrivate: boolean | undefined,
): Severity | 'off' {
	const configured = links.severity[kind] ?? defaultSeverity[kind];
	if (configured === 'error' && isPrivate) return 'warning';
	return configured;
}

/** Occurrences by place, in order: a line several pages paste is one place, naming each page that pulled it in. */
function byPlace(
	occurrences: readonly UrlOccurrence[],
): Array<{ occurrence: UrlOccurrence; including: Including[] }> {
	const places = new Map<string, { occurrence: UrlOccurrence; including: Including[] }>();
	for (const occurrence of occurrences) {
		const key = `${occurrence.file}\0${occurrence.position.line}:${occurrence.position.column}`;
		const place = places.get(key) ?? { occurrence, including: [] };
		if (occurrence.including) place.including.push(occurrence.including);
		places.set(key, place);
	}
	return [...places.values()];
}
