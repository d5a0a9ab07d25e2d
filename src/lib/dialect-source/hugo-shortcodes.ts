import { frontmatterLineCount, literalLines, maskInlineCode } from './code-lines.ts';
import { hrefForHugoRef, hugoRefPage } from './hugo-ref.ts';
import { routeForPath } from '../routes.ts';
import { escapeLabel } from './mkdocs-admonitions.ts';
import type { SourceNote } from './source-note.ts';
import { inUrlContext } from './url-context.ts';
import { escapeLinkText, linkOf } from './hugo-shortcode-links.ts';

export interface HugoSource {
	path: string;
	pages: ReadonlySet<string>;
	/** The site's `[params]`, keys lower-cased (Hugo's params are case-insensitive). */
	params: Readonly<Record<string, unknown>>;
	/** Whether the site runs shortcodes in code (Hugo does); otherwise code is left as written. */
	runsInCode: boolean;
	/** The shortcodes of the site that publishes the tree, when Waymark knows them (docs.gitlab.com's): they come first. */
	site?: SiteShortcodes;
}

/** A shortcode as written: its name (lower-cased), arguments and how many wrappers it holds. */
interface ShortcodeCall {
	name: string;
	positional: string[];
	named: Record<string, string>;
	depth: number;
}

/** A site's own shortcodes: an inline one's Markdown, a wrapper's opening and closing lines; `undefined` for one it does not define. */
export interface SiteShortcodes {
	inline(call: ShortcodeCall): string | undefined;
	wrapper(call: ShortcodeCall, colons: string): { open: string; close: string } | undefined;
}

// The arguments take the whitespace before `>}}` too: a separate `[ \t\n]*` there was tried from
// every character of a run of blanks after an unclosed shortcode, quadratic in the run.
const shortcode = /\{\{([<%])[ \t]*(\/)?[ \t]*([\w.-]+)((?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|`[^`]*`|[^"'`<>%{}])*?)[>%]\}\}/g;
const argument = /(\w+)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|(\S+))|"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|(\S+)/g;

/** Theme shortcodes that wrap a callout (hugo-book `hint`, relearn `notice`, docsy `alert`, …). */
const calloutShortcodes = new Set(['hint', 'notice', 'alert', 'callout', 'admonition', 'note', 'tip', 'info', 'warning', 'danger', 'caution', 'important']);
/** Shortcodes that wrap a disclosure (hugo-book `details`, relearn `expand`). */
const disclosureShortcodes = new Set(['details', 'expand', 'collapse']);

interface Token {
	start: number;
	end: number;
	closing: boolean;
	name: string;
	positional: string[];
	named: Record<string, string>;
	pair?: Token;
	depth: number;
	line: number;
	column: number;
	/** In a code block or span, where Hugo's output is text (`replaceInCode`). */
	inCode?: boolean;
	/** A tab of a set of tabs (`tabSets`): its label, whether it starts the set, and whether its body is code (Docsy's). */
	tab?: { label: string; first: boolean; code: boolean };
	/** A set of tabs, whose tabs are each a content tab: the set's own shortcodes leave no line. */
	tabSet?: boolean;
}

interface Escape {
	start: number;
	end: number;
	/** The shortcode as Hugo shows it: the escape without its comment marks. */
	shown: string;
}

/**
 * Hugo's escaped shortcodes, `{{</* name *\/>}}` (or with `%`), which Hugo shows as the shortcode
 * itself, `{{< name >}}`, never running it: how pages about shortcodes write them, in code above all.
 * Each runs from its `{{</*` to the first `*\/>}}` after it, as Hugo's lexer finds its end; one
 * never closed ends the search (Hugo stops the build there), so the page is read once, however
 * many escapes are left open.
 */
function findEscapes(text: string): Escape[] {
	const escapes: Escape[] = [];
	const opening = /\{\{([<%])\/\*/g;
	const closing = /\*\/([>%])\}\}/g;
	for (let open = opening.exec(text); open; open = opening.exec(text)) {
		closing.lastIndex = opening.lastIndex;
		const close = closing.exec(text);
		if (!close) break;
		escapes.push({ start: open.index, end: closing.lastIndex, shown: `{{${open[1]}${text.slice(opening.lastIndex, close.index)}${close[1]}}}` });
		opening.lastIndex = closing.lastIndex;
	}
	return escapes;
}

