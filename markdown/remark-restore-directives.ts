import type { Paragraph, Root, Text } from 'mdast';
import type { LeafDirective, TextDirective } from 'mdast-util-directive';
import { walkMdast } from './walk-mdast.ts';
import type { VFile } from 'vfile';

/** Directive names Waymark renders (`toc` is GitLab's `[[_TOC_]]`, rewritten); every other directive is text that only looked like one. */
const ownedDirectives = new Set(['status', 'toc']);

/**
 * remark-directive reads `10:30` or `nginx:alpine` as a text directive named `30`/`alpine`. Only
 * `status` and `toc` are Waymark directives; every other one is put back as the exact source text.
 */
export function remarkRestoreDirectives() {
	return (tree: Root, file: VFile) => restoreDirectives(tree, String(file.value));
}

/**
 * The step itself, on a tree parsed from `source`. The checks run it on their own tree too
 * (`tree/parse-page.ts`), so a heading such as `## Connect to db:5432` has the same anchor there
 * as on the site.
 */
export function restoreDirectives(tree: Root, source: string): void {
	walkMdast(tree, (node, parent, index) => {
		if (node.type !== 'textDirective' && node.type !== 'leafDirective') return;
		const directive = node;
		if (ownedDirectives.has(directive.name) || !parent || index === undefined) return;
		const text: Text = {
			type: 'text',
			value: sourceOf(directive, source),
			...(node.position && { position: node.position }),
		};
		const replacement: Text | Paragraph =
			node.type === 'leafDirective'
				? { type: 'paragraph', children: [text], ...(node.position && { position: node.position }) }
				: text;
		parent.children.splice(index, 1, replacement as never);
		return 'skip';
	});
}

function sourceOf(node: TextDirective | LeafDirective, source: string): string {
	const start = node.position?.start.offset;
	const end = node.position?.end.offset;
	if (start !== undefined && end !== undefined) return source.slice(start, end);
	const marker = node.type === 'leafDirective' ? '::' : ':';
	return `${marker}${node.name}`;
}
