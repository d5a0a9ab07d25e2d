import { posix } from 'node:path';
import { literalLines } from './code-lines.ts';
import type { OriginLines } from './line-origins.ts';
import type { MkdocsInputs } from './mkdocs-settings.ts';
import { budgetText, pulledBudget, pulledProblem, sharedBudget } from './pulled-file.ts';
import { codeSpanOf, dedent } from './mkdocs-snippets.ts';
import type { SourceNote } from './source-note.ts';

/**
 * mkdocs-include-markdown-plugin's directives, run as its `on_page_markdown` runs them, before the
 * macros plugin and Python-Markdown: `{% include-markdown "file" … %}` and, unless the macros
 * plugin owns the tag (`ownsInclude`), `{% include "file" … %}`, each replaced by the file's text.
 * A path that starts with `./` or `../` is read from the including file's folder, any other from
 * the docs folder, the root (never absolute, never a glob, as the plugin resolves them), through
 * `inputs.markdownInclude`, which judges it as a snippet is judged; one that cannot be shown is a
 * notice and a finding. `start`/`end` take the text between two markers, `dedent`, the includer's
 * indentation (`preserve-includer-indent`, on by default) and, for `include-markdown`,
 * `heading-offset` and relative URLs rewritten for the including page (`rewrite-relative-urls`,
 * on by default), and `trailing-newlines`; `comments` add nothing a reader sees. Included files' own directives run too.
 * Directives in code run too, as the plugin runs them (its own example includes a YAML file into a
 * fenced block).
 */
export function expandMarkdownIncludes(input: OriginLines, page: string, settings: { ownsInclude: boolean }, inputs: Pick<MkdocsInputs, 'markdownInclude' | 'pageBudget'>, notes: SourceNote[]): OriginLines {
	const budget = inputs.pageBudget ?? pulledBudget(1);
	return expand(input, { page, from: page, settings, inputs, notes, depth: 0, seen: new Set(), budget: { chars: budget, total: budget } });
}

/** Deepest chain of includes inside includes before one is shown as a notice. */
const maxDepth = 8;

interface ExpandState {
	/** The page being rendered, which rewritten URLs are relative to. */
	page: string;
	/** The file whose text this is, which include paths are relative to. */
	from: string;
	settings: { ownsInclude: boolean };
	inputs: Pick<MkdocsInputs, 'markdownInclude'>;
	notes: SourceNote[];
	depth: number;
	seen: Set<string>;
	budget: { chars: number; total: number };
}

