import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { siteToolOf, type TreeFiles } from './link-target.ts';
import { pagePathOf, setTabTitle } from './page-path.ts';

/**
 * Rewrites the tree's tool's own syntax (table-of-contents markers, admonitions, shortcodes, macros,
 * snippets, tabs, includes: `SiteTool.rewrite`) before the parser runs, exactly as the checks read
 * the page (`tree/parse-page.ts`). Wraps whichever parser is in place, so it comes after
 * `remarkNativeParser`. Only what the rewrite shows is read (its text and tab title): the pages'
 * digests hold those, and one the site read beyond them would change the HTML without the build
 * knowing the page changed.
 */
export function remarkDialectSource(
	this: Processor,
	options: { root: string; files?: TreeFiles },
): void {
	const parse = this.parser;
	const tool = siteToolOf(options.files);
	if (!parse || options.files?.tool === undefined) return;
	const pages = options.files.pages;
	this.parser = (document: string, file: VFile) => {
		const path = pagePathOf(file, options.root) ?? '';
		// Astro hands the renderer the page without its front matter, which MkDocs macros read.
		const frontmatter = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro
			?.frontmatter;
		const { text, tabTitle } = tool.rewrite(document, {
			path,
			pages,
			...(frontmatter && { frontmatter }),
		});
		// Later plugins read directives' source text from the file (`remarkRestoreDirectives`).
		if (text !== document) file.value = text;
		if (tabTitle !== undefined) setTabTitle(file, tabTitle);
		return parse(text, file);
	};
}
