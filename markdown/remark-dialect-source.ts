import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { mdbookInputsFromRecord } from '../tools/mdbook/includes.ts';
import { inputsFromRecord } from '../tools/mkdocs/settings.ts';
import { hugoContentOf } from '../tools/hugo/ref.ts';
import { rewriteDialectSource, type RewrittenSource, type ShownOutput } from '../tools/rewrite-source.ts';
import type { TreeFiles } from './link-target.ts';
import { pagePathOf, setTabTitle } from './page-path.ts';

/**
 * Rewrites the tree dialect's own syntax (TOC markers, admonitions, Hugo shortcodes, MkDocs macros, snippets and tabs, mdBook includes) before the
 * parser runs, exactly as the checks read the page (`tree/parse-page.ts`). Wraps whichever parser
 * is in place, so it comes after `remarkNativeParser`.
 */
export function remarkDialectSource(this: Processor, options: { root: string; files?: TreeFiles }): void {
	const parse = this.parser;
	const dialect = options.files?.dialect ?? 'github';
	const mdbook = options.files?.mdbookIncludes && mdbookInputsFromRecord(options.files.mdbookIncludes);
	if (!parse || (dialect === 'github' && !mdbook)) return;
	const pages = options.files?.pages ?? new Set<string>();
	const mkdocs = options.files?.mkdocs && inputsFromRecord(options.files.mkdocs);
	const hugoContent = options.files?.hugoLinks && hugoContentOf(options.files.hugoLinks).hugoContent;
	this.parser = (document: string, file: VFile) => {
		const path = pagePathOf(file, options.root) ?? '';
		// Astro hands the renderer the page without its front matter, which MkDocs macros read.
		const frontmatter = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter;
		// Only the outputs the pages' digests hold (`rewriteOutputs`): one the site read beyond them would
		// change the HTML without the build knowing the page changed.
		const { text, tabTitle }: Pick<RewrittenSource, ShownOutput> = rewriteDialectSource(document, { dialect, path, pages, ...(options.files?.params && { params: options.files.params }), ...(hugoContent && { hugoContent }), ...(options.files?.gitlabDocs && { gitlabDocs: true }), ...(mkdocs && { mkdocs }), ...(mdbook && { mdbook }), ...(frontmatter && { frontmatter }) });
		// Later plugins read directives' source text from the file (`remarkRestoreDirectives`).
		if (text !== document) file.value = text;
		if (tabTitle !== undefined) setTabTitle(file, tabTitle);
		return parse(text, file);
	};
}
