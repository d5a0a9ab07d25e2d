/**
 * Hugo's `readfile` shortcode, as Docsy defines it and the sites built on it use it:
 * `{{< readfile file="drain.md" >}}` (or the file as its one argument) pastes a file into the
 * page, rendered as Markdown, or with `code="true"` as a code block in `lang`. The path is the
 * page's folder in the content followed by the file, or, written from `/`, the file as written;
 * Hugo's `readFile` then looks in the site's folder first and in the content folder next (an
 * overlay of the two, `tpl/os`). The file is read through the tree's puller (`pull`), so it is
 * never one outside the boundary, a secret, or in an untrusted build one git does not track; a
 * finding on a pasted line is the file's (`checks/included-files.ts`).
 */
import { posix } from 'node:path';
import { LineEmitter } from '../syntax/line-origins.ts';
import type { Expansion } from '../syntax/expanded-source.ts';
import { pasteSpans, type PastedPlaces } from '../syntax/pasted-lines.ts';
import { openFenceAtEnd } from '../syntax/code-lines.ts';
import { budgetText, pulledProblem, sharedBudget, type PulledFile } from '../syntax/pulled-file.ts';
import type { Reads } from '../syntax/recorded-reads.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { notice } from '../syntax/notice.ts';
import { shortcodesOf, type Token } from './shortcode-tokens.ts';

/**
 * Where `readFile` looks, from the root: the site's folder; the folders the content is made of, each
 * with the place in the content it fills (`''` for the top: `contentDir`, or each mount onto
 * `content`); and the root's folder in the content (`''` at its top).
 */
export interface ReadfilePlaces {
	site: string;
	content: Array<{ target: string; folder: string }>;
	inContent: string;
}

