/**
 * A MyST page written as the Markdown the site renders, line by line (`origins` maps back the few
 * lines it adds): directives as the site's callouts, code, pictures, tabs, link lists and tables of
 * contents; `{include}`s as the file's part they show (`include-directive.ts`, its lines mapped to
 * the directive's); `(label)=` targets as the anchors MyST gives them; roles (`{ref}`, `{doc}`, `{numref}`,
 * `{kbd}`, …) as links and text; `{{ name }}` substitutions as their values; `%` comments and `+++`
 * breaks left out. What needs an engine Waymark does not run (`{eval}`, executable cells, plugins'
 * directives) becomes a notice with its content kept, and a warning at its line.
 */
import type { RewritePage } from '../../markdown/site-tool.ts';
import { escapeLabel } from '../mkdocs/admonitions.ts';
import type { RewrittenSource } from '../rewrite.ts';
import { dedent, frontmatterLineCount, indentWidth, literalLines } from '../syntax/code-lines.ts';
import { atxHeading } from '../syntax/atx-heading.ts';
import { movedOrigins } from '../syntax/line-origins.ts';
import { pastedRuns, placeLines, type PastedLine } from '../syntax/pasted-lines.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { directiveBlocks, maxDepth, type DirectiveBlock } from './blocks.ts';
import {
	followInclude,
	includedHeight,
	isIncludeDirective,
	offsetHeadings,
	type IncludeState,
} from './include-directive.ts';
import { labelId } from './ids.ts';
import type { MystContext } from './context.ts';
import { rewriteRoles } from './roles.ts';
import { normalisePath, relativeTo } from './paths.ts';
import { tocLinks } from './toc.ts';
import { own } from '../../core/own.ts';
import { notice } from '../syntax/notice.ts';

/** What a rewrite found of the page's own targets, for the project's list. */
export interface FoundTargets {
	labels: Array<{ label: string; id: string; title?: string }>;
}

/** Callout types of the site (`markdown/remark-callouts.ts`), which MyST's admonitions of the same name become. */
const callouts = new Set([
	'note',
	'tip',
	'hint',
	'important',
	'warning',
	'caution',
	'attention',
	'danger',
	'error',
	'seealso',
	'info',
	'success',
	'question',
	'example',
	'quote',
	'bug',
	'abstract',
	'todo',
]);
/** Directives drawn as a callout of another type, and the title they are shown with. */
const calloutLike: Record<string, { kind: string; title?: (args: string) => string }> = {
	admonition: { kind: 'note' },
	dropdown: { kind: 'note' },
	margin: { kind: 'note' },
	sidebar: { kind: 'note' },
	aside: { kind: 'note' },
	topic: { kind: 'note' },
	card: { kind: 'note' },
	'grid-item-card': { kind: 'note' },
	versionadded: { kind: 'note', title: (args) => `New in version ${args}` },
	versionchanged: { kind: 'note', title: (args) => `Changed in version ${args}` },
	deprecated: { kind: 'warning', title: (args) => `Deprecated since version ${args}` },
	exercise: { kind: 'note' },
	solution: { kind: 'tip' },
	proof: { kind: 'note' },
	prf: { kind: 'note' },
};
/** Layout around content, with nothing of its own to show: the body alone. */
const wrappers = new Set([
	'grid',
	'grid-item',
	'div',
	'container',
	'only',
	'cssclass',
	'rst-class',
	'centered',
	'epigraph',
	'pull-quote',
	'highlights',
	'compound',
	'tab-set',
	'tabbed',
	'md',
	'markdown',
]);
const codeDirectives = new Set([
	'code',
	'code-block',
	'sourcecode',
	'code-cell',
	'ipython',
	'jupyter-execute',
	'doctest',
	'testcode',
	'testoutput',
	'prompt',
	'parsed-literal',
	'highlight',
]);
/** Directives whose code needs a kernel: shown as code, with a word that its output is not. */
const executed = new Set(['code-cell', 'jupyter-execute', 'ipython', 'exec', 'eval-md']);

