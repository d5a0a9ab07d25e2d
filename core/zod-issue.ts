import type { z } from 'zod';
import { escapeLogLine } from './escape.ts';

/**
 * One zod issue as one line of a log: where (keys from the answer are quoted, cut to 40
 * characters) and what was expected. Control characters never reach the line.
 */
export function describeIssue(issue: z.core.$ZodIssue | undefined, prefix = ''): string {
	const where = (issue?.path ?? [])
		.map((key) =>
			typeof key === 'number'
				? `[${key}]`
				: /^[A-Za-z_]\w*$/.test(String(key))
					? `.${String(key)}`
					: `[${JSON.stringify(String(key).slice(0, 40))}]`,
		)
		.join('');
	return escapeLogLine(
		`at ${`${prefix}${where}`.replace(/^\./, '') || 'the top'}: ${plainMessage(issue?.message ?? 'invalid')}`,
	);
}

/** What a JavaScript type is called in a message: the words of the YAML and JSON people write. */
const typeWords: Record<string, string> = {
	string: 'text',
	number: 'a number',
	int: 'a whole number',
	boolean: '`true` or `false`',
	array: 'a list',
	object: 'a mapping',
	record: 'a mapping',
	null: '`null`',
	undefined: 'nothing',
	date: 'a date',
};

/** zod's own wording ("Invalid input: expected string, received array") in plain words ("expected text, found a list"). */
export function plainMessage(message: string): string {
	const type = /^(?:Invalid input: )?expected (\w+), received (\w+)$/i.exec(message);
	if (type)
		return `expected ${typeWords[type[1] ?? ''] ?? type[1]}, found ${typeWords[type[2] ?? ''] ?? type[2]}`;
	const option = /^Invalid option: expected one of (.+)$/i.exec(message);
	if (option)
		return `expected one of ${(option[1] ?? '')
			.split('|')
			.map((value) => `\`${value.replace(/^"|"$/g, '')}\``)
			.join(', ')}`;
	return message.replace(/^Invalid input: /, '');
}
