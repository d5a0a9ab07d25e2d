import { atxHeading } from '../syntax/atx-heading.ts';
import { frontmatterLineCount, literalLines } from '../syntax/code-lines.ts';
import { LineEmitter } from '../syntax/line-origins.ts';
import { pasteSpans, placeLines, type Placed } from '../syntax/pasted-lines.ts';
import type { Expansion } from '../syntax/expanded-source.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { vitepressSlug } from './heading-ids.ts';
import { parseInclude, pulledPathOf } from './pull-paths.ts';
import { notice } from '../syntax/notice.ts';
import { pullFile, type PullState } from './pulls.ts';
import { regionLines } from './regions.ts';

/** VitePress follows includes until one repeats; Waymark stops here too, so a page's work is bounded however the files nest. */
const maxDepth = 10;

/**
 * The page with its `<!--@include: path-->`s replaced by the files' text, as VitePress does before
 * it reads any Markdown (in code too): `@/` from `srcDir`, else from the including file's folder;
 * `#region` (a `#region name` … `#endregion name` part, else the section under the heading with
 * that id), `{3,}`, `{,10}`, `{1,10}` lines; a Markdown file's front matter left out (kept when
 * lines are counted without a region, as VitePress counts them), its own includes followed from its
 * folder. An include that cannot be shown becomes a notice, with a note at the page's line. Each
 * line pasted keeps its place in its file, however deep it was included.
 */
export function expandVitepressIncludes(text: string, page: string, state: PullState): Expansion {
	const out = new LineEmitter(1);
	const notes: SourceNote[] = [];
	const lines = text.split('\n');
	const skipped = frontmatterLineCount(lines);
	let line = 1;
	let lineStart = 0;
	let from = 0;
	const passLines = (to: number) => {
		for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) {
			line++;
			lineStart = at + 1;
		}
		from = to;
	};
	for (const match of findIncludes(text)) {
		out.emit(text.slice(from, match.index), (n) => line + n);
		passLines(match.index);
		if (line <= skipped) continue;
		const at = { line: out.origins.length, column: match.index - lineStart + 1 };
		const noted = new Set<string>();
		// One note per include and reason, however many files deep it comes up.
		const note = (message: string, severity: SourceNote['severity'], reason: string) => {
			if (noted.has(reason)) return;
			noted.add(reason);
			notes.push({ ...at, severity, message });
		};
		const pasted = include(match[0], match[1], page, [], { state, note });
		out.insert(pasted.text, line, pasted.places);
		from = match.index + match[0].length;
	}
	out.emit(text.slice(from), (n) => line + n);
	return { text: out.text, origins: out.origins, pasted: out.pasted, notes };
}

interface IncludeContext {
	state: PullState;
	note: (message: string, severity: SourceNote['severity'], reason: string) => void;
}

