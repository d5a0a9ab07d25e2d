/**
 * The identifiers of a page's definitions that only image references use (`![x][shot]` with
 * `[shot]: .attachments/a.png`): each is a picture's address, rewritten and judged as an image, not
 * as a link to a file. A definition that links use too stays a link; its image references are
 * pictures of their own (`remark-links.ts`). Identifiers as the parser gives them (mdast's
 * normalised label), so the site and the checks compare the same strings.
 */
export function pictureIdentifiers(
	references: Iterable<{ identifier: string; kind: 'link' | 'image' }>,
): Set<string> {
	const kinds = new Map<string, Set<string>>();
	for (const { identifier, kind } of references)
		kinds.set(identifier, (kinds.get(identifier) ?? new Set()).add(kind));
	return new Set(
		[...kinds]
			.filter(([, used]) => used.size === 1 && used.has('image'))
			.map(([identifier]) => identifier),
	);
}
