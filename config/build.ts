import * as z from 'zod';

export const BuildConfigSchema = z
	.strictObject({
		/**
		 * Fail `waymark build` (exit 1, no site written) when the checks find an error, as
		 * `waymark check` does; also `--strict`. Off, the site is always written and the findings are
		 * printed: a dead link never keeps a runbook fix from its readers. @default false
		 */
		strict: z.boolean().default(false),
		/**
		 * Seconds `waymark build` or `waymark check` may spend on one piece of work, from one sign of
		 * progress to the next (a page read or rendered, a diagram drawn, a rule finished, a link
		 * checked), before it stops with exit 2, naming the steps open then. It counts the same
		 * whether the run waits (a browser, the network) or keeps computing (a watcher thread ends a
		 * step that never lets go of the processor); under a debugger (`node --inspect`) only waits
		 * count. Pagefind gets half of it to answer: one that answers nothing for that long is
		 * stopped, and the site is published without a search index. @default 120
		 */
		stallTimeoutSeconds: z.number().positive().max(3600).default(120),
	})
	.prefault({});
