import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { applyMdxFallbacks, pageComponents } from '../markdown/mdx-fallbacks.ts';
import { pagePathOf } from '../markdown/page-path.ts';
import { mdxImportProblems } from '../tree/mdx-syntax.ts';

/**
 * A trusted tree's `.mdx` pages, as MDX compiles them: an import the site cannot give the page
 * (another tool's module such as Docusaurus `@site/…` or `@theme/…`, a package, a path out of the
 * root, a missing file) is taken out, and what uses it, like a component the page never imports
 * or one of a JavaScript module (React's, which the site does not render), shows as a notice where
 * it stands, a component's content under it (`applyMdxFallbacks`). The
 * bundler never meets an import it cannot resolve, nor the runtime a component it does not have.
 * `mdx-references` reports the same, from the same functions.
 */
export function remarkMdxGuard(options: { root: string }) {
	return async (tree: Root, file: VFile) => {
		const path = pagePathOf(file, options.root);
		if (path === undefined || !/\.mdx$/i.test(path)) return;
		applyMdxFallbacks(tree, {
			mode: 'compile',
			...(await mdxImportProblems(options.root, path, tree)),
			provided: pageComponents,
		});
	};
}
