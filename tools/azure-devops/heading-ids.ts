import type { Root } from 'mdast';
import { headingText, splitExplicitId } from '../../markdown/anchors.ts';
import { walkMdast } from '../../markdown/walk-mdast.ts';

/**
 * The other id the wiki answers for a heading besides github-slugger's (which its Markdown
 * guidance describes: lower case, spaces as `-`, punctuation left out): the heading's text in
 * lower case with its spaces as `-` and its punctuation kept, as its own table of contents links
 * (`#1.-restore-%26-verify`), decoded and as written.
 */
export function wikiRawIds(tree: Root, taken: ReadonlySet<string>): string[] {
	const ids: string[] = [];
	walkMdast(tree, (node) => {
		if (node.type !== 'heading') return;
		const raw = splitExplicitId(headingText(node)).text.trim().toLowerCase().replace(/\s+/g, '-');
		for (const id of [raw, encodeURIComponent(raw)])
			if (id !== '' && !taken.has(id) && !ids.includes(id)) ids.push(id);
	});
	return ids;
}
