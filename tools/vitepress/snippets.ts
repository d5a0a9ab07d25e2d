import type { SourceNote } from '../syntax/source-note.ts';
import { parseSnippetImport, pulledPathOf, type SnippetImport } from './pull-paths.ts';
import { notice } from '../syntax/notice.ts';
import { pullFile, type PullState } from './pulls.ts';
import { dedentLines, regionLines } from './regions.ts';

/** A code snippet import as the page shows it: its lines, or a notice and the note that says why. */
interface SnippetBlock {
	lines: string[];
	/** A code group's tab title. */
	title: string;
	note?: { message: string; severity: SourceNote['severity'] };
}

/**
 * `<<< path#region{lines lang} [title]` (`written`, after the marker) as VitePress shows it: the
 * file, or its `#region`'s lines without their markers and dedented, as a fenced code block in the
 * braces' language or the file's extension's. `@/` is `srcDir`, any other path is from the page's
 * folder. Highlighted lines and other options are left out, as on the site's other code blocks.
 */
export function snippetBlock(
	written: string,
	indent: string,
	page: string,
	state: PullState,
): SnippetBlock {
	const snippet = parseSnippetImport(written);
	const failed = (
		why: string,
		severity: SourceNote['severity'] = 'warning',
		path?: string,
	): SnippetBlock => ({
		lines: [`${indent}${notice(`Code snippet “${snippet.file}”`)}`],
		title: snippet.title,
		note: {
			message: `Unexpected code snippet import \`<<< ${written.trim()}\`${path === undefined ? '' : ` (\`${path}\`)`}: ${why}`,
			severity,
		},
	});
	if (snippet.file === '') return failed('no file, expected `<<< path/to/file`; a notice is shown');
	const path = pulledPathOf(snippet.file, page, state.source);
	const read = pullFile(state, path, 'A notice is shown');
	if ('why' in read) return failed(read.why, read.severity, path);
	let lines = read.text.split('\n');
	if (snippet.region !== undefined) {
		const region = regionLines(lines, snippet.region, true);
		// VitePress 1 shows the whole file (VitePress 2 stops the build): the code is kept, with a note.
		if (!region)
			return {
				lines: fenced(lines, snippet, indent),
				title: snippet.title,
				note: {
					message: `Unexpected code snippet import \`<<< ${written.trim()}\`: expected a \`#region ${snippet.region}\` in \`${snippet.file}\`; the whole file is shown, as VitePress 1 shows it (VitePress 2 stops the build)`,
					severity: 'warning',
				},
			};
		lines = dedentLines(region);
	}
	return { lines: fenced(lines, snippet, indent), title: snippet.title };
}

/** The lines as a fenced code block longer than any fence inside, indented as the import. */
function fenced(lines: readonly string[], snippet: SnippetImport, indent: string): string[] {
	const body = lines.map((line) => line.replace(/\r$/, ''));
	if (body.length > 0 && body.at(-1) === '') body.pop();
	const longest = Math.max(2, ...body.map((line) => /^[ \t]*(`+)/.exec(line)?.[1]?.length ?? 0));
	const marks = '`'.repeat(longest + 1);
	// `ts:line-numbers`, `c#{1,2}`: the language alone, as the site's other code blocks.
	const lang = snippet.lang.replace(/[:{].*$/, '').replace(/`/g, '');
	return [
		`${indent}${marks}${lang}`,
		...body.map((line) => (line === '' ? '' : indent + line)),
		`${indent}${marks}`,
	];
}
