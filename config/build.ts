import { z } from 'zod';

export const BuildConfigSchema = z
	.strictObject({
		/**
		 * Fail `waymark build` (exit 1, no site written) when the checks find an error, as
		 * `waymark check` does; also `--strict`. Off, the site is always written and the findings are
		 * printed: a dead link never keeps a runbook fix from its readers. @default false
		 */
		strict: z.boolean().default(false),
		/**
		 * Seconds `waymark build` or `waymark check` may go without progress (a page read or
		 * rendered, a diagram drawn, a rule finished, a link checked) before it stops with exit 2,
		 * naming the step it was waiting on. @default 120
		 */
		stallTimeoutSeconds: z.number().positive().max(3600).default(120),
	})
	.prefault({});
