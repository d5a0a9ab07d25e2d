import type { Position } from '../../../core/position.ts';
import type { PageModel } from '../../../tree/parse-page.ts';

/** Every Markdown image of `page` with its URL, reference images resolved through their definitions. */
export function pageImages(page: PageModel): Array<{ url: string; position: Position }> {
	const definitions = new Map(page.definitions.map((d) => [d.identifier, d.url]));
	return [...page.links.filter((l) => l.kind === 'image'), ...page.references.filter((r) => r.kind === 'image').map((r) => ({ url: definitions.get(r.identifier) ?? '', position: r.position }))];
}

/**
 * Where (`line:column`) the definitions of `page` stand that only image references use: each is a
 * picture's address, judged as an image (a picture in `.attachments/` is bundled, not a link to a
 * file the site never publishes).
 */
export function pictureDefinitions(page: PageModel): Set<string> {
	const uses = new Map<string, Set<string>>();
	for (const reference of page.references) uses.set(reference.identifier, (uses.get(reference.identifier) ?? new Set()).add(reference.kind));
	const pictures = page.definitions.filter((definition) => {
		const kinds = uses.get(definition.identifier);
		return kinds !== undefined && kinds.size === 1 && kinds.has('image');
	});
	return new Set(pictures.map((definition) => `${definition.position.line}:${definition.position.column}`));
}
