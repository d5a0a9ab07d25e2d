import { LineEmitter, type ColumnMove } from '../syntax/line-origins.ts';
import { includesOf, readFromRecord, type RecordedReads } from '../syntax/recorded-reads.ts';
import {
	pasteSpans,
	placeLines,
	type PastedLine,
	type PastedPlaces,
} from '../syntax/pasted-lines.ts';
import { findLinks, rustSpace, type Link } from './link-scan.ts';
import {
	budgetText,
	pulledBudget,
	pulledProblem,
	sharedBudget,
	type PulledFile,
} from '../syntax/pulled-file.ts';
import type { SourceNote } from '../syntax/source-note.ts';

/** What mdBook's `links` preprocessor may read beyond the page: a file, by its path from the root (`../x` when it leads out). */
export interface MdbookInputs {
	include(path: string): PulledFile;
	/** Characters included files may add to one page (`pulledBudget`). @default 4 MB */
	pageBudget?: number;
}

/** `MdbookInputs` as plain data, for the site: what the tree's run read, by path from the root, and the budget of each page. */
export type MdbookRecorded = RecordedReads;

/** Inputs that answer from what a run recorded; a path the run never asked for reads as missing. */
export function mdbookInputsFromRecord(recorded: MdbookRecorded): MdbookInputs {
	return includesOf(readFromRecord(recorded));
}

/** mdBook stops following links inside included files this deep (`MAX_LINK_NESTED_DEPTH`), and leaves the deepest out. */
const maxDepth = 10;

/** Whether a page may hold a link the preprocessor expands, so most pages skip it. */
export function mayHoldMdbookLinks(text: string): boolean {
	return text.includes('{{');
}

/** The kinds of link that include a file. */
const fileKinds = new Set(['include', 'rustdoc_include', 'playground', 'playpen']);

/** Whether a page holds a link that includes a file: the pages that share the tree's budget (`{{ .Values }}` in a chart's listing is none). */
export function includesFiles(text: string): boolean {
	if (!mayHoldMdbookLinks(text)) return false;
	for (const link of findLinks(text))
		if (link.kind !== undefined && fileKinds.has(link.kind) && link.rest.trim() !== '') return true;
	return false;
}

/**
 * mdBook's `links` preprocessor, as it runs before any Markdown is read: every `{{#include file}}`
 * (with `:3`, `:3:9`, `:3:`, `::9` line ranges or an `:anchor` between `ANCHOR:` and `ANCHOR_END:`
 * lines), `{{#rustdoc_include …}}` (the lines it shows; the hidden `# ` lines are left out, as the
 * book shows them folded away), `{{#playground file}}` (a Rust code block) and `{{#title …}}`
 * (the browser tab's whole title, `title`: dropped from the text; the last one read wins, in an
 * included file too) is replaced, in prose and code alike, and links
 * in what was included are followed from the included file's folder. `\{{#…}}` is shown without
 * its backslash. A file that cannot be shown leaves the link as written, as on the book, with a
 * note, on the expanded text's line, at the file's column. Origins map every line back to the
 * page's line of the link. As mdBook 0.4 and 0.5 (up to
 * 0.5.4) do: included lines are not indented like the link (mdBook's next release prefixes them).
 */
export function expandMdbookLinks(
	text: string,
	page: string,
	inputs: MdbookInputs,
): {
	text: string;
	origins: number[];
	pasted?: Array<PastedLine | undefined>;
	columns: ColumnMove[];
	notes: SourceNote[];
	title?: string;
} {
	const notes: SourceNote[] = [];
	const out = new LineEmitter(1);
	// A file included twice by a file included twice grows as 2¹⁰: what a page may hold is bounded.
	const budget = {
		chars: inputs.pageBudget ?? pulledBudget(1),
		total: inputs.pageBudget ?? pulledBudget(1),
	};
	const columns: ColumnMove[] = [];
	const chapter: { title?: string } = {};
	let line = 1;
	let lineStart = 0;
	let from = 0;
	// Copies the page's text up to `to`, its lines from where they are.
	const copy = (to: number) => {
		out.emit(text.slice(from, to), (n) => line + n);
		passLines(to);
	};
	const passLines = (to: number) => {
		for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) {
			line++;
			lineStart = at + 1;
		}
		from = to;
	};
	for (const link of findLinks(text)) {
		copy(link.start);
		const column = link.start - lineStart + 1;
		// On the expanded text's line where the link begins (a line after an include on the same
		// line is not the first one that comes from the file's line), at the file's column.
		const at = out.end.line;
		// One note per link and reason, however many copies of it the includes made.
		const noted = new Set<string>();
		const note = (message: string, severity: SourceNote['severity'] = 'warning') => {
			if (noted.has(message)) return;
			noted.add(message);
			notes.push({ line: at, column, severity, message, atInclude: true });
		};
		const replaced = follow(link, folderOf(page), 0, { inputs, budget, note, chapter });
		if (replaced === undefined) continue;
		const start = out.end;
		out.insert(replaced.text, line, replaced.places);
		const end = out.end;
		passLines(link.end);
		columns.push(...spansOf(start, end, column, link.end - lineStart + 1));
	}
	copy(text.length);
	return {
		text: out.text,
		origins: out.origins,
		...(out.pasted && { pasted: out.pasted }),
		columns,
		notes,
		...(chapter.title !== undefined && { title: chapter.title }),
	};
}

