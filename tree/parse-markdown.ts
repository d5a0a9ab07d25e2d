import type { Root } from 'mdast';
import type remarkDirective from 'remark-directive';
import type remarkFrontmatter from 'remark-frontmatter';
import type remarkGfm from 'remark-gfm';
import type remarkParse from 'remark-parse';
import type { unified } from 'unified';
import { lazyModule } from '../core/lazy-module.ts';
import { mayHoldDefinitionList, remarkDefinitionLists } from '../markdown/definition-lists.ts';
import {
	indentationMatters,
	nativeParser,
	remarkNoIndentedCode,
} from '../markdown/native-parse.ts';
import type { MarkdownParser } from '../core/environment.ts';

// remark is the fallback (and `WAYMARK_PARSER=remark`): loaded on first use, so a check that
// Sätteri parses whole never loads micromark.
const load = {
	unified: lazyModule<{ unified: typeof unified }>('unified'),
	parse: lazyModule<{ default: typeof remarkParse }>('remark-parse'),
	gfm: lazyModule<{ default: typeof remarkGfm }>('remark-gfm'),
	frontmatter: lazyModule<{ default: typeof remarkFrontmatter }>('remark-frontmatter'),
	directive: lazyModule<{ default: typeof remarkDirective }>('remark-directive'),
};
const remark = new Map<string, { parse(text: string): Root }>();

function remarkProcessor(
	indentedCode: boolean,
	definitionLists: boolean,
): { parse(text: string): Root } {
	const key = `${indentedCode} ${definitionLists}`;
	let processor = remark.get(key);
	if (!processor) {
		processor = load
			.unified()
			.unified()
			.use(load.parse().default)
			.use(load.gfm().default)
			.use(load.frontmatter().default, ['yaml', 'toml'])
			.use(load.directive().default)
			.use(indentedCode ? [] : [remarkNoIndentedCode])
			.use(definitionLists ? [remarkDefinitionLists] : []);
		remark.set(key, processor);
	}
	return processor;
}

/**
 * Markdown → mdast with positions: GFM, YAML frontmatter and directives, as the site reads it.
 * `indentedCode: false` reads indentation as MDX does (a Docusaurus tree, `remarkNoIndentedCode`);
 * `definitionLists` reads them as Hugo and MkDocs' `def_list` do (`remarkDefinitionLists`).
 */
export function parseMarkdown(
	text: string,
	parser: MarkdownParser = 'native',
	options: { indentedCode?: boolean; definitionLists?: boolean } = {},
): Root {
	const indentedCode = options.indentedCode ?? true;
	const definitionLists = options.definitionLists === true;
	if (
		(!indentedCode && indentationMatters(text)) ||
		(definitionLists && mayHoldDefinitionList(text))
	)
		return remarkProcessor(indentedCode, definitionLists).parse(text);
	const native = nativeParser({ frontmatter: true, parser });
	if (native) {
		try {
			return native(text);
		} catch {
			// Fall through: remark accepts any text.
		}
	}
	return remarkProcessor(indentedCode, definitionLists).parse(text);
}
