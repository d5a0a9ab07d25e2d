import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const remark = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkDirective);

type NativeParse = (text: string) => Root;

// satteri parses in Rust and hands back the same mdast (types and positions) as remark-parse with
// GFM, frontmatter and directives, ~20–50× faster; remark stays the fallback where the native
// binding cannot load.
let native: NativeParse | undefined;
try {
	const { markdownToMdast } = await import('satteri');
	native = (text) => markdownToMdast(text, { features: { gfm: true, frontmatter: true, directive: true } }) as unknown as Root;
} catch {
	native = undefined;
}

/** Markdown → mdast with positions: GFM, YAML frontmatter and directives, as the site reads it. */
export function parseMarkdown(text: string): Root {
	if (native && process.env.WAYMARK_PARSER !== 'remark') {
		try {
			return native(text);
		} catch {
			// Fall through: remark accepts any text.
		}
	}
	return remark.parse(text);
}
