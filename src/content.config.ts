import { defineCollection } from 'astro:content';
import { loader } from 'virtual:waymark/content';
import { SiteFrontmatterSchema } from '../markdown/frontmatter.ts';

/**
 * Every page of the guidebook tree, as the checks found it; the entry id is its relative path. The
 * schema never rejects a page: bad values are dropped, and the checks report them.
 */
const guidebooks = defineCollection({ loader, schema: SiteFrontmatterSchema });

export const collections = { guidebooks };
