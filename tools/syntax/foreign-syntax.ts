/**
 * Syntax of documentation tools Waymark does not read (Jekyll and GitBook's Liquid, kramdown's
 * attribute lists, VitePress' containers and Vue components, MyST's targets and directives), and of
 * the six it reads where the tree's own tool is another: what the tree's tool would show is the
 * tool the page was written for, which Waymark cannot run. Run after the tool's own rewrite, line
 * for line, outside code and front matter. What has a Markdown form is written as it (a callout
 * block as the site's callout, a `{code-block}` as fenced code, a template variable inside a URL
 * left out so the URL reads as the site's); the rest becomes a notice where it stood, its content
 * (a block's body, a component's picture) kept, and a warning at its line for `dialect-syntax`.
 * Never markup printed as text, never content dropped without a word.
 */
import { escapeLabel } from '../mkdocs/admonitions.ts';
import type { RewrittenSource } from '../rewrite.ts';
import { sortNotes } from '../rewrite.ts';
import { indentWidth, isBlank, literalLines, maskInlineCode } from './code-lines.ts';
import type { SourceNote } from './source-note.ts';
import { inUrlContext } from './url-context.ts';
import { notice } from './notice.ts';

/** The kinds of construct, each left alone by a tool that renders it itself (`ToolReading.rendersItself`). */
export type ForeignKind =
	| 'attribute-list'
	| 'template-tag'
	| 'template-variable'
	| 'container'
	| 'target'
	| 'directive-fence'
	| 'component';

/** What the pass is told of the page and its tool. */
export interface ForeignContext {
	/** The tree's tool as messages name it: `GitHub`. */
	label: string;
	/** Kinds the tree's tool renders itself (MkDocs' macros and attribute lists, Docusaurus' containers and MDX). */
	owns: ReadonlySet<ForeignKind>;
	/** An `.mdx` page: its components are MDX's. */
	mdx: boolean;
}

/** Callout types as the site's callouts take them (`markdown/remark-callouts.ts`), and the ones VitePress, GitBook and MyST add. */
const calloutNames = new Set([
	'note',
	'info',
	'abstract',
	'summary',
	'tldr',
	'todo',
	'seealso',
	'example',
	'quote',
	'cite',
	'question',
	'help',
	'faq',
	'tip',
	'hint',
	'success',
	'check',
	'done',
	'important',
	'warning',
	'warn',
	'attention',
	'caution',
	'danger',
	'error',
	'failure',
	'fail',
	'missing',
	'bug',
]);
/** Callouts whose type is an argument: GitBook's `{% hint style="warning" %}`, MyST's `{admonition} Title`. */
const genericCallouts = new Set(['hint', 'callout', 'admonition', 'alert', 'notice']);

