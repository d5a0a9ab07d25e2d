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
import type { PastedLine } from '../syntax/pasted-lines.ts';
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
export const mayReadfile = (text: string): boolean => /\{\{[<%][ \t]*readfile\b/i.test(text);

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

/**
 * The page with each `readfile` outside code replaced by the file it names, each pasted line with
 * its place in the file; `undefined` when the page has none. One that cannot be shown becomes a
 * notice, with a note at its line: a file no place holds is an error, as Hugo stops the build there.
 * A `readfile` in a pasted file is left to the rewrite (Hugo renders a pasted file without its
 * shortcodes).
 */
export function expandHugoReadfiles(
	text: string,
	page: string,
	reading: { reads: Reads; places: ReadfilePlaces },
): Expansion | undefined {
	const calls = shortcodesOf(text, false).tokens.filter(
		(token) => !token.closing && token.name === 'readfile',
	);
	if (calls.length === 0) return undefined;
	const out = new LineEmitter(1);
	const notes: SourceNote[] = [];
	let budget = reading.reads.pageBudget;
	let from = 0;
	let line = 1;
	for (const call of calls) {
		out.emit(text.slice(from, call.start), (n) => line + n);
		const note = (message: string, severity: SourceNote['severity']) =>
			notes.push({ line: out.end.line, column: out.end.column, message, severity });
		const written = call.named['file'] ?? call.positional[0] ?? '';
		const found =
			written === ''
				? undefined
				: readFirst(readfilePaths(page, written, reading.places), reading.reads);
		const shown = (why: string, severity: SourceNote['severity'] = 'warning') => {
			note(`Unexpected Hugo shortcode \`readfile "${written}"\`: ${why}`, severity);
			out.insert(notice(`File “${written}”`), call.line);
		};
		if (!found) shown('no file named, expected `file="…"`: a notice is shown');
		else if ('problem' in found.read) {
			const missing = found.read.problem === 'not found';
			const { severity, advice } = pulledProblem(
				found.read.problem,
				'a file',
				'Hugo',
				'A notice is shown',
			);
			shown(
				missing
					? `no file at \`${found.tried.join('` or `')}\`, expected one there (Hugo's \`readFile\` looks in the site's folder, then in the content): Hugo stops the build, Waymark shows a notice`
					: `${found.read.problem} (\`${found.path}\`); ${advice}`,
				missing ? 'error' : severity,
			);
		} else if (found.read.text.length > budget)
			shown(
				`past ${budgetText(reading.reads.pageBudget)} of pulled files on one page (${sharedBudget}), expected fewer or smaller files. A notice is shown`,
			);
		else {
			budget -= found.read.text.length;
			// Hugo puts the output where the shortcode stood, in a list item too: every line there.
			const before = text.slice(text.lastIndexOf('\n', call.start - 1) + 1, call.start);
			const pasted = pastedText(
				found.read.text,
				found.path,
				call,
				/^[ \t]*$/.test(before) ? before : '',
			);
			out.insert(pasted.text, call.line, pasted.places);
		}
		line = call.line + (text.slice(call.start, call.end).split('\n').length - 1);
		from = call.end;
	}
	out.emit(text.slice(from), (n) => line + n);
	return { text: out.text, origins: out.origins, pasted: out.pasted, notes };
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

/** The file's text as the page shows it, Markdown or (`code="true"`) a code block, each line after the first indented as the shortcode is, each placed in the file. */
function pastedText(
	fileText: string,
	path: string,
	call: Token,
	indent: string,
): { text: string; places: Array<PastedLine | undefined> } {
	const body = fileText.replace(/\r?\n$/, '');
	const lines = body.split(/\r?\n/);
	const places = lines.map((text, i) => ({ file: path, line: i + 1, text }));
	const joined = (all: readonly string[]) =>
		all.map((line, i) => (i === 0 || line === '' ? line : indent + line)).join('\n');
	if (call.named['code'] !== 'true') return { text: joined(lines), places };
	const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longest + 1);
	const lang = (call.named['lang'] ?? '').replace(/[^\w+#.-]/g, '');
	return {
		text: joined([`${fence}${lang}`, ...lines, fence]),
		places: [undefined, ...places, undefined],
	};
}
