import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { mayHoldDefinitionList, remarkDefinitionLists } from './definition-lists.ts';
import { indentationMatters, nativeParser, remarkNoIndentedCode } from './native-parse.ts';
import type { MarkdownParser } from '../core/environment.ts';

/**
 * Parses `.md` pages with Sätteri's parser, keeping every remark and rehype plugin after it: the
 * same HTML on every page of bench/build.mjs and the bundled guidebooks, for a fraction of the
 * CPU parsing costs a build. MDX keeps remark's parser (it must understand JSX), and so does any
 * page Sätteri fails on. Astro hands over the body without frontmatter. `parser: remark` keeps remark
 * for every page; `indentedCode: false` reads indentation as MDX does (`remarkNoIndentedCode`);
 * `definitionLists` reads them where a page may hold one (`remarkDefinitionLists`).
 */
export function remarkNativeParser(
	this: Processor,
	options: { parser?: MarkdownParser; indentedCode?: boolean; definitionLists?: boolean } = {},
): void {
	const fallback = this.parser;
	if (options.definitionLists) remarkDefinitionLists.call(this);
	if (options.indentedCode === false) {
		// A Docusaurus tree: every page reads indentation as MDX does, remark's parser with MDX's switch
		// where it matters (Sätteri has none).
		remarkNoIndentedCode.call(this);
	}
	const native = nativeParser({
		frontmatter: false,
		...(options.parser && { parser: options.parser }),
	});
	if (!native || !fallback) return;
	this.parser = (document: string, file: VFile) => {
		if (
			!file.path?.endsWith('.md') ||
			(options.indentedCode === false && indentationMatters(document)) ||
			(options.definitionLists && mayHoldDefinitionList(document))
		)
			return fallback(document, file);
		try {
			return native(document);
		} catch {
			return fallback(document, file);
		}
	};
}