/** The index of the last of the ascending `values` at or before `value` (0 when none is). */
function lastAtOrBefore(values: readonly number[], value: number): number {
	let low = 0;
	let high = values.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if ((values[middle] as number) <= value) low = middle;
		else high = middle - 1;
	}
	return low;
}

/**
 * Hugo shortcodes, before Markdown sees them: `ref`/`relref` become relative links (checked like
 * any link), `param` its value from the site config, `figure` an image, callout and disclosure
 * wrappers container directives; every other shortcode is reported at its line and shown as a
 * short notice (or, when it wraps content, as that content), never as raw `{{< … >}}`. Hugo runs
 * shortcodes before Markdown, in code too: there `param`, `ref` and `relref` give their text,
 * an escaped shortcode shows as the shortcode (everywhere), and any other is left as written and
 * reported, since its output is the site's own (where the site runs them in code: `runsInCode`).
 * Front matter is left as written: Hugo never runs shortcodes there. Line numbers are kept; an escape shortens its line
 * by its four comment characters.
 */
export function rewriteHugoShortcodes(text: string, source: HugoSource, notes: SourceNote[]): string {
	const lines = text.split('\n');
	const code = literalLines(lines, { frontmatter: false });
	const prose = lines.map((line, i) => (code[i] ? ' '.repeat(line.length) : maskInlineCode(line))).join('\n');
	const lineStarts = [0];
	for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
	// Hugo never runs shortcodes in front matter: its text is metadata, read as written.
	const bodyStart = lineStarts[frontmatterLineCount(lines)] ?? text.length;
	const place = (start: number) => {
		const line = lastAtOrBefore(lineStarts, start);
		return { line: line + 1, column: start - (lineStarts[line] ?? 0) + 1 };
	};
	const escapes = findEscapes(text).filter((escape) => escape.start >= bodyStart && (source.runsInCode || prose[escape.start] === text[escape.start]));
	// Shortcodes and escapes in the order they start: one inside an earlier one (a shortcode in an
	// escape, an escape in a shortcode's quoted argument) is that one's text, never an edit of its own.
	const kept: Escape[] = [];
	let covered = 0;
	let next = 0;
	const keepEscapesBefore = (offset: number) => {
		for (; next < escapes.length && (escapes[next] as Escape).start <= offset; next++) {
			const escape = escapes[next] as Escape;
			if (escape.start < covered) continue;
			kept.push(escape);
			covered = escape.end;
		}
	};
	const tokens: Token[] = [];
	for (const match of text.matchAll(shortcode)) {
		const start = match.index;
		keepEscapesBefore(start);
		if (start < bodyStart || start < covered) continue;
		// Masked away in the prose: in a code block or span.
		const inCode = prose[start] !== text[start];
		if (inCode && !source.runsInCode) continue;
		const args = parseArguments(text.slice(start, start + match[0].length).replace(/^\{\{[<%][ \t]*\/?[ \t]*[\w.-]+/, '').replace(/[>%]\}\}$/, ''));
		tokens.push({ start, end: start + match[0].length, closing: match[2] === '/', name: (match[3] ?? '').toLowerCase(), ...args, depth: 0, ...place(start), ...(inCode && { inCode }) });
		covered = start + match[0].length;
	}
	keepEscapesBefore(text.length);
	const inProse = tokens.filter((token) => !token.inCode);
	pairTokens(inProse);
	markTabSets(inProse, text);
	const indents = indentCodeTabs(inProse, lines, lineStarts, text, source);
	const edits = [
		...indents.map((offset) => ({ start: offset, end: offset, text: '    ' })),
		...tokens.map((token) => ({ start: token.start, end: token.end, text: token.inCode ? replaceInCode(token, text, source, notes) : replace(token, text, source, notes) })),
		...kept.map((escape) => ({ start: escape.start, end: escape.end, text: escape.shown })),
	].sort((a, b) => a.start - b.start || a.end - b.end);
	let out = '';
	let at = 0;
	for (const edit of edits) {
		// Shortcodes and escapes are kept apart above; a code tab's indent can fall on a line a
		// shortcode spans, and is left out there. An overlapping edit would repeat text.
		if (edit.start < at) continue;
		const original = text.slice(edit.start, edit.end);
		out += text.slice(at, edit.start) + edit.text + '\n'.repeat(Math.max(0, countNewlines(original) - countNewlines(edit.text)));
		at = edit.end;
	}
	return out + text.slice(at);
}