/** Past a line's end: a span that fills the rest of its line. */
const lineEnd = Number.MAX_SAFE_INTEGER;

/**
 * The spans text pulled in at the file's column `at` fills, from `start` to `end` of the rewritten
 * text: any column in it is the link's; the line's columns after it are `tail`'s, the file's
 * column just after the link, on from there. (A link written over several lines gets its tail's
 * columns, on the line the link starts on.)
 */
function spansOf(
	start: { line: number; column: number },
	end: { line: number; column: number },
	at: number,
	tail: number,
): ColumnMove[] {
	if (start.line === end.line)
		return [[start.line, tail - end.column, start.column, end.column, at]];
	const spans: ColumnMove[] = [[start.line, 0, start.column, lineEnd, at]];
	for (let line = start.line + 1; line < end.line; line++) spans.push([line, 0, 1, lineEnd, at]);
	spans.push([end.line, tail - end.column, 1, end.column, at]);
	return spans;
}

interface FollowState {
	inputs: MdbookInputs;
	/** Characters included files may still add to the page. */
	budget: { chars: number; total: number };
	/** A note at the page's link. */
	note: (message: string, severity?: SourceNote['severity']) => void;
	/** What `{{#title}}` set, as mdBook's `chapter_title`. */
	chapter: { title?: string };
}

/**
 * What a link at `depth` is replaced by, as `replace_all` decides: the file's text with its own
 * links followed one level deeper; past the tenth level, nothing. `undefined` leaves it as written.
 */
function follow(link: Link, folder: string, depth: number, state: FollowState): Placed | undefined {
	const rendered = render(link, folder, state);
	if (rendered === undefined) return undefined;
	if (depth >= maxDepth) {
		if (rendered.folder !== undefined)
			state.note(
				`Unexpected \`${link.written}\` more than ${maxDepth} includes deep, expected includes that end; it is left out, as on the book`,
			);
		return { text: '', places: [] };
	}
	const places = rendered.file
		? placeLines(rendered.content.split('\n'), rendered.file.path, rendered.file.text)
		: [];
	return rendered.folder === undefined
		? { text: rendered.content, places }
		: expandInside({ text: rendered.content, places }, rendered.folder, depth + 1, state);
}

/** Text with the place of each of its lines in the file it was pasted from. */
interface Placed {
	text: string;
	places: PastedPlaces;
}

function expandInside(content: Placed, folder: string, depth: number, state: FollowState): Placed {
	if (!mayHoldMdbookLinks(content.text)) return content;
	return pasteSpans(content, findLinks(content.text), (link) => follow(link, folder, depth, state));
}

