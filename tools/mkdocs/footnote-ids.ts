import type { Root } from 'mdast';
import { walkMdast } from '../../markdown/walk-mdast.ts';

/**
 * Python-Markdown's footnote ids, as MkDocs writes them with `footnotes` (or `extra`): `fn:<label>`
 * on a note, `fnref:<label>` on its first reference, `fnref2:<label>` on the second, and so on;
 * the label as written (`[^Note]` → `fn:Note`). Only references to a note that exists count, and
 * only notes some reference uses: MkDocs lists the others too, but the site's renderer drops them,
 * so a link to one is reported rather than accepted and dead.
 * The checks take them as the page's anchors, and the site writes them (`rehype-footnote-ids.ts`).
 */
export function pythonMarkdownFootnoteIds(tree: Root): {
	notes: Map<string, string>;
	anchors: string[];
} {
	// By identifier (lower case, as the site's renderer keys its ids): the label as written.
	const notes = new Map<string, string>();
	const references: string[] = [];
	walkMdast(tree, (node) => {
		if (node.type === 'footnoteDefinition' && !notes.has(node.identifier.toLowerCase()))
			notes.set(node.identifier.toLowerCase(), node.label ?? node.identifier);
		else if (node.type === 'footnoteReference') references.push(node.identifier.toLowerCase());
	});
	const anchors: string[] = [];
	const seen = new Map<string, number>();
	for (const identifier of references) {
		const label = notes.get(identifier);
		if (label === undefined) continue;
		const count = (seen.get(identifier) ?? 0) + 1;
		seen.set(identifier, count);
		if (count === 1) anchors.push(`fn:${label}`);
		anchors.push(count === 1 ? `fnref:${label}` : `fnref${count}:${label}`);
	}
	return { notes, anchors };
}
