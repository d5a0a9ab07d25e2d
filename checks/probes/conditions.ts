import { isEqual, prettify, prettifyNumbers, toGoNumber } from './conditions/compare.ts';
import { goTrimSpace } from './conditions/go-format.ts';
import { checkElement } from './conditions/check-element.ts';
import type { BodyView } from './conditions/json-path.ts';
import { placeholderOf, resolveElement, type PlaceholderName } from './conditions/placeholders.ts';
import { formatDuration } from '../../core/duration.ts';
import type { Observation } from '../../network/observation.ts';

/**
 * Gatus conditions, with Gatus's semantics: `LEFT OPERATOR RIGHT`, a placeholder on either side
 * (`[STATUS]`, `[BODY].a[0].b`, `len([BODY].items)`, `has([BODY].errors)`, …), `pat()` and `any()`
 * on the other. A failing condition shows each side's value: `[STATUS] (503) == 200`.
 */
const operators = ['==', '!=', '<=', '>=', '>', '<'] as const;
type Operator = (typeof operators)[number];

export interface Condition {
	/** As written; shown as is when the condition holds. */
	text: string;
	operator: Operator;
	/** Both sides, trimmed: `[BODY].success.code`, `200`. */
	left: string;
	right: string;
}

export type ParsedCondition = ({ ok: true } & Condition) | { ok: false; message: string };

/** Reads a condition as Gatus does; rejects what Gatus rejects, and sides that can never mean anything. */
export function parseCondition(text: string): ParsedCondition {
	// Gatus looks for the operators in this order, each with a space on both sides.
	const operator = operators.find((op) => text.includes(` ${op} `));
	if (!operator) return { ok: false, message: missingOperator(text) };
	const parts = text.split(` ${operator} `).map(goTrimSpace);
	const [left = '', right = ''] = parts;
	if (parts.length > 2)
		return {
			ok: false,
			message: `Unexpected second \`${operator}\` in \`${text}\`, expected one comparison per condition (Gatus compares only \`${left} ${operator} ${right}\`)`,
		};
	for (const [side, element] of [
		['left', left],
		['right', right],
	] as const) {
		if (element === '')
			return {
				ok: false,
				message: `Unexpected empty ${side} side in \`${text}\`, expected a value ${side === 'left' ? 'before' : 'after'} \`${operator}\``,
			};
		const problem = checkElement(element, side, operator !== '==' && operator !== '!=', text);
		if (problem) return { ok: false, message: problem };
	}
	return { ok: true, text, operator, left, right };
}

function missingOperator(text: string): string {
	const guess = /^(.*?[^\s=<>!])\s*(==|!=|<=|>=|=|<|>)\s*([^=<>!\s].*)$/.exec(text.trim());
	const suggestion = guess
		? withPlaceholdersFixed(`${guess[1]} ${guess[2] === '=' ? '==' : guess[2]} ${guess[3]}`)
		: undefined;
	return `Unexpected condition \`${text}\` that does not match \`<VALUE> <COMPARATOR> <VALUE>\`, expected \`==\`, \`!=\`, \`<\`, \`<=\`, \`>\` or \`>=\` with a space on each side${suggestion ? `; did you mean \`${suggestion}\`` : ''}`;
}

/**
 * `condition` with each misspelt placeholder replaced by the one `parseCondition` suggests
 * (`[STAUTS] == 200` → `[STATUS] == 200`), so one fix is suggested whole instead of one a run.
 */
function withPlaceholdersFixed(condition: string): string {
	let fixed = condition;
	for (let round = 0; round < 4; round++) {
		const parsed = parseCondition(fixed);
		if (parsed.ok) return fixed;
		const typo = /^Unexpected placeholder `([^`]+)`.*; did you mean `([^`]+)`$/.exec(
			parsed.message,
		);
		if (!typo?.[1] || !typo[2]) return fixed;
		fixed = fixed.replace(typo[1], typo[2]);
	}
	return fixed;
}

export interface ConditionOutcome {
	ok: boolean;
	/** A failure that means "slow or expiring soon" (degraded), not "broken" (down). */
	soft: boolean;
	/** Set when the condition could not be evaluated (e.g. no RDAP answer): the reason. Never down. */
	unknown?: string;
	/** The condition as written when it holds, `[STATUS] (503) == 200` when it does not. */
	display: string;
	/** What each placeholder side read, as text (bounded), for `ProbeResult.observed`. */
	observed: Record<string, string>;
}

const softPlaceholders = new Set<PlaceholderName>([
	'RESPONSE_TIME',
	'CERTIFICATE_EXPIRATION',
	'DOMAIN_EXPIRATION',
]);
const maxObservedLength = 200;

export function evaluateCondition(
	condition: Condition,
	observation: Observation,
): ConditionOutcome {
	const { operator, text } = condition;
	const elements: [string, string] = [condition.left, condition.right];
	const body = bodyView(observation);
	const resolved = elements.map((element) => resolveElement(element, observation, body)) as [
		string,
		string,
	];
	let ok: boolean;
	let display: string;
	if (operator === '==' || operator === '!=') {
		ok = isEqual(...resolved) === (operator === '==');
		display = ok ? text : prettify(elements, resolved, operator);
	} else {
		const [a, b] = resolved.map(toGoNumber) as [bigint, bigint];
		ok = operator === '<' ? a < b : operator === '<=' ? a <= b : operator === '>' ? a > b : a >= b;
		display = ok ? text : prettifyNumbers(elements, [a, b], operator);
	}
	const names = elements
		.map((element) => placeholderOf(element)?.name)
		.filter((name) => name !== undefined);
	const observed: Record<string, string> = {};
	elements.forEach((element, i) => {
		const name = placeholderOf(element)?.name;
		if (name === undefined || resolved[i]!.endsWith(' (INVALID)')) return;
		const ms =
			name === 'CERTIFICATE_EXPIRATION'
				? observation.certificateExpiresInMs
				: name === 'DOMAIN_EXPIRATION'
					? observation.domainExpiresInMs
					: undefined;
		const value = ms !== undefined && element.startsWith('[') ? formatDuration(ms) : resolved[i]!;
		observed[element] =
			value.length > maxObservedLength ? `${value.slice(0, maxObservedLength)}…` : value;
	});
	const expired =
		(names.includes('CERTIFICATE_EXPIRATION') && (observation.certificateExpiresInMs ?? 1) <= 0) ||
		(names.includes('DOMAIN_EXPIRATION') && (observation.domainExpiresInMs ?? 1) <= 0);
	const soft = names.length > 0 && names.every((name) => softPlaceholders.has(name)) && !expired;
	const unknown = names.includes('DOMAIN_EXPIRATION')
		? observation.domainExpirationUnknown
		: undefined;
	if (unknown !== undefined)
		return { ok: false, soft, unknown, display: `${text} (unknown: ${unknown})`, observed };
	return { ok, soft, display, observed };
}

/** The body as Gatus sees it: raw text for `[BODY]`, decoded JSON for paths (decoded once, on demand). */
function bodyView(observation: Observation): BodyView {
	const { body } = observation;
	const raw =
		observation.bodyText ??
		(typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body));
	let decoded: ReturnType<BodyView['decoded']> | undefined;
	return {
		raw,
		decoded() {
			if (decoded) return decoded;
			if (body !== undefined && typeof body !== 'string')
				return (decoded = { ok: true, value: body });
			try {
				decoded = { ok: true, value: JSON.parse(raw) as unknown };
			} catch {
				decoded = { ok: false };
			}
			return decoded;
		},
	};
}