const target = /^([ \t]*)\(([^()\s][^()]*)\)=[ \t]*\r?$/;

/** One output line and the file's line (0-based) it comes from. */
interface Out {
	text: string;
	from: number;
	/** The line of an included file it shows, for findings there (`checks/included-files.ts`). */
	place?: PastedLine | undefined;
}

/**
 * The page's MyST written as the site renders it, with what it could not render as warnings.
 * `includes` reads the files its `{include}`s name; without it they are notices.
 */
export function rewriteMyst(
	text: string,
	page: RewritePage,
	context: MystContext,
	found?: FoundTargets,
	includes?: IncludeState,
): RewrittenSource {
	const lines = text.split('\n');
	const start = frontmatterLineCount(lines);
	const blocks = directiveBlocks(lines, start);
	const roles = new Map<
		number,
		{
			open?: DirectiveBlock;
			close?: DirectiveBlock;
			option?: DirectiveBlock;
			body?: DirectiveBlock;
		}
	>();
	const mark = (block: DirectiveBlock, parentLiteral: boolean) => {
		roles.set(block.start, { open: block });
		for (let i = block.start + 1; i < block.bodyStart; i++) roles.set(i, { option: block });
		if (block.end < lines.length) roles.set(block.end, { close: block });
		if (block.literal || parentLiteral)
			for (let i = block.bodyStart; i < block.end; i++)
				if (!roles.has(i)) roles.set(i, { body: block });
		for (const child of block.children) mark(child, block.literal);
	};
	blocks.forEach((block) => mark(block, false));
	const heights = new Map<DirectiveBlock, number>();
	const height = (block: DirectiveBlock): number => {
		// An include is as deep as what it shows: a callout around it needs more colons than any inside.
		const included =
			includes && block.kind === 'directive' && isIncludeDirective(block.name.toLowerCase())
				? includedHeight(block, includes.stack.at(-1) ?? page.path, context.engine, includes)
				: 0;
		const own = 1 + Math.max(0, included, ...block.children.map(height));
		heights.set(block, own);
		return own;
	};
	blocks.forEach(height);

	const out: Out[] = [];
	const notes: SourceNote[] = [];
	const warn = (from: number, column: number, message: string) =>
		notes.push({
			line: out.length + 1,
			column: column + 1,
			severity: 'warning',
			message,
			...{ from },
		});
	const emit = (line: string, from: number) => out.push({ text: line, from });
	const pendingTargets: Array<{ id: string; from: number }> = [];

	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		const role = i < start ? undefined : roles.get(i);
		if (i < start) {
			emit(line, i);
			continue;
		}
		if (role?.open) {
			const block = role.open;
			if (block.tooDeep)
				warn(
					i,
					block.indent.length,
					`Unexpected \`${line.trim().slice(0, 60)}\` more than ${maxDepth} blocks deep, expected blocks that close: what is inside it is shown as written`,
				);
			if (block.kind === 'code') emit(line, i);
			else if (includes && !block.tooDeep && isIncludeDirective(block.name.toLowerCase()))
				emitInclude(block, page, context, includes, {
					found,
					add: (shown, place) => out.push({ text: shown, from: i, place }),
					note: (note) => notes.push({ ...note, line: out.length + note.line }),
				});
			else
				openDirective(block, lines, page, context, heights.get(block) ?? 1, {
					emit: (l) => emit(l, i),
					warn: (column, message) => warn(i, column, message),
					found,
				});
			continue;
		}
		if (role?.option) continue;
		if (role?.close) {
			const block = role.close;
			if (block.kind === 'code') emit(line, i);
			else {
				const close = closeDirective(block, heights.get(block) ?? 1);
				// A link reference definition reads the next line as its title: a closing fence needs a blank line after one.
				if (
					close.trim().startsWith(':') &&
					/^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S/.test(out.at(-1)?.text ?? '')
				)
					emit('', i);
				emit(close, i);
			}
			continue;
		}
		if (role?.body) {
			// The body of code or of a directive whose text is data: written by its opening, or kept as written.
			const block = role.body;
			if (
				block.kind === 'code' ||
				codeDirectives.has(block.name.toLowerCase()) ||
				block.name === 'mermaid' ||
				block.name === 'math' ||
				unknownLiteral(block)
			)
				emit(line, i);
			continue;
		}
		const label = target.exec(line);
		if (label) {
			const id = labelId(context.engine, label[2]!);
			// The first line after it that is not blank: a label stands before a heading, or alone.
			let next = 0;
			while (i + 1 + next < lines.length && lines[i + 1 + next]!.trim() === '') next++;
			if (i + 1 + next === lines.length) next = -1;
			const heading = next === -1 ? undefined : atxHeading(lines[i + 1 + next]!);
			found?.labels.push({
				label: label[2]!,
				id,
				...(heading?.text && { title: heading.text }),
			});
			if (heading && !roles.has(i + 1 + next)) {
				// The heading takes the label's id (mystmd), or keeps its own and holds the label's (Sphinx).
				pendingTargets.push({ id, from: i });
				emit('', i);
				continue;
			}
			emit(`${label[1]}<a id="${id}"></a>`, i);
			if (lines[i + 1] !== undefined && lines[i + 1]!.trim() !== '') emit('', i);
			continue;
		}
		// `% comment` lines and `+++` block breaks.
		if (/^[ \t]*%/.test(line) || /^\+\+\+/.test(line)) {
			emit('', i);
			continue;
		}
		let shown = line;
		if (pendingTargets.length > 0 && atxHeading(line)) {
			const ids = pendingTargets.splice(0);
			shown =
				context.engine === 'mystmd'
					? `${line.trimEnd()} {#${ids[0]!.id}}${ids
							.slice(1)
							.map((t) => ` <a id="${t.id}"></a>`)
							.join('')}`
					: `${line.trimEnd()}${ids.map((t) => ` <a id="${t.id}"></a>`).join('')}`;
		}
		const inline = rewriteRoles(shown, page, context);
		for (const note of inline.notes) warn(i, note.column, note.message);
		emit(inline.text, i);
	}
	// An included file is parsed on its own: a block it leaves open ends with it, not with the page that includes it.
	if (includes && includes.stack.length > 1)
		for (const block of unclosed(blocks, lines.length))
			emit(
				block.kind === 'code'
					? `${block.indent}${block.fence}`
					: closeDirective(block, heights.get(block) ?? 1),
				lines.length - 1,
			);

	const origins = out.map((line) => line.from + 1);
	const rewritten = out.map((line) => line.text).join('\n');
	const moved = movedOrigins(origins);
	const pasted = out.some((line) => line.place)
		? pastedRuns(
				out.map((line) => line.text),
				out.map((line) => line.place),
			)
		: undefined;
	return {
		text: rewritten,
		...(pasted && { pasted }),
		notes: notes.map(({ line, column, severity, message }) => ({
			line,
			column,
			severity,
			message,
		})),
		...(moved && { origins: moved }),
	};
}

