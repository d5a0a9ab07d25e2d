/**
 * A GitBook page's text as the site renders it: its blocks (`{% hint %}`, `{% tabs %}`,
 * `{% content-ref %}`, `{% embed %}`, `{% code %}`, `{% file %}`, `{% stepper %}`) as the
 * site's callouts, tabs, links and code, and `<figure>`'s picture as a Markdown image. A block
 * GitBook renders from its own services (`{% swagger %}`, an integration's `{% @… %}`) is a
 * notice and a warning, its content kept. Line for line.
 */
import type { RewritePage } from '../../markdown/site-tool.ts';
import type { RewrittenSource } from '../rewrite.ts';
import { literalLines, maskInlineCode } from '../syntax/code-lines.ts';
import { lastClosingLines, toLastClose } from '../syntax/last-close.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { own } from '../../core/own.ts';
import { notice } from '../syntax/notice.ts';

/** GitBook's hint styles as the site's callouts. */
const hintKinds: Record<string, string> = {
	info: 'info',
	success: 'success',
	warning: 'warning',
	danger: 'danger',
	tip: 'tip',
	note: 'note',
};
/** Blocks whose tags only lay their content out: the content is the page's. */
const layoutTags = new Set([
	'stepper',
	'step',
	'columns',
	'column',
	'content-ref',
	'code',
	'tabs',
	'raw',
]);

const tagLine = /^(\s*)\{%-?\s*(@?[\w./-]+)(.*?)-?%\}\s*$/;
// `[^]`, not `.`: a `.` stopped at a `\r` or U+2028 would scan from every opener before it (`toLastClose`).
const tagInline = /\{%-?\s*(@?[\w./-]+)([^]*?)-?%\}/g;

const escapeLabel = (text: string): string => text.replace(/[[\]\\]/g, (char) => `\\${char}`);

/** An attribute of a tag as written: `title="x"`, `url='x'`. */
function attribute(args: string, name: string): string | undefined {
	const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|(\\S+))`).exec(args);
	return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** The page's text with GitBook's blocks as the site renders them. */
export function rewriteGitbookSource(text: string, page: RewritePage): RewrittenSource {
	if (!text.includes('{%') && !/<figure|<img/i.test(text)) return { text, notes: [] };
	const lines = text.split('\n');
	const literal = literalLines(lines);
	const notes: SourceNote[] = [];
	const warn = (line: number, column: number, message: string) =>
		notes.push({ line: line + 1, column: column + 1, severity: 'warning', message });
	/** Open blocks: what each one's `{% end… %}` becomes. */
	const open: Array<{ name: string; close: string; line?: number; inner?: number }> = [];
	/** Within `{% tabs %}`: whether a tab came yet (the first opens a new set). */
	const tabSets: boolean[] = [];
	// Where each block's last `{% end<name> %}` is: an opener after it is never closed.
	const lastEnd = lastClosingLines(lines, /^\s*\{%-?\s*end(@?[\w./-]+?)\s*-?%\}\s*$/);
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		if (literal[i]) continue;
		const tag = tagLine.exec(line);
		if (tag) {
			const [, indent, name, rawArgs] = tag as unknown as [string, string, string, string];
			const args = rawArgs.trim();
			if (name.startsWith('end')) {
				const at = open.map((item) => item.name).lastIndexOf(name.slice(3));
				const closed = at === -1 ? undefined : open.splice(at)[0]!;
				lines[i] = closed?.close ?? '';
				if (closed?.line !== undefined) {
					// A callout or tab holding others takes more colons than they do, as nested directives must.
					const colons = ':'.repeat(3 + (closed.inner ?? 0));
					lines[closed.line] = lines[closed.line]!.replace(/^(\s*):::/, `$1${colons}`);
					lines[i] = lines[i]!.replace(/:::$/, colons);
					const parent = open.findLast((item) => item.line !== undefined);
					if (parent) parent.inner = Math.max(parent.inner ?? 0, (closed.inner ?? 0) + 1);
				}
				if (name === 'endtabs') tabSets.pop();
				continue;
			}
			if (name === 'hint') {
				const style = (attribute(args, 'style') ?? 'info').toLowerCase();
				lines[i] = `${indent}:::${own(hintKinds, style) ?? 'note'}`;
				open.push({ name, close: `${indent}:::`, line: i });
				continue;
			}
			if (name === 'tabs') {
				lines[i] = '';
				tabSets.push(false);
				open.push({ name, close: '' });
				continue;
			}
			if (name === 'tab') {
				const first = tabSets.length > 0 && !tabSets[tabSets.length - 1];
				if (tabSets.length > 0) tabSets[tabSets.length - 1] = true;
				lines[i] =
					`${indent}:::tab${first ? '-new' : ''}[${escapeLabel(attribute(args, 'title') ?? 'Tab')}]`;
				open.push({ name, close: `${indent}:::`, line: i });
				continue;
			}
			if (name === 'code') {
				// The block's title above it, as GitBook shows it.
				const title = attribute(args, 'title');
				lines[i] = title
					? `${indent}**${title.replace(/[*_[\]\\`<>]/g, (char) => `\\${char}`)}**`
					: '';
				open.push({ name, close: '' });
				continue;
			}
			if (name === 'embed') {
				const url = attribute(args, 'url') ?? '';
				const caption = attribute(args, 'caption');
				lines[i] = url ? `${indent}[${escapeLabel(caption ?? url)}](<${url}>)` : '';
				if ((lastEnd.get(name) ?? -1) > i) open.push({ name, close: '' });
				continue;
			}
			if (name === 'file') {
				const src = attribute(args, 'src') ?? '';
				const caption = attribute(args, 'caption');
				const shown = caption ?? decodedOrAsWritten(src.split('/').pop() ?? src);
				lines[i] = src ? `${indent}[${escapeLabel(shown)}](<${src}>)` : '';
				if ((lastEnd.get(name) ?? -1) > i) open.push({ name, close: '' });
				continue;
			}
			// GitBook's legacy API blocks, as the text they show: the call, its parameters and responses.
			if (name.startsWith('swagger') || name === 'api-method') {
				const method = attribute(args, 'method')?.toUpperCase();
				const path = attribute(args, 'path') ?? attribute(args, 'name');
				const parameter = [
					attribute(args, 'in'),
					attribute(args, 'type'),
					attribute(args, 'required') === 'true' ? 'required' : undefined,
				]
					.filter(Boolean)
					.join(', ');
				const described = attribute(args, 'description') ?? attribute(args, 'summary');
				if (name === 'swagger' && path)
					lines[i] =
						`${indent}**${method ? `${method} ` : ''}\`${path}\`**${described ? ` ${described}` : ''}`;
				else if (name === 'swagger-parameter' && path)
					lines[i] =
						`${indent}- Parameter \`${path}\`${parameter ? ` (${parameter})` : ''}${described ? `: ${described}` : ''}`;
				else if (name === 'swagger-response')
					lines[i] =
						`${indent}- Response ${attribute(args, 'status') ?? ''}${described ? `: ${described}` : ''}`;
				else lines[i] = '';
				if ((lastEnd.get(name) ?? -1) > i) open.push({ name, close: '' });
				continue;
			}
			if (layoutTags.has(name)) {
				lines[i] = '';
				if ((lastEnd.get(name) ?? -1) > i) open.push({ name, close: '' });
				continue;
			}
			const block = (lastEnd.get(name) ?? -1) > i;
			warn(
				i,
				indent.length,
				`Unexpected GitBook block \`{% ${name}${args ? ` ${args}` : ''} %}\`, expected Markdown: GitBook renders it from its own services, which Waymark cannot; Waymark shows ${block ? 'what it holds' : 'a notice'} in its place`,
			);
			const url = attribute(args, 'src') ?? attribute(args, 'url');
			lines[i] =
				`${indent}${notice(`GitBook block “${name}”`)}${url ? ` [${escapeLabel(url)}](<${url}>)` : ''}`;
			if (block) open.push({ name, close: '' });
			continue;
		}
		if (line.includes('{%')) lines[i] = inlineTags(line, i, warn);
		if (/<figure|<img/i.test(lines[i]!)) lines[i] = figures(lines[i]!);
	}
	void page;
	return notes.length === 0 && lines.join('\n') === text
		? { text, notes: [] }
		: { text: lines.join('\n'), notes };
}

