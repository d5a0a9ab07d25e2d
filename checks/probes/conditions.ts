import { formatDuration, parseDuration } from '../../core/duration.ts';
import type { Observation } from '../../network/observation.ts';

/**
 * Gatus-style conditions: `[PLACEHOLDER](.path) OPERATOR value`. A failing condition is shown with
 * the observed value next to the expected one: `[STATUS] (503) == 200`.
 */
const placeholders = ['STATUS', 'BODY', 'RESPONSE_TIME', 'HEADER', 'CERTIFICATE_EXPIRATION', 'DNS_RCODE', 'CONNECTED', 'VALUE'] as const;
type Placeholder = (typeof placeholders)[number];
type Operator = '==' | '!=' | '<=' | '>=' | '<' | '>';

export interface Condition {
	text: string;
	/** Left side as written, e.g. `[BODY].success.dolibarr_version`. */
	left: string;
	placeholder: Placeholder;
	/** Path after the placeholder: JSON path segments for BODY, the header name for HEADER. */
	path: Array<string | number>;
	operator: Operator;
	expected: string;
}

export type ParsedCondition = ({ ok: true } & Condition) | { ok: false; message: string };

/** Conditions whose failure means "slow or expiring soon" (degraded), not "broken" (down). */
const softPlaceholders = new Set<Placeholder>(['RESPONSE_TIME', 'CERTIFICATE_EXPIRATION']);

export function parseCondition(text: string): ParsedCondition {
	const match = /^\s*(\[[A-Z_]+\]\S*)\s*(==|!=|<=|>=|<|>)\s*(.*?)\s*$/.exec(text);
	if (!match) {
		return { ok: false, message: `Unexpected condition \`${text}\`, expected \`[PLACEHOLDER] OPERATOR VALUE\` such as \`[STATUS] == 200\`` };
	}
	const [, left = '', operator = '==', rawExpected = ''] = match;
	const name = /^\[([A-Z_]+)\]/.exec(left)?.[1] ?? '';
	if (!(placeholders as readonly string[]).includes(name)) {
		return { ok: false, message: `Unexpected placeholder \`[${name}]\` in \`${text}\`, expected one of ${placeholders.map((p) => `\`[${p}]\``).join(', ')}` };
	}
	const placeholder = name as Placeholder;
	const rest = left.slice(name.length + 2);
	const path = parsePath(rest);
	if (path === undefined || (placeholder === 'HEADER' && path.length !== 1) || (placeholder !== 'BODY' && placeholder !== 'HEADER' && path.length > 0)) {
		const want = placeholder === 'BODY' ? '`[BODY]` or `[BODY].a.b[0]`' : placeholder === 'HEADER' ? '`[HEADER].name`' : `\`[${placeholder}]\` without a path`;
		return { ok: false, message: `Unexpected \`${left}\` in \`${text}\`, expected ${want}` };
	}
	const expected = rawExpected.replace(/^"(.*)"$/, '$1');
	if (expected === '') return { ok: false, message: `Unexpected empty value in \`${text}\`, expected a value after \`${operator}\`` };
	if (operator !== '==' && operator !== '!=' && toNumber(placeholder, expected) === undefined) {
		return { ok: false, message: `Unexpected non-numeric \`${expected}\` after \`${operator}\` in \`${text}\`, expected a number${placeholder === 'CERTIFICATE_EXPIRATION' ? ' or a duration such as `48h`' : ''}` };
	}
	return { ok: true, text, left, placeholder, path, operator: operator as Operator, expected };
}

function parsePath(rest: string): Array<string | number> | undefined {
	const path: Array<string | number> = [];
	const re = /\.([^.[\]]+)|\[(\d+)\]/gy;
	let index = 0;
	while (index < rest.length) {
		re.lastIndex = index;
		const m = re.exec(rest);
		if (!m) return undefined;
		path.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''));
		index = re.lastIndex;
	}
	return path;
}

function toNumber(placeholder: Placeholder, text: string): number | undefined {
	if (/^-?\d+(?:\.\d+)?$/.test(text)) return Number(text);
	if (placeholder === 'CERTIFICATE_EXPIRATION' || placeholder === 'RESPONSE_TIME') return parseDuration(text);
	return undefined;
}

/** The value a condition's left side names in an observation; `undefined` when absent. */
function observe(condition: Condition, observation: Observation): string | number | boolean | undefined {
	switch (condition.placeholder) {
		case 'STATUS':
			return observation.status;
		case 'RESPONSE_TIME':
			return observation.responseTimeMs ?? undefined;
		case 'CERTIFICATE_EXPIRATION':
			return observation.certificateExpiresInMs;
		case 'DNS_RCODE':
			return observation.dnsRcode;
		case 'CONNECTED':
			return observation.connected;
		case 'VALUE':
			return observation.value;
		case 'HEADER':
			return observation.headers?.[String(condition.path[0]).toLowerCase()];
		case 'BODY': {
			let value: unknown = observation.body;
			for (const key of condition.path) {
				if (value === null || typeof value !== 'object') return undefined;
				value = (value as Record<string | number, unknown>)[key];
			}
			if (value === undefined || value === null) return value === null ? 'null' : undefined;
			if (typeof value === 'object') return JSON.stringify(value);
			return value as string | number | boolean;
		}
	}
}

export interface ConditionOutcome {
	ok: boolean;
	soft: boolean;
	/** `[STATUS] == 200` when it holds, `[STATUS] (503) == 200` when it does not. */
	display: string;
	/** Observed value as text (bounded), for `ProbeResult.observed`. */
	observed: string;
}

const maxObservedLength = 200;

export function evaluateCondition(condition: Condition, observation: Observation): ConditionOutcome {
	const value = observe(condition, observation);
	const observed = formatObserved(condition, value);
	const ok = value !== undefined && compare(condition, value);
	const display = ok ? `${condition.left} ${condition.operator} ${condition.expected}` : `${condition.left} (${observed}) ${condition.operator} ${condition.expected}`;
	// An expired certificate is broken, not merely expiring soon.
	const soft = softPlaceholders.has(condition.placeholder) && !(condition.placeholder === 'CERTIFICATE_EXPIRATION' && typeof value === 'number' && value <= 0);
	return { ok, soft, display, observed };
}

function formatObserved(condition: Condition, value: string | number | boolean | undefined): string {
	if (value === undefined) return 'none';
	if (condition.placeholder === 'CERTIFICATE_EXPIRATION' && typeof value === 'number') return formatDuration(value);
	const text = String(value);
	return text.length > maxObservedLength ? `${text.slice(0, maxObservedLength)}…` : text;
}

function compare(condition: Condition, value: string | number | boolean): boolean {
	const { operator, expected, placeholder } = condition;
	const left = typeof value === 'number' ? value : /^-?\d+(?:\.\d+)?$/.test(String(value)) ? Number(value) : undefined;
	const right = toNumber(placeholder, expected);
	if (operator === '==' || operator === '!=') {
		const equal = left !== undefined && right !== undefined ? left === right : String(value) === expected;
		return operator === '==' ? equal : !equal;
	}
	if (left === undefined || right === undefined) return false;
	switch (operator) {
		case '<':
			return left < right;
		case '<=':
			return left <= right;
		case '>':
			return left > right;
		case '>=':
			return left >= right;
	}
}
