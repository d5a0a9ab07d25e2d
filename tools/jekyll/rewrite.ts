/**
 * A Jekyll page's text as the site renders it (kramdown with GitHub's input, Liquid run first, the
 * just-the-docs theme): Liquid values filled in from the config and the front matter, `{% link %}`
 * and `{% post_url %}` as links to the files they name, `{% include %}` pasted in from
 * `_includes/`, `{% raw %}` shown as written, `{% highlight %}` as fenced code; kramdown's
 * `{:toc}` as the page's table of contents, `{: #id }` after a heading as its id, attribute lists
 * naming a just-the-docs callout (`{: .warning }`) as the site's callout, styling classes
 * (`.no_toc`, `.btn`, `.fs-6`) and `{::options}` left out as they change no content. Liquid that
 * needs Jekyll to run (`{% if %}`, `{% for %}`, `site.pages`) is a notice and a warning, its
 * content kept. Lines keep their numbers but where an include adds some or a callout gets its
 * fences (`origins`).
 */
import type { RewritePage } from '../../markdown/site-tool.ts';
import type { RewrittenSource } from '../rewrite.ts';
import { literalLines, maskInlineCode } from '../syntax/code-lines.ts';
import { lastClosingLines, toLastClose } from '../syntax/last-close.ts';
import { movedOrigins } from '../syntax/line-origins.ts';
import { pastedRuns, type PastedLine } from '../syntax/pasted-lines.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { inUrlContext } from '../syntax/url-context.ts';
import { frontMatterOf } from './front-matter.ts';
import { notice } from '../syntax/notice.ts';
import type { Entry } from './entry.ts';
import { withIncludes } from './includes.ts';
import { evaluateLiquid, type LiquidScope } from './liquid.ts';
import { own } from '../../core/own.ts';

/** What the rewrite reads of the site. */
export interface JekyllSite {
	site: Readonly<Record<string, string>>;
	/** just-the-docs' `callouts` of the config, by class. */
	callouts: Readonly<Record<string, { title?: string; color?: string }>>;
	/** `_includes/` files by name (`note.html`, `partials/x.md`). */
	includes: Readonly<Record<string, string>>;
	/** Most characters includes may add to one page, however they nest (`pulledBudget`). */
	includeBudget: number;
	/** The root's path in the site's source folder (`''`, or `docs` when `_config.yml` is above it). */
	rootInSite: string;
	/** `defaults` of the config: front matter values for the pages under a path of the site's source. */
	defaults: ReadonlyArray<{ path: string; values: Readonly<Record<string, unknown>> }>;
}

/** Callout types the site's callouts take. */
const siteCallouts = new Set([
	'note',
	'tip',
	'info',
	'warning',
	'danger',
	'caution',
	'important',
	'success',
	'error',
	'bug',
	'example',
	'question',
	'quote',
	'abstract',
	'failure',
]);
/** Class names sites using just-the-docs give callouts in their stylesheet when the config lists none. */
const usualCallouts = new Set([
	'note',
	'tip',
	'info',
	'warning',
	'danger',
	'caution',
	'important',
	'highlight',
	'new',
]);
/** just-the-docs' colours, as the site's callout types. */
const colourCallouts: Record<string, string> = {
	red: 'danger',
	yellow: 'warning',
	green: 'tip',
	blue: 'note',
	purple: 'important',
	grey: 'note',
	'grey-lt': 'note',
};
/** Classes that change how a block looks and nothing of what it says: left out with their attribute list. */
const styling =
	/^(?:no_toc|text-delta|toc|fs-\d|fw-\d+|lh-\w+|btn(?:-[\w-]+)?|label(?:-[\w-]+)?|d-[\w-]+|float-\w+|text-[\w-]+|bg-[\w-]+|[mp][xytblr]?-(?:sm-|md-|lg-|xl-)?\d+|v-align-\w+|ls-\w+|ff-\w+|highlighter-rouge|language-[\w-]+|table[\w-]*|mermaid|main-content|site-footer|center|right|left|img[\w-]*|figure|caption|small|large|lead|hidden|no-?print|note-title|warning-title|important-title|new-title|highlight-title)$/;

