import { posix } from 'node:path';
import { literalLines } from '../syntax/code-lines.ts';
import type { OriginLines } from '../syntax/line-origins.ts';
import { placeLines, type PastedLine, type PastedPlaces } from '../syntax/pasted-lines.ts';
import type { MkdocsInputs, MkdocsMarkdown } from './settings.ts';
import { codeSpanOf, dedent } from './snippets.ts';
import { budgetText, pulledBudget, pulledProblem, sharedBudget } from '../syntax/pulled-file.ts';
import type { SourceNote } from '../syntax/source-note.ts';

/**
 * mkdocs-include-markdown-plugin's directives, run as its `on_page_markdown` runs them, before the
 * macros plugin and Python-Markdown: `{% include-markdown "file" … %}` and, unless the macros
 * plugin owns the tag (`ownsInclude`), `{% include "file" … %}` (or the `opening_tag` and
 * `closing_tag` the plugin is given), each replaced by the file's text, in code too, as the plugin
 * runs them. A path that starts with `./` or `../` is read from the including file's folder, any
 * other from `docs_dir` (never absolute, never a glob), through `inputs.markdownInclude`, which
 * judges it as a snippet is judged; one that cannot be shown is a notice and a finding.
 * `start`/`end` take the text between markers (every such section), `dedent`, the includer's
 * indentation (`preserve-includer-indent`), `trailing-newlines` and, for `include-markdown`,
 * `heading-offset` and relative URLs rewritten for the page (`rewrite-relative-urls`, outside
 * code); the plugin's own settings give each its default; `comments` add nothing a reader sees.
 */
export function expandMarkdownIncludes(
	input: OriginLines,
	page: string,
	settings: IncludeMarkdown,
	inputs: Pick<MkdocsInputs, 'markdownInclude' | 'pageBudget'>,
	notes: SourceNote[],
): OriginLines {
	const budget = inputs.pageBudget ?? pulledBudget(1);
	return expand(input, {
		page,
		from: page,
		settings,
		inputs,
		notes,
		depth: 0,
		seen: new Set(),
		budget: { chars: budget, total: budget },
	});
}

type IncludeMarkdown = NonNullable<MkdocsMarkdown['includeMarkdown']>;

/** Deepest chain of includes inside includes before one is shown as a notice. */
const maxDepth = 8;

interface ExpandState {
	/** The page being rendered, which rewritten URLs are relative to. */
	page: string;
	/** The file whose text this is, which `./` and `../` paths are relative to. */
	from: string;
	settings: IncludeMarkdown;
	inputs: Pick<MkdocsInputs, 'markdownInclude'>;
	notes: SourceNote[];
	depth: number;
	seen: Set<string>;
	budget: { chars: number; total: number };
}

/** One directive found in a text: where it runs, its kind, the file as written and its arguments. */
interface Directive {
	start: number;
	end: number;
	kind: 'include-markdown' | 'include';
	written: string;
	args: Record<string, string>;
}

