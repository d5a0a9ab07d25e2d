import { hrefForHugoRef, hugoRefUrl, type HugoContent } from './ref.ts';
import { escapeLabel } from '../mkdocs/admonitions.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { inUrlContext } from '../syntax/url-context.ts';
import { notice } from '../syntax/notice.ts';
import { escapeLinkText, linkOf } from './shortcode-links.ts';
import { aloneOnLine, pairTokens, shortcodesOf, type Token } from './shortcode-tokens.ts';
import { indentCodeTabs, markTabSets } from './tab-sets.ts';

export interface HugoSource {
	path: string;
	pages: ReadonlySet<string>;
	/** The site's `[params]`, keys lower-cased (Hugo's params are case-insensitive). */
	params: Readonly<Record<string, unknown>>;
	/** Whether the site runs shortcodes in code (Hugo does); otherwise code is left as written. */
	runsInCode: boolean;
	/** The shortcodes of the site that publishes the tree, when Waymark knows them (docs.gitlab.com's): they come first. */
	site?: SiteShortcodes;
	/** The site's content around the root, when the root is one part of it: a `ref` may reach a page outside the root. */
	content?: HugoContent;
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

/** Theme shortcodes that wrap a callout (hugo-book `hint`, relearn `notice`, docsy `alert`, …). */
const calloutShortcodes = new Set([
	'hint',
	'notice',
	'alert',
	'callout',
	'admonition',
	'note',
	'tip',
	'info',
	'warning',
	'danger',
	'caution',
	'important',
]);
/** Shortcodes that wrap a disclosure (hugo-book `details`, relearn `expand`). */
const disclosureShortcodes = new Set(['details', 'expand', 'collapse']);

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
export function rewriteHugoShortcodes(
	text: string,
	source: HugoSource,
	notes: SourceNote[],
): string {
	const { tokens, escapes, lines, lineStarts } = shortcodesOf(text, source.runsInCode);
	const inProse = tokens.filter((token) => !token.inCode);
	pairTokens(inProse);
	markTabSets(inProse, text);
	const indents = indentCodeTabs(
		inProse,
		lines,
		lineStarts,
		(tab) => wrapperLines(tab, text, source) !== undefined,
	);
	const edits = [
		...indents.map((offset) => ({ start: offset, end: offset, text: '    ' })),
		...tokens.map((token) => ({
			start: token.start,
			end: token.end,
			text: token.inCode
				? replaceInCode(token, text, source, notes)
				: replace(token, text, source, notes),
		})),
		...escapes.map((escape) => ({ start: escape.start, end: escape.end, text: escape.shown })),
	].sort((a, b) => a.start - b.start || a.end - b.end);
	let out = '';
	let at = 0;
	for (const edit of edits) {
		// Shortcodes and escapes are kept apart above; a code tab's indent can fall on a line a
		// shortcode spans, and is left out there. An overlapping edit would repeat text.
		if (edit.start < at) continue;
		const original = text.slice(edit.start, edit.end);
		out +=
			text.slice(at, edit.start) +
			edit.text +
			'\n'.repeat(Math.max(0, countNewlines(original) - countNewlines(edit.text)));
		at = edit.end;
	}
	return out + text.slice(at);
}

/** A shortcode in code, where Hugo's output is text: what `param`, `ref` and `relref` give; any other left as written, reported. */
function replaceInCode(
	token: Token,
	text: string,
	source: HugoSource,
	notes: SourceNote[],
): string {
	const note = (message: string, severity: SourceNote['severity'] = 'warning') =>
		notes.push({ line: token.line, column: token.column, message, severity });
	const first = token.positional[0] ?? '';
	const shown = `(in code, it is shown as written)`;
	if (!token.closing && token.name === 'param') {
		const value = lookupParam(source.params, first);
		if (value !== undefined) return value;
		note(
			`Unexpected Hugo shortcode \`param ${first}\`, expected \`${first}\` in the \`params\` of the site's Hugo config ${shown}`,
		);
	} else if (!token.closing && (token.name === 'ref' || token.name === 'relref')) {
		const target = token.named['path'] ?? first;
		const url = hugoRefUrl(target, source.path, source.pages, source.content);
		if (url !== undefined) return url;
		note(
			`Unexpected Hugo shortcode \`${token.name} "${target}"\` to a page the tree does not have, expected a page of the tree: Hugo stops the build there (REF_NOT_FOUND) ${shown}`,
			'error',
		);
	} else {
		note(
			`Unexpected Hugo shortcode \`${token.closing ? '/' : ''}${token.name}\` in code, expected text: Hugo runs it there too and Waymark cannot, so the code shows it as written; write \`{{</* ${token.name} */>}}\` if the page means to show the shortcode itself`,
		);
	}
	return text.slice(token.start, token.end);
}

function replace(token: Token, text: string, source: HugoSource, notes: SourceNote[]): string {
	const note = (message: string, severity: SourceNote['severity'] = 'warning') =>
		notes.push({ line: token.line, column: token.column, message, severity });
	const first = token.positional[0] ?? '';
	if (token.closing) {
		if (!token.pair)
			note(
				`Unexpected Hugo shortcode \`/${token.name}\` closing nothing, expected a matching \`{{< ${token.name} >}}\` before it; it is left out of the page`,
			);
		return (token.pair && wrapperLines(token.pair, text, source)?.close) ?? '';
	}
	const own = token.pair ? undefined : source.site?.inline(token);
	if (own !== undefined) return own;
	switch (token.name) {
		case 'ref':
		case 'relref':
			return hrefForHugoRef(token.named['path'] ?? first, source.path, source.pages, source.content)
				.href;
		case 'param': {
			const value = lookupParam(source.params, first);
			if (value !== undefined) return value;
			note(
				`Unexpected Hugo shortcode \`param ${first}\`, expected \`${first}\` in the \`params\` of the site's Hugo config; the value is left out of the page`,
			);
			return '';
		}
		case 'readfile':
			// With the site's config, `readfile.ts` pastes every one outside code before this; without it, where files are looked for is unknown.
			note(
				`Unexpected Hugo shortcode \`readfile\` in a tree without a Hugo site config, expected a \`hugo.toml\` (or \`config.*\`) beside the content: Waymark pastes the file from the site's folders it names, and shows a notice here`,
			);
			return inUrlContext(text, token.start) ? '' : notice('Hugo shortcode “readfile”');
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
		note(
			`Unexpected Hugo shortcode \`${token.name}\`, expected Markdown: Waymark shows the content it wraps without it`,
		);
		return '';
	}
	const link = linkOf(token.named, source);
	if (link) {
		note(
			`Unexpected Hugo shortcode \`${token.name}\`, expected Markdown: Waymark cannot render it and shows the link it names in its place`,
		);
		return inUrlContext(text, token.start)
			? link.href
			: `[${escapeLinkText(link.label)}](<${link.href}>)`;
	}
	note(
		`Unexpected Hugo shortcode \`${token.name}\`, expected Markdown: Waymark cannot render it and shows a notice in its place`,
	);
	return inUrlContext(text, token.start) ? '' : notice(`Hugo shortcode “${token.name}”`);
}

/** Theme shortcodes whose first argument is the callout's kind (`{{< hint warning >}}`). */
const genericCallouts = new Set(['hint', 'notice', 'alert', 'callout', 'admonition']);

/** Wrappers around wrappers beyond this depth show their content: each level's fence is one colon longer, so a page nested n deep would grow by n² colons. */
const maxWrapperDepth = 8;

/** The container-directive lines a callout or disclosure wrapper becomes, when both its shortcodes stand alone on their lines. */
function wrapperLines(
	opening: Token,
	text: string,
	source: HugoSource,
): { open: string; close: string } | undefined {
	const closing = opening.pair;
	if (
		!closing ||
		opening.depth > maxWrapperDepth ||
		!aloneOnLine(opening, text) ||
		!aloneOnLine(closing, text)
	)
		return undefined;
	const colons = ':'.repeat(3 + opening.depth);
	const own = source.site?.wrapper(opening, colons);
	if (own) return own;
	if (opening.tabSet) return { open: '', close: '' };
	if (opening.tab)
		return {
			open: `${colons}tab${opening.tab.first ? '-new' : ''}[${escapeLabel(opening.tab.label)}]`,
			close: colons,
		};
	const first = opening.positional[0];
	if (calloutShortcodes.has(opening.name)) {
		const generic = genericCallouts.has(opening.name);
		const kind =
			opening.named['type'] ??
			opening.named['style'] ??
			opening.named['color'] ??
			(generic ? first : opening.name) ??
			'note';
		const title =
			opening.named['title'] ?? (opening.name === 'notice' ? opening.positional[1] : undefined);
		return {
			open: `${colons}${kind.toLowerCase()}${title ? `[${escapeLabel(title)}]` : ''}`,
			close: colons,
		};
	}
	if (!disclosureShortcodes.has(opening.name)) return undefined;
	const title = opening.named['title'] ?? first;
	const open = opening.positional.includes('open') || opening.named['open'] === 'true';
	return {
		open: `${colons}note${title ? `[${escapeLabel(title)}]` : ''}{collapse=${open ? 'open' : 'closed'}}`,
		close: colons,
	};
}

function lookupParam(params: Readonly<Record<string, unknown>>, name: string): string | undefined {
	let value: unknown = params;
	for (const key of name
		.toLowerCase()
		.replace(/^\.?site\.params\./, '')
		.split('.')) {
		if (!value || typeof value !== 'object') return undefined;
		const entry = Object.entries(value as Record<string, unknown>).find(
			([k]) => k.toLowerCase() === key,
		);
		value = entry?.[1];
	}
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
		? String(value)
		: undefined;
}

const countNewlines = (value: string): number => value.split('\n').length - 1;
