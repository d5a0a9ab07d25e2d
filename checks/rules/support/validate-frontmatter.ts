import { isMap, isSeq } from 'yaml';
import type { z } from 'zod';
import { configErrorMap } from '../../../config/error-map.ts';
import { frontmatterHints, GuidebookFrontmatterSchema } from '../../../markdown/frontmatter.ts';
import { withoutKeys } from '../../../tree/tool-frontmatter.ts';
import { frontmatterDocument, positionOfKey, type PageModel } from '../../../tree/parse-page.ts';
import type { GuidebookTree } from '../../../tree/load-tree.ts';
import type { Position } from '../../finding.ts';

/** One bad frontmatter value (or YAML syntax error), located in its Markdown file. */
export interface FrontmatterProblem {
	/** Relative to the guidebook root. */
	path: string;
	position: Position;
	/** Key path as written, `status` or `upstream.1`; `''` for a YAML syntax error. */
	key: string;
	message: string;
	hint?: string;
}

/** Checks every page's frontmatter against `GuidebookFrontmatterSchema`; never throws. */
export function validateFrontmatter(tree: GuidebookTree): FrontmatterProblem[] {
	const problems: FrontmatterProblem[] = [];
	for (const page of tree.pages.values()) problems.push(...validatePage(page));
	return problems;
}

/** The problems of one page's frontmatter; none without frontmatter. Keys of the tree's tool (`frontmatter.toolKeys`) are not Waymark's to judge. */
export function validatePage(page: PageModel): FrontmatterProblem[] {
	const frontmatter = page.frontmatter;
	if (!frontmatter) return [];
	if (frontmatter.errors.length > 0) {
		return frontmatter.errors.map((error) => ({
			path: page.path,
			position: error.position,
			key: '',
			message: `Unexpected YAML syntax: ${error.message}`,
			hint: 'Frontmatter is YAML between two `---` lines; quote values that contain `: ` or start with `[`, `{`, `*` or `&`.',
		}));
	}
	const contents = frontmatterDocument(frontmatter).document.contents;
	if (contents && !isMap(contents)) {
		return [
			{
				path: page.path,
				position: { line: frontmatter.firstLine, column: 1 },
				key: '',
				message: `Unexpected ${isSeq(contents) ? 'list' : 'single value'} as frontmatter, expected \`key: value\` lines`,
				hint: 'The page is shown without it; write each setting as `key: value`, e.g. `title: Restart the queue`',
			},
		];
	}
	const result = GuidebookFrontmatterSchema.safeParse(
		withoutKeys(frontmatter.data ?? {}, frontmatter.toolKeys ?? []),
	);
	if (result.success) return [];
	return result.error.issues.map((issue) => {
		const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
		const key = path.join('.');
		const actual = valueAt(frontmatter.data, path);
		const hint = frontmatterHints[String(path[0] ?? '')];
		return {
			path: page.path,
			position: positionOfKey(frontmatter, path),
			key,
			message: `Unexpected ${describe(actual)} for \`${key}\`, ${expectation(issue, actual)}`,
			...(hint && { hint }),
		};
	});
}

function valueAt(data: unknown, path: Array<string | number>): unknown {
	let value = data;
	for (const part of path)
		value =
			value && typeof value === 'object'
				? (value as Record<string | number, unknown>)[part]
				: undefined;
	return value;
}

function describe(value: unknown): string {
	if (value === undefined) return 'missing value';
	if (value instanceof Date) return `\`${value.toISOString().slice(0, 10)}\``;
	return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

/**
 * What was expected, in the words the configuration's messages use (`config/error-map.ts`: "expected
 * text", "expected one of `active`, `draft`; did you mean `active`"), never zod's own ("invalid
 * input: expected string, received array"); a message of Waymark's own schema as it is.
 */
function expectation(issue: z.core.$ZodIssue, actual: unknown): string {
	if (issue.code === 'invalid_type' && issue.expected === 'date') return 'expected a date';
	const worded = configErrorMap({ ...issue, input: actual } as z.core.$ZodRawIssue);
	const expected = worded === undefined ? -1 : worded.indexOf(', expected ');
	return worded !== undefined && expected !== -1
		? worded.slice(expected + 2)
		: lowerFirst(issue.message);
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}