const argument = /([\w-]+)=(?:"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|([^\s"']+))/g;

/**
 * The directives of `text` in order: from each opening tag, the directive's name and quoted path
 * (a fixed-length prefix, so no backtracking), then its arguments up to the first closing tag
 * after it. A tag never closed ends the search, as it would leave the rest of the page to it.
 */
function findDirectives(text: string, settings: IncludeMarkdown): Directive[] {
	const found: Directive[] = [];
	const names = [settings.names['include-markdown'], settings.names.include].map((name) =>
		RegExp.escape(name),
	);
	const head = new RegExp(
		`^[ \\t\\r\\n]*(${names.join('|')})[ \\t\\r\\n]+("(?:\\\\.|[^"\\\\\\n])*"|'(?:\\\\.|[^'\\\\\\n])*')`,
	);
	for (
		let at = text.indexOf(settings.opening);
		at !== -1;
		at = text.indexOf(settings.opening, at + 1)
	) {
		const from = at + settings.opening.length;
		const match = head.exec(text.slice(from, from + 2048));
		if (!match) continue;
		const close = text.indexOf(settings.closing, from + match[0].length);
		if (close === -1) break;
		const kind: Directive['kind'] =
			match[1] === settings.names['include-markdown'] ? 'include-markdown' : 'include';
		if (kind === 'include' && !settings.ownsInclude) continue;
		found.push({
			start: at,
			end: close + settings.closing.length,
			kind,
			written: unquote(match[2] ?? '""'),
			args: options(text.slice(from + match[0].length, close)),
		});
		at = close;
	}
	return found;
}

function expand(input: OriginLines, state: ExpandState): OriginLines {
	const text = input.lines.join('\n');
	const directives = text.includes(state.settings.opening)
		? findDirectives(text, state.settings)
		: [];
	if (directives.length === 0) return input;
	// The output as text, and the origin of each of its lines: a line of the page keeps its own,
	// a line an include adds takes the directive's.
	let out = '';
	const origins = [input.origins[0] ?? 1];
	const pasted: Array<PastedLine | undefined> = [input.pasted?.[0]];
	let line = 0;
	// Where the current line of the page starts: the plugin reads the text before a tag from the
	// page as written (its `re.sub`), never from what earlier includes on that line added.
	let lineStart = 0;
	const copy = (to: number, from: number) => {
		for (let i = from; i < to; i++) {
			if (text[i] !== '\n') continue;
			line++;
			lineStart = i + 1;
			origins.push(input.origins[line] ?? origins.at(-1) ?? 1);
			pasted.push(input.pasted?.[line]);
		}
		out += text.slice(from, to);
	};
	let at = 0;
	for (const found of directives) {
		copy(found.start, at);
		const origin = origins.at(-1) ?? 1;
		const column = state.depth === 0 ? found.start - lineStart + 1 : 1;
		// Continuation lines go under the tag: the whitespace before it, or as many spaces as the text
		// before it is wide, from the line's start or the end of a tag before it on the line. (The
		// plugin takes only the run of spaces, word characters, `\` and `.` right before the tag, so
		// after `- ` it indents by one space where Waymark indents by two.)
		const indent = text.slice(Math.max(lineStart, at), found.start).replace(/[^\t]/g, ' ');
		const { lines: addedLines, places } = include(found, { origin, column, indent }, state);
		// The included text's first line joins the page's line: its place only where the tag stands alone.
		if (places[0] && at <= lineStart && text.slice(lineStart, found.start).trim() === '')
			pasted[pasted.length - 1] = places[0];
		for (let k = 1; k < addedLines.length; k++) {
			origins.push(origin);
			pasted.push(places[k]);
		}
		out += addedLines.join('\n');
		// The tag's own line breaks are gone; the lines after it keep theirs.
		for (let i = found.start; i < found.end; i++) {
			if (text[i] !== '\n') continue;
			line++;
			lineStart = i + 1;
		}
		at = found.end;
	}
	copy(text.length, at);
	return { lines: out.split('\n'), origins, ...(pasted.some(Boolean) && { pasted }) };
}

/** The lines that take the directive's place (the first after what came before the tag), or a notice; with the place of each in the file it comes from. */
function include(
	found: Directive,
	at: { origin: number; column: number; indent: string },
	state: ExpandState,
): { lines: string[]; places: PastedPlaces } {
	const { kind, written } = found;
	const args = { ...state.settings.defaults, ...found.args };
	const report = (message: string, severity: SourceNote['severity'] = 'warning') => {
		state.notes.push({ line: at.origin, column: at.column, severity, message, atInclude: true });
		return { lines: [`*(Included file ${codeSpanOf(written)} is not shown here)*`], places: [] };
	};
	const tag = `\`{% ${kind} "${written}" %}\``;
	if (written === '')
		return report(`Unexpected ${tag} without a file name, expected the path of a file to include`);
	if (/[*?[]/.test(written))
		return report(
			`Unexpected glob in ${tag}, expected one file's path: Waymark reads no globs in includes`,
		);
	if (written.startsWith('/') || /^[a-z][\w+.-]*:/i.test(written))
		return report(
			`Unexpected ${tag} by an absolute path or URL, expected a path from the docs folder: Waymark never downloads or reads outside the repository`,
		);
	if (state.depth >= maxDepth)
		return report(
			`Unexpected ${tag} more than ${maxDepth} includes deep, expected includes that end`,
		);
	const path = posix.normalize(
		/^\.\.?\//.test(written)
			? posix.join(posix.dirname(state.from), written)
			: posix.join(state.settings.docsDir, written),
	);
	const read = state.inputs.markdownInclude(path);
	if ('problem' in read) {
		const { severity, advice } = pulledProblem(
			read.problem,
			"a file of the repository, named from the docs folder (or from the including file's folder with `./` or `../`)",
			'MkDocs',
		);
		return report(`Unexpected ${tag}: ${read.problem}; ${advice}`, severity);
	}
	// Charged before any work on the text: past the budget, a file costs nothing more, however often it is named.
	if (read.text.length > state.budget.chars)
		return report(
			`Unexpected ${tag} past ${budgetText(state.budget.total)} of included files on one page (${sharedBudget}), expected fewer or smaller includes`,
		);
	state.budget.chars -= read.text.length;
	// Already being included: left out rather than loop.
	if (state.seen.has(path)) return { lines: [''], places: [] };
	const content = sections(
		read.text.replace(/\r\n?/g, '\n'),
		args['start'] === undefined ? undefined : pythonEscapes(args['start']),
		args['end'] === undefined ? undefined : pythonEscapes(args['end']),
	);
	if (content === undefined)
		return report(
			`Unexpected \`start\` of ${tag}, expected ${codeSpanOf(pythonEscapes(args['start'] ?? ''))} in \`${path}\``,
		);
	// The text replaces the tag itself: a file's final newline stays, before what followed the tag (`trailing-newlines`).
	let lines = (args['trailing-newlines'] === 'false' ? content.replace(/\n+$/, '') : content).split(
		'\n',
	);
	if (args['dedent'] === 'true') lines = dedent(lines);
	// Found before URLs are rewritten, which changes the lines; every step after keeps them line for line.
	let places: PastedPlaces = placeLines(lines, read.file ?? path, read.text);
	if (kind === 'include-markdown' && args['rewrite-relative-urls'] !== 'false')
		lines = rewriteRelativeUrls(lines, path, state.page);
	if (args['recursive'] !== 'false') {
		state.seen.add(path);
		const expanded = expand(
			{ lines, origins: lines.map(() => at.origin), pasted: [...places] },
			{ ...state, from: path, depth: state.depth + 1 },
		);
		[lines, places] = [expanded.lines, expanded.pasted ?? []];
		state.seen.delete(path);
	}
	const offset = Number(args['heading-offset'] ?? '0');
	if (kind === 'include-markdown' && Number.isInteger(offset) && offset !== 0)
		lines = offsetHeadings(lines, offset);
	if (args['preserve-includer-indent'] !== 'false' && at.indent !== '')
		lines = lines.map((line, i) => (i === 0 || line === '' ? line : `${at.indent}${line}`));
	return { lines, places };
}

/**
 * The text between `start` and `end`, every such section joined, as the plugin takes it; the
 * whole text without markers; `undefined` when `start` is given and never found.
 */
function sections(
	text: string,
	start: string | undefined,
	end: string | undefined,
): string | undefined {
	if (start === undefined && end === undefined) return text;
	if (start === undefined)
		return end === undefined || !text.includes(end) ? text : text.slice(0, text.indexOf(end));
	const taken: string[] = [];
	for (let from = text.indexOf(start); from !== -1;) {
		const body = from + start.length;
		const to = end === undefined ? -1 : text.indexOf(end, body);
		taken.push(text.slice(body, to === -1 ? undefined : to));
		if (to === -1) break;
		from = text.indexOf(start, to + (end?.length ?? 0));
	}
	return taken.length > 0 ? taken.join('') : undefined;
}

function options(text: string): Record<string, string> {
	const found: Record<string, string> = {};
	for (const m of text.matchAll(argument))
		found[(m[1] ?? '').toLowerCase().replaceAll('_', '-')] = m[2] ?? m[3] ?? m[4] ?? '';
	return found;
}

function unquote(quoted: string): string {
	return quoted.slice(1, -1).replace(/\\(["'\\])/g, '$1');
}

/** Python-style escapes in `start` and `end` (`<!--\n\ttable-start\n-->`), as the plugin reads them. */
function pythonEscapes(value: string): string {
	return value.replace(/\\([nt"'\\])/g, (_, char: string) =>
		char === 'n' ? '\n' : char === 't' ? '\t' : char,
	);
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

/** Links' and pictures' relative URLs outside code (`](img/a.png)`, `[x]: ../b.md`) made relative to the including page, as the plugin rewrites them. */
function rewriteRelativeUrls(lines: string[], included: string, page: string): string[] {
	const rewrite = (url: string) => {
		if (url === '' || url.startsWith('#') || url.startsWith('/') || /^[a-z][\w+.-]*:/i.test(url))
			return url;
		const target = posix.normalize(posix.join(posix.dirname(included), url));
		const relative = posix.relative(posix.dirname(page), target) || posix.basename(target);
		return url.endsWith('/') && !relative.endsWith('/') ? `${relative}/` : relative;
	};
	const code = literalLines(lines, { frontmatter: false });
	return lines.map((line, i) => {
		if (code[i]) return line;
		return line
			.replace(
				/(\]\()(<?)([^)\s>]*)/g,
				(_, open: string, angle: string, url: string) => `${open}${angle}${rewrite(url)}`,
			)
			.replace(
				/^( {0,3}\[[^\]\n]+\]:[ \t]*<?)(\S+?)(>?)(?=\s|$)/,
				(_, open: string, url: string, close: string) => `${open}${rewrite(url)}${close}`,
			);
	});
}
