import type { Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { pythonMarkdownFootnoteIds } from './footnote-ids.ts';
import { safeDecode } from '../../markdown/routes.ts';
import { walkElements } from '../../markdown/walk-hast.ts';

/**
 * MkDocs with `footnotes`: the notes and their references get Python-Markdown's ids
 * (`src/lib/footnote-ids.ts`), so a link written for the MkDocs site (`#fn:1`) lands on the site
 * too, and the checks take the same ids. The labels as written come from the page's syntax tree
 * (`remarkFootnoteLabels`); the renderer keys its ids by the label in lower case.
 */
export function remarkFootnoteLabels() {
	return (tree: Root, file: VFile) => {
		const { notes } = pythonMarkdownFootnoteIds(tree);
		if (notes.size > 0) file.data['footnoteLabels'] = notes;
	};
}

export function rehypeFootnoteIds() {
	return (tree: HastRoot, file: VFile) => {
		const notes = file.data['footnoteLabels'] as Map<string, string> | undefined;
		if (!notes) return;
		// The renderer's ids: `user-content-fn-<label>`, `user-content-fnref-<label>`, then `-2`, `-3` for further references.
		const rename = (id: string): string | undefined => {
			const match = /^user-content-fn(ref)?-(.+)$/.exec(id);
			if (!match?.[2]) return undefined;
			const whole = notes.get(safeDecode(match[2]));
			if (whole !== undefined) return match[1] ? `fnref:${whole}` : `fn:${whole}`;
			const counted = match[1] ? /^(.+)-(\d+)$/.exec(match[2]) : null;
			const label = counted?.[1] === undefined ? undefined : notes.get(safeDecode(counted[1]));
			return label === undefined ? undefined : `fnref${counted?.[2]}:${label}`;
		};
		walkElements(tree, (node) => {
			const id = node.properties['id'];
			const renamed = typeof id === 'string' ? rename(id) : undefined;
			if (renamed) node.properties['id'] = renamed;
			const href = node.properties['href'];
			const target =
				typeof href === 'string' && href.startsWith('#') ? rename(href.slice(1)) : undefined;
			if (target) node.properties['href'] = `#${target}`;
		});
	};
}