const rawOpen = /^\s*\{%-?\s*raw\s*-?%\}\s*$/;
const rawClose = /^\s*\{%-?\s*endraw\s*-?%\}\s*$/;
const highlightOpen = /^(\s*)\{%-?\s*highlight\s+([\w+#-]+)[^%]*-?%\}\s*$/;
const highlightClose = /^\s*\{%-?\s*endhighlight\s*-?%\}\s*$/;
const tagAlone = /^\s*\{%-?\s*(\w+)(.*?)-?%\}\s*$/;
// `[^]`, not `.`: a tag's words may hold a `\r` or U+2028, and a `.` stopped there would scan from
// every opener before it to it (`toLastClose` keeps the search linear only when each opener reaches its close).
const tagInline = /\{%-?\s*(\w+)([^]*?)-?%\}/g;
const variable = /\{\{-?([^]*?)-?\}\}/g;
const attributeLine = /^\s*\{:(?!:)\s*(.*?)\s*\}\s*$/;
const attributeInline = /(?<=\S)\{:(?!:)[^{}\n]*\}/g;
const heading = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const listItem = /^\s*(?:[-*+]|\d+[.)])\s+\S/;
/** Liquid's block tags, closed by `end<name>`. */
const blockTags = new Set([
	'if',
	'unless',
	'case',
	'for',
	'capture',
	'tablerow',
	'comment',
	'raw',
	'highlight',
]);
/** Tags inside a block that only branch it. */
const branchTags = new Set(['else', 'elsif', 'when', 'break', 'continue']);

/** The page's text with Jekyll's and kramdown's syntax as the site renders it. */
export function rewriteJekyllSource(
	text: string,
	page: RewritePage,
	site: JekyllSite,
): RewrittenSource {
	if (!/\{[{%:]/.test(text)) return { text, notes: [] };
	const notes: Array<{ entry: Entry; column: number; message: string }> = [];
	const warn = (entry: Entry, column: number, message: string) =>
		notes.push({ entry, column, message });
	const fileLines = text.split('\n');
	const front = frontMatterOf(fileLines) ?? page.frontmatter ?? {};
	const inSite = site.rootInSite === '' ? page.path : `${site.rootInSite}/${page.path}`;
	const given = site.defaults
		.filter(
			(entry) => entry.path === '' || inSite === entry.path || inSite.startsWith(`${entry.path}/`),
		)
		.reduce<Record<string, unknown>>((values, entry) => ({ ...values, ...entry.values }), {});
	const scope: LiquidScope = { site: site.site, page: { ...given, ...front } };
	const entries = withIncludes(fileLines, site, scope, page.path, warn);
	const literal = literalLines(entries.map((entry) => entry.text));
	entries.forEach((entry, i) => {
		if (literal[i]) entry.literal = true;
	});
	// Where each block tag's last `{% end<name> %}` alone on a line is: an opener after it is never closed.
	const lastEnd = lastClosingLines(
		entries.map((entry) => (entry.literal ? '' : entry.text)),
		/^\s*\{%-?\s*end(\w+)\s*-?%\}\s*$/,
	);
	let inRaw = false;
	let inHighlight = false;
	let inComment: 'liquid' | 'kramdown' | undefined;
	const open: Array<{ name: string; entry: Entry; close?: string }> = [];
	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i]!;
		if (inHighlight) {
			if (highlightClose.test(entry.text)) {
				entry.text = entry.text.replace(/\{%.*%\}/, '```');
				inHighlight = false;
			}
			continue;
		}
		if (entry.literal && !inComment) {
			// Liquid runs before Markdown, in code too: a value Waymark knows is filled in there, the rest left as written.
			if (!inRaw && entry.text.includes('{{')) entry.text = knownValues(entry.text, scope);
			continue;
		}
		const line = entry.text;
		if (inComment) {
			if (
				(inComment === 'liquid' && /\{%-?\s*endcomment\s*-?%\}/.test(line)) ||
				(inComment === 'kramdown' && /\{:\/(?:comment)?\}/.test(line))
			)
				inComment = undefined;
			// Jekyll shows nothing of a comment.
			entry.text = '';
			continue;
		}
		if (inRaw) {
			if (rawClose.test(line)) {
				inRaw = false;
				entry.text = '';
			} else entry.text = shownAsWritten(line);
			continue;
		}
		if (rawOpen.test(line)) {
			inRaw = true;
			entry.text = '';
			continue;
		}
		const highlight = highlightOpen.exec(line);
		if (highlight) {
			entry.text = `${highlight[1]}\`\`\`${highlight[2]}`;
			inHighlight = true;
			continue;
		}
		if (/^\s*\{%-?\s*comment\s*-?%\}\s*$/.test(line)) {
			inComment = 'liquid';
			entry.text = '';
			continue;
		}
		if (/^\s*\{::comment\}\s*$/.test(line)) {
			inComment = 'kramdown';
			entry.text = '';
			continue;
		}
		// kramdown's settings and HTML passed through: no content of their own.
		if (
			/^\s*\{::options\b[^}]*\/?\}\s*$/.test(line) ||
			/^\s*\{::nomarkdown\}\s*$/.test(line) ||
			/^\s*\{:\/(?:nomarkdown)?\}\s*$/.test(line)
		) {
			entry.text = '';
			continue;
		}
		if (/^\s*\{:\s*toc\s*\}\s*$/.test(line)) {
			tableOfContents(entries, i);
			continue;
		}
		const attributes = attributeLine.exec(line);
		if (attributes) {
			attributeList(entries, i, attributes[1]!, site, warn);
			continue;
		}
		const tag = tagAlone.exec(line);
		if (tag && !/^(?:link|post_url)$/.test(tag[1]!)) {
			liquidTag(entry, tag[1]!, tag[2]!.trim(), open, warn, (lastEnd.get(tag[1]!) ?? -1) > i);
			continue;
		}
		// A value split over two lines (`v{{` then `page.version }}`): read as one.
		// The first `{{` with no `}}` after it; found from the last `}}`, as a lookahead from every `{{` costs n².
		const masked = maskInlineCode(entry.text);
		const lastClose = masked.lastIndexOf('}}');
		const split = masked.indexOf('{{', lastClose < 0 ? 0 : lastClose + 2);
		const next = entries[i + 1];
		if (split >= 0 && next && !next.literal && /^[^{]*?\}\}/.test(next.text)) {
			const close = next.text.indexOf('}}');
			const expression = `${entry.text.slice(split + 2)} ${next.text.slice(0, close)}`
				.replace(/^-|-$/g, '')
				.trim();
			const value = evaluateLiquid(expression, scope);
			if (value !== undefined) {
				entry.text = entry.text.slice(0, split) + value;
				next.text = next.text.slice(close + 2);
			}
		}
		// Known values everywhere on the line, inline code too (Liquid runs first); the rest outside code.
		if (entry.text.includes('{{')) entry.text = knownValues(entry.text, scope);
		entry.text = inlineSyntax(entry, site, scope, page, warn);
	}
	for (const left of open)
		warn(
			left.entry,
			1,
			`Unexpected Liquid tag \`{% ${left.name} %}\` never closed, expected \`{% end${left.name} %}\` after it; Waymark shows what follows it`,
		);
	// Fences a callout takes go around its block: lines added, so where each came from is kept.
	const lines: string[] = [];
	const origins: number[] = [];
	const places: Array<PastedLine | undefined> = [];
	const lineOf = new Map<Entry, number>();
	for (const entry of entries) {
		for (const added of entry.before ?? []) {
			lines.push(added);
			origins.push(entry.origin);
			places.push(undefined);
		}
		lineOf.set(entry, lines.length + 1);
		lines.push(entry.text);
		origins.push(entry.origin);
		places.push(entry.place);
		for (const added of entry.after ?? []) {
			lines.push(added);
			origins.push(entry.origin);
			places.push(undefined);
		}
	}
	const sourceNotes: SourceNote[] = notes.map(({ entry, column, message }) => ({
		line: lineOf.get(entry) ?? 1,
		column,
		severity: 'warning',
		message,
	}));
	sourceNotes.sort((a, b) => a.line - b.line || a.column - b.column);
	const moved = movedOrigins(origins);
	const pasted = pastedRuns(lines, places);
	return {
		text: lines.join('\n'),
		notes: sourceNotes,
		...(moved && { origins: moved }),
		...(pasted && { pasted }),
	};
}

