import { parse as parseYaml } from 'yaml';
import type { RewritePage } from '../../markdown/site-tool.ts';
import { escapeLabel } from '../mkdocs/admonitions.ts';
import { sortNotes, unchanged, type RewrittenSource } from '../rewrite.ts';
import { frontmatterLineCount, literalLines, maskInlineCode } from '../syntax/code-lines.ts';
import { toLastClose } from '../syntax/last-close.ts';
import { movedOrigins } from '../syntax/line-origins.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { inUrlContext } from '../syntax/url-context.ts';
import { badgeMark } from './heading-ids.ts';
import { notice } from '../syntax/notice.ts';
import { pullState, type PullState, type VitepressInputs } from './pulls.ts';
import { snippetBlock } from './snippets.ts';

/** What the rewrite knows of the site besides the page. */
export interface VitepressSite {
	title?: string;
	/** Containers the config registers (`md.use(container, 'success', …)`), drawn as a block of that class. */
	containers?: readonly string[];
	/** What pages read code snippets and included files through; without it, each is a notice. */
	inputs?: VitepressInputs;
	/** `srcDir` from the root, which `@/` names (`pull-paths.ts`' `sourceFromRoot`). @default the root */
	source?: string;
}

/** VitePress' callout containers, as the site's callouts. */
const callouts = new Set(['tip', 'info', 'warning', 'danger', 'note', 'caution', 'important']);
/** Callout types the site draws besides those (`markdown/remark-callouts.ts`), for containers a config registers. */
const siteCallouts = new Set([
	...callouts,
	'success',
	'error',
	'question',
	'example',
	'quote',
	'abstract',
	'summary',
	'todo',
	'bug',
	'failure',
	'attention',
	'hint',
	'check',
]);
/** A tab of `vitepress-plugin-tabs` (`:::tabs`, then `== Title` before each tab). */
const tabTitle = /^ {0,3}==[ \t]+(.+?)[ \t]*\r?$/;
// Any indentation: a container inside a list item is indented with the item's content.
const containerOpen = /^([ \t]*)(:{3,})[ \t]*([A-Za-z][\w-]*)[ \t]*(.*?)[ \t]*\r?$/;
const containerClose = /^([ \t]*)(:{3,})[ \t]*\r?$/;
const fenceOpen = /^( {0,3})(`{3,}|~{3,})([^`\s{[:]*)([^`]*?)[ \t]*\r?$/;
const blockOpen = /^<(script|style)(?=[\s>])[^>]*>/i;
const tocMarker = /^ {0,3}\[\[toc\]\][ \t]*\r?$/i;
const snippetImport = /^( {0,3})<<<(.*?)[ \t]*\r?$/;
// `[^]`, not `.`: a `.` stopped at a `\r` or U+2028 would scan from every opener before it (`toLastClose`).
const interpolation = /\{\{([^]*?)\}\}/g;
// A badge's text never holds another badge's tag, so each opener is read up to the next one at most:
// a line of `<Badge>` never closed costs its length, not its square.
const badge =
	/<Badge\b((?:\s+[\w:@.-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(?:\/>|>((?:(?!<\/?Badge\b)[^])*?)<\/Badge\s*>)/g;

/**
 * A VitePress page as the site renders it: `::: tip|info|warning|danger Title` containers as
 * callouts, `::: details` as a disclosure, `::: code-group` as tabs titled by each block's
 * `[label]`, `::: raw` and `::: v-pre` as their content; `[[toc]]`; `{{ $frontmatter.x }}` filled
 * in (other Vue expressions a notice); `<Badge>` as its text, `<ClientOnly>` as its children;
 * `<script setup>` and `<style>` blocks (the page's Vue code) left out; code fences' line
 * highlights and options left out of their language; `<<<` code snippets as code blocks
 * (`snippets.ts`, read through `state`). Unknown containers and components are left to the pass for other tools' syntax
 * (`syntax/foreign-syntax.ts`): their content kept under a notice.
 */
export function rewriteVitepressMarkdown(
	text: string,
	page: RewritePage,
	site: VitepressSite,
	state: PullState | undefined,
): RewrittenSource {
	if (
		page.frontmatter?.['layout'] !== 'home' &&
		!/:::|^layout:\s*home|\[\[toc\]\]|\{\{|<(?:script|style|Badge|ClientOnly)|<<<|@include|^ {0,3}(?:`{3}|~{3})[^\n]*[{[:]/im.test(
			text,
		)
	)
		return unchanged(text);
	const notes: SourceNote[] = [];
	const warn = (line: number, column: number, message: string) =>
		notes.push({ line: line + 1, column: column + 1, severity: 'warning', message });
	const lines = text.split('\n');
	const literal = literalLines(lines);
	const frontmatter = page.frontmatter ?? frontmatterOf(lines);
	/** Lines to add before a line (a code group's tabs), by line. */
	const before = new Map<number, string[]>();
	/**
	 * Open containers. A directive holding others needs more colons than they have (micromark's
	 * rule), so a callout's colons are written when it closes, one more than the deepest inside.
	 */
	const stack: Array<{
		kind: 'callout' | 'plain' | 'group' | 'tabs' | 'other';
		line: number;
		indent: string;
		opening: string;
		inner: number;
		tab?: boolean;
		colons?: number;
		tabs?: Array<{ line: number; title: string }>;
	}> = [];
	const start = frontmatterLineCount(lines);
	const home = frontmatter['layout'] === 'home' ? homeLines(frontmatter) : [];
	if (home.length > 0) {
		if (start >= lines.length) lines.push('');
		before.set(start, [...home, '']);
	}
	/** In a code group, a tab titled `title` opens before line `i` (and the one before it closes). */
	const openTab = (i: number, title: string) => {
		const group = stack.at(-1);
		if (group?.kind !== 'group') return;
		before.set(i, [
			...(group.tab ? [`${group.indent}:::`] : []),
			`${group.indent}:::tab[${escapeLabel(title)}]`,
		]);
		group.tab = true;
		group.inner = 3;
	};
	/** Lines a snippet import became several of. */
	let grown = false;
	let fence: string | undefined;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		if (literal[i]) {
			if (i < start) continue;
			if (fence) {
				if (
					new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*\\r?$`).test(
						line,
					)
				)
					fence = undefined;
				continue;
			}
			// A code block's info string: `js{1,3}`, `ts:line-numbers`, `sh [npm]` (a code group's tab).
			const opening = fenceOpen.exec(line);
			if (!opening) continue;
			const [, indent, marks, lang, rest] = opening as unknown as [
				string,
				string,
				string,
				string,
				string,
			];
			fence = marks;
			openTab(i, /\[([^\]]*)\]/.exec(rest)?.[1] ?? (lang || 'Code'));
			// A block with no language (MyST's ```` ```{note} ````) is left to the pass for other tools' syntax.
			if (lang !== '' && /[{[:]/.test(lang + rest))
				lines[i] = `${indent}${marks}${lang.replace(/:.*$/, '')}`;
			continue;
		}
		const close = containerClose.exec(line);
		if (close && stack.length > 0) {
			const block = stack.pop()!;
			const colons =
				block.kind === 'callout' || block.kind === 'tabs'
					? Math.max(3, block.inner + 1)
					: block.kind === 'other'
						? Math.max(block.colons ?? 3, block.inner + 1)
						: block.inner;
			const fence = ':'.repeat(colons);
			const indent = block.indent;
			if (block.kind === 'callout') {
				lines[block.line] = `${indent}${fence}${block.opening}`;
				lines[i] = `${indent}${fence}`;
			} else if (block.kind === 'tabs') {
				block.tabs!.forEach((tab, k) => {
					lines[tab.line] = `${indent}${fence}tab[${escapeLabel(tab.title)}]`;
					if (k > 0) before.set(tab.line, [`${indent}${fence}`]);
				});
				lines[i] = block.tabs!.length > 0 ? `${indent}${fence}` : '';
			} else if (block.kind === 'group') lines[i] = block.tab ? `${indent}:::` : '';
			else if (block.kind === 'plain') lines[i] = '';
			const parent = stack.at(-1);
			if (parent) parent.inner = Math.max(parent.inner, colons);
			continue;
		}
		const open = containerOpen.exec(line);
		if (open) {
			const [, indent, colons, written, rest] = open as unknown as [
				string,
				string,
				string,
				string,
				string,
			];
			const name = written.toLowerCase();
			const attributes = /\{([^}]*)\}\s*$/.exec(rest);
			const title = (attributes ? rest.slice(0, attributes.index) : rest).trim();
			const block = { line: i, indent, inner: 0 };
			if (callouts.has(name)) {
				lines[i] = `:::${name}${title ? `[${escapeLabel(title)}]` : ''}`;
				stack.push({ ...block, kind: 'callout', opening: lines[i]!.slice(3) });
			} else if (name === 'details') {
				lines[i] =
					`:::note[${escapeLabel(title || 'Details')}]{collapse=${attributes?.[1]?.includes('open') ? 'open' : 'closed'}}`;
				stack.push({ ...block, kind: 'callout', opening: lines[i]!.slice(3) });
			} else if (site.containers?.includes(written)) {
				// A container the config registers: a block of its class, titled as written, or with its name.
				const kind = siteCallouts.has(name) ? name : 'note';
				lines[i] =
					`:::${kind}[${escapeLabel(title || (kind === name ? '' : written)) || written.charAt(0).toUpperCase() + written.slice(1)}]`;
				stack.push({ ...block, kind: 'callout', opening: lines[i]!.slice(3) });
			} else if (name === 'tabs') {
				lines[i] = '';
				stack.push({ ...block, kind: 'tabs', opening: '', tabs: [] });
			} else if (name === 'code-group' || name === 'raw' || name === 'v-pre') {
				lines[i] = '';
				stack.push({ ...block, kind: name === 'code-group' ? 'group' : 'plain', opening: '' });
			} else stack.push({ ...block, kind: 'other', opening: line, colons: colons.length });
			continue;
		}
		const top = stack.at(-1);
		const tab = top?.kind === 'tabs' ? tabTitle.exec(line) : null;
		if (tab) {
			top!.tabs!.push({ line: i, title: tab[1]! });
			continue;
		}
		if (tocMarker.test(line)) {
			lines[i] = '::toc';
			continue;
		}
		const script = blockOpen.exec(line);
		if (script) {
			// The page's Vue code and styles: never shown, on VitePress as here.
			const end = new RegExp(`</${script[1]}\\s*>`, 'i');
			let j = i;
			while (j < lines.length && !end.test(lines[j]!)) j++;
			for (let k = i; k <= Math.min(j, lines.length - 1); k++) lines[k] = '';
			i = j;
			continue;
		}
		const snippet = snippetImport.exec(line);
		if (snippet) {
			const [, indent, written] = snippet as unknown as [string, string, string];
			const block = snippetBlock(written, indent, page.path, state ?? pullState(undefined, ''));
			if (block.note) notes.push({ line: i + 1, column: indent.length + 1, ...block.note });
			openTab(i, block.title);
			lines[i] = block.lines.join('\n');
			grown ||= block.lines.length > 1;
			continue;
		}
		if (line.includes('<ClientOnly') || line.includes('</ClientOnly'))
			lines[i] = line.replace(/<\/?ClientOnly\s*>/g, '');
		if (line.includes('<Badge'))
			lines[i] = lines[i]!.replace(badge, (_, attributes: string, children: string | undefined) =>
				badgeText(
					children ??
						/\btext\s*=\s*(?:"([^"]*)"|'([^']*)')/
							.exec(attributes)
							?.slice(1)
							.find((value) => value !== undefined) ??
						'',
				),
			);
		if (lines[i]!.includes('{{')) lines[i] = interpolate(lines[i]!, i, frontmatter, site, warn);
	}
	if (before.size === 0 && !grown) {
		const result = lines.join('\n');
		return result === text && notes.length === 0
			? unchanged(text)
			: { text: result, notes: sortNotes(notes) };
	}
	// A code group's tabs open on lines of their own, a snippet's code takes several: the file's lines keep their place through `origins`.
	const out: string[] = [];
	const origins: number[] = [];
	const moved = new Map<number, number>();
	lines.forEach((line, i) => {
		for (const added of before.get(i) ?? []) {
			out.push(added);
			origins.push(i + 1);
		}
		moved.set(i + 1, out.length + 1);
		for (const part of line.split('\n')) {
			out.push(part);
			origins.push(i + 1);
		}
	});
	for (const note of notes) note.line = moved.get(note.line) ?? note.line;
	const origin = movedOrigins(origins);
	return { text: out.join('\n'), notes: sortNotes(notes), ...(origin && { origins: origin }) };
}

/** The hero and features of a home page (`layout: home`), which VitePress draws from its front matter, as Markdown. */
function homeLines(frontmatter: Record<string, unknown>): string[] {
	const record = (value: unknown): Record<string, unknown> =>
		value && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: {};
	const text = (value: unknown): string =>
		typeof value === 'string' || typeof value === 'number'
			? String(value).replace(/\s+/g, ' ').trim()
			: '';
	const link = (label: string, href: unknown): string =>
		text(href) ? `[${escapeLabel(label)}](<${text(href)}>)` : label;
	const hero = record(frontmatter['hero']);
	const out: string[] = [];
	const heading = [text(hero['name']) && `**${text(hero['name'])}**`, text(hero['text'])]
		.filter(Boolean)
		.join(' ');
	if (heading) out.push(heading, '');
	if (text(hero['tagline'])) out.push(text(hero['tagline']), '');
	// The hero's picture: a path, or `{ src, alt }` (also `{ light, dark }`: the light one).
	const image = typeof hero['image'] === 'string' ? { src: hero['image'] } : record(hero['image']);
	const src = text(image['src']) || text(image['light']);
	if (src) out.push(`![${escapeLabel(text(image['alt']))}](<${src}>)`, '');
	const actions = (Array.isArray(hero['actions']) ? hero['actions'] : [])
		.map(record)
		.filter((action) => text(action['text']));
	if (actions.length > 0)
		out.push(actions.map((action) => link(text(action['text']), action['link'])).join(' · '), '');
	for (const feature of (Array.isArray(frontmatter['features']) ? frontmatter['features'] : []).map(
		record,
	)) {
		const title = text(feature['title']);
		if (!title) continue;
		const details = text(feature['details']);
		out.push(`- ${link(`**${title}**`, feature['link'])}${details ? `: ${details}` : ''}`);
	}
	while (out.at(-1) === '') out.pop();
	return out;
}

/** A badge as inline code after a word joiner, which the heading's id leaves out (`heading-ids.ts`). */
function badgeText(text: string): string {
	const trimmed = text.trim();
	if (trimmed === '') return '';
	const ticks = '`'.repeat(
		Math.max(0, ...[...trimmed.matchAll(/`+/g)].map((run) => run[0].length)) + 1,
	);
	return `${badgeMark}${ticks} ${trimmed} ${ticks}`;
}

/** The page's front matter, read from its text. */
function frontmatterOf(lines: readonly string[]): Record<string, unknown> {
	const count = frontmatterLineCount(lines);
	if (count === 0 || lines[0]!.trim() !== '---') return {};
	try {
		const data: unknown = parseYaml(lines.slice(1, count - 1).join('\n'));
		return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

/** A value of the page's data as text, for `{{ $frontmatter.a.b }}`, `{{ $page.frontmatter.a }}`, `{{ $site.title }}`. */
function valueOf(
	expression: string,
	frontmatter: Record<string, unknown>,
	site: VitepressSite,
): string | undefined {
	const path =
		/^\s*(\$frontmatter|\$page\.frontmatter|frontmatter|\$site|site|\$page|page)((?:\.[\w$]+|\[['"][^'"]+['"]\])*)\s*$/.exec(
			expression,
		);
	if (!path) return /^\s*(['"])([^'"]*)\1\s*$/.exec(expression)?.[2];
	const keys = [...path[2]!.matchAll(/\.([\w$]+)|\[['"]([^'"]+)['"]\]/g)].map(
		(key) => key[1] ?? key[2]!,
	);
	let value: unknown = path[1]!.includes('site')
		? { title: site.title }
		: path[1] === '$page' || path[1] === 'page'
			? { frontmatter, title: frontmatter['title'] }
			: frontmatter;
	for (const key of keys)
		value =
			value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
		? String(value)
		: undefined;
}

/** Vue's `{{ … }}` outside inline code: a front matter value as text, else left out of a URL or a notice. */
function interpolate(
	line: string,
	at: number,
	frontmatter: Record<string, unknown>,
	site: VitepressSite,
	warn: (line: number, column: number, message: string) => void,
): string {
	const masked = maskInlineCode(line);
	let result = '';
	let last = 0;
	for (const match of toLastClose(masked, '}}').matchAll(interpolation)) {
		const start = match.index;
		const expression = line.slice(start + 2, start + match[0].length - 2);
		const value = valueOf(expression, frontmatter, site);
		let shown: string;
		if (value !== undefined) shown = value.replace(/[*_[\]\\`<>]/g, (char) => `\\${char}`);
		else {
			const inUrl = inUrlContext(line, start);
			warn(
				at,
				start,
				`Unexpected Vue expression \`{{${expression}}}\`, expected Markdown or a front matter value: Waymark cannot run the page's Vue code and shows ${inUrl ? 'the URL without it' : 'a notice in its place'}`,
			);
			shown = inUrl ? '' : notice(`Vue expression “${expression.trim()}”`);
		}
		result += line.slice(last, start) + shown;
		last = start + match[0].length;
	}
	return result + line.slice(last);
}
