import type { Heading, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { createAnchorSlugger, headingText, splitExplicitId } from '../lib/anchors.ts';

/**
 * Heading ids the GitHub way (`src/lib/anchors.ts`), the same slugs the `internal-links` check
 * accepts. A trailing `{#id}` sets the id and is removed from the text. Astro's own
 * `rehypeHeadingIds` keeps an id that is already set, so both agree.
 */
export function remarkHeadingIds() {
	return (tree: Root) => {
		const slugger = createAnchorSlugger();
		visit(tree, 'heading', (heading: Heading) => {
			const id = slugger.slug(headingText(heading));
			stripExplicitId(heading);
			heading.data ??= {};
			heading.data.hProperties = { ...heading.data.hProperties, id };
		});
	};
}

function stripExplicitId(heading: Heading): void {
	const last = heading.children.at(-1);
	if (last?.type !== 'text') return;
	const { text, id } = splitExplicitId((last).value);
	if (id !== undefined) (last).value = text;
}
