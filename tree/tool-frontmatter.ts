import type { Dialect } from '../tools/dialect.ts';
import { GuidebookFrontmatterSchema, pageStatuses, SiteFrontmatterSchema, type GuidebookFrontmatter } from '../src/lib/frontmatter.ts';
import type { Frontmatter, PageModel } from './parse-page.ts';

/**
 * Front matter each site generator defines for itself, from its documentation: Hugo's front
 * matter fields (and the taxonomies and theme keys sites commonly set), Docusaurus's docs front
 * matter, Material for MkDocs'. Waymark never judges these as its own fields: no invalid value,
 * no "did you mean". Where one has Waymark's name and meaning (`title`, `description`, `tags`),
 * the site still shows a value it can use.
 */
const toolKeys: Partial<Record<Dialect, readonly string[]>> = {
	hugo: ['aliases', 'audio', 'author', 'authors', 'build', '_build', 'cascade', 'categories', 'date', 'description', 'draft', 'expiryDate', 'headless', 'images', 'isCJKLanguage', 'keywords', 'lastmod', 'layout', 'linkTitle', 'markup', 'menu', 'menus', 'modified', 'outputs', 'params', 'pubdate', 'publishDate', 'published', 'resources', 'series', 'sitemap', 'slug', 'summary', 'tags', 'title', 'toc', 'translationKey', 'type', 'url', 'videos', 'weight', 'bookHidden', 'bookToc', 'bookCollapseSection', 'bookFlatSection'],
	docusaurus: ['id', 'title', 'pagination_label', 'sidebar_label', 'sidebar_position', 'sidebar_class_name', 'sidebar_key', 'sidebar_custom_props', 'displayed_sidebar', 'hide_title', 'hide_table_of_contents', 'toc_min_heading_level', 'toc_max_heading_level', 'pagination_next', 'pagination_prev', 'parse_number_prefixes', 'custom_edit_url', 'keywords', 'description', 'image', 'slug', 'tags', 'draft', 'unlisted', 'last_update'],
	mkdocs: ['title', 'description', 'template', 'hide', 'search', 'tags', 'icon', 'subtitle', 'social'],
};

/** Keys only Waymark defines: a tree that sets one on any page writes Waymark's front matter. */
const waymarkOnlyKeys = ['probes', 'alerts', 'upstream', 'downstream', 'lastUpdated'];

/** Waymark keys whose meaning every tool shares: read wherever they are, whoever owns them. */
const sharedMeaning = new Set(['title', 'description', 'tags']);

/**
 * The front matter keys of a tree that belong to its tool, not to Waymark. On a Hugo, Docusaurus
 * or MkDocs tree `status` is one of them unless the tree uses Waymark's meaning of it (the
 * runbook's lifecycle): some page has Waymark's header block (`> **Status:** …`) or sets a key
 * only Waymark defines (`probes`, `alerts`, `upstream`, `downstream`, `lastUpdated`). A site's own
 * `status: "Production"` is then a field of the site, not an invalid Waymark status. GitHub and
 * GitLab trees have no tool of their own: every key is Waymark's.
 */
export function toolFrontmatterKeys(dialect: Dialect, pages: Iterable<PageModel>): ReadonlySet<string> {
	const keys = new Set(toolKeys[dialect] ?? []);
	if (dialect === 'github' || dialect === 'gitlab') return keys;
	if (!writesWaymarkFields(pages)) keys.add('status');
	return keys;
}

/** Whether some page has Waymark's header block (`> **Status:** …`) or sets a key only Waymark defines. */
function writesWaymarkFields(pages: Iterable<PageModel>): boolean {
	for (const page of pages) {
		if (page.headerBlock?.status !== undefined || page.headerBlock?.statusLabel !== undefined || page.headerBlock?.lastUpdated !== undefined) return true;
		const data = page.frontmatter?.data;
		if (data && waymarkOnlyKeys.some((key) => key in data)) return true;
	}
	return false;
}

/**
 * Whether a GitHub or GitLab tree may use `status` for a field of its own (a design process's
 * `status: accepted`): no page writes Waymark's fields, and no page's `status` is one of Waymark's
 * values. Such a tree has no tool to own the key, so a value Waymark cannot read is a warning there,
 * not an error; a tree that does use Waymark's `status` gets its typos as errors.
 */
export function statusMayBeTheTrees(pages: Iterable<PageModel>): boolean {
	const all = [...pages];
	return !writesWaymarkFields(all) && !all.some((page) => (pageStatuses as readonly unknown[]).includes(page.frontmatter?.data?.['status']));
}

const waymarkKeys = Object.keys(GuidebookFrontmatterSchema.shape);

/** Of `toolKeys`, the Waymark keys Waymark does not read at all (their meaning is the tool's): `status` on a tree that does not use Waymark's. */
export function unreadFrontmatterKeys(toolKeys: ReadonlySet<string> | undefined): string[] {
	return waymarkKeys.filter((key) => toolKeys?.has(key) === true && !sharedMeaning.has(key));
}

/** `data` without `keys`. */
export function withoutKeys(data: Record<string, unknown>, keys: Iterable<string>): Record<string, unknown> {
	const rest = { ...data };
	for (const key of keys) delete rest[key];
	return rest;
}

/** What Waymark reads of a page's front matter, as the site does: bad values dropped, the tool's own keys of Waymark's names left out. */
export function waymarkFrontmatter(frontmatter: Frontmatter | undefined): GuidebookFrontmatter {
	return SiteFrontmatterSchema.parse(withoutKeys(frontmatter?.data ?? {}, unreadFrontmatterKeys(frontmatter?.toolKeys)));
}
