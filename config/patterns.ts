import * as z from 'zod';
import { globProblem } from '../core/glob.ts';
import { compileLinearRegex } from '../core/linear-regex.ts';
import { show } from './error-map.ts';

/**
 * A glob of the config (`checks.ignore`, link rules, private hosts). Globs run on RE2's
 * linear-time engine (`core/glob.ts`), as a tree under review writes its own config; one it cannot
 * run (an extglob negation, `!(draft).md`) is refused at its key.
 */
export const GlobSchema = z.string().superRefine((pattern, ctx) => {
	const problem = globProblem(pattern);
	if (problem)
		ctx.addIssue({
			code: 'custom',
			message: `Unexpected ${show(pattern)}, expected a glob that runs in linear time (${problem})`,
		});
});

/** A regular expression of the config, run by RE2 (`core/linear-regex.ts`); lookaround and backreferences are refused at their key. */
export const RegexSchema = z.string().superRefine((source, ctx) => {
	const compiled = compileLinearRegex(source);
	if (!compiled.ok)
		ctx.addIssue({
			code: 'custom',
			message: `Unexpected ${show(source)}, expected a regular expression that runs in linear time, such as \`^L\\d+$\` (${compiled.reason})`,
		});
});