/** A shortcode in code, where Hugo's output is text: what `param`, `ref` and `relref` give; any other left as written, reported. */
function replaceInCode(token: Token, text: string, source: HugoSource, notes: SourceNote[]): string {
	const note = (message: string, severity: SourceNote['severity'] = 'warning') => notes.push({ line: token.line, column: token.column, message, severity });
	const first = token.positional[0] ?? '';
	const shown = `(in code, it is shown as written)`;
	if (!token.closing && token.name === 'param') {
		const value = lookupParam(source.params, first);
		if (value !== undefined) return value;
		note(`Unexpected Hugo shortcode \`param ${first}\`, expected \`${first}\` in the \`params\` of the site's Hugo config ${shown}`);
	} else if (!token.closing && (token.name === 'ref' || token.name === 'relref')) {
		const target = token.named['path'] ?? first;
		const page = hugoRefPage(target, source.path, source.pages);
		if (page) return `${routeForPath(page, 'hugo')}${target.includes('#') ? target.slice(target.indexOf('#')) : ''}`;
		note(`Unexpected Hugo shortcode \`${token.name} "${target}"\` to a page the tree does not have, expected a page of the tree: Hugo stops the build there (REF_NOT_FOUND) ${shown}`, 'error');
	} else {
		note(`Unexpected Hugo shortcode \`${token.closing ? '/' : ''}${token.name}\` in code, expected text: Hugo runs it there too and Waymark cannot, so the code shows it as written; write \`{{</* ${token.name} */>}}\` if the page means to show the shortcode itself`);
	}
	return text.slice(token.start, token.end);
}

function replace(token: Token, text: string, source: HugoSource, notes: SourceNote[]): string {
	const note = (message: string, severity: SourceNote['severity'] = 'warning') => notes.push({ line: token.line, column: token.column, message, severity });
	const first = token.positional[0] ?? '';
	if (token.closing) {
		if (!token.pair) note(`Unexpected Hugo shortcode \`/${token.name}\` closing nothing, expected a matching \`{{< ${token.name} >}}\` before it; it is left out of the page`);
		return (token.pair && wrapperLines(token.pair, text, source)?.close) ?? '';
	}
	const own = token.pair ? undefined : source.site?.inline(token);
	if (own !== undefined) return own;
	switch (token.name) {
		case 'ref':
		case 'relref':
			return hrefForHugoRef(token.named['path'] ?? first, source.path, source.pages).href;
		case 'param': {
			const value = lookupParam(source.params, first);
			if (value !== undefined) return value;
			note(`Unexpected Hugo shortcode \`param ${first}\`, expected \`${first}\` in the \`params\` of the site's Hugo config; the value is left out of the page`);
			return '';
		}
		case 'figure': {
			const src = token.named['src'] ?? first;
			if (!src) break;
			const alt = token.named['alt'] ?? token.named['caption'] ?? token.named['title'] ?? '';
			return `![${escapeLabel(alt)}](<${src}>)`;
		}
	}
	if (token.pair) {
		const lines = wrapperLines(token, text, source);
		if (lines) return lines.open;
		note(`Unexpected Hugo shortcode \`${token.name}\`, expected Markdown: Waymark shows the content it wraps without it`);
		return '';
	}
	const link = linkOf(token.named, source);
	if (link) {
		note(`Unexpected Hugo shortcode \`${token.name}\`, expected Markdown: Waymark cannot render it and shows the link it names in its place`);
		return inUrlContext(text, token.start) ? link.href : `[${escapeLinkText(link.label)}](<${link.href}>)`;
	}
	note(`Unexpected Hugo shortcode \`${token.name}\`, expected Markdown: Waymark cannot render it and shows a notice in its place`);
	return inUrlContext(text, token.start) ? '' : `*(Hugo shortcode “${token.name}” is not shown here)*`;
}