const quick = /(?<!\{)\{[:%]|\{\{|:::|\)=|(?<![`~])[`~]{3,}\{|<[A-Z]/;

const attributeList = /^ {0,3}\{:[^}\n]*\}[ \t]*\r?$/;
const target = /^ {0,3}\(([^()\s]+)\)=[ \t]*\r?$/;
const containerOpen = /^( {0,3})(:{3,})[ \t]+([A-Za-z][\w-]*)(?:[ \t]+(.*?))?[ \t]*\r?$/;
const containerClose = /^ {0,3}(:{3,})[ \t]*\r?$/;
/** A container directive the site reads as it is (`:::note`, or one a tool's rewrite wrote), whose closing is its own. */
const directiveOpen = /^ {0,3}:{3,}[A-Za-z]/;
const directiveFence = /^( {0,3})(`{3,}|~{3,})\{([\w:-]+)\}[ \t]*(.*?)[ \t]*\r?$/;
const tagAlone = /^ {0,3}\{%-?[ \t]*([A-Za-z]\w*)(.*?)-?%\}[ \t]*\r?$/;
/**
 * Never inside Hugo's `{{% shortcode %}}`, which its tool reads. A tag's words never hold another
 * `{%` or a `%}`: each opener is read up to the next one at most, so a line of openers never
 * closed (`{% a {% a …`) costs its length, not its length squared.
 */
const tagInline = /(?<!\{)\{%-?[ \t]*([A-Za-z]\w*)((?:[^{%]|\{(?!%)|%(?!\}))*?)-?%\}(?!\})/g;
/**
 * Liquid's and GitBook's objects (`{{ site.baseurl }}`, `{{ page.title }}`, `{{ book.version }}`),
 * and a call of Jinja or Tera (`{{ resize_image(path="a.png", width=150) }}`, Zola's shortcodes,
 * which printed as text on a Zola tree read as Hugo's): never a Go template (`{{ .Values.x }}`,
 * `{{ include "x" . }}`), which forges and tools show as text.
 */
const templateVariable =
	/\{\{-?[ \t]*((?:site|page|book|jekyll|layout|include|paginator|config|vars|space)\.[\w.[\]'"-]*|[A-Za-z_]\w*(?=\())[^{}]*?-?\}\}/g;
/** An attribute as CommonMark reads one in an HTML tag: a tag that is not one (`<Insert the steps, for example…>`) is text, on the site as on the forge. */
const tagAttribute = String.raw`\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>\x60]+|'[^']*'|"[^"]*"))?`;
const componentTag = new RegExp(
	String.raw`^ {0,3}<([A-Z][A-Za-z0-9-]*)((?:${tagAttribute})*)\s*(\/?)>[ \t]*\r?$`,
);
const componentClose = /^ {0,3}<\/([A-Z][A-Za-z0-9-]*)>[ \t]*\r?$/;
const codeDirectives = new Set(['code', 'code-block', 'code-cell', 'sourcecode']);

/** The props of a tag as written: `src="/a.png"`, `src='/a.png'`, `src={"/a.png"}`. */
function propsOf(written: string): Record<string, string> {
	const props: Record<string, string> = {};
	for (const match of written.matchAll(
		/([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\})/g,
	))
		props[match[1]!] = match[2] ?? match[3] ?? match[4] ?? '';
	return props;
}

/** The rewritten page with foreign syntax written as the site renders it, notices and warnings for the rest. */
export function rewriteForeignSyntax(
	rewritten: RewrittenSource,
	context: ForeignContext,
): RewrittenSource {
	if (!quick.test(rewritten.text)) return rewritten;
	const notes: SourceNote[] = [];
	const lines = rewritten.text.split('\n');
	const warn = (line: number, column: number, message: string) =>
		notes.push({ line: line + 1, column: column + 1, severity: 'warning', message });
	const own = (kind: ForeignKind) => context.owns.has(kind);
	if (!own('directive-fence')) directiveFences(lines, warn);
	const literal = literalLines(lines);
	// An indented code block (four spaces after a blank line) is code too, shown as written.
	for (let i = 0; i < lines.length; i++)
		if (
			!literal[i] &&
			!isBlank(lines[i]!) &&
			indentWidth(lines[i]!) >= 4 &&
			(i === 0 || isBlank(lines[i - 1]!) || literal[i - 1])
		)
			for (
				let j = i;
				j < lines.length && (isBlank(lines[j]!) || indentWidth(lines[j]!) >= 4) && !literal[j];
				j++
			)
				literal[j] = true;
	const pairs = own('template-tag') ? new Map<number, number>() : pairTags(lines, literal);
	/** Closings to rewrite, by line: `:::` for a block written as a callout, `''` for one shown as a notice. */
	const closings = new Map<number, string>();
	const containers: Array<{ close: string | undefined }> = [];
	for (let i = 0; i < lines.length; i++) {
		if (literal[i]) continue;
		const line = lines[i]!;
		if (closings.has(i)) {
			lines[i] = closings.get(i)!;
			continue;
		}
		if (!own('attribute-list') && attributeList.test(line)) {
			warn(
				i,
				line.indexOf('{'),
				`Unexpected attribute list \`${line.trim()}\`, expected Markdown: ${context.label} applies no kramdown attribute list; Waymark shows a notice in its place`,
			);
			lines[i] = notice(`Attribute list “${line.trim().slice(2, -1).trim()}”`);
			continue;
		}
		const label = own('target') ? null : target.exec(line);
		if (label) {
			warn(
				i,
				line.indexOf('('),
				`Unexpected MyST target \`(${label[1]})=\`, expected Markdown: ${context.label} makes no anchor of it, so \`#${label[1]}\` reaches nothing; link to the heading's own id. Waymark shows a notice in its place`,
			);
			lines[i] = notice(`Target “${label[1]}”`);
			continue;
		}
		if (!own('container')) {
			const open = containerOpen.exec(line);
			if (open) {
				const [, indent, colons, name, title] = open as unknown as [
					string,
					string,
					string,
					string,
					string | undefined,
				];
				const written = containerLine(indent, colons, name, title);
				if (written) {
					lines[i] = written;
					containers.push({ close: `${indent}${colons}` });
				} else {
					warn(
						i,
						indent.length,
						`Unexpected container \`${colons} ${name}\`, expected Markdown: Waymark cannot render it as the tool the page was written for would, and shows the content it wraps under a notice`,
					);
					lines[i] = notice(`Container “${name}”`);
					containers.push({ close: '' });
				}
				continue;
			}
			if (directiveOpen.test(line)) {
				containers.push({ close: undefined });
				continue;
			}
			if (containerClose.test(line) && containers.length > 0) {
				lines[i] = containers.pop()!.close ?? line;
				continue;
			}
		}
		if (!own('template-tag')) {
			const alone = tagAlone.exec(line);
			if (alone) {
				lines[i] = templateBlock(
					lines,
					i,
					alone[1]!,
					alone[2]!.trim(),
					literal,
					pairs,
					closings,
					warn,
					context,
				);
				continue;
			}
			if (line.includes('{%')) lines[i] = replaceInline(lines, i, inlineTags, warn, context.label);
		}
		if (!own('template-variable') && lines[i]!.includes('{{'))
			lines[i] = replaceInline(lines, i, templateVariables, warn, context.label);
		if (!own('component') && !context.mdx) {
			const tag = componentTag.exec(lines[i]!);
			if (tag) {
				const [, name, attributes, selfClosing] = tag as unknown as [
					string,
					string,
					string,
					string,
				];
				const props = propsOf(attributes);
				const picture = props['src'] ?? props['image'] ?? props['img'];
				const kept = picture
					? `![${escapeLabel(props['alt'] ?? props['title'] ?? '')}](<${picture}>) `
					: '';
				warn(
					i,
					lines[i]!.indexOf('<'),
					`Unexpected component \`<${name}>\`, expected Markdown: Waymark cannot render the tool's components and shows ${picture ? 'its picture' : selfClosing ? 'a notice' : 'its content'} in its place`,
				);
				lines[i] = `${kept}${notice(`Component “${name}”`)}`;
				continue;
			}
			if (componentClose.test(lines[i]!)) lines[i] = '';
		}
	}
	if (notes.length === 0 && lines.join('\n') === rewritten.text) return rewritten;
	return { ...rewritten, text: lines.join('\n'), notes: sortNotes([...rewritten.notes, ...notes]) };
}

/** A container's opening as the site's callout, or nothing when the site has none of its kind. */
function containerLine(
	indent: string,
	colons: string,
	name: string,
	title: string | undefined,
): string | undefined {
	const kind = name.toLowerCase();
	const label = title ? `[${escapeLabel(title)}]` : '';
	if (calloutNames.has(kind)) return `${indent}${colons}${kind}${label}`;
	// VitePress' and markdown-it's `details`: a disclosure.
	if (kind === 'details') return `${indent}${colons}note${label}{collapse=closed}`;
	return undefined;
}

/** A Liquid or Jinja tag alone on its line, and the `{% end… %}` that closes it. */
function templateBlock(
	lines: string[],
	at: number,
	name: string,
	args: string,
	literal: boolean[],
	pairs: ReadonlyMap<number, number>,
	closings: Map<number, string>,
	warn: (line: number, column: number, message: string) => void,
	context: ForeignContext,
): string {
	const column = lines[at]!.indexOf('{%');
	if (/^end/.test(name)) {
		warn(
			at,
			column,
			`Unexpected template tag \`{% ${name} %}\` closing nothing, expected a matching \`{% ${name.slice(3)} %}\` before it; it is left out of the page`,
		);
		return '';
	}
	const end = pairs.get(at);
	if (end !== undefined) {
		if (name === 'raw') {
			// Liquid's `raw` shows its content as written: what it holds is the page's.
			closings.set(end, '');
			return '';
		}
		if (name === 'comment') {
			for (let i = at + 1; i < end; i++) if (!literal[i]) lines[i] = '';
			closings.set(end, '');
			return '';
		}
		const props = propsOf(args);
		const kind = (
			genericCallouts.has(name) ? (props['style'] ?? props['type'] ?? args.split(/\s+/)[0]) : name
		)
			?.toLowerCase()
			.replace(/^["']|["']$/g, '');
		if (kind && calloutNames.has(kind)) {
			closings.set(end, ':::');
			const title = props['title'];
			return `:::${kind}${title ? `[${escapeLabel(title)}]` : ''}`;
		}
		closings.set(end, '');
		warn(
			at,
			column,
			`Unexpected template tag \`{% ${name}${args ? ` ${args}` : ''} %}\`, expected Markdown: ${context.label} runs no Liquid or Jinja templates; Waymark shows the content it wraps under a notice`,
		);
		return notice(`Template tag “${name}”`);
	}
	warn(
		at,
		column,
		`Unexpected template tag \`{% ${name}${args ? ` ${args}` : ''} %}\`, expected Markdown: ${context.label} runs no Liquid or Jinja templates; Waymark shows a notice in its place`,
	);
	return notice(`Template tag “${[name, args].filter(Boolean).join(' ')}”`);
}

/** Each block tag alone on its line paired with the `{% end<name> %}` that closes it (nested ones of the same name counted), in one pass over the page. */
function pairTags(lines: readonly string[], literal: readonly boolean[]): Map<number, number> {
	const pairs = new Map<number, number>();
	const open = new Map<string, number[]>();
	for (let i = 0; i < lines.length; i++) {
		if (literal[i]) continue;
		const tag = tagAlone.exec(lines[i]!);
		if (!tag) continue;
		const name = tag[1]!;
		if (name.startsWith('end') && open.get(name.slice(3))?.length)
			pairs.set(open.get(name.slice(3))!.pop()!, i);
		else if (!name.startsWith('end'))
			open.set(name, [...(open.get(name) ?? []), i].slice(-maxOpenTags));
	}
	return pairs;
}

/** Tags of one name left open at once before the oldest is taken as never closed: keeps the pairing linear on a page of unclosed tags. */
const maxOpenTags = 64;

/** What one kind of inline template syntax is called, what its tool does not do, and its notice's words. */
interface InlineTemplate {
	pattern: RegExp;
	warning: (written: string, label: string, inUrl: boolean) => string;
	notice: (name: string) => string;
}

/** Tags inside a line of text: each a notice, or left out where a URL is written. */
const inlineTags: InlineTemplate = {
	pattern: tagInline,
	warning: (written, label, inUrl) =>
		`Unexpected template tag \`${written}\`, expected Markdown: ${label} runs no Liquid or Jinja templates; Waymark shows ${inUrl ? 'the URL without it' : 'a notice in its place'}`,
	notice: (name) => `Template tag “${name}”`,
};

/** Liquid's and GitBook's variables: left out where a URL is written (`{{ site.baseurl }}/images/a.png` is the site's `/images/a.png`), else a notice. */
const templateVariables: InlineTemplate = {
	pattern: templateVariable,
	warning: (written, label, inUrl) =>
		`Unexpected template variable \`${written}\`, expected Markdown: ${label} fills in no template variable; Waymark shows ${inUrl ? "the URL without it, from the site's top" : 'a notice in its place'}`,
	notice: (name) => `Variable “${name}”`,
};

/** Line `at` with each occurrence of `template` outside inline code left out (in a URL) or replaced by a notice, each warned of. */
function replaceInline(
	lines: string[],
	at: number,
	template: InlineTemplate,
	warn: (line: number, column: number, message: string) => void,
	label: string,
): string {
	const line = lines[at]!;
	const masked = maskInlineCode(line);
	let result = '';
	let last = 0;
	for (const match of masked.matchAll(template.pattern)) {
		const start = match.index;
		const inUrl = inUrlContext(line, start);
		warn(at, start, template.warning(line.slice(start, start + match[0].length), label, inUrl));
		result += line.slice(last, start) + (inUrl ? '' : notice(template.notice(match[1] ?? '')));
		last = start + match[0].length;
	}
	return result + line.slice(last);
}

/** MyST's directives written as fenced code (```` ```{note} ````): a callout, code, or their body under a notice. Line for line. */
function directiveFences(
	lines: string[],
	warn: (line: number, column: number, message: string) => void,
): void {
	let open: string | undefined;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		if (open) {
			const fence = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?$/.exec(line);
			if (fence && fence[1]![0] === open[0] && fence[1]!.length >= open.length) open = undefined;
			continue;
		}
		const directive = directiveFence.exec(line);
		if (!directive) {
			const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line);
			if (fence) open = fence[1];
			continue;
		}
		const [, indent, fence, name, args] = directive as unknown as [
			string,
			string,
			string,
			string,
			string,
		];
		const closing = new RegExp(
			`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*\\r?$`,
		);
		let end = i + 1;
		while (end < lines.length && !closing.test(lines[end]!)) end++;
		if (end === lines.length) end = -1;
		const close = end === -1 ? lines.length : end;
		// A directive's options (`:class: tip`, `:name: x`) open its body: settings, never text.
		for (let j = i + 1; j < close && /^ {0,3}:[\w-]+:/.test(lines[j]!); j++) lines[j] = '';
		const kind = name.toLowerCase();
		if (codeDirectives.has(kind)) {
			lines[i] = `${indent}${fence}${args}`;
			if (end === -1) return;
			i = end;
			continue;
		}
		const callout = kind === 'admonition' ? 'note' : calloutNames.has(kind) ? kind : undefined;
		if (callout) lines[i] = `${indent}:::${callout}${args ? `[${escapeLabel(args)}]` : ''}`;
		else {
			warn(
				i,
				indent.length,
				`Unexpected MyST directive \`{${name}}\`, expected Markdown: Waymark cannot run it and shows its body as text under a notice`,
			);
			const picture = kind === 'figure' || kind === 'image' ? args : '';
			lines[i] = `${indent}${picture ? `![](<${picture}>) ` : ''}${notice(`Directive “${name}”`)}`;
		}
		if (end === -1) return;
		lines[end] = callout ? `${indent}:::` : '';
		i = end;
	}
}
