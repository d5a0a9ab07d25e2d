import type { OriginLines } from '../syntax/line-origins.ts';
import { placeLines, type PastedPlaces } from '../syntax/pasted-lines.ts';
import type { MkdocsInputs, MkdocsMarkdown } from './settings.ts';
import { budgetText, pulledBudget, pulledProblem, sharedBudget } from '../syntax/pulled-file.ts';
import type { SourceNote } from '../syntax/source-note.ts';

const marker =
	/^([ \t]*)(;*)(?:(-+8<-+[ \t]+)("(?:\\"|[^"\r\n])+?"|'(?:\\'|[^'\r\n])+?')|(-+8<-+))\r?$/;
const sectionMarker =
	/^(.*?)(;*)(-+8<-+[ \t]+)(\[[ \t]*(start|end)[ \t]*:[ \t]*([a-z][-_0-9a-z]*)[ \t]*\])(.*?)$/i;
const rangeOrSection =
	/^(.*?)(?:((?::-?[0-9]*){1,2}(?:(?:,(?=[-0-9:])-?[0-9]*)(?::-?[0-9]*)?)*)|(:[a-z][-_0-9a-z]*))?$/i;

/** Deepest chain of snippets inside snippets before one is shown as a notice. */
const maxDepth = 8;

/**
 * `pymdownx.snippets`, as its preprocessor runs: every line of the page, code included, is
 * looked at; `--8<-- "file"` (or a block of paths between two `--8<--` lines) is replaced by the
 * file's lines, indented like the marker, with `file:3:9` line ranges and `file:name` sections;
 * `;--8<--` is an escaped marker; `--8<-- [start:name]` section lines are dropped. Files come
 * from `inputs.snippet` (paths as written, resolved against `base_path` inside the root only);
 * one that cannot be shown is a notice and a finding. `auto_append` files follow the page.
 */
export function expandSnippets(
	input: OriginLines,
	settings: NonNullable<MkdocsMarkdown['snippets']>,
	inputs: Pick<MkdocsInputs, 'snippet' | 'pageBudget'>,
	notes: SourceNote[],
): OriginLines {
	const out: OriginLines = { lines: [], origins: [], pasted: [] };
	const lines = [...input.lines];
	const origins = [...input.origins];
	const pasted = [...(input.pasted ?? [])];
	if (settings.autoAppend.length > 0) {
		const last = origins.at(-1) ?? 1;
		const appended = ['', '', '-8<-', settings.autoAppend.join('\n\n'), '-8<-', '']
			.join('\n')
			.split('\n');
		lines.push(...appended);
		origins.push(...appended.map(() => last));
	}
	// A snippet pulled in many times by snippets pulled in many times grows without end: what a page may hold is bounded.
	const budget = inputs.pageBudget ?? pulledBudget(1);
	expand(lines, origins, pasted, {
		out,
		inputs,
		settings,
		notes,
		seen: new Set(),
		depth: 0,
		fromPage: true,
		budget: { chars: budget, total: budget },
	});
	return out;
}

interface ExpandState {
	out: OriginLines;
	inputs: Pick<MkdocsInputs, 'snippet'>;
	settings: NonNullable<MkdocsMarkdown['snippets']>;
	notes: SourceNote[];
	seen: Set<string>;
	depth: number;
	/** Characters snippets may still add to the page. */
	budget: { chars: number; total: number };
	/** Lines of the page itself, whose markers are reported at their own line. */
	fromPage: boolean;
	indent?: string;
	section?: boolean;
}

function expand(
	lines: readonly string[],
	origins: readonly number[],
	pasted: PastedPlaces,
	state: ExpandState,
): void {
	const indent = state.indent ?? '';
	let i = 0;
	const push = (line: string, origin: number) => {
		state.out.lines.push(line === '' && indent.trim() === '' ? line : indent + line);
		state.out.origins.push(origin);
		state.out.pasted?.push(pasted[i]);
	};
	let block = false;
	for (; i < lines.length; i++) {
		const line = lines[i] ?? '';
		const origin = origins[i] ?? origins.at(-1) ?? 1;
		const match = marker.exec(line);
		let path: string;
		let space: string;
		if (match) {
			if (match[2]) {
				push(line.replace(';', ''), origin);
				continue;
			}
			// Inside a block, an inline marker is dropped, as is a block's own marker line.
			if (match[3] && block) continue;
			if (!match[3]) {
				block = !block;
				continue;
			}
			space = match[1] ?? '';
			path = (match[4] ?? '').slice(1, -1).trim();
		} else if (block) {
			space = /^[ \t]*/.exec(line)?.[0] ?? '';
			path = line.trim();
			if (path === '') push('', origin);
			if (path === '' || path.startsWith(';')) continue;
		} else {
			const section = state.section ? null : sectionMarker.exec(line);
			if (section?.[2])
				push(
					`${section[1] ?? ''}${(section[2] ?? '').slice(1)}${section[3] ?? ''}${section[4] ?? ''}${section[7] ?? ''}`,
					origin,
				);
			else if (!section) push(line, origin);
			continue;
		}
		include(path, space, origin, state);
	}
}

function include(written: string, space: string, origin: number, state: ExpandState): void {
	const spec = rangeOrSection.exec(written);
	const path = (spec?.[1] ?? '').trim();
	const column = state.fromPage ? space.length + 1 : 1;
	const report = (message: string, severity: SourceNote['severity'] = 'warning') => {
		state.notes.push({ line: origin, column, severity, message, atInclude: true });
		state.out.lines.push(
			`${state.indent ?? ''}${space}*(Snippet ${codeSpanOf(path || written)} is not shown here)*`,
		);
		state.out.origins.push(origin);
		state.out.pasted?.push(undefined);
	};
	if (path === '')
		return report(
			`Unexpected snippet \`${written}\` without a file name, expected \`--8<-- "path/to/file.md"\``,
		);
	if (/^https?:\/\//i.test(path))
		return report(
			`Unexpected snippet URL \`${path}\`, expected a file inside the root: Waymark never downloads a page's snippets`,
		);
	if (state.depth >= maxDepth)
		return report(
			`Unexpected snippet \`${path}\` more than ${maxDepth} snippets deep, expected snippets that end`,
		);
	const read = state.inputs.snippet(path);
	if ('problem' in read) {
		const { severity, advice } = pulledProblem(
			read.problem,
			'a file inside the root under the snippets `base_path`',
			'MkDocs',
		);
		return report(`Unexpected snippet \`${path}\`: ${read.problem}; ${advice}`, severity);
	}
	const indent = `${state.indent ?? ''}${space.replaceAll('\t', '    ')}`;
	// Every line of the snippet is indented like its marker: what it adds is its text and that indentation.
	const cost = read.text.length + read.text.split('\n').length * indent.length;
	if (cost > state.budget.chars)
		return report(
			`Unexpected snippet \`${path}\` past ${budgetText(state.budget.total)} of snippets on one page (${sharedBudget}), expected fewer or smaller snippets`,
		);
	state.budget.chars -= cost;
	// The snippet is already being expanded: pymdownx leaves it out rather than loop.
	if (state.seen.has(path)) return;
	let lines = read.text.split(/\r?\n/);
	let section = false;
	if (spec?.[2]) lines = selectRanges(lines, spec[2], state.settings.dedentSubsections);
	else if (spec?.[3]) {
		section = true;
		const selected = selectSection(lines, spec[3].slice(1));
		if (!selected)
			return report(
				`Unexpected snippet section \`${spec[3].slice(1)}\`, expected \`--8<-- [start:${spec[3].slice(1)}]\` and \`[end:…]\` lines in \`${path}\``,
			);
		lines = state.settings.dedentSubsections ? dedent(selected) : selected;
	}
	state.seen.add(path);
	expand(
		lines,
		lines.map(() => origin),
		placeLines(lines, read.file ?? path, read.text),
		{ ...state, depth: state.depth + 1, fromPage: false, indent, section },
	);
	state.seen.delete(path);
}

/** `:3:9`, `:-4:`, `:1:2,6:8`: 1-based inclusive ranges, negative from the end, as pymdownx reads them. */
function selectRanges(lines: string[], spec: string, dedentLines: boolean): string[] {
	const total = lines.length;
	const selected: string[] = [];
	for (const part of spec.slice(1).split(',')) {
		const [from = '', to] = part.split(':');
		let start: number | undefined = from === '' ? undefined : Number(from);
		if (start !== undefined && start >= 0) start = Math.max(0, start - 1);
		let end: number | undefined = to === undefined || to === '' ? undefined : Number(to);
		if (start !== undefined && start < 0) start = Math.min(Math.max(total + start, 0), total);
		if (end !== undefined && end < 0) end = Math.min(Math.max(total + 1 + end, 0), total);
		selected.push(...lines.slice(start ?? 0, end ?? total));
	}
	return dedentLines ? dedent(selected) : selected;
}

function selectSection(lines: string[], name: string): string[] | undefined {
	const selected: string[] = [];
	let inside = false;
	let found = false;
	for (const line of lines) {
		const match = sectionMarker.exec(line);
		if (match && inside && match[2]) {
			selected.push(
				`${match[1] ?? ''}${(match[2] ?? '').slice(1)}${match[3] ?? ''}${match[4] ?? ''}${match[7] ?? ''}`,
			);
			continue;
		}
		if (match && match[6] === name) {
			const start = match[5]?.toLowerCase() === 'start';
			if (!inside && start) [inside, found] = [true, true];
			else if (inside && !start) break;
			else if (!inside) break;
			continue;
		}
		if (match && inside) continue;
		if (inside) selected.push(line);
	}
	return found ? selected : undefined;
}

/** Python's `textwrap.dedent`: the whitespace every non-blank line starts with, removed. */
export function dedent(lines: string[]): string[] {
	const prefixes = lines
		.filter((line) => line.trim() !== '')
		.map((line) => /^[ \t]*/.exec(line)?.[0] ?? '');
	if (prefixes.length === 0) return lines.map((line) => (line.trim() === '' ? '' : line));
	let common = prefixes[0] ?? '';
	for (const prefix of prefixes) while (!prefix.startsWith(common)) common = common.slice(0, -1);
	return lines.map((line) => (line.trim() === '' ? '' : line.slice(common.length)));
}

/** `text` as a code span, with a longer fence when it holds a backtick. */
export function codeSpanOf(text: string): string {
	return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
