import { parse as parseYaml } from 'yaml';
import { literalLines } from '../syntax/code-lines.ts';
import { originLines, type OriginLines } from '../syntax/line-origins.ts';
import { admonitionOpener } from './admonitions.ts';
import { rewriteAutodocBlocks } from './autodoc.ts';
import { protectInlineAttrLists } from './inline-attr-lists.ts';
import { rewriteIndentedBlocks } from './blocks.ts';
import { renderMacros } from './macros.ts';
import type { MacrosSettings, MkdocsInputs } from './settings.ts';
import { expandMarkdownIncludes } from './include-markdown.ts';
import { expandSnippets } from './snippets.ts';
import { tabOpener } from './tabs.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { rewriteTocMarkers } from '../syntax/toc-marker.ts';

/**
 * A MkDocs page in the order MkDocs reads it: the front matter comes off first (nothing below sees
 * it), then the macros plugin renders the page as a template, then Python-Markdown's
 * preprocessors (snippets) and block processors (mkdocstrings' `:::`, `[TOC]`, admonitions, content tabs) run.
 * Without `inputs` (no `mkdocs.yml` beside the root) admonitions and tabs are read, as the
 * Material theme's usual setup writes them. Notes are on the file's lines.
 */
export function rewriteMkdocsSource(
	text: string,
	page: { path: string; meta?: Record<string, unknown> },
	inputs: MkdocsInputs | undefined,
	notes: SourceNote[],
): OriginLines {
	const path = page.path;
	const all = originLines(text);
	const end = frontMatterEnd(all.lines);
	const head = { lines: all.lines.slice(0, end), origins: all.origins.slice(0, end) };
	let body: OriginLines = { lines: all.lines.slice(end), origins: all.origins.slice(end) };
	const markdown = inputs?.markdown;
	// The include-markdown plugin runs before the macros plugin, as its documentation asks.
	if (inputs && markdown?.includeMarkdown)
		body = expandMarkdownIncludes(body, path, markdown.includeMarkdown, inputs, notes);
	if (inputs && markdown?.macros) {
		const meta = page.meta ?? frontMatterData(head.lines);
		if (rendersMacros(markdown.macros, path, meta))
			body = renderMacros(body, markdown.macros, inputs, { path, meta }, notes);
	}
	if (inputs && markdown?.snippets) body = expandSnippets(body, markdown.snippets, inputs, notes);
	// mkdocstrings is a block processor of Python-Markdown's: after the preprocessors, as the others.
	if (markdown?.autodoc)
		body = rewriteAutodocBlocks(body, notes, { attrList: markdown.attrList === true });
	if (markdown?.attrList) body = protectInlineAttrLists(body);
	rewriteTocMarkers(
		body.lines,
		literalLines(body.lines, { frontmatter: false }),
		/^ {0,3}\[TOC\][ \t]*$/,
	);
	const tabs = !markdown || markdown.tabbed !== undefined;
	body = rewriteIndentedBlocks(body, tabs ? [admonitionOpener, tabOpener] : [admonitionOpener]);
	return {
		lines: [...head.lines, ...body.lines],
		origins: [...head.origins, ...body.origins],
		...(body.pasted && { pasted: [...head.lines.map(() => undefined), ...body.pasted] }),
	};
}

/** Whether a page may hold syntax the rewrite changes, so most pages skip it. */
export function mayHoldMkdocsSyntax(text: string, inputs: MkdocsInputs | undefined): boolean {
	if (
		text.includes('!!!') ||
		text.includes('???') ||
		text.includes('[TOC]') ||
		text.includes('===')
	)
		return true;
	const markdown = inputs?.markdown;
	if (markdown?.snippets && (text.includes('8<-') || markdown.snippets.autoAppend.length > 0))
		return true;
	if (markdown?.includeMarkdown && text.includes('{%')) return true;
	if (markdown?.autodoc && text.includes(':::')) return true;
	if (markdown?.attrList && text.includes('){')) return true;
	const delimiters = markdown?.macros?.delimiters;
	return (
		!!delimiters &&
		[delimiters.variable[0], delimiters.block[0], delimiters.comment[0]].some((open) =>
			text.includes(open),
		)
	);
}

/** What in a page's text may pull a file in: a snippet marker, or the macros' block tag (`{% include %}`) as `mkdocs.yml` spells it. */
export function mkdocsPullMarkers(markdown: {
	macros?: { delimiters: { block: readonly [string, string] } } | undefined;
	includeMarkdown?: unknown;
}): string[] {
	return [
		'8<-',
		markdown.macros?.delimiters.block[0] ?? '{%',
		...(markdown.includeMarkdown && markdown.macros ? ['{%'] : []),
	];
}

/** `render_macros` in the front matter wins; else `render_by_default`, or the page is one `force_render_paths` names. */
function rendersMacros(
	settings: MacrosSettings,
	path: string,
	meta: Record<string, unknown>,
): boolean {
	if (meta['render_macros'] === false) return false;
	if (settings.renderByDefault) return true;
	return meta['render_macros'] === true || settings.forcedPages.includes(path);
}

/** Lines of MkDocs front matter (`---` … `---` or `...` from the first line), or 0. */
function frontMatterEnd(lines: readonly string[]): number {
	if (lines[0]?.trimEnd() !== '---') return 0;
	const close = lines.findIndex(
		(line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'),
	);
	return close === -1 ? 0 : close + 1;
}

function frontMatterData(head: readonly string[]): Record<string, unknown> {
	if (head.length < 2) return {};
	try {
		const data: unknown = parseYaml(head.slice(1, -1).join('\n'), { logLevel: 'silent' });
		return data && typeof data === 'object' && !Array.isArray(data)
			? (data as Record<string, unknown>)
			: {};
	} catch {
		return {};
	}
}
