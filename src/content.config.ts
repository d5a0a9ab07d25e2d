import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { pathToFileURL } from 'node:url';
import config from 'virtual:waymark/config';
import { GuidebookFrontmatterSchema } from './lib/frontmatter.ts';

/** Every `.md`/`.mdx` under the guidebook root; the entry id is its relative path. */
const guidebooks = defineCollection({
	loader: glob({
		pattern: ['**/*.{md,mdx}', '!**/node_modules/**', '!**/.*/**', ...(config.excludedPages ?? []).map((path) => `!${path.replace(/[*?[\]{}()!\\]/g, '\\$&')}`)],
		base: pathToFileURL(`${config.root}/`),
		generateId: ({ entry }) => entry,
	}),
	schema: GuidebookFrontmatterSchema,
});

export const collections = { guidebooks };
