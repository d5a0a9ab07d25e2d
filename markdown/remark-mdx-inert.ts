import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { mdxjs } from 'micromark-extension-mdxjs';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { applyMdxFallbacks } from './mdx-fallbacks.ts';

const isMdx = (file: VFile) => /\.mdx$/i.test(file.path ?? '');

/**
 * An untrusted tree's `.mdx` pages render as Markdown, and nothing in them runs. Parsed with MDX's
 * grammar (acorn reads the code; nothing evaluates it), with the processor's own syntax extensions
 * (GFM, directives) beside it, so imports, exports, `{expressions}` and JSX are recognised for what
 * they are instead of printed as text. A page MDX's grammar rejects is read as Markdown by the
 * parser before this one. Comes right after the parser is chosen, before the dialect's rewrite
 * wraps it.
 */
export function remarkMdxParser(this: Processor): void {
	const parse = this.parser;
	if (!parse) return;
	const data = this.data();
	this.parser = (document: string, file: VFile) => {
		if (!isMdx(file)) return parse(document, file);
		try {
			return fromMarkdown(document, {
				extensions: [...(data.micromarkExtensions ?? []), mdxjs()],
				mdastExtensions: [...(data.fromMarkdownExtensions ?? []), mdxFromMarkdown()],
			});
		} catch {
			return parse(document, file);
		}
	};
}

/**
 * Turns what MDX's grammar found into Markdown the rest of the pipeline renders
 * (`applyMdxFallbacks`, `inert`): no import or export printed, each component's content under a
 * notice naming it, each expression a notice, HTML elements as HTML. After links are rewritten,
 * so a JSX element's `href` and `src` are rewritten like any link.
 */
export function remarkMdxInert() {
	return (tree: Root, file: VFile) => {
		if (isMdx(file)) applyMdxFallbacks(tree, { mode: 'inert' });
	};
}
