import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { dirnameOf } from '../../markdown/routes.ts';

/** A Docusaurus category (`_category_.json` or `.yml`): how its folder shows in navigation. */
export interface Category {
	label?: string;
	position?: number;
	/** `link.type: generated-index`: the category has a page listing its pages. */
	generatedIndex: boolean;
	description?: string;
}

/** Every `_category_` file of the tree, by folder. A file that cannot be read or parsed is ignored, as a missing one would be. */
export async function readCategories(
	root: string,
	assets: readonly string[],
): Promise<Map<string, Category>> {
	const categories = new Map<string, Category>();
	for (const path of assets) {
		if (!/(?:^|\/)_category_\.(?:json|ya?ml)$/.test(path)) continue;
		let data: unknown;
		try {
			const text = await readFile(join(root, path), 'utf8');
			data = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
		} catch {
			continue;
		}
		if (!data || typeof data !== 'object') continue;
		const { label, position, link } = data as {
			label?: unknown;
			position?: unknown;
			link?: { type?: unknown; description?: unknown };
		};
		categories.set(dirnameOf(path), {
			...(typeof label === 'string' && { label }),
			...(typeof position === 'number' && { position }),
			generatedIndex: link?.type === 'generated-index',
			...(typeof link?.description === 'string' && { description: link.description }),
		});
	}
	return categories;
}