/** Theme shortcodes whose first argument is the callout's kind (`{{< hint warning >}}`). */
const genericCallouts = new Set(['hint', 'notice', 'alert', 'callout', 'admonition']);

/** Wrappers around wrappers beyond this depth show their content: each level's fence is one colon longer, so a page nested n deep would grow by n² colons. */
const maxWrapperDepth = 8;

/** The container-directive lines a callout or disclosure wrapper becomes, when both its shortcodes stand alone on their lines. */
function wrapperLines(opening: Token, text: string, source: HugoSource): { open: string; close: string } | undefined {
	const closing = opening.pair;
	if (!closing || opening.depth > maxWrapperDepth || !aloneOnLine(opening, text) || !aloneOnLine(closing, text)) return undefined;
	const colons = ':'.repeat(3 + opening.depth);
	const own = source.site?.wrapper(opening, colons);
	if (own) return own;
	if (opening.tabSet) return { open: '', close: '' };
	if (opening.tab) return { open: `${colons}tab${opening.tab.first ? '-new' : ''}[${escapeLabel(opening.tab.label)}]`, close: colons };
	const first = opening.positional[0];
	if (calloutShortcodes.has(opening.name)) {
		const generic = genericCallouts.has(opening.name);
		const kind = opening.named['type'] ?? opening.named['style'] ?? opening.named['color'] ?? (generic ? first : opening.name) ?? 'note';
		const title = opening.named['title'] ?? (opening.name === 'notice' ? opening.positional[1] : undefined);
		return { open: `${colons}${kind.toLowerCase()}${title ? `[${escapeLabel(title)}]` : ''}`, close: colons };
	}
	if (!disclosureShortcodes.has(opening.name)) return undefined;
	const title = opening.named['title'] ?? first;
	const open = opening.positional.includes('open') || opening.named['open'] === 'true';
	return { open: `${colons}note${title ? `[${escapeLabel(title)}]` : ''}{collapse=${open ? 'open' : 'closed'}}`, close: colons };
}

/** Shortcodes that hold a set of tabs: Docsy's `tabpane`, hugo-book's and many sites' own `tabs`. */
const tabSetShortcodes = new Set(['tabs', 'tabpane']);
/** Their tabs: Docsy's and hugo-book's `tab`, `codetab` (dapr's). */
const tabShortcodes = new Set(['tab', 'codetab']);

/**
 * A set of tabs whose every tab stands on lines of its own becomes the site's content tabs, as
 * MkDocs' `=== "Title"` does: each tab labelled by its own `header`, `name`, `title` or first
 * argument (Docsy, hugo-book), else by the set's argument in its place (dapr's
 * `{{< tabs "Self-Hosted" "Kubernetes" >}}`), else "Tab n". Any other shape is left to the
 * wrappers' rule: its content shown, reported.
 */
function markTabSets(tokens: Token[], text: string): void {
	// Each tab's own set: the nearest set around it with no tab between (a tab in a tab belongs to
	// that tab's content). Wrappers that pair nest, so one stack over them finds it.
	const tabsOf = new Map<Token, Token[]>();
	const around: Array<Token | undefined> = [];
	for (const token of tokens) {
		if (!token.pair) continue;
		if (token.closing) {
			around.pop();
			continue;
		}
		const owner = around.at(-1);
		const isTab = tabShortcodes.has(token.name);
		if (isTab && owner && tabSetShortcodes.has(owner.name)) {
			const tabs = tabsOf.get(owner) ?? [];
			tabsOf.set(owner, tabs);
			tabs.push(token);
		}
		around.push(isTab || tabSetShortcodes.has(token.name) ? token : owner);
	}
	for (const [set, direct] of tabsOf) {
		if (!aloneOnLine(set, text) || !aloneOnLine(set.pair as Token, text)) continue;
		if (!direct.every((tab) => aloneOnLine(tab, text) && aloneOnLine(tab.pair as Token, text))) continue;
		set.tabSet = true;
		direct.forEach((tab, n) => {
			const label = tab.named['header'] ?? tab.named['name'] ?? tab.named['title'] ?? tab.positional[0] ?? set.positional[n] ?? `Tab ${n + 1}`;
			// Docsy highlights a tab's body as code unless `text=true` is on the tab or its pane (a tab's `false` does not undo its pane's `true`).
			const code = set.name === 'tabpane' && tab.name === 'tab' && set.named['text'] !== 'true' && tab.named['text'] !== 'true';
			tab.tab = { label: label.replace(/\s+/g, ' ').trim(), first: n === 0, code };
		});
	}
}