/** A link's own text: the file's lines it names and the folder its links are read from (none for an escape or a title); `undefined` leaves it as written. */
function render(
	link: Link,
	folder: string,
	state: FollowState,
): { content: string; folder?: string; file?: { path: string; text: string } } | undefined {
	if (link.kind === undefined) return { content: link.written.slice(1) };
	if (link.kind === 'title') {
		// Blank, it would leave the tab without a name: the page keeps its own.
		const title = link.rest.trim();
		if (title !== '') state.chapter.title = title;
		return { content: '' };
	}
	const [written, ...attributes] = link.rest.trim().split(/\s+/);
	const kind = link.kind === 'playpen' ? 'playground' : link.kind;
	if (
		written === undefined ||
		written === '' ||
		!['include', 'rustdoc_include', 'playground'].includes(kind)
	)
		return undefined;
	const [pathPart, spec] = kind === 'playground' ? [written, undefined] : splitOnce(written, ':');
	const path = joinPath(folder, pathPart);
	const read = state.inputs.include(path);
	if ('problem' in read) {
		const shown =
			read.problem === 'not found'
				? 'It is shown as written, as on the book'
				: 'Waymark shows the link as written';
		const { severity, advice } = pulledProblem(
			read.problem,
			'a file inside the root',
			'mdBook',
			shown,
		);
		state.note(`Unexpected \`${link.written}\`: ${read.problem}; ${advice}`, severity);
		return undefined;
	}
	if (read.text.length > state.budget.chars) {
		state.note(
			`Unexpected \`${link.written}\` past ${budgetText(state.budget.total)} of included files on one page (${sharedBudget}), expected fewer or smaller files. It is shown as written`,
		);
		return undefined;
	}
	state.budget.chars -= read.text.length;
	if (kind === 'playground')
		return {
			content: `\`\`\`${attributes.length > 0 ? 'rust,' : 'rust'}${attributes.join(',')}\n${read.text}${read.text.endsWith('\n') ? '' : '\n'}\`\`\`\n`,
			folder: folderOf(path),
			file: { path: ('file' in read && read.file) || path, text: read.text },
		};
	const selection = selectionOf(spec);
	const lines = linesOf(read.text);
	const taken =
		'anchor' in selection
			? anchoredLines(lines, selection.anchor, kind === 'rustdoc_include')
			: lines.slice(selection.start, selection.end);
	if (taken === undefined)
		state.note(
			`Unexpected \`${link.written}\`, expected a line \`ANCHOR: ${'anchor' in selection ? selection.anchor : ''}\` in \`${pathPart}\`: nothing is included, as on the book`,
		);
	return {
		content: (taken ?? []).join('\n'),
		folder: folderOf(path),
		file: { path: ('file' in read && read.file) || path, text: read.text },
	};
}

type Selection = { start: number; end?: number } | { anchor: string };

/** `3`, `3:9`, `3:`, `:9`, `name`, as `parse_range_or_anchor` reads them: lines from 1, both ends included. */
function selectionOf(spec: string | undefined): Selection {
	if (spec === undefined) return { start: 0 };
	const [first = '', second] = spec.split(':');
	const start = /^\+?\d+$/.test(first)
		? Math.max(0, Number(first) - 1)
		: first === ''
			? undefined
			: null;
	if (start === null) return { anchor: first };
	if (second === undefined) return start === undefined ? { start: 0 } : { start, end: start + 1 };
	const end = /^\+?\d+$/.test(second) ? Number(second) : undefined;
	return { start: start ?? 0, ...(end !== undefined && { end }) };
}

/** Rust's `str::lines`: split on `\n` and `\r\n`, no empty last line for a final line break. */
function linesOf(text: string): string[] {
	const lines = text.split(/\r?\n/);
	if (lines.at(-1) === '') lines.pop();
	return lines;
}

// Rust's `\w` and `\s`, as mdBook's anchor patterns read them.
const anchorStart = new RegExp(
	`ANCHOR:${rustSpace.source}*([\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}_-]+)`,
	'u',
);
const anchorEnd = new RegExp(
	`ANCHOR_END:${rustSpace.source}*([\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}_-]+)`,
	'u',
);

/**
 * The lines between `ANCHOR: name` and `ANCHOR_END: name`, other anchors' lines left out; the first
 * such section for `include`, every one for `rustdoc_include` (the lines it shows). `undefined`
 * when no start names it.
 */
function anchoredLines(
	lines: readonly string[],
	anchor: string,
	every: boolean,
): string[] | undefined {
	const kept: string[] = [];
	let found = false;
	let inside = false;
	for (const line of lines) {
		if (inside) {
			const end = anchorEnd.exec(line);
			if (end) {
				if (end[1] !== anchor) continue;
				if (!every) break;
				inside = false;
			} else if (!anchorStart.test(line)) kept.push(line);
		} else if (anchorStart.exec(line)?.[1] === anchor) [found, inside] = [true, true];
	}
	return found ? kept : undefined;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
	const at = text.indexOf(separator);
	return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** The folder of a path from the root (`''` at the root). */
function folderOf(path: string): string {
	return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/** `written` from `folder`, both from the root: `.` and `..` resolved, leading `..` kept; an absolute path stays one. */
function joinPath(folder: string, written: string): string {
	const absolute = written.startsWith('/');
	const parts: string[] = [];
	for (const part of [...(absolute ? [] : folder.split('/')), ...written.split('/')]) {
		if (part === '' || part === '.') continue;
		if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
		else if (part !== '..' || !absolute) parts.push(part);
	}
	return (absolute ? '/' : '') + parts.join('/');
}