/** What an include written in `from` is replaced by; `ancestors` are the files including `from`. */
function include(
	directive: string,
	written: string,
	from: string,
	ancestors: readonly string[],
	context: IncludeContext,
): Placed {
	if (written === '') return { text: directive };
	const spec = parseInclude(written);
	const path = pulledPathOf(spec.file, from, context.state.source);
	const fail = (why: string, severity: SourceNote['severity'] = 'warning') => {
		context.note(
			`Unexpected include \`@include: ${written}\` (\`${path}\`): ${why}`,
			severity,
			why,
		);
		return { text: notice(`Included file “${written}”`) };
	};
	if (path === from || ancestors.includes(path))
		return fail(
			'a file that includes itself, expected includes that end: VitePress leaves it as an invisible comment, Waymark shows a notice',
		);
	if (ancestors.length >= maxDepth)
		return fail(
			`more than ${maxDepth} includes deep, expected includes that end; a notice is shown`,
		);
	const read = pullFile(context.state, path, 'A notice is shown');
	if ('why' in read) return fail(read.why, read.severity);
	let content = read.text;
	const markdown = /\.md$/i.test(path);
	if (markdown && (spec.region !== undefined || spec.range === undefined))
		content = withoutFrontmatter(content);
	let lines = content.split('\n');
	// Where VitePress 2 stops the build, the part is kept as VitePress 1 keeps it, with a note.
	const warn = (why: string) => void fail(why);
	if (spec.region !== undefined) {
		const taken = regionLines(lines, spec.region, false) ?? headingSection(lines, spec.region);
		if (taken) lines = taken;
		else
			warn(
				`expected a \`#region ${spec.region}\` or a heading with the id \`${spec.region}\` in \`${spec.file}\`: the whole file is shown, as VitePress 1 shows it (VitePress 2 stops the build)`,
			);
	}
	if (spec.range) {
		const start = spec.range.start ?? 1;
		const end = spec.range.end ?? lines.length;
		if (start < 1 || end < start || end > lines.length)
			warn(
				`lines ${spec.range.written} of a part ${lines.length} lines long, expected lines inside it: those inside it are shown (VitePress 2 stops the build)`,
			);
		lines = lines.slice(Math.max(1, start) - 1, Math.min(end, lines.length));
		if (lines.length === 0) return { text: notice(`Included file “${written}”`) };
	}
	const included = lines.join('\n');
	const places = placeLines(lines, path, read.text);
	const inners = findIncludes(included);
	if (inners.length === 0) return { text: included, places };
	return pasteSpans(
		{ text: included, places },
		inners.map((inner) => ({ ...inner, start: inner.index, end: inner.index + inner[0].length })),
		(inner) => include(inner[0], inner[1], path, [...ancestors, from], context),
	);
}

/**
 * The includes in `text`, in order, as VitePress' `/<!--\s*@include:\s*(.*?)\s*-->/g` finds them
 * (the directive, what it names, where it starts), its name on one line with its `-->`; without
 * trying every opener against the rest of the text, so a page of openers never closed costs its
 * length, not its length squared.
 */
function findIncludes(text: string): Array<{ 0: string; 1: string; index: number }> {
	const found: Array<{ 0: string; 1: string; index: number }> = [];
	const opener = /<!--\s*@include:\s*/y;
	let close = -1;
	let lineEnd = -1;
	for (let at = text.indexOf('<!--'); at !== -1; at = text.indexOf('<!--', at + 1)) {
		opener.lastIndex = at;
		if (!opener.test(text)) continue;
		const name = opener.lastIndex;
		if (close < name) close = text.indexOf('-->', name);
		if (close === -1) break;
		if (lineEnd < name) lineEnd = (text.indexOf('\n', name) + 1 || text.length + 1) - 1;
		if (close > lineEnd) continue;
		found.push({ 0: text.slice(at, close + 3), 1: text.slice(name, close).trimEnd(), index: at });
		at = close + 2;
	}
	return found;
}
/** gray-matter's `content`: the text after the front matter's closing line. */
function withoutFrontmatter(text: string): string {
	const count = frontmatterLineCount(text.split('\n'));
	return count === 0 ? text : text.split('\n').slice(count).join('\n');
}

/**
 * The lines under the heading whose id is `id`, up to the next heading of its level or above (VitePress
 * tries this when no region has the name): ids as VitePress gives them (`{#id}`, else the slug, a
 * repeat numbered), read from the headings' text with inline code and emphasis marks taken out.
 */
function headingSection(lines: readonly string[], id: string): string[] | undefined {
	const literal = literalLines(lines, { frontmatter: false });
	const taken = new Set<string>();
	let found: { level: number; start: number } | undefined;
	for (let i = 0; i < lines.length; i++) {
		const heading = literal[i] ? undefined : atxHeading(lines[i]!);
		if (!heading) continue;
		const { level } = heading;
		if (found && level <= found.level) return lines.slice(found.start, i);
		if (found) continue;
		const { text } = heading;
		const explicit = /\{#([^}\s]+)\}$/.exec(text);
		const slug = explicit?.[1] ?? vitepressSlug(text.replace(/[`*_]/g, ''));
		let unique = slug;
		for (let n = 1; taken.has(unique); n++) unique = `${slug}-${n}`;
		taken.add(unique);
		if (unique === id) found = { level, start: i + 1 };
	}
	return found && lines.slice(found.start);
}