const directive = /\{%-?[ \t\r\n]*(include-markdown|include)[ \t\r\n]+("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')((?:[ \t\r\n]+[\w-]+=(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[^\s%]+))*)[ \t\r\n]*-?%\}/g;
const argument = /([\w-]+)=(?:"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|([^\s%]+))/g;

function expand(input: OriginLines, state: ExpandState): OriginLines {
	const text = input.lines.join('\n');
	if (!text.includes('{%')) return input;
	const starts = [0];
	for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
	// Asked in increasing order of offset (each match's start, then its end): one pass over the lines.
	let cursor = 0;
	const lineAt = (offset: number) => {
		while (cursor + 1 < starts.length && (starts[cursor + 1] as number) <= offset) cursor++;
		return cursor;
	};
	const out: OriginLines = { lines: [], origins: [] };
	let line = 0;
	for (const match of text.matchAll(directive)) {
		const kind = match[1] as 'include-markdown' | 'include';
		if (kind === 'include' && !state.settings.ownsInclude) continue;
		const first = lineAt(match.index);
		const last = lineAt(match.index + match[0].length - 1);
		if (first < line) continue;
		for (; line < first; line++) push(out, input.lines[line] ?? '', input.origins[line] ?? 1);
		const firstText = input.lines[first] ?? '';
		const before = firstText.slice(0, match.index - (starts[first] as number));
		const after = (input.lines[last] ?? '').slice(match.index + match[0].length - (starts[last] as number));
		const origin = input.origins[first] ?? 1;
		const column = state.depth === 0 ? before.length + 1 : 1;
		const included = include(kind, unquote(match[2] ?? '""'), options(match[3] ?? ''), { origin, column, indent: /^[ \t]*$/.test(before) ? before : '' }, state);
		const body = [...included];
		body[0] = `${before}${body[0] ?? ''}`;
		body[body.length - 1] = `${body.at(-1) ?? ''}${after}`;
		for (const added of body) push(out, added, origin);
		line = last + 1;
	}
	for (; line < input.lines.length; line++) push(out, input.lines[line] ?? '', input.origins[line] ?? 1);
	return out;
}

function push(out: OriginLines, line: string, origin: number): void {
	out.lines.push(line);
	out.origins.push(origin);
}

/** The lines that take the directive's place: the file's (its first line after what came before the tag), or a notice. */
function include(kind: 'include-markdown' | 'include', written: string, args: Record<string, string>, at: { origin: number; column: number; indent: string }, state: ExpandState): string[] {
	const report = (message: string, severity: SourceNote['severity'] = 'warning'): string[] => {
		state.notes.push({ line: at.origin, column: at.column, severity, message });
		return [`*(Included file ${codeSpanOf(written)} is not shown here)*`];
	};
	const tag = `\`{% ${kind} "${written}" %}\``;
	if (written === '') return report(`Unexpected ${tag} without a file name, expected the path of a file to include`);
	if (/[*?[]/.test(written)) return report(`Unexpected glob in ${tag}, expected one file's path: Waymark reads no globs in includes`);
	if (written.startsWith('/') || /^[a-z][\w+.-]*:/i.test(written)) return report(`Unexpected ${tag} by an absolute path or URL, expected a path from the docs folder: Waymark never downloads or reads outside the repository`);
	if (state.depth >= maxDepth) return report(`Unexpected ${tag} more than ${maxDepth} includes deep, expected includes that end`);
	const path = posix.normalize(posix.join(/^\.\.?\//.test(written) ? posix.dirname(state.from) : '', written));
	const read = state.inputs.markdownInclude(path);
	if ('problem' in read) {
		const { severity, advice } = pulledProblem(read.problem, 'a file of the repository, named from the docs folder (or from the including file\'s folder with `./` or `../`)', 'MkDocs');
		return report(`Unexpected ${tag}: ${read.problem}; ${advice}`, severity);
	}
	let content = read.text.replace(/\r\n?/g, '\n');
	const start = args['start'] === undefined ? undefined : pythonEscapes(args['start']);
	const end = args['end'] === undefined ? undefined : pythonEscapes(args['end']);
	if (start !== undefined) {
		const from = content.indexOf(start);
		if (from === -1) return report(`Unexpected \`start\` of ${tag}, expected ${codeSpanOf(start)} in \`${path}\``);
		content = content.slice(from + start.length);
	}
	if (end !== undefined) {
		const to = content.indexOf(end);
		if (to !== -1) content = content.slice(0, to);
	}
	// The text replaces the tag itself: a file's final newline stays, before what followed the tag (`trailing-newlines`).
	let lines = (args['trailing-newlines'] === 'false' ? content.replace(/\n+$/, '') : content).split('\n');
	if (args['dedent'] === 'true') lines = dedent(lines);
	if (kind === 'include-markdown') {
		const offset = Number(args['heading-offset'] ?? '0');
		if (Number.isInteger(offset) && offset !== 0) lines = offsetHeadings(lines, offset);
		if (args['rewrite-relative-urls'] !== 'false') lines = lines.map((line) => rewriteRelativeUrls(line, path, state.page));
	}
	if (args['preserve-includer-indent'] !== 'false' && at.indent !== '') lines = lines.map((line, i) => (i === 0 || line === '' ? line : `${at.indent}${line}`));
	const cost = lines.reduce((sum, line) => sum + line.length + 1, 0);
	if (cost > state.budget.chars) return report(`Unexpected ${tag} past ${budgetText(state.budget.total)} of included files on one page (${sharedBudget}), expected fewer or smaller includes`);
	state.budget.chars -= cost;
	// Already being included: left out rather than loop.
	if (state.seen.has(path)) return [''];
	if (args['recursive'] === 'false') return lines;
	state.seen.add(path);
	const nested = expand({ lines, origins: lines.map(() => at.origin) }, { ...state, from: path, depth: state.depth + 1 });
	state.seen.delete(path);
	return nested.lines.length > 0 ? nested.lines : [''];
}

function options(text: string): Record<string, string> {
	const found: Record<string, string> = {};
	for (const m of text.matchAll(argument)) found[(m[1] ?? '').toLowerCase().replaceAll('_', '-')] = m[2] ?? m[3] ?? m[4] ?? '';
	return found;
}

function unquote(quoted: string): string {
	return quoted.slice(1, -1).replace(/\\(["'\\])/g, '$1');
}

/** Python-style escapes in `start` and `end` (`<!--\n\ttable-start\n-->`), as the plugin reads them. */
function pythonEscapes(value: string): string {
	return value.replace(/\\([nt"'\\])/g, (_, char: string) => (char === 'n' ? '\n' : char === 't' ? '\t' : char));
}

/** ATX headings outside code, `offset` levels deeper (at most six). */
function offsetHeadings(lines: string[], offset: number): string[] {
	const code = literalLines(lines, { frontmatter: false });
	return lines.map((line, i) => {
		const heading = /^( {0,3})(#{1,6})(?=[ \t]|$)/.exec(line);
		if (code[i] || !heading) return line;
		const level = Math.min(6, Math.max(1, (heading[2] ?? '').length + offset));
		return `${heading[1] ?? ''}${'#'.repeat(level)}${line.slice(heading[0].length)}`;
	});
}

/** A link's or picture's relative URL (`](img/a.png)`, `[x]: ../b.md`) made relative to the including page, as the plugin rewrites it. */
function rewriteRelativeUrls(line: string, included: string, page: string): string {
	const rewrite = (url: string) => {
		if (url === '' || url.startsWith('#') || url.startsWith('/') || /^[a-z][\w+.-]*:/i.test(url)) return url;
		const target = posix.normalize(posix.join(posix.dirname(included), url));
		return posix.relative(posix.dirname(page), target) || posix.basename(target);
	};
	return line.replace(/(\]\()(<?)([^)\s>]*)/g, (_, open: string, angle: string, url: string) => `${open}${angle}${rewrite(url)}`).replace(/^( {0,3}\[[^\]\n]+\]:[ \t]*<?)(\S+?)(>?)(?=\s|$)/, (_, open: string, url: string, close: string) => `${open}${rewrite(url)}${close}`);
}
