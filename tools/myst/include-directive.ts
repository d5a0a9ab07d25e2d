/**
 * What an `{include}` or `{literalinclude}` shows in place of itself: the file's part as code
 * (`:literal:`, `:code:`, a language, `literalinclude`), or as MyST the page's rewrite reads in
 * turn; or why nothing of it can be shown. Includes inside included files are followed as deep as
 * `maxIncludeDepth`, and all of them share the page's budget of characters (`pulledBudget`).
 */
import { budgetText, pulledProblem, pulledBudget, sharedBudget } from '../syntax/pulled-file.ts';
import { directiveBlocks, type DirectiveBlock } from './blocks.ts';
import { frontmatterLineCount } from '../syntax/code-lines.ts';
import type { MystEngine } from './ids.ts';
import { docutilsPart, linesPart, type IncludedPart } from './include-slice.ts';
import { includedPath, type MystIncludes } from './includes.ts';

/** Includes inside included files are followed this deep; deeper, one is a notice (docutils and mystmd stop only at a file that includes itself). */
export const maxIncludeDepth = 8;

/** What a page's includes share while it is rewritten: the reader, the characters left, the files being included (the page first). */
export interface IncludeState {
	reads: MystIncludes;
	/** `chars` left for what includes show; `measured` left for what `includedHeight` reads. */
	budget: { chars: number; total: number; measured: number };
	stack: readonly string[];
	/** The project's source folder's path to the root (`MystSite.rootPath`), for paths written from `/`. */
	rootPath: string;
	/** How deep each included file's blocks nest (`includedHeight`), by path. */
	heights: Map<string, number>;
}

/** The state of a page's includes, before any is followed. */
export function includeState(page: string, reads: MystIncludes, rootPath = ''): IncludeState {
	const total = reads.pageBudget ?? pulledBudget(1);
	return {
		reads,
		budget: { chars: total, total, measured: total },
		stack: [page],
		rootPath,
		heights: new Map(),
	};
}

export type Included =
	| {
			kind: 'code';
			path: string;
			file: string;
			language: string;
			lines: string[];
			warnings: string[];
	  }
	| {
			kind: 'markdown';
			path: string;
			/** The included file's whole text, which its shown lines are found in (`placeLines`). */
			file: string;
			text: string;
			headingOffset: number;
			warnings: string[];
	  }
	| { kind: 'refused'; message: string; severity: 'error' | 'warning' };

export const isIncludeDirective = (name: string): boolean =>
	name === 'include' || name === 'literalinclude';

