import { defineCollection } from 'astro:content';
import { loader } from 'virtual:waymark/content';
import { GuidebookFrontmatterSchema } from './lib/frontmatter.ts';

/** Every page of the guidebook tree, as the checks found it; the entry id is its relative path. */
const guidebooks = defineCollection({ loader, schema: GuidebookFrontmatterSchema });

export const collections = { guidebooks };