/** Whether a page may paste a file with `readfile` (Docsy also ships it as `readFile`), so only those share the tree's budget. */
export const mayReadfile = (text: string): boolean => /\{\{[<%]\s*readfile\b/i.test(text);

/** The marks `waymark dev` looks for to read a page again when a file changes. */
export const readfileMarks = ['readfile', 'readFile'];

/** The places `readFile` tries, in order, from the root, for `written` on `page` (its path from the root). */
export function readfilePaths(page: string, written: string, places: ReadfilePlaces): string[] {
	// Docsy writes `"/" + .Page.File.Dir + file`; `File.Dir` is the page's folder in the content, with a trailing slash.
	const folder = posix.dirname(posix.join(places.inContent, page));
	const inSite = written.startsWith('/')
		? written
		: `/${folder === '.' ? '' : `${folder}/`}${written}`;
	const path = posix.normalize(inSite).replace(/^\/+/, '');
	const fromContent = [...places.content]
		.filter(({ target }) => target === '' || path === target || path.startsWith(`${target}/`))
		.sort((a, b) => b.target.length - a.target.length)
		.map(({ target, folder: from }) => posix.join(from || '.', path.slice(target.length)));
	return [posix.join(places.site || '.', path), ...fromContent].map((found) =>
		posix.normalize(found),
	);
}

/** Hugo renders a pasted file's own `readfile`s too; past this depth (or a file that pastes itself) a notice stands instead. */
const maxDepth = 8;

/** What one page's pastes share: the reads, where files are looked for, the page and what is left of its budget. */
interface PasteState {
	reading: { reads: Reads; places: ReadfilePlaces };
	page: string;
	budget: number;
}

/**
 * The page with each `readfile` outside code replaced by the file it names, each pasted line with
 * its place in the file; `undefined` when the page has none. The file is rendered as Hugo renders
 * it (`.Page.RenderString`, which runs its shortcodes since Hugo 0.100): its own `readfile`s are
 * pasted in turn, from the page's folder, as `.Page` is the page there. What is pasted stands in
 * the shortcode's container (each line after the first under a list item's or a quote's marks) and
 * ends there (a fence the file leaves open is closed). One that cannot be shown becomes a notice,
 * with a note at the page's line: a file no place holds is an error, as Hugo stops the build there.
 */
export function expandHugoReadfiles(
	text: string,
	page: string,
	reading: { reads: Reads; places: ReadfilePlaces },
): Expansion | undefined {
	const calls = readfileCalls(text);
	if (calls.length === 0) return undefined;
	const out = new LineEmitter(1);
	const notes: SourceNote[] = [];
	const state: PasteState = { reading, page, budget: reading.reads.pageBudget };
	let from = 0;
	let line = 1;
	for (const call of calls) {
		out.emit(text.slice(from, call.start), (n) => line + n);
		const at = out.end;
		const noted = new Set<string>();
		// One note per shortcode and reason, however deep the files it pastes go.
		const note = (message: string, severity: SourceNote['severity']) => {
			if (noted.has(message)) return;
			noted.add(message);
			notes.push({ ...at, message, severity });
		};
		const pasted = paste(call, state, [], note);
		const shown = inContainer(pasted, containerOf(text, call.start));
		out.insert(shown.text, call.line, shown.places);
		line = call.line + (text.slice(call.start, call.end).split('\n').length - 1);
		from = call.end;
	}
	out.emit(text.slice(from), (n) => line + n);
	return { text: out.text, origins: out.origins, pasted: out.pasted, notes };
}

/** The `readfile` calls of `text` outside code (Hugo's escapes and front matter left alone). */
function readfileCalls(text: string): Token[] {
	return shortcodesOf(text, false).tokens.filter(
		(token) => !token.closing && token.name === 'readfile',
	);
}

/** Text pasted in, each of its lines placed (none for a notice or a line Waymark wrote). */
type Placed = { text: string; places: PastedPlaces };

/** What one `readfile` shows: the file (its own `readfile`s pasted in turn), or a notice and a note saying why not. */
function paste(
	call: Token,
	state: PasteState,
	ancestors: readonly string[],
	note: (message: string, severity: SourceNote['severity']) => void,
): Placed {
	const written = call.named['file'] ?? call.positional[0] ?? '';
	const shown = (why: string, severity: SourceNote['severity'] = 'warning'): Placed => {
		note(`Unexpected Hugo shortcode \`readfile "${written}"\`: ${why}`, severity);
		return { text: notice(`File “${written}”`), places: [] };
	};
	if (written === '') return shown('no file named, expected `file="…"`: a notice is shown');
	const found = readFirst(
		readfilePaths(state.page, written, state.reading.places),
		state.reading.reads,
	);
	if ('problem' in found.read) {
		const missing = found.read.problem === 'not found';
		const { severity, advice } = pulledProblem(
			found.read.problem,
			'a file',
			'Hugo',
			'A notice is shown',
		);
		return shown(
			missing
				? `no file at \`${found.tried.join('` or `')}\`, expected one there (Hugo's \`readFile\` looks in the site's folder, then in the content): Hugo stops the build, Waymark shows a notice`
				: `${found.read.problem} (\`${found.path}\`); ${advice}`,
			missing ? 'error' : severity,
		);
	}
	if (ancestors.includes(found.path))
		return shown(
			'a file that pastes itself, expected pastes that end: Hugo never finishes the page, Waymark shows a notice',
		);
	if (ancestors.length >= maxDepth)
		return shown(`more than ${maxDepth} files deep, expected pastes that end; a notice is shown`);
	if (found.read.text.length > state.budget)
		return shown(
			`past ${budgetText(state.reading.reads.pageBudget)} of pulled files on one page (${sharedBudget}), expected fewer or smaller files. A notice is shown`,
		);
	state.budget -= found.read.text.length;
	const body = found.read.text.replace(/\r?\n$/, '').replace(/\r\n/g, '\n');
	const places = body.split('\n').map((text, i) => ({ file: found.path, line: i + 1, text }));
	if (call.named['code'] === 'true') return asCode(body, places, call.named['lang'] ?? '');
	const inner = readfileCalls(body);
	if (inner.length === 0) return { text: body, places };
	return pasteSpans({ text: body, places }, inner, (nested) =>
		inContainer(
			paste(nested, state, [...ancestors, found.path], note),
			containerOf(body, nested.start),
		),
	);
}

/** The first place that holds the file, else the first answer (why none could be shown), with the places tried. */
function readFirst(
	paths: readonly string[],
	reads: Reads,
): { path: string; read: PulledFile; tried: string[] } {
	const tried: string[] = [];
	let first: { path: string; read: PulledFile } | undefined;
	for (const path of new Set(paths)) {
		const read = reads.read(path);
		if ('text' in read) return { path, read, tried };
		tried.push(path);
		if (!first || ('problem' in first.read && first.read.problem === 'not found'))
			first = { path, read };
	}
	return { ...(first as { path: string; read: PulledFile }), tried };
}

/** A file's lines as a code block in `lang` (`code="true"`), fenced past any backticks in it. */
function asCode(body: string, places: PastedPlaces, lang: string): Placed {
	const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longest + 1);
	return {
		text: `${fence}${lang.replace(/[^\w+#.-]/g, '')}\n${body}\n${fence}`,
		places: [undefined, ...places, undefined],
	};
}

/**
 * The marks that continue the container a shortcode stands in, from what precedes it on its line:
 * blanks as they are, a quote's `>` kept, a list item's marker as blanks of its width (`1. ` is
 * three); `''` when text precedes it (the paste joins that line).
 */
function containerOf(text: string, start: number): string {
	const before = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
	if (!/^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*$/.test(before)) return '';
	return before.replace(/[-*+]|\d{1,9}[.)]/g, (marker) => ' '.repeat(marker.length));
}

/**
 * `pasted` as it stands in its container: each line after the first behind the container's marks
 * (`prefix`), and a fence the file left open closed at its end, as Hugo renders the file on its own
 * and its code ends with it.
 */
function inContainer(pasted: Placed, prefix: string): Placed {
	const lines = pasted.text.split('\n');
	const places = [...pasted.places];
	const open = openFenceAtEnd(lines);
	if (open) {
		lines.push(open);
		places[lines.length - 1] = undefined;
	}
	if (prefix === '' && !open) return pasted;
	return {
		text: lines
			.map((line, i) => (i === 0 || (line === '' && !prefix.includes('>')) ? line : prefix + line))
			.join('\n'),
		places,
	};
}