/** What the directive `block` of the file `from` shows. */
export function followInclude(
	block: DirectiveBlock,
	from: string,
	engine: MystEngine,
	state: IncludeState,
): Included {
	const name = block.name.toLowerCase();
	const written = block.args.trim();
	const refused = (why: string, expected: string): Included => ({
		kind: 'refused',
		severity: 'warning',
		message: `Unexpected \`{${block.name}} ${written}\`: ${why}; expected ${expected}. What it would show is not on the page`,
	});
	if (written === '') return refused('it names no file', 'a path to a file after the directive');
	const path = includedPath(from, written, state.rootPath);
	if (state.stack.includes(path))
		return refused(`\`${path}\` includes itself`, 'includes that end');
	if (state.stack.length > maxIncludeDepth)
		return refused(`more than ${maxIncludeDepth} includes deep`, 'includes that end');
	const read = state.reads.include(path);
	if ('problem' in read) {
		// A file the project's build writes first (a table a script makes before `myst build`) is missing only here: say so.
		const { severity, advice } = pulledProblem(
			read.problem,
			`a file at \`${path}\` in the tree (one the project's build writes first is not there when Waymark reads it)`,
			'MyST',
		);
		return {
			kind: 'refused',
			severity,
			message: `Unexpected \`{${block.name}} ${written}\` (\`${path}\`): ${read.problem}; ${advice}. What it would show is not on the page`,
		};
	}
	const { options } = block;
	const language = options['language'] ?? options['lang'] ?? options['code'];
	const literal = showsCode(block, engine);
	const part: IncludedPart & { warnings?: string[] } =
		engine === 'sphinx' && name === 'include'
			? docutilsPart(read.text, options)
			: linesPart(read.text, options, engine);
	if ('problem' in part)
		return refused(`\`${path}\` cannot be cut so: ${part.problem}`, 'options the file matches');
	if (part.text.length > state.budget.chars)
		return refused(
			`past ${budgetText(state.budget.total)} of included files on one page (${sharedBudget})`,
			'fewer or smaller files',
		);
	state.budget.chars -= part.text.length;
	const warnings = (part.warnings ?? []).map(
		(warning) =>
			`Unexpected \`{${block.name}} ${written}\`: ${warning}, as MyST shows it; expected options the file matches`,
	);
	if (literal)
		return {
			kind: 'code',
			path,
			file: read.text,
			language: (language ?? '').trim().split(/\s+/)[0] ?? '',
			lines: part.text === '' ? [] : part.text.split(/\r\n|\r|\n/),
			warnings,
		};
	const offset = Number(options['heading-offset'] ?? 0);
	return {
		kind: 'markdown',
		path,
		file: read.text,
		text: part.text,
		headingOffset: Number.isInteger(offset) && offset > 0 ? Math.min(offset, 5) : 0,
		warnings,
	};
}

/** Whether the directive shows its file as code: `literalinclude`, `:literal:`, `:code:` (mystmd: any language). */
function showsCode(block: DirectiveBlock, engine: MystEngine): boolean {
	const { options } = block;
	return (
		block.name.toLowerCase() === 'literalinclude' ||
		options['literal'] !== undefined ||
		options['code'] !== undefined ||
		(engine === 'mystmd' && (options['language'] ?? options['lang']) !== undefined)
	);
}

/**
 * How deep the blocks of the file an include shows nest (0 for code, or a file it cannot read),
 * its own includes followed: the colons of a callout around the include must outnumber those of
 * every callout inside it. Each file is measured once a page.
 */
export function includedHeight(
	block: DirectiveBlock,
	from: string,
	engine: MystEngine,
	state: IncludeState,
): number {
	if (showsCode(block, engine) || block.args.trim() === '') return 0;
	const path = includedPath(from, block.args.trim(), state.rootPath);
	const known = state.heights.get(path);
	if (known !== undefined) return known;
	// A file that includes itself measures as nothing on its way round.
	state.heights.set(path, 0);
	const read = state.reads.include(path);
	// Past the page's budget, a file is refused when it is followed: it is not measured either.
	if ('problem' in read || read.text.length > state.budget.measured) return 0;
	state.budget.measured -= read.text.length;
	const lines = read.text.split('\n');
	const measure = (inner: DirectiveBlock): number =>
		1 +
		Math.max(
			0,
			...inner.children.map(measure),
			inner.kind === 'directive' && isIncludeDirective(inner.name.toLowerCase())
				? includedHeight(inner, path, engine, state)
				: 0,
		);
	const height = Math.max(0, ...directiveBlocks(lines, frontmatterLineCount(lines)).map(measure));
	state.heights.set(path, height);
	return height;
}

/** ATX headings outside fenced code `offset` levels deeper, as MyST-Parser's `:heading-offset:` makes them (at most `######`). */
export function offsetHeadings(
	lines: readonly string[],
	offset: number,
	literal: readonly boolean[],
): string[] {
	if (offset === 0) return [...lines];
	return lines.map((line, i) =>
		literal[i]
			? line
			: line.replace(
					/^([ \t]{0,3})(#{1,6})(?=[ \t]|$)/,
					(_, indent: string, marks: string) =>
						`${indent}${'#'.repeat(Math.min(6, marks.length + offset))}`,
				),
	);
}
