import { z } from 'zod';

const RuleSeveritySchema = z.enum(['error', 'warn', 'off']);

export const ChecksConfigSchema = z
	.strictObject({
		/** Severity per rule id, e.g. `{ orphan-pages: off }`. @default each rule's own default */
		rules: z.record(z.string(), RuleSeveritySchema).default({}),
		/** remark-lint rules on top of `remark-preset-lint-recommended`, e.g. `{ no-undefined-references: off }`. @default {} */
		lint: z.record(z.string(), RuleSeveritySchema).default({}),
		/** Glob patterns (relative to the root) of files the checks skip. @default [] */
		ignore: z.array(z.string()).default([]),
	})
	.prefault({});
