import type { Root } from 'mdast';
import type remarkDirective from 'remark-directive';
import type remarkFrontmatter from 'remark-frontmatter';
import type remarkGfm from 'remark-gfm';
import type remarkParse from 'remark-parse';
import type { unified } from 'unified';
import { lazyModule } from '../core/lazy-module.ts';
import { nativeParser, type MarkdownParser } from '../src/markdown/native-parse.ts';

// remark is the fallback (and `WAYMARK_PARSER=remark`): loaded on first use, so a check that
// Sätteri parses whole never loads micromark.
const load = {
	unified: lazyModule<{ unified: typeof unified }>('unified'),
	parse: lazyModule<{ default: typeof remarkParse }>('remark-parse'),
	gfm: lazyModule<{ default: typeof remarkGfm }>('remark-gfm'),
	frontmatter: lazyModule<{ default: typeof remarkFrontmatter }>('remark-frontmatter'),
	directive: lazyModule<{ default: typeof remarkDirective }>('remark-directive'),
};
let remark: { parse(text: string): Root } | undefined;

function remarkProcessor(): { parse(text: string): Root } {
	remark ??= load.unified().unified().use(load.parse().default).use(load.gfm().default).use(load.frontmatter().default, ['yaml', 'toml']).use(load.directive().default);
	return remark;
}

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
	return remarkProcessor().parse(text);
}
