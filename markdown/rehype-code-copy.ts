import type { Root } from 'hast';
import { h } from 'hastscript';
import { walkElements } from './walk-hast.ts';
import { holdsPlaceholder } from './rehype-placeholders.ts';

/**
 * Puts each code block in a frame with a copy button. The button copies the `<code>` element's
 * text in the browser, which is the block exactly as written (Shiki's spans add no characters).
 * Mermaid blocks are left alone: the diagrams step replaces them. The button's label is kept out
 * of the search index (`data-pagefind-ignore`), or excerpts would read "…dumpCopy.". A block with
 * label placeholders is a `wm-ph-block` and gets an empty note (`.wm-ph-note`), where the alert
 * context shows the values it did not fill in, as data beside the command.
 */
export function rehypeCodeCopy() {
	return (tree: Root) => {
		walkElements(tree, (node, parent, index) => {
			if (node.tagName !== 'pre') return;
			if (parent.type === 'element' && parent.properties?.['className']?.includes('code-block'))
				return 'skip';
			const language = node.properties?.['dataLanguage'];
			if (language === 'mermaid') return 'skip';
			const label = typeof language === 'string' && language !== 'plaintext' ? language : undefined;
			const placeholders = holdsPlaceholder(node);
			parent.children[index] = h(
				'div',
				{
					className: placeholders ? ['code-block', 'wm-ph-block'] : ['code-block'],
					...(label && { dataLanguage: label }),
				},
				[
					node,
					h(
						'button',
						{
							type: 'button',
							className: ['copy-button'],
							ariaLabel: 'Copy code to clipboard',
							dataPagefindIgnore: true,
						},
						['Copy'],
					),
					...(placeholders
						? [h('p', { className: ['wm-ph-note'], hidden: true, dataPagefindIgnore: true })]
						: []),
				],
			);
			return 'skip';
		});
	};
}
