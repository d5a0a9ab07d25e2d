import type { RewritePage } from '../../markdown/site-tool.ts';
import { escapeLabel } from '../mkdocs/admonitions.ts';
import { sortNotes, unchanged, type RewrittenSource } from '../rewrite.ts';
import { literalLines, maskInlineCode, nextMatchingLines } from '../syntax/code-lines.ts';
import { movedOrigins } from '../syntax/line-origins.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { subpagesOf, type WikiOrder } from './order.ts';
import { wikiTitle } from './page-names.ts';
import { notice } from '../syntax/notice.ts';

const tocMarker = /^ {0,3}\[\[_TOC_\]\][ \t]*\r?$/i;
const subpagesMarker = /^ {0,3}\[\[_TOSP_\]\][ \t]*\r?$/i;
const containerOpen = /^ {0,3}:::[ \t]*([A-Za-z][\w-]*)?[ \t]*(.*?)[ \t]*\r?$/;
const containerClose = /^ {0,3}:::[ \t]*\r?$/;
/** `@<6B2A…>` (a person, by id) and `@<Display Name>`. */
const mention = /@<([^<>\n]+)>/g;
/** An image's size after its URL: `![x](/.attachments/a.png =500x)`, `=x300`, `=500x300`. */
const imageSize = /(!\[[^\]\n]*\]\()(<[^>\n]*>|[^\s()]+)[ \t]+=\d*x\d*[ \t]*\)/g;

/**
 * An Azure DevOps wiki page as the site renders it: `[[_TOC_]]` the page's contents, `[[_TOSP_]]`
 * a list of its subpages in the wiki's order, `::: mermaid` a Mermaid diagram, an image's
 * `=500x300` size left out of its URL (the wiki sizes it; the URL is the same file), `@<id>`
 * mentions as the text they stand for; a query table or a video a notice. `#123` work items stay
 * text, as they read in the page's source.
 */
export function rewriteWikiSource(
	text: string,
	page: RewritePage,
	order: WikiOrder,
): RewrittenSource {
	if (!/\[\[_TO(?:C|SP)_\]\]|:::|@<|\]\((?:<[^<>\n]*>|[^\s()]+)[ \t]+=\d*x/i.test(text))
		return unchanged(text);
	const notes: SourceNote[] = [];
	const warn = (line: number, column: number, message: string) =>
		notes.push({ line: line + 1, column: column + 1, severity: 'warning', message });
	const lines = text.split('\n');
	const literal = literalLines(lines);
	const added = new Map<number, string[]>();
	// Where each block's `:::` is, found once: a scan from every opener to its close costs n² on a page of openers never closed.
	const closeFrom = nextMatchingLines(lines, (line) => containerClose.test(line));
	for (let i = 0; i < lines.length; i++) {
		if (literal[i]) continue;
		const line = lines[i]!;
		if (tocMarker.test(line)) {
			lines[i] = '::toc';
			continue;
		}
		if (subpagesMarker.test(line)) {
			const folder = page.path.replace(/\.md$/i, '');
			const subpages = subpagesOf(page.path, page.pages, order);
			// Relative to the page's own folder: `Parent.md` lists `Parent/Child.md`.
			const items = subpages.map(
				(path) =>
					`- [${escapeLabel(wikiTitle(path.split('/').pop()!))}](<./${folder.split('/').pop()}/${path.split('/').pop()}>)`,
			);
			lines[i] = items[0] ?? '';
			if (items.length > 1) added.set(i, items.slice(1));
			continue;
		}
		const open = containerOpen.exec(line);
		if (open && !containerClose.test(line)) {
			const name = (open[1] ?? '').toLowerCase();
			const end = closeFrom[i + 1]!;
			if (name === 'mermaid') {
				// The wiki's diagram block: the site draws fenced `mermaid` code.
				lines[i] = '```mermaid';
				if (end < lines.length) lines[end] = '```';
				for (let j = i + 1; j < end; j++) literal[j] = true;
				i = end;
				continue;
			}
			if (name === 'query-table' || name === 'video') {
				i = embedded(
					lines,
					i,
					end,
					`${name} ${open[2] ?? ''}\n${lines.slice(i + 1, end).join('\n')}`.trim(),
					warn,
				);
				continue;
			}
			// Other `:::` blocks are left to the pass for other tools' syntax (a callout, or content under a notice).
			continue;
		}
		if (containerClose.test(line)) {
			// A bare `:::` block: the wiki's query table (`query-table <id>`) or video (`video` and an `<iframe>`).
			const end = closeFrom[i + 1]!;
			if (end < lines.length)
				i = embedded(
					lines,
					i,
					end,
					lines
						.slice(i + 1, end)
						.join('\n')
						.trim(),
					warn,
				);
			continue;
		}

		if (line.includes('@<'))
			lines[i] = replaceOutsideCode(
				lines[i]!,
				mention,
				(_, who: string) => `@${who.trim().replace(/[*_[\]\\`]/g, (char) => `\\${char}`)}`,
			);
		if (/[ \t]=\d*x/.test(line))
			lines[i] = replaceOutsideCode(
				lines[i]!,
				imageSize,
				(_, start: string, url: string) => `${start}${url})`,
			);
	}
	if (added.size === 0) return { text: lines.join('\n'), notes: sortNotes(notes) };
	const out: string[] = [];
	const origins: number[] = [];
	const moved = new Map<number, number>();
	lines.forEach((line, i) => {
		moved.set(i + 1, out.length + 1);
		out.push(line);
		origins.push(i + 1);
		for (const extra of added.get(i) ?? []) {
			out.push(extra);
			origins.push(i + 1);
		}
	});
	for (const note of notes) note.line = moved.get(note.line) ?? note.line;
	const origin = movedOrigins(origins);
	return { text: out.join('\n'), notes: sortNotes(notes), ...(origin && { origins: origin }) };
}

/** A `:::` block of the wiki's query table or video (`body` its text) on lines `at` to `end`: a notice, a link to the video; the line to go on from. */
function embedded(
	lines: string[],
	at: number,
	end: number,
	body: string,
	warn: (line: number, column: number, message: string) => void,
): number {
	const kind = /^(query-table|video)\b/.exec(body)?.[1];
	if (!kind) return at;
	const source = kind === 'video' ? /src=["']([^"']+)["']/.exec(body)?.[1] : undefined;
	warn(
		at,
		lines[at]!.indexOf(':'),
		`Unexpected wiki ${kind === 'video' ? 'video' : 'query table'} \`::: ${body.split('\n')[0]}\`, expected Markdown: Waymark cannot ${kind === 'video' ? 'embed the video' : 'run the work item query'} and shows ${source ? 'a link to it' : 'a notice'} in its place`,
	);
	lines[at] = source
		? `[Video](<${source}>) ${notice('Embedded video')}`
		: notice(`Query table “${body.replace(/^query-table\s*/, '')}”`);
	for (let j = at + 1; j <= Math.min(end, lines.length - 1); j++) lines[j] = '';
	return end;
}

/** `line` with each match of `pattern` outside inline code replaced. */
function replaceOutsideCode(
	line: string,
	pattern: RegExp,
	replace: (...groups: string[]) => string,
): string {
	const masked = maskInlineCode(line);
	let result = '';
	let last = 0;
	for (const match of masked.matchAll(pattern)) {
		const whole = line.slice(match.index, match.index + match[0].length);
		const groups = new RegExp(pattern.source).exec(whole);
		result +=
			line.slice(last, match.index) +
			(groups ? replace(...(groups as unknown as string[])) : whole);
		last = match.index + match[0].length;
	}
	return result + line.slice(last);
}
