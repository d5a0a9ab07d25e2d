import type { Rule } from './define-rule.ts';
import internalLinks from './internal-links.ts';

/** Every deterministic rule, by id (= file name). Network checks plug into the engine instead. */
export const rules = {
	'internal-links': internalLinks,
} satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;