/** The blocks never closed (each inside the one before it), innermost first. */
function unclosed(blocks: readonly DirectiveBlock[], length: number): DirectiveBlock[] {
	const open: DirectiveBlock[] = [];
	for (let last = blocks.at(-1); last && last.end === length; last = last.children.at(-1))
		open.unshift(last);
	return open;
}

/** Where an include's lines and notes go: `note`'s line is counted from the next line `add` writes (1). */
interface IncludeOut {
	found: FoundTargets | undefined;
	/** A line of the page; `place`, the included file's line it shows. */
	add: (line: string, place?: PastedLine) => void;
	note: (note: SourceNote) => void;
}

/** An `{include}` or `{literalinclude}` as the file's part it shows (as code, or as MyST rewritten in turn), or a notice saying why it cannot. */
function emitInclude(
	block: DirectiveBlock,
	page: RewritePage,
	context: MystContext,
	includes: IncludeState,
	out: IncludeOut,
): void {
	const { indent } = block;
	const indented = (line: string) => (line === '' ? '' : `${indent}${line}`);
	const shown = followInclude(block, includes.stack.at(-1) ?? page.path, context.engine, includes);
	const at = { line: 1, column: indent.length + 1 };
	if (shown.kind === 'refused') {
		out.note({ ...at, severity: shown.severity, message: shown.message });
		out.add(indented(notice(`Included file “${block.args.trim()}”`)));
		out.add('');
		return;
	}
	for (const message of shown.warnings) out.note({ ...at, severity: 'warning', message });
	if (shown.kind === 'code') {
		const fence = fenceFor(shown.lines);
		out.add(`${indent}${fence}${shown.language}`);
		const places = placeLines(shown.lines, shown.path, shown.file);
		shown.lines.forEach((line, k) => out.add(indented(line), places[k]));
		out.add(`${indent}${fence}`);
		return;
	}
	const source = shown.text.split('\n');
	const body = source.slice(frontmatterLineCount(source));
	const text = offsetHeadings(
		body,
		shown.headingOffset,
		literalLines(body, { frontmatter: false }),
	).join('\n');
	const nested = rewriteMyst(text, page, context, out.found, {
		...includes,
		stack: [...includes.stack, shown.path],
	});
	out.add('');
	for (const note of nested.notes)
		out.note({ ...note, message: `In \`${shown.path}\`: ${note.message}` });
	// Lines shown as the file has them are found in it; a line the rewrite changed stays at the directive.
	const shownLines = nested.text.split('\n');
	const places = placeLines(shownLines, shown.path, shown.file);
	shownLines.forEach((line, k) => out.add(indented(line), places[k]));
	out.add('');
}

