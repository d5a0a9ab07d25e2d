import type * as MdastDefinitionList from 'mdast-util-definition-list';
import type * as MicromarkDefinitionList from 'micromark-extension-definition-list';
import type { Options as RemarkRehypeOptions } from 'remark-rehype';
import type { Processor } from 'unified';
import { lazyModule } from '../core/lazy-module.ts';

// Loaded on a page that has a definition list, by a tool that reads them: the syntax's parser is
// CommonMark's again (about 35 modules), which every other start need not load.
const mdastDefinitionList = lazyModule<typeof MdastDefinitionList>('mdast-util-definition-list');
const micromarkDefinitionList = lazyModule<typeof MicromarkDefinitionList>(
	'micromark-extension-definition-list',
);

/**
 * Definition lists as PHP Markdown Extra writes them, which Hugo's renderers (Goldmark's
 * `definitionList`, on by default) and Python-Markdown's `def_list` (MkDocs) read:
 *
 *     Term
 *     :   Its definition, continued on lines indented four spaces.
 *
 * Sätteri has no such construct, so a page that may hold one is read by remark's parser with
 * micromark's extension for it (`mayHoldDefinitionList`); every other page keeps Sätteri.
 */

/**
 * A line whose text starts with `:` and a space, or is `:` alone, after indentation or block quote
 * markers: where micromark's extension may open a definition. Every page it could read one in goes
 * to remark, so a page reads the same whichever parser starts.
 */
const definitionLine = /^[ \t>]*:(?:[ \t]|$)/m;

/** Whether `markdown` may hold a definition list: only such a page needs remark's parser. */
export function mayHoldDefinitionList(markdown: string): boolean {
	return definitionLine.test(markdown);
}

/** The unified plugin that gives remark's parser definition lists (`defList`, `defListTerm`, `defListDescription` nodes). */
export function remarkDefinitionLists(this: Processor): void {
	const data = this.data();
	data.micromarkExtensions = [
		...(data.micromarkExtensions ?? []),
		micromarkDefinitionList().defList,
	];
	data.fromMarkdownExtensions = [
		...(data.fromMarkdownExtensions ?? []),
		mdastDefinitionList().defListFromMarkdown,
	];
}

/** How remark-rehype writes those nodes: `dl`, `dt` and `dd`, a tight definition's paragraph unwrapped as in a tight list. */
export function definitionListHandlers(): NonNullable<RemarkRehypeOptions['handlers']> {
	return mdastDefinitionList().defListHastHandlers;
}
