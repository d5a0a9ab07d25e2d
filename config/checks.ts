import { distance } from 'fastest-levenshtein';
import { z } from 'zod';

const RuleSeveritySchema = z.enum(['error', 'warn', 'off']);

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
	'markdown-lint',
	'probe-declarations',
	'untrusted-content',
	'mermaid-syntax',
	'mermaid-render',
	'external-links',
	'site-links',
	'probe-failed',
	'hostname-drift',
];

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
];

/** A record whose keys must be in `known`; an unknown key is reported with the list and a near miss. */
const recordOf = (known: string[], noun: string) =>
	z.record(z.string().refine((key) => known.includes(key)), RuleSeveritySchema, {
		error: (issue) => {
			if (issue.code !== 'invalid_key') return undefined;
			const key = typeof issue.input === 'string' ? issue.input : JSON.stringify(issue.input);
			const near = known.find((k) => distance(k, key) <= 2);
			// A near miss says enough; otherwise list every id.
			return near ? `Unexpected ${noun} \`${key}\`, expected a known ${noun}; did you mean \`${near}\`` : `Unexpected ${noun} \`${key}\`, expected one of ${known.map((k) => `\`${k}\``).join(', ')}`;
		},
	});

export const ChecksConfigSchema = z
	.strictObject({
		/** Severity per rule id, e.g. `{ orphan-pages: off }`. @default each rule's own default */
		rules: recordOf(ruleIds, 'rule').default({}),
		/**
		 * Severity per `remark-preset-lint-recommended` rule, e.g. `{ no-literal-urls: warn, final-newline: error }`; wins over the repository's own lint config.
		 * @default as the repository's `.markdownlint*` or remark config sets each rule (at `warn`); without one, only `no-duplicate-definitions` at `warn` (`internal-links` reports undefined references and unused definitions)
		 */
		lint: recordOf(lintRuleNames, 'remark-lint rule').default({}),
		/** Glob patterns (relative to the root, e.g. `drafts/**`) of files the checks report nothing on; links into them still resolve. @default [] */
		ignore: z.array(z.string()).default([]),
		/**
		 * Largest page, in bytes, that is read and rendered. A larger page is a `readable-files`
		 * warning and is published as a short notice instead of its content. @default 2097152 (2 MB)
		 */
		maxPageBytes: z
			.int()
			.positive()
			.default(2 * 1024 * 1024),
		/**
		 * Deepest nesting of block quotes and lists a page may have. A deeper page is a
		 * `readable-files` warning and is published as a short notice instead of its content. @default 32
		 */
		maxNestingDepth: z.int().min(1).max(100).default(32),
	})
	.prefault({});
