import type { Position } from '../../../core/position.ts';
import type { PageModel } from '../../../tree/parse-page.ts';

/** Every Markdown image of `page` with its URL, reference images resolved through their definitions. */
export function pageImages(page: PageModel): Array<{ url: string; position: Position }> {
	const definitions = new Map(page.definitions.map((d) => [d.identifier, d.url]));
	return [...page.links.filter((l) => l.kind === 'image'), ...page.references.filter((r) => r.kind === 'image').map((r) => ({ url: definitions.get(r.identifier) ?? '', position: r.position }))];
}
