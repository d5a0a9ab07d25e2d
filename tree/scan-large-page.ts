import type { Code, Heading, Root } from 'mdast';
import { createAnchorSlugger, htmlAnchors, splitExplicitId } from '../src/lib/anchors.ts';
import { titleFromPath } from '../src/lib/page-title.ts';
import { routeForPath } from '../src/lib/routes.ts';
import { defaultMaxNestingDepth, parseFrontmatter, type PageModel, type ParseContext } from './parse-page.ts';
import { markersOnOneLine } from './nesting.ts';

/**
 * Pages above this many characters are scanned line by line instead of parsed. Such a page is a
 * generated dump, not a runbook; a full parse and lint of it would dominate the run (remark's cost
 * grows faster than the page: minutes for 5 MB), while the scan still checks its links, headings
 * and code fences. The `readable-files` rule reports such pages as a warning.
 */
export const largePageChars = 512 * 1024;

const fenceOpen = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const heading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const inlineLink = /(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const containerLine = /^([ \t]*)(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])/;
const definition = /^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]+)>?/;

/**
 * A `PageModel` from a line scan: frontmatter, ATX headings, fenced code, inline links, images,
 * definitions and HTML anchors, with positions. The tree holds only headings and code blocks.
 */
export function scanLargePage(path: string, text: string, context: Pick<ParseContext, 'dialect' | 'maxNestingDepth'> = {}): PageModel {
	const dialect = context.dialect ?? 'github';
	const maxNestingDepth = context.maxNestingDepth ?? defaultMaxNestingDepth;
	const lines = text.split('\n');
	// The site parses this page in full; an estimate of its nesting (markers on a line, and the
	// indentation of list and quote lines) keeps a deep one from reaching the renderer.
	let nesting = markersOnOneLine(text);
	const tree: Root = { type: 'root', children: [] };
	const slugger = createAnchorSlugger(dialect);
	const page: PageModel = { path, route: routeForPath(path, dialect), text, tree, title: '', headings: [], anchors: new Set(), links: [], definitions: [], references: [], codeBlocks: [], inlineCode: [], directives: [], dialectNotes: [] };
	let start = 0;
	if (lines[0] === '---') {
		const end = lines.indexOf('---', 1);
		if (end > 0) {
			page.frontmatter = parseFrontmatter(lines.slice(1, end).join('\n'), 2);
			start = end + 1;
		}
	}
	let fence: { marker: string; node: Code; lines: string[] } | undefined;
	for (let i = start; i < lines.length; i++) {
		const line = lines[i] ?? '';
		const lineNo = i + 1;
		if (fence) {
			const close = fenceOpen.exec(line);
			if (close?.[1] && close[1][0] === fence.marker[0] && close[1].length >= fence.marker.length && (close[2] ?? '').trim() === '') {
				finishFence(fence, lineNo, line.length + 1);
				fence = undefined;
			} else fence.lines.push(line);
			continue;
		}
		const indented = containerLine.exec(line);
		if (indented?.[1] !== undefined) nesting = Math.max(nesting, Math.floor(indented[1].replace(/\t/g, '    ').length / 2) + 1);
		const open = fenceOpen.exec(line);
		if (open?.[1]) {
			const [lang = '', ...meta] = (open[2] ?? '').trim().split(/\s+/);
			const node: Code = { type: 'code', lang: lang || null, meta: meta.join(' ') || null, value: '', position: { start: { line: lineNo, column: 1 }, end: { line: lineNo, column: 1 } } };
			tree.children.push(node);
			fence = { marker: open[1], node, lines: [] };
			continue;
		}
		const h = heading.exec(line);
		if (h?.[1] && h[2] !== undefined) {
			const slug = slugger.slug(h[2]);
			const position = { line: lineNo, column: 1 };
			page.headings.push({ depth: h[1].length, text: splitExplicitId(h[2]).text, slug, position });
			page.anchors.add(slug);
			tree.children.push({ type: 'heading', depth: h[1].length as Heading['depth'], children: [{ type: 'text', value: h[2] }], position: { start: position, end: { line: lineNo, column: line.length + 1 } } });
		}
		const def = definition.exec(line);
		if (def?.[1] && def[2]) {
			const position = { line: lineNo, column: line.indexOf('[') + 1 };
			page.definitions.push({ identifier: def[1].toLowerCase(), url: def[2], position });
			page.links.push({ url: def[2], kind: 'definition', position, text: def[1] });
			continue;
		}
		// Links inside inline code are not links: blank the code spans, keeping columns.
		const prose = line.includes('`') ? line.replace(/(`+)[^`]*?\1/g, (m) => ' '.repeat(m.length)) : line;
		for (const m of prose.matchAll(inlineLink)) {
			page.links.push({ url: m[3] ?? '', kind: m[1] ? 'image' : 'link', position: { line: lineNo, column: m.index + 1 }, text: m[2] ?? '' });
		}
		if (prose.includes('<')) for (const id of htmlAnchors(prose)) page.anchors.add(id);
	}
	if (fence) finishFence(fence, lines.length, (lines.at(-1) ?? '').length + 1);
	if (nesting > maxNestingDepth) page.notice = `page nested ${nesting} levels deep (block quotes and lists), more than \`checks.maxNestingDepth\` (${maxNestingDepth})`;
	const fmTitle = page.frontmatter?.data?.['title'];
	page.title = (typeof fmTitle === 'string' && fmTitle) || page.headings.find((h) => h.depth === 1)?.text.trim() || (titleFromPath(path, dialect) ?? 'Home');
	return page;
}

function finishFence(fence: { node: Code; lines: string[] }, endLine: number, endColumn: number): void {
	fence.node.value = fence.lines.join('\n');
	if (fence.node.position) fence.node.position.end = { line: endLine, column: endColumn };
}
