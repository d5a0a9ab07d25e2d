import type { Root } from 'mdast';
import { walkMdast } from './walk-mdast.ts';

/**
 * Runs last: a Waymark directive no plugin rendered (a `status` badge when the status step is
 * absent) becomes an empty inline `<span>` or block `<div>`, so it never breaks its paragraph.
 */
export function remarkDirectiveFallback() {
	return (tree: Root) => {
		walkMdast(tree, (node) => {
			if (
				node.type !== 'textDirective' &&
				node.type !== 'leafDirective' &&
				node.type !== 'containerDirective'
			)
				return;
			node.data ??= {};
			if (node.data.hName) return;
			node.data.hName = node.type === 'textDirective' ? 'span' : 'div';
			node.data.hProperties = { className: ['directive', `directive-${node.name}`] };
		});
	};
}
