import * as z from 'zod';
import { parseDuration } from '../core/duration.ts';
import { GlobSchema } from './patterns.ts';
import { show } from './error-map.ts';
import { SeveritySchema, type Severity } from './severity.ts';

const dayMs = 86_400_000;

/** The most `checks.maxPageBytes` may be: 10 MB (see its doc below). */
const largestPageBytes = 10 * 1024 * 1024;

/**
 * Every finding id a team may set a severity for: the rule registry (`checks/rules/index.ts`) plus
 * the ids the network steps report. Kept here so config parsing stays free of rule code;
 * `test/checks/config.test.ts` fails when it drifts from the registry.
 */
export const ruleIds = [
	'readable-files',
	'frontmatter',
	'header-block',
	'internal-links',
	'relations',
	'breadcrumb-trail',
	'orphan-pages',
	'code-fences',
	'fence-languages',
	'dialect-syntax',
	'markdown-lint',
	'mdx-references',
	'probe-declarations',
	'alert-runbooks',
	'alert-placeholders',
	'review-due',
	'cited-changes',
	'untrusted-content',
	'mermaid-syntax',
	'mermaid-render',
	'external-links',
	'site-links',
	'probe-failed',
	'hostname-drift',
] as const;

/** Rules of `remark-preset-lint-recommended`, by the name `checks.lint` takes. */
export const lintRuleNames = [
	'final-newline',
	'list-item-bullet-indent',
	'list-item-indent',
	'no-blockquote-without-marker',
	'no-literal-urls',
	'ordered-list-marker-style',
	'hard-break-spaces',
	'no-duplicate-definitions',
	'no-heading-content-indent',
	'no-shortcut-reference-image',
	'no-shortcut-reference-link',
	'no-undefined-references',
	'no-unused-definitions',
] as const;

/** Severity per key of `known`; an unknown key is reported with a near miss (config/error-map.ts). */
const severitiesOf = <K extends string>(known: readonly [K, ...K[]]) =>
	z
		.partialRecord(z.enum(known), SeveritySchema)
		// Users write known ids (IntelliSense lists them); code looks severities up by any finding's id.
		.transform((record): Partial<Record<string, Severity>> => record);

export const ChecksConfigSchema = z
	.strictObject({
		/** Severity per rule id (`error`, `warning` or `off`; `warn` is accepted too), e.g. `{ orphan-pages: off }`. @default each rule's own default */
		rules: severitiesOf(ruleIds).default({}),
		/**
		 * Severity per `remark-preset-lint-recommended` rule, e.g. `{ no-literal-urls: warning, final-newline: error }`; wins over the repository's own lint config.
		 * @default as the repository's `.markdownlint*` or remark config sets each rule (at `warning`); without one, only `no-duplicate-definitions` at `warning` (`internal-links` reports undefined references and unused definitions)
		 */
		lint: severitiesOf(lintRuleNames).default({}),
		/** Glob patterns (relative to the root: `*` within a folder, `**` across folders, e.g. `drafts/**`) of files the checks report nothing on; links into them still resolve. @default [] */
		ignore: z.array(GlobSchema).default([]),
		/**
		 * Largest page, in bytes, that is read and rendered. A larger page is a `readable-files`
		 * warning and is published as a short notice instead of its content. At most 10 MB: a 10 MB
		 * page already takes 3.5 GiB to build, and a 50 MB one runs Node out of memory
		 * (`bench/HISTORY.md`, `## large pages`). @default 2097152 (2 MB)
		 */
		maxPageBytes: z
			.int()
			.positive()
			.max(largestPageBytes, {
				error: (issue) =>
					`Unexpected ${show(issue.input)}, expected at most ${largestPageBytes} (10 MB): a larger page runs the build out of memory; split the page instead`,
			})
			.default(2 * 1024 * 1024),
		/**
		 * Deepest nesting of block quotes and lists a page may have. A deeper page is a
		 * `readable-files` warning and is published as a short notice instead of its content. @default 32
		 */
		maxNestingDepth: z.int().min(1).max(100).default(32),
		/**
		 * How long a review holds: a page whose `reviewed` date is older than this is a `review-due`
		 * warning, and `/status/reviews/` lists it. Whole days, e.g. `90d`; `48h` counts as 2 days. @default '180d'
		 */
		reviewAfter: z
			.string()
			.refine((text) => (parseDuration(text) ?? 0) >= dayMs, {
				error: (issue) =>
					`Unexpected ${show(issue.input)}, expected a duration of at least one day such as \`90d\` or \`180d\``,
			})
			.default('180d'),
	})
	.prefault({});