/** Tags inside a line of text: an embed or a file a link, the rest a notice. */
function inlineTags(
	line: string,
	at: number,
	warn: (line: number, column: number, message: string) => void,
): string {
	const masked = maskInlineCode(line);
	let result = '';
	let last = 0;
	for (const match of toLastClose(masked, '%}').matchAll(tagInline)) {
		const [written, name, rawArgs] = [
			line.slice(match.index, match.index + match[0].length),
			match[1]!,
			match[2]!.trim(),
		];
		let replaced: string;
		const url = attribute(rawArgs, 'url') ?? attribute(rawArgs, 'src');
		if ((name === 'embed' || name === 'file') && url)
			replaced = `[${escapeLabel(attribute(rawArgs, 'caption') ?? url)}](<${url}>)`;
		else if (name.startsWith('end') || layoutTags.has(name)) replaced = '';
		else {
			warn(
				at,
				match.index,
				`Unexpected GitBook block \`${written}\`, expected Markdown: GitBook renders it from its own services, which Waymark cannot; Waymark shows a notice in its place`,
			);
			replaced = notice(`GitBook block “${name}”`);
		}
		result += line.slice(last, match.index) + replaced;
		last = match.index + match[0].length;
	}
	return result + line.slice(last);
}

/** `<figure><img src="…" alt="…"><figcaption>…</figcaption></figure>` on one line, as GitBook writes a picture: a Markdown image and its caption. */
function figures(line: string): string {
	// Searched up to the last `</figure>`, a caption never past the next `<figure>`: a line of figures never closed costs its length.
	const at = line.toLowerCase().lastIndexOf('</figure>');
	if (at < 0) return line;
	const searched = line.slice(0, at + '</figure>'.length);
	return `${searched.replace(
		/<figure>\s*<img\s([^>]*?)\/?>\s*(?:<figcaption>(?:<p>)?((?:(?!<\/?figure>)[\s\S])*?)(?:<\/p>)?<\/figcaption>)?\s*<\/figure>/gi,
		(_written, attributes: string, caption: string | undefined) => {
			const src = /\bsrc\s*=\s*"([^"]*)"/i.exec(attributes)?.[1] ?? '';
			const alt = /\balt\s*=\s*"([^"]*)"/i.exec(attributes)?.[1] ?? '';
			return `![${escapeLabel(alt)}](<${src}>)${caption ? ` ${caption.replace(/<[^>]+>/g, '')}` : ''}`;
		},
	)}${line.slice(searched.length)}`;
}

/** `%`-escapes decoded; a malformed one (`a%zz`) left as written. */
function decodedOrAsWritten(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
