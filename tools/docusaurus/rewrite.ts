import type { RewritePage } from '../../markdown/site-tool.ts';
import { sortNotes, type RewrittenSource } from '../rewrite.ts';
import { literalLines } from '../syntax/code-lines.ts';
import { rewrittenLineOf, sourceLineOf } from '../syntax/line-origins.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { rewriteDocusaurusAdmonitions } from './admonitions.ts';
import { closeFrontmatterAsGrayMatter } from './frontmatter.ts';
import { rewriteDocusaurusMdxSource } from './mdx-source.ts';
import { separateMdxFlowLines } from './mdx-flow-lines.ts';
import { docusaurusMdxSource } from './mdx-heading-ids.ts';
import { dropUnusedTabImports } from './tab-imports.ts';
import { rewriteDocusaurusTabs } from './tabs.ts';

/**
 * A Docusaurus page's own syntax as the site renders it: where its front matter ends (as
 * gray-matter reads it), `:::` admonitions, `<Tabs>`, its MDX (ESM blanked in `.md` pages; an
 * `.mdx` page's comments and `{#id}`s as `markdown.mdx1Compat` takes them). Docusaurus compiles `.md`
 * pages as MDX too (`markdown.format: 'mdx'`, its default), which has no HTML blocks: their tag
 * lines are read as it reads them, each beside a blank line (`origins` maps them back). `.mdx`
 * pages too: the site compiles them with MDX, which reads the separated lines as it reads the page,
 * and the checks, which read them as Markdown, then see the code and links MDX sees.
 */
export function rewriteDocusaurusSource(text: string, page: RewritePage): RewrittenSource {
	const rewritten = rewriteSyntax(text, page);
	const separated = /^[ \t>]*<[A-Za-z/>]/m.test(rewritten.text)
		? separateMdxFlowLines(rewritten.text.split('\n'))
		: undefined;
	if (!separated) return rewritten;
	const { origins } = separated;
	for (const note of rewritten.notes) note.line = rewrittenLineOf(note.line, origins);
	return {
		text: separated.lines.join('\n'),
		notes: rewritten.notes,
		origins: rewritten.origins
			? origins.map((line) => sourceLineOf(line, rewritten.origins))
			: origins,
	};
}

function rewriteSyntax(text: string, page: RewritePage): RewrittenSource {
	const notes: SourceNote[] = [];
	if (!mayNeedRewrite(text)) return { text, notes };
	const lines = text.split('\n');
	// Before anything reads the lines as Markdown: where the front matter ends decides the rest.
	closeFrontmatterAsGrayMatter(lines);
	const literal = literalLines(lines);
	rewriteDocusaurusAdmonitions(lines, literal, notes);
	rewriteDocusaurusTabs(lines, literal);
	dropUnusedTabImports(lines, literal);
	// `.mdx` pages are compiled as MDX here too: only `.md` pages need their ESM blanked.
	rewriteDocusaurusMdxSource(lines, literal, { esm: !/\.mdx$/i.test(page.path) });
	let result = lines.join('\n');
	if (/\.mdx$/i.test(page.path)) result = docusaurusMdxSource(result);
	return { text: result, notes: sortNotes(notes) };
}

/** A cheap look for Docusaurus's markers, so most pages skip the line-by-line pass. */
function mayNeedRewrite(text: string): boolean {
	return (
		text.includes(':::') ||
		text.includes('<!--') ||
		text.includes('<Tabs') ||
		text.includes('require(') ||
		/^(?:import|export)[\s{*]/m.test(text) ||
		/^\uFEFF?---[ \t]*\r?\n/.test(text)
	);
}