/** Liquid's delimiters outside inline code as HTML character references: `{% raw %}` shows them as written. */
function shownAsWritten(line: string): string {
	const masked = maskInlineCode(line);
	let result = '';
	for (let i = 0; i < line.length; i++)
		result +=
			masked[i] === '{' && (masked[i + 1] === '{' || masked[i + 1] === '%') ? '&#123;' : line[i];
	return result;
}

/** `1. TOC` then `{:toc}`: the page's table of contents, also inside just-the-docs' `<details>` around it. */
function tableOfContents(entries: Entry[], at: number): void {
	entries[at]!.text = '::toc';
	const item = at - 1;
	if (item < 0 || !listItem.test(entries[item]!.text)) return;
	entries[item]!.text = '';
	for (let i = item - 1; i >= Math.max(0, item - 8); i--) {
		const text = entries[i]!.text;
		if (/^\s*<details\b/i.test(text)) {
			for (let j = i; j < item; j++) entries[j]!.text = '';
			for (let j = at + 1; j < Math.min(entries.length, at + 4); j++) {
				if (!/^\s*<\/details>\s*$/i.test(entries[j]!.text)) continue;
				entries[j]!.text = '';
				break;
			}
			return;
		}
		if (!/^\s*(?:<\/?summary>|\{:[^}]*\}|[^<{]*)\s*$/.test(text)) return;
	}
}

