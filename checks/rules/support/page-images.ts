import type { Position } from '../../../core/position.ts';
import type { PageModel } from '../../../tree/parse-page.ts';
import { pictureIdentifiers } from '../../../markdown/picture-definitions.ts';

/** Every Markdown image of `page` with its URL, reference images resolved through their definitions. */
export function pageImages(page: PageModel): Array<{ url: string; position: Position }> {
	// The first definition of a label wins, as the site's renderer reads it (`mdast-util-definitions`).
	const definitions = new Map<string, string>();
	for (const d of page.definitions)
		if (!definitions.has(d.identifier)) definitions.set(d.identifier, d.url);
	return [
		...page.links.filter((l) => l.kind === 'image'),
		...page.references
			.filter((r) => r.kind === 'image')
			.map((r) => ({ url: definitions.get(r.identifier) ?? '', position: r.position })),
	];
}

/**
 * How each link of `page` is judged: an image as an image, and so a definition only image
 * references use (`pictureIdentifiers`: a picture in `.attachments/` is bundled, not a link to a
 * file the site never publishes); any other as a file.
 */
export function linkNouns(
	page: PageModel,
): (link: { kind: string; position: Position }) => 'image' | 'file' {
	const pictures = pictureIdentifiers(page.references);
	const at = (position: Position) => `${position.line}:${position.column}`;
	const pictureDefinitions = new Set(
		page.definitions
			.filter((definition) => pictures.has(definition.identifier))
			.map((definition) => at(definition.position)),
	);
	return (link) =>
		link.kind === 'image' ||
		(link.kind === 'definition' && pictureDefinitions.has(at(link.position)))
			? 'image'
			: 'file';
}
