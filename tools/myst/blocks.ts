/**
 * A page's MyST blocks as MyST-Parser and mystmd read them, before anything is rewritten:
 * directives written as fenced code (```` ```{note} ````, any number of backticks or tildes) or as
 * colon fences (`:::{note}`), each with its options (`:key: value` lines, or a `---` YAML block) and
 * its body, nested as written; and plain fenced code, whose lines are never read as syntax. A
 * directive is closed by a fence of its own character at least as long as its opening, the
 * innermost open one first; one never closed runs to the end of the page (MyST reads it so).
 */
import { indentWidth, nextMatchingLines } from '../syntax/code-lines.ts';

export interface DirectiveBlock {
	kind: 'directive' | 'code';
	/** The opening line (0-based). */
	start: number;
	/** The first line of the body, after the options. */
	bodyStart: number;
	/** The closing line, or the page's length when never closed. */
	end: number;
	name: string;
	/** The text after `{name}` on the opening line. */
	args: string;
	options: Record<string, string>;
	/** The opening line's indentation, as written. */
	indent: string;
	/** The fence as written: ```` ``` ````, `~~~`, `:::`. */
	fence: string;
	children: DirectiveBlock[];
	/** Directives whose body is no Markdown (code, diagrams, tables written as data): never read as syntax. */
	literal: boolean;
	/** Opened inside `maxDepth` blocks: nothing inside it is read as a block (its body is kept as written). */
	tooDeep?: true;
}

/**
 * How deep blocks are read inside each other. Past it a block's body is kept as written: each level
 * is written one colon longer than the one inside it, so n levels cost n² colons and n frames of
 * the stack; a page of openers never closed nests as deep as it is long.
 */
export const maxDepth = 16;

/** Directives whose body is text of another kind, shown as code or read by the rewrite itself, never parsed as Markdown. */
const literalBodies = new Set([
	'code',
	'code-block',
	'sourcecode',
	'code-cell',
	'mermaid',
	'math',
	'raw',
	'csv-table',
	'tabulator',
	'literalinclude',
	'toctree',
	'graphviz',
	'plantuml',
	'eval-md',
	'exec',
	'glossary',
	'list-table',
	'embed',
	'bibliography',
	'jupyter-execute',
	'ipython',
	'doctest',
	'testcode',
	'testoutput',
	'prompt',
	'parsed-literal',
	'highlight',
	'autoclass',
	'automodule',
	'autofunction',
	'automethod',
	'include',
	'image',
]);

const open = /^([ \t]*)(`{3,}|~{3,}|:{3,})\{([A-Za-z][\w:.+-]*)\}[ \t]*(.*?)[ \t]*\r?$/;
// `[^]`, not `.`: a `.` stopped at U+2028 failed the `$`, and each shorter run of backticks read the rest again.
const codeOpen = /^([ \t]*)(`{3,}|~{3,})([^]*)$/;
const yamlFence = /^[ \t]*---[ \t]*\r?$/;

/** The page's top-level blocks (each holding the ones nested in it), from `from` (after the front matter). */
export function directiveBlocks(lines: readonly string[], from: number): DirectiveBlock[] {
	const top: DirectiveBlock[] = [];
	const stack: DirectiveBlock[] = [];
	// Where each directive's `---` options would close, found once: a search from each opener
	// cost the page's length per directive.
	const dashes = nextMatchingLines(lines, (line) => yamlFence.test(line));
	const closes = (block: DirectiveBlock, line: string): boolean => {
		const fence = new RegExp(
			`^[ \\t]*${block.fence[0] === '`' ? '`' : block.fence[0] === '~' ? '~' : ':'}{${block.fence.length},}[ \\t]*\\r?$`,
		);
		return fence.test(line);
	};
	for (let i = from; i < lines.length; i++) {
		const line = lines[i]!;
		const current = stack.at(-1);
		if (current && closes(current, line)) {
			current.end = i;
			stack.pop();
			continue;
		}
		// Inside code or a body that is not Markdown, nothing opens.
		if (current && (current.kind === 'code' || current.literal)) continue;
		const directive = open.exec(line);
		const code = directive ? null : codeOpen.exec(line);
		if (!directive && !(code && !(code[2]![0] === '`' && code[3]!.includes('`')))) continue;
		// Indented four columns past its container, a fence is indented code, not a block.
		if (indentWidth(line) - (current ? indentWidth(current.indent) : 0) >= 4 && !current) continue;
		const block: DirectiveBlock = directive
			? {
					kind: 'directive',
					start: i,
					bodyStart: i + 1,
					end: lines.length,
					name: directive[3]!,
					args: directive[4]!,
					options: {},
					indent: directive[1]!,
					fence: directive[2]!,
					children: [],
					literal: literalBodies.has(directive[3]!.toLowerCase()),
				}
			: {
					kind: 'code',
					start: i,
					bodyStart: i + 1,
					end: lines.length,
					name: '',
					args: code![3]!.trim(),
					options: {},
					indent: code![1]!,
					fence: code![2]!,
					children: [],
					literal: true,
				};
		if (block.kind === 'directive')
			block.bodyStart = readOptions(lines, i + 1, block.options, dashes);
		if (stack.length >= maxDepth && !block.literal) {
			block.literal = true;
			block.tooDeep = true;
		}
		(current ? current.children : top).push(block);
		stack.push(block);
	}
	return top;
}

/** The options after a directive's opening line (`:key: value` lines, or a `---` YAML block of `key: value` lines), into `options`; the body's first line. */
function readOptions(
	lines: readonly string[],
	at: number,
	options: Record<string, string>,
	dashes: readonly number[],
): number {
	if (yamlFence.test(lines[at] ?? '')) {
		const end = dashes[at + 1]!;
		if (end < lines.length) {
			for (let i = at + 1; i < end; i++) {
				const option = /^[ \t]*([\w-]+)[ \t]*:[ \t]*(.*?)[ \t]*\r?$/.exec(lines[i]!);
				if (option) options[option[1]!] = option[2]!.replace(/^(["'])(.*)\1$/, '$2');
			}
			return end + 1;
		}
	}
	let i = at;
	for (; i < lines.length; i++) {
		const option = /^[ \t]*:([\w-]+):(?:[ \t]+(.*?))?[ \t]*\r?$/.exec(lines[i]!);
		if (!option) break;
		options[option[1]!] = option[2] ?? '';
	}
	return i;
}