/** An attribute list alone on its line: an id for the heading above, a callout, styling, else a notice. */
function attributeList(
	entries: Entry[],
	at: number,
	written: string,
	site: JekyllSite,
	warn: (entry: Entry, column: number, message: string) => void,
): void {
	const entry = entries[at]!;
	const tokens = written.match(/"[^"]*"|'[^']*'|[^\s]+/g) ?? [];
	const classes = tokens.filter((token) => token.startsWith('.')).map((token) => token.slice(1));
	const id = tokens.find((token) => token.startsWith('#'))?.slice(1);
	const previous = at > 0 ? entries[at - 1]! : undefined;
	const after = previous !== undefined && !previous.literal && previous.text.trim() !== '';
	entry.text = '';
	if (after && heading.test(previous.text)) {
		if (id && !/\{#[^}]*\}\s*$/.test(previous.text))
			previous.text = `${previous.text.trimEnd()} {#${id}}`;
		return;
	}
	const callout = classes.find(
		(name) =>
			Object.hasOwn(site.callouts, name.replace(/-title$/, '')) ||
			(Object.keys(site.callouts).length === 0 && usualCallouts.has(name.replace(/-title$/, ''))),
	);
	if (callout) {
		wrapCallout(entries, at, after, callout, site);
		return;
	}
	const unknown = classes.filter((name) => !styling.test(name));
	if (unknown.length === 0) return;
	entry.text = notice(`Attribute list “${written}”`);
	warn(
		entry,
		entry.text.length > 0 ? 1 : 1,
		`Unexpected attribute list \`{: ${written} }\`, expected Markdown, or a class Waymark knows (a just-the-docs callout the config lists, or its styling): the site's stylesheet is not Waymark's; Waymark shows the block without it, under a notice`,
	);
}

/** The block an attribute list names (the one above it, else the one below) as the site's callout. */
function wrapCallout(
	entries: Entry[],
	at: number,
	after: boolean,
	name: string,
	site: JekyllSite,
): void {
	let start: number;
	let end: number;
	if (after) {
		end = at - 1;
		start = end;
		// Another attribute list is a line of its own, never the block's: a run of them costs no scan each.
		while (
			start > 0 &&
			entries[start - 1]!.text.trim() !== '' &&
			!heading.test(entries[start - 1]!.text) &&
			!entries[start - 1]!.literal &&
			!attributeLine.test(entries[start - 1]!.text)
		)
			start--;
	} else {
		start = at + 1;
		end = start;
		if (start >= entries.length || entries[start]!.text.trim() === '') return;
		while (
			end + 1 < entries.length &&
			entries[end + 1]!.text.trim() !== '' &&
			!attributeLine.test(entries[end + 1]!.text)
		)
			end++;
	}
	const base = name.replace(/-title$/, '');
	const config = own(site.callouts, base);
	const kind = siteCallouts.has(base)
		? base
		: (config?.color && own(colourCallouts, config.color)) || 'note';
	const quoted = entries.slice(start, end + 1).every((entry) => /^\s*>/.test(entry.text));
	if (quoted)
		for (let i = start; i <= end; i++)
			entries[i]!.text = entries[i]!.text.replace(/^(\s*)> ?/, '$1');
	let title =
		config?.title ??
		(siteCallouts.has(base) ? undefined : base.charAt(0).toUpperCase() + base.slice(1));
	// `{: .note-title }`: the block's first line is the callout's title.
	if (name.endsWith('-title') && start <= end) {
		title = entries[start]!.text.trim();
		entries[start]!.text = '';
	}
	(entries[start]!.before ??= []).push(
		`:::${kind}${title ? `[${title.replace(/[[\]\\]/g, (char) => `\\${char}`)}]` : ''}`,
	);
	(entries[end]!.after ??= []).unshift(':::');
}

/** A Liquid tag alone on its line: a block's content kept under a notice, a branch or its end left out. */
function liquidTag(
	entry: Entry,
	name: string,
	args: string,
	open: Array<{ name: string; entry: Entry; close?: string }>,
	warn: (entry: Entry, column: number, message: string) => void,
	closed: boolean,
): void {
	const column = entry.text.indexOf('{%') + 1;
	if (name.startsWith('end')) {
		const at = open.map((item) => item.name).lastIndexOf(name.slice(3));
		if (at !== -1) entry.text = open.splice(at)[0]!.close ?? '';
		else {
			warn(
				entry,
				column,
				`Unexpected Liquid tag \`{% ${name} %}\` closing nothing, expected a matching \`{% ${name.slice(3)} %}\` before it; it is left out of the page`,
			);
			entry.text = '';
		}
		return;
	}
	// A callout tag of another tool's (GitBook's `{% hint style="warning" %}`) whose type the site's callouts have: that callout.
	const style = /(?:style|type)\s*=\s*["']?([\w-]+)/.exec(args)?.[1]?.toLowerCase();
	if (
		closed &&
		/^(?:hint|callout|alert|admonition|notice)$/.test(name) &&
		style &&
		siteCallouts.has(style === 'warn' ? 'warning' : style)
	) {
		open.push({ name, entry, close: ':::' });
		entry.text = `:::${style === 'warn' ? 'warning' : style}`;
		return;
	}
	if (branchTags.has(name)) {
		entry.text = '';
		return;
	}
	const written = `{% ${name}${args ? ` ${args}` : ''} %}`;
	if (blockTags.has(name) || closed) {
		open.push({ name, entry });
		warn(
			entry,
			column,
			`Unexpected Liquid tag \`${written}\`, expected Markdown: Waymark does not run Jekyll's Liquid, and shows everything the block holds (each branch) under a notice`,
		);
		entry.text = notice(`Liquid “${name}”`);
		return;
	}
	warn(
		entry,
		column,
		`Unexpected Liquid tag \`${written}\`, expected Markdown: Waymark does not run Jekyll's Liquid, and shows a notice in its place`,
	);
	entry.text = notice(`Liquid “${[name, args].filter(Boolean).join(' ')}”`);
}

/** `line` with each `{{ value }}` Waymark knows filled in, inline code too (Liquid runs first); the others as written. */
function knownValues(line: string, scope: LiquidScope): string {
	const searched = toLastClose(line, '}}');
	return (
		searched.replace(
			variable,
			(written, expression: string) => evaluateLiquid(expression.trim(), scope) ?? written,
		) + line.slice(searched.length)
	);
}

/** The page's path from the site's source folder as a link from the root's top. */
function siteLink(target: string, site: JekyllSite): string {
	const path = target.replace(/^\/+/, '');
	if (site.rootInSite === '') return `/${path}`;
	return path.startsWith(`${site.rootInSite}/`)
		? `/${path.slice(site.rootInSite.length + 1)}`
		: `/${path}`;
}

/** `{% link %}`, `{% post_url %}`, other tags, `{{ values }}` and inline attribute lists inside a line. */
function inlineSyntax(
	entry: Entry,
	site: JekyllSite,
	scope: LiquidScope,
	page: RewritePage,
	warn: (entry: Entry, column: number, message: string) => void,
): string {
	let line = entry.text;
	if (line.includes('{%')) {
		line = replaceOutsideCode(line, tagInline, '%}', (match, start) => {
			const [written, name, rawArgs] = match as unknown as [string, string, string];
			const args = rawArgs.trim();
			if (name === 'link') {
				const target = args.replace(/^["']|["']$/g, '');
				return /\{\{/.test(target) ? undefined : siteLink(target, site);
			}
			if (name === 'post_url') {
				const post = [...page.pages].find((path) =>
					new RegExp(
						`(?:^|/)_posts/(?:.*/)?${args.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:md|markdown)$`,
					).test(path),
				);
				if (post) return `/${post}`;
			}
			if (name === 'raw' || name === 'endraw') return '';
			const inUrl = inUrlContext(line, start);
			warn(
				entry,
				start + 1,
				`Unexpected Liquid tag \`${written}\`, expected Markdown: Waymark does not run Jekyll's Liquid, and shows ${inUrl ? 'the URL without it' : 'a notice in its place'}`,
			);
			return inUrl ? '' : notice(`Liquid “${[name, args].filter(Boolean).join(' ')}”`);
		});
	}
	if (line.includes('{{')) {
		line = replaceOutsideCode(line, variable, '}}', (match, start) => {
			const value = evaluateLiquid(match[1]!.trim(), scope);
			if (value !== undefined) return value;
			const inUrl = inUrlContext(line, start);
			warn(
				entry,
				start + 1,
				`Unexpected Liquid value \`${match[0]}\`, expected Markdown or a value Waymark reads (\`site.*\` from \`_config.yml\`, \`page.*\` from the front matter): it holds what only Jekyll knows when it builds; Waymark shows ${inUrl ? 'the URL without it' : 'a notice in its place'}`,
			);
			return inUrl ? '' : notice(`Liquid value “${match[1]!.trim()}”`);
		});
	}
	// `[Button](url){: .btn }`, `Stable{: .label }`: attributes of a span, none of its words.
	if (line.includes('{:')) line = replaceOutsideCode(line, attributeInline, '}', () => '');
	return line;
}

/** `line` with each match of `pattern` (which ends in `close`) outside inline code replaced (`undefined` keeps it). */
function replaceOutsideCode(
	line: string,
	pattern: RegExp,
	close: string,
	replace: (match: RegExpMatchArray, start: number) => string | undefined,
): string {
	const masked = maskInlineCode(line);
	let result = '';
	let last = 0;
	for (const match of toLastClose(masked, close).matchAll(pattern)) {
		const start = match.index;
		const original = line.slice(start, start + match[0].length);
		const real =
			original.match(new RegExp(pattern.source, pattern.flags.replace('g', ''))) ?? match;
		const replaced = replace(real, start);
		if (replaced === undefined) continue;
		result += line.slice(last, start) + replaced;
		last = start + match[0].length;
	}
	return result + line.slice(last);
}
