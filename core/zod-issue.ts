import type { z } from 'zod';
import { escapeLogLine } from './escape.ts';

/**
 * One zod issue as one line of a log: where (keys from the answer are quoted, cut to 40
 * characters) and what was expected. Control characters never reach the line.
 */
export function describeIssue(issue: z.core.$ZodIssue | undefined, prefix = ''): string {
	const where = (issue?.path ?? [])
		.map((key) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_]\w*$/.test(String(key)) ? `.${String(key)}` : `[${JSON.stringify(String(key).slice(0, 40))}]`))
		.join('');
	const message = (issue?.message ?? 'invalid').replace(/^Invalid input: /, '');
	return escapeLogLine(`at ${`${prefix}${where}`.replace(/^\./, '') || 'the top'}: ${message}`);
}
