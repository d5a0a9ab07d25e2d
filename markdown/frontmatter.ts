import * as z from 'zod';
import { isIsoDate } from './review-date.ts';

/**
 * Guidebook frontmatter. Every key is optional; where a key is absent, the page's `> **Status:**`
 * header block, its first heading or its git history fills it in (see `markdown/`).
 * Unknown keys are kept: trees written for other tools carry their own.
 */
export const pageStatuses = ['active', 'draft', 'deprecated', 'archived'] as const;
export type PageStatus = (typeof pageStatuses)[number];

const RelativeLinksSchema = z
	.union([z.string(), z.array(z.string())])
	.transform((value) => (typeof value === 'string' ? [value] : value));

export const GuidebookFrontmatterSchema = z.looseObject({
	/** Page title. @default the first H1, else the file name */
	title: z.string().min(1).optional(),
	/** One-sentence summary, used in listings, search results and `<meta name="description">`. */
	description: z.string().optional(),
	/** Lifecycle of the runbook, shown as a badge. @default the header block's `Status`, else none (no badge) */
	status: z.enum(pageStatuses).optional(),
	/** Team or person who answers for this page: shown in the page header, and `/status/reviews/` groups the pages due for review by it. */
	owner: z.string().optional(),
	/**
	 * The day someone last checked the page against the systems it describes, `YYYY-MM-DD`.
	 * `check` warns when it is older than `checks.reviewAfter` (`review-due`), and a change to what
	 * the page cites counts as seen when it is no later than this day (`cited-changes`).
	 */
	reviewed: z
		.union([
			z
				.string()
				.refine((text) => isIsoDate(text.trim()), { error: 'expected a date as `YYYY-MM-DD`' }),
			z.date(),
		])
		.transform((value) =>
			typeof value === 'string' ? value.trim() : value.toISOString().slice(0, 10),
		)
		.optional(),
	/** The day the page last changed, `YYYY-MM-DD`. @default the date of the file's last git commit */
	lastUpdated: z.coerce.date().optional(),
	/** Pages this one depends on (relative links, as written in Markdown). */
	upstream: RelativeLinksSchema.optional(),
	/** Pages that depend on this one. */
	downstream: RelativeLinksSchema.optional(),
	/** Pages worth reading alongside. */
	related: RelativeLinksSchema.optional(),
	tags: z.array(z.string()).optional(),
	/** Live status probes; their shape is validated by the probe schema in `checks/probes/`. */
	probes: z.array(z.unknown()).optional(),
	/** Names of the Prometheus alerts this page is the runbook for; checked against `alerts.rules`. */
	alerts: z.array(z.string().min(1)).optional(),
});

export type GuidebookFrontmatter = z.output<typeof GuidebookFrontmatterSchema>;

type Shape = typeof GuidebookFrontmatterSchema.shape;

/**
 * The site's reading of frontmatter: the same keys, but a bad value is dropped instead of failing
 * the page (the page renders with a notice; the `frontmatter` rule reports it), and frontmatter
 * that is not a mapping reads as none. Only the checks judge frontmatter.
 */
export const SiteFrontmatterSchema = z.preprocess(
	(value) => (value && typeof value === 'object' && !Array.isArray(value) ? value : {}),
	z.looseObject(
		Object.fromEntries(
			Object.entries(GuidebookFrontmatterSchema.shape).map(([key, schema]) => [
				key,
				(schema as z.ZodOptional).catch(undefined),
			]),
		) as { [K in keyof Shape]: z.ZodCatch<Shape[K]> },
	),
);

/** How to fix a bad value, per key; shown next to the zod message. */
export const frontmatterHints: Record<string, string> = {
	title: 'Write the title as text, e.g. `title: Dolibarr operations`.',
	status: `Use one of ${pageStatuses.map((s) => `\`${s}\``).join(', ')}.`,
	lastUpdated: 'Write an ISO date, e.g. `lastUpdated: 2026-06-23`.',
	reviewed: 'Write the day of the last review as `YYYY-MM-DD`, e.g. `reviewed: 2026-09-30`.',
	upstream: 'Write a relative link or a list of them, e.g. `upstream: [../README.md]`.',
	downstream: 'Write a relative link or a list of them, e.g. `downstream: [backup.md]`.',
	related: 'Write a relative link or a list of them, e.g. `related: [../odoo/README.md]`.',
	tags: 'Write a list of words, e.g. `tags: [erp, postgres]`.',
	probes:
		'Write a list of probe declarations; see the "Writing guidebooks" guide, section Live status.',
	alerts: 'Write a list of alert names, e.g. `alerts: [ErpDown, ErpBackupFailed]`.',
};
