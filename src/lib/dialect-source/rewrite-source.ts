import type { Dialect } from '../dialect.ts';
import { literalLines } from './code-lines.ts';
import { rewriteDocusaurusAdmonitions } from './docusaurus-admonitions.ts';
import { blankJsonFrontmatter } from './hugo-json-frontmatter.ts';
import { rewriteHugoShortcodes } from './hugo-shortcodes.ts';
import { rewriteMkdocsAdmonitions } from './mkdocs-admonitions.ts';
import type { SourceNote } from './source-note.ts';
import { rewriteTocMarkers } from './toc-marker.ts';

export interface SourceContext {
	dialect: Dialect;
	/** The page, relative to the root. */
	path: string;
	/** Every page of the tree, relative to the root (Hugo's `ref` looks pages up). */
	pages: ReadonlySet<string>;
	/** Hugo: the site config's `params`. */
	params?: Readonly<Record<string, unknown>>;
}

/**
 * A page's Markdown with its dialect's own syntax written as the Markdown and directives the site
 * renders: GitLab/MkDocs table-of-contents markers, MkDocs and Docusaurus admonitions, Hugo
 * shortcodes; Hugo's JSON front matter blanked. Text in, text out, before any parser runs, so the
 * checks (`tree/`) and the site (`src/markdown/`) read the same page. Lines keep their numbers, so
 * findings point at the source.
 */
export function rewriteDialectSource(text: string, context: SourceContext): { text: string; notes: SourceNote[] } {
	const notes: SourceNote[] = [];
	if (context.dialect === 'github' || !mayNeedRewrite(text, context.dialect)) return { text, notes };
	let lines = text.split('\n');
	// Hugo's JSON front matter is metadata (the tree reads it, `tree/parse-page.ts`), never text.
	if (context.dialect === 'hugo') blankJsonFrontmatter(lines);
	let literal = literalLines(lines);
	rewriteTocMarkers(lines, literal, context.dialect);
	if (context.dialect === 'mkdocs') lines = rewriteMkdocsAdmonitions(lines, literal);
	if (context.dialect === 'docusaurus') rewriteDocusaurusAdmonitions(lines, literal, notes);
	let result = lines.join('\n');
	if (context.dialect === 'hugo') {
		literal = literalLines(lines);
		result = rewriteHugoShortcodes(result, literal, { path: context.path, pages: context.pages, params: context.params ?? {} }, notes);
	}
	notes.sort((a, b) => a.line - b.line || a.column - b.column);
	return { text: result, notes };
}

/** A cheap look for the dialect's markers, so most pages skip the line-by-line pass. */
function mayNeedRewrite(text: string, dialect: Dialect): boolean {
	switch (dialect) {
		case 'gitlab':
			return /\[(?:\[_TOC_\]|TOC)\]/i.test(text);
		case 'mkdocs':
			return text.includes('!!!') || text.includes('???') || text.includes('[TOC]');
		case 'docusaurus':
			return text.includes(':::');
		case 'hugo':
			return text.includes('{{<') || text.includes('{{%') || /^\uFEFF?\s*\{/.test(text);
		default:
			return false;
	}
}
