import * as z from 'zod';
import { expectedOneOf, show } from './error-map.ts';

const severities = ['error', 'warning', 'off'];

/**
 * How loud a rule, a lint rule or a link outcome is: `error` fails the run, `warning` is reported
 * and fails only with `--fail-on warning`, `off` is not checked or not reported. `warn` is accepted
 * for `warning`, as ESLint spells it.
 */
export const SeveritySchema = z
	.enum(['error', 'warning', 'warn', 'off'], {
		error: (issue) =>
			issue.input === 'info'
				? 'Unexpected `info`, expected `error`, `warning` or `off`; `info` is no longer a severity: use `warning` (reported, fails only with `--fail-on warning`) or `off`'
				: `Unexpected ${show(issue.input)}, ${expectedOneOf(String(issue.input), severities, 'severity')}`,
	})
	.transform((value) => (value === 'warn' ? 'warning' : value));

export type Severity = z.output<typeof SeveritySchema>;
