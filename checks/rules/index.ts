import type { Rule } from './define-rule.ts';

/** Every deterministic rule, by id (= file name). Network checks plug into the engine instead. */
export const rules = {} satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;
