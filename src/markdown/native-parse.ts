import type { Root } from 'mdast';

// Sätteri parses in Rust and returns the mdast remark-parse would (GFM, directives, frontmatter,
// positions) for a fraction of the CPU. One loader for the site's pipeline and the checks; where
// the binding cannot load, both keep remark.
let markdownToMdast: typeof import('satteri').markdownToMdast | undefined;
try {
	({ markdownToMdast } = await import('satteri'));
} catch {
	markdownToMdast = undefined;
}

/** Which parser reads Markdown: Sätteri (`native`, the default) or remark-parse (`WAYMARK_PARSER=remark`). */
export type MarkdownParser = 'native' | 'remark';

/**
 * Sätteri's parser with GFM and directives (and YAML frontmatter when asked), or `undefined` where
 * its binding cannot load or `parser` is `remark`. The parser may throw on text it cannot handle;
 * callers fall back to remark-parse, which accepts any text.
 */
export function nativeParser(options: { frontmatter: boolean; parser?: MarkdownParser }): ((markdown: string) => Root) | undefined {
	const parse = markdownToMdast;
	if (!parse || options.parser === 'remark') return undefined;
	const features = { gfm: true, frontmatter: options.frontmatter, directive: true };
	return (markdown) => parse(markdown, { features }) as unknown as Root;
}