/** A backtick fence longer than any run of backticks in `lines`. */
function fenceFor(lines: readonly string[]): string {
	const longest = Math.max(
		2,
		...lines.map((line) => Math.max(0, ...[...line.matchAll(/`+/g)].map((run) => run[0].length))),
	);
	return '`'.repeat(Math.max(3, longest + 1));
}

/** An unknown directive whose body is data (a table, a plugin's settings): kept as code. */
const unknownLiteral = (block: DirectiveBlock): boolean =>
	[
		'raw',
		'csv-table',
		'tabulator',
		'graphviz',
		'plantuml',
		'embed',
		'bibliography',
		'autoclass',
		'automodule',
		'autofunction',
		'automethod',
		'exec',
		'eval-md',
	].includes(block.name.toLowerCase());

interface Emitter {
	emit: (line: string) => void;
	warn: (column: number, message: string) => void;
	found?: FoundTargets | undefined;
}

/** The colons of a container written for a block `height` levels deep: longer outside, as the site's directives nest. */
const colons = (height: number): string => ':'.repeat(2 + height);

function openDirective(
	block: DirectiveBlock,
	lines: readonly string[],
	page: RewritePage,
	context: MystContext,
	height: number,
	out: Emitter,
): void {
	const name = block.name.toLowerCase();
	const { indent, args, options } = block;
	const anchor = options['name'] ?? options['label'];
	if (anchor) {
		const id = labelId(context.engine, anchor);
		out.found?.labels.push({ label: anchor, id, ...(args && { title: args }) });
		out.emit(`${indent}<a id="${id}"></a>`);
		out.emit('');
	}
	if (codeDirectives.has(name)) {
		const body = lines.slice(block.bodyStart, block.end);
		const longest = Math.max(
			2,
			...body.map((line) => Math.max(0, ...[...line.matchAll(/`+/g)].map((run) => run[0].length))),
		);
		const fence = '`'.repeat(Math.max(3, longest + 1));
		(block as { fence: string }).fence = fence;
		const language =
			(name === 'code-cell'
				? args.replace(/^ipython3?$/, 'python')
				: args || options['language'] || ''
			).split(/\s+/)[0] ?? '';
		if (executed.has(name))
			out.warn(
				indent.length,
				`Unexpected MyST directive \`{${block.name}}\`, expected Markdown or a directive Waymark renders: it runs code in a kernel, which Waymark does not; its code is shown, its output is not`,
			);
		out.emit(`${indent}${fence}${language}`);
		return;
	}
	if (name === 'mermaid' || name === 'math') {
		(block as { fence: string }).fence = '```';
		out.emit(`${indent}\`\`\`${name}`);
		return;
	}
	const callout = callouts.has(name) ? { kind: name } : own(calloutLike, name);
	if (callout) {
		const classKind =
			name === 'admonition'
				? (options['class'] ?? '').split(/\s+/).find((word) => callouts.has(word))
				: undefined;
		const dropdown = name === 'dropdown' || /\bdropdown\b/.test(options['class'] ?? '');
		const title = callout.title ? callout.title(args) : args;
		out.emit(
			`${indent}${colons(height)}${classKind ?? callout.kind}${title ? `[${escapeLabel(title)}]` : ''}${dropdown ? `{collapse=${options['open'] !== undefined ? 'open' : 'closed'}}` : ''}`,
		);
		return;
	}
	if (name === 'tab-item' || name === 'tab') {
		out.emit(`${indent}${colons(height)}tab[${escapeLabel(args || 'Tab')}]`);
		return;
	}
	if (wrappers.has(name)) {
		out.emit('');
		return;
	}
	if (name === 'figure' || name === 'image') {
		const alt = options['alt'] ?? '';
		out.emit(`${indent}![${escapeLabel(alt)}](<${args}>)`);
		if (name === 'figure') out.emit('');
		return;
	}
	if (name === 'toctree') {
		const entries = lines
			.slice(block.bodyStart, block.end)
			.map((line) => line.trim())
			.filter((line) => line !== '' && !line.startsWith(':'));
		if (options['hidden'] !== undefined) {
			out.emit('');
			return;
		}
		if (options['caption']) {
			out.emit(`${indent}**${options['caption']}**`);
			out.emit('');
		}
		for (const link of toctreeLinks(entries, page, context, options['glob'] !== undefined))
			out.emit(`${indent}- ${link}`);
		out.emit('');
		return;
	}
	if (name === 'toc' || name === 'contents' || name === 'tableofcontents') {
		const scope =
			options['context'] ??
			(name === 'contents' ? 'page' : context.engine === 'mystmd' ? 'project' : 'children');
		const links =
			scope === 'page' ? undefined : tocLinks(context.toc, page.path, scope, context.titles);
		if (!links) out.emit(`${indent}::toc`);
		else for (const link of links) out.emit(`${indent}${link}`);
		out.emit('');
		return;
	}
	if (name === 'glossary') {
		// Terms, each followed by its definition indented under it.
		for (const line of lines.slice(block.bodyStart, block.end))
			out.emit(
				line.trim() === ''
					? ''
					: indentWidth(line) > indentWidth(indent)
						? `${indent}${dedent(line, indentWidth(line)).trim()}`
						: `${indent}**${line.trim()}**`,
			);
		return;
	}
	if (name === 'list-table') {
		for (const row of listTable(
			lines.slice(block.bodyStart, block.end),
			options['header-rows'] === undefined ? 0 : Number(options['header-rows']),
		))
			out.emit(`${indent}${row}`);
		return;
	}
	out.warn(
		indent.length,
		`Unexpected MyST directive \`{${block.name}}\`, expected Markdown or a directive Waymark renders (admonitions, code, figures, tabs, toctree, toc): Waymark cannot run it and shows its body under a notice`,
	);
	out.emit(`${indent}${notice(`Directive “${block.name}${args ? ` ${args}` : ''}”`)}`);
	out.emit('');
	if (unknownLiteral(block)) {
		(block as { fence: string }).fence = '```';
		out.emit(`${indent}\`\`\`${name === 'csv-table' ? 'csv' : ''}`);
	}
}

function closeDirective(block: DirectiveBlock, height: number): string {
	const name = block.name.toLowerCase();
	if (codeDirectives.has(name) || name === 'mermaid' || name === 'math' || unknownLiteral(block))
		return `${block.indent}${block.fence}`;
	if (callouts.has(name) || own(calloutLike, name) || name === 'tab-item' || name === 'tab')
		return `${block.indent}${colons(height)}`;
	return '';
}

/** A `toctree`'s entries as links: `Title <path>`, `path` (titled as the page is), `self`, URLs; globs (`:glob:`) over the pages. */
function toctreeLinks(
	entries: readonly string[],
	page: RewritePage,
	context: MystContext,
	glob: boolean,
): string[] {
	const folder = page.path.slice(0, page.path.lastIndexOf('/') + 1);
	const links: string[] = [];
	for (const entry of entries) {
		const titled = /^(.*?)\s*<([^<>]+)>$/.exec(entry);
		const title = titled?.[1]?.trim();
		const written = (titled?.[2] ?? entry).trim();
		if (written === 'self') continue;
		if (/^[a-z][a-z\d+.-]*:/i.test(written)) {
			links.push(`[${escapeLabel(title || written)}](<${written}>)`);
			continue;
		}
		// Sphinx names a document without its source suffix, and takes one off when written.
		const base = normalisePath(
			written.startsWith('/') ? written.slice(1) : folder + written,
		).replace(/\.(?:rst|md|ipynb|txt)$/, '');
		if (glob && /[*?[]/.test(written)) {
			const pattern = new RegExp(
				`^${base
					.replace(/[.+^${}()|\\]/g, '\\$&')
					.replace(/\*\*?/g, '[^/]*')
					.replace(/\?/g, '[^/]')}\\.(?:md|ipynb)$`,
			);
			for (const path of [...page.pages].filter((p) => pattern.test(p) && p !== page.path).sort())
				links.push(
					`[${escapeLabel(own(context.titles, path) ?? path)}](<${relativeTo(page.path, path)}>)`,
				);
			continue;
		}
		const path =
			[`${base}.md`, base, `${base}.ipynb`, `${base}.rst`].find((candidate) =>
				page.pages.has(candidate),
			) ?? `${base}.md`;
		links.push(
			`[${escapeLabel(title || own(context.titles, path) || written)}](<${relativeTo(page.path, path)}>)`,
		);
	}
	return links;
}

/** A `list-table`'s nested list (`* - a` rows of `- b` cells) as a Markdown table. */
function listTable(body: readonly string[], headerRows: number): string[] {
	const rows: string[][] = [];
	for (const line of body) {
		const row = /^[ \t]*[*-][ \t]+[*-][ \t]+(.*)$/.exec(line);
		const cell = /^[ \t]+[*-][ \t]+(.*)$/.exec(line);
		if (row) rows.push([row[1]!.trim()]);
		else if (cell && rows.length > 0) rows.at(-1)!.push(cell[1]!.trim());
		else if (line.trim() !== '' && rows.length > 0) {
			const last = rows.at(-1)!;
			last[last.length - 1] = `${last.at(-1)} ${line.trim()}`;
		}
	}
	if (rows.length === 0) return [];
	const width = Math.max(...rows.map((row) => row.length));
	const cells = (row: string[]) =>
		`| ${Array.from({ length: width }, (_, i) => (row[i] ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
	const head = headerRows > 0 ? rows[0]! : Array.from({ length: width }, () => '');
	return [
		cells(head),
		`|${' --- |'.repeat(width)}`,
		...rows.slice(headerRows > 0 ? 1 : 0).map(cells),
		'',
	];
}