/**
 * A Docsy tab whose body is code (its `tabpane.html` highlights it with the tab's or the pane's
 * `lang`) becomes an indented code block inside its tab, no line added: the offsets of its body's
 * lines, blank ones left out, where four spaces go. Shortcodes in such a body are code's.
 */
function indentCodeTabs(tokens: Token[], lines: readonly string[], lineStarts: readonly number[], text: string, source: HugoSource): number[] {
	const offsets: number[] = [];
	let bodyEnd = -1;
	for (const token of tokens) {
		if (token.start < bodyEnd) {
			token.inCode = true;
			continue;
		}
		if (!token.tab?.code || !wrapperLines(token, text, source)) continue;
		const closing = token.pair as Token;
		bodyEnd = closing.start;
		// `line` is 1-based: the body runs from the line after the tab's to the one before its closing.
		for (let line = token.line; line < closing.line - 1; line++) if ((lines[line] ?? '').trim() !== '') offsets.push(lineStarts[line] as number);
	}
	return offsets;
}

/**
 * Pairs each closing shortcode with the nearest opening one of its name still open (wrappers
 * still open inside it were self-closing after all) and gives each pair its depth: outer wrappers
 * need longer fences than the ones they hold. One pass: each name keeps its own stack of the
 * openings pushed, checked only when it comes up.
 */
function pairTokens(tokens: Token[]): void {
	// An open wrapper, and the depth of the deepest pair found inside it so far (-1: none).
	const open: Array<{ token: Token; deepest: number }> = [];
	const byName = new Map<string, Array<{ token: Token; at: number }>>();
	for (const token of tokens) {
		const named = byName.get(token.name) ?? [];
		byName.set(token.name, named);
		if (!token.closing) {
			named.push({ token, at: open.length });
			open.push({ token, deepest: -1 });
			continue;
		}
		// Openings dropped since (paired, or self-closing inside a pair) no longer stand where they were pushed.
		while (named.length > 0 && open[(named.at(-1) as { at: number }).at]?.token !== (named.at(-1) as { token: Token }).token) named.pop();
		const found = named.pop();
		if (!found) continue;
		const opening = found.token;
		opening.pair = token;
		token.pair = opening;
		let deepest = -1;
		for (const inside of open.splice(found.at)) deepest = Math.max(deepest, inside.deepest);
		opening.depth = deepest + 1;
		const outer = open.at(-1);
		if (outer) outer.deepest = Math.max(outer.deepest, opening.depth);
	}
}

function parseArguments(text: string): { positional: string[]; named: Record<string, string> } {
	const positional: string[] = [];
	const named: Record<string, string> = {};
	for (const m of text.matchAll(argument)) {
		if (m[1]) named[m[1].toLowerCase()] = unescape(m[2] ?? m[3] ?? m[4] ?? m[5] ?? '');
		else positional.push(unescape(m[6] ?? m[7] ?? m[8] ?? m[9] ?? ''));
	}
	return { positional, named };
}

function lookupParam(params: Readonly<Record<string, unknown>>, name: string): string | undefined {
	let value: unknown = params;
	for (const key of name.toLowerCase().replace(/^\.?site\.params\./, '').split('.')) {
		if (!value || typeof value !== 'object') return undefined;
		const entry = Object.entries(value as Record<string, unknown>).find(([k]) => k.toLowerCase() === key);
		value = entry?.[1];
	}
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function aloneOnLine(token: Token, text: string): boolean {
	const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
	const lineEnd = text.indexOf('\n', token.end);
	return text.slice(lineStart, token.start).trim() === '' && text.slice(token.end, lineEnd === -1 ? undefined : lineEnd).trim() === '';
}


const unescape = (value: string): string => value.replace(/\\(["\\])/g, '$1');
const countNewlines = (value: string): number => value.split('\n').length - 1;
