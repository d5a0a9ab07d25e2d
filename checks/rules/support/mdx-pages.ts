import type { MdxSyntaxError } from '../../../tree/mdx-syntax.ts';
import type { Root } from 'mdast';
import type { RuleContext } from '../define-rule.ts';

/**
 * The readable `.mdx` pages among the rule's targets, each with MDX's parse of its text: the
 * tree, or where MDX's grammar stops. That grammar (micromark, acorn) is loaded only for a tree
 * that has such pages.
 */
export async function* mdxTargets(
	ctx: RuleContext,
): AsyncGenerator<{ path: string; parsed: { tree: Root } | { error: MdxSyntaxError } }> {
	for (const path of ctx.targets) {
		const page = ctx.tree.pages.get(path);
		if (!page || page.notice || !/\.mdx$/i.test(path)) continue;
		const { parseMdx } = await import('../../../tree/mdx-syntax.ts');
		yield { path, parsed: parseMdx(page.text) };
	}
}
