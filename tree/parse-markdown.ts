import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { nativeParser, type MarkdownParser } from '../src/markdown/native-parse.ts';

const remark = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkDirective);

/** Markdown → mdast with positions: GFM, YAML frontmatter and directives, as the site reads it. */
export function parseMarkdown(text: string, parser: MarkdownParser = 'native'): Root {
	const native = nativeParser({ frontmatter: true, parser });
	if (native) {
		try {
			return native(text);
		} catch {
			// Fall through: remark accepts any text.
		}
	}
	return remark.parse(text);
}
