import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { frontmatter } from 'micromark-extension-frontmatter';
import { mdxjs } from 'micromark-extension-mdxjs';

/** Where and why MDX's grammar rejects a page. */
export interface MdxSyntaxError {
	line: number;
	column: number;
	/** The parser's message, one line: "Unexpected end of file in expression, expected …". */
	message: string;
}

/**
 * An `.mdx` page parsed with MDX's own grammar (micromark's MDX extensions; acorn parses the
 * JavaScript, nothing is evaluated): the tree, or the syntax error that would fail MDX's compiler.
 */
export function parseMdx(text: string): { tree: Root } | { error: MdxSyntaxError } {
	try {
		return { tree: fromMarkdown(text, { extensions: [frontmatter(['yaml']), mdxjs()], mdastExtensions: [frontmatterFromMarkdown(['yaml']), mdxFromMarkdown()] }) };
	} catch (error) {
		const place = error as { line?: number; column?: number };
		return { error: { line: place.line ?? 1, column: place.column ?? 1, message: (error as Error).message.split('\n')[0] ?? '' } };
	}
}
