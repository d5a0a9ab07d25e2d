import type { Tool } from '../tools/tool.ts';
import {
	GuidebookFrontmatterSchema,
	pageStatuses,
	SiteFrontmatterSchema,
	type GuidebookFrontmatter,
} from '../markdown/frontmatter.ts';
import type { Frontmatter, PageModel } from './parse-page.ts';

/** Keys only Waymark defines: a tree that sets one on any page writes Waymark's front matter. */
const waymarkOnlyKeys = ['probes', 'alerts', 'upstream', 'downstream', 'lastUpdated'];

/** Waymark keys whose meaning every tool shares: read wherever they are, whoever owns them. */
const sharedMeaning = new Set(['title', 'description', 'tags']);

/**
 * The front matter keys of a tree that belong to its tool, not to Waymark: those the tool defines
 * for itself (`Tool.frontmatterKeys`, from its documentation: Hugo's fields and the taxonomies and
 * theme keys sites commonly set, Docusaurus's docs front matter, Material for MkDocs'), never
 * judged as Waymark's fields (no invalid value, no "did you mean"); where one has Waymark's name
 * and meaning (`title`, `description`, `tags`), the site still shows a value it can use. On a site
 * generator's tree `status` is one of them unless the tree uses Waymark's meaning of it (the
 * runbook's lifecycle): some page has Waymark's header block (`> **Status:** …`) or sets a key
 * only Waymark defines (`probes`, `alerts`, `upstream`, `downstream`, `lastUpdated`). A site's own
 * `status: "Production"` is then a field of the site, not an invalid Waymark status. A forge's
 * tree has no tool of its own: every key is Waymark's.
 */
export function toolFrontmatterKeys(
	tool: Pick<Tool, 'forge' | 'frontmatterKeys'>,
	pages: Iterable<PageModel>,
): ReadonlySet<string> {
	const keys = new Set(tool.frontmatterKeys ?? []);
	if (tool.forge) return keys;
	if (!writesWaymarkFields(pages)) keys.add('status');
	return keys;
}

/** Whether some page has Waymark's header block (`> **Status:** …`) or sets a key only Waymark defines. */
function writesWaymarkFields(pages: Iterable<PageModel>): boolean {
	for (const page of pages) {
		if (
			page.headerBlock?.status !== undefined ||
			page.headerBlock?.statusLabel !== undefined ||
			page.headerBlock?.lastUpdated !== undefined
		)
			return true;
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
	return (
		!writesWaymarkFields(all) &&
		!all.some((page) =>
			(pageStatuses as readonly unknown[]).includes(page.frontmatter?.data?.['status']),
		)
	);
}

const waymarkKeys = Object.keys(GuidebookFrontmatterSchema.shape);

/** Of `toolKeys`, the Waymark keys Waymark does not read at all (their meaning is the tool's): `status` on a tree that does not use Waymark's. */
export function unreadFrontmatterKeys(toolKeys: ReadonlySet<string> | undefined): string[] {
	return waymarkKeys.filter((key) => toolKeys?.has(key) === true && !sharedMeaning.has(key));
}

/** `data` without `keys`. */
export function withoutKeys(
	data: Record<string, unknown>,
	keys: Iterable<string>,
): Record<string, unknown> {
	const rest = { ...data };
	for (const key of keys) delete rest[key];
	return rest;
}

/** What Waymark reads of a page's front matter, as the site does: bad values dropped, the tool's own keys of Waymark's names left out. */
export function waymarkFrontmatter(frontmatter: Frontmatter | undefined): GuidebookFrontmatter {
	return SiteFrontmatterSchema.parse(
		withoutKeys(frontmatter?.data ?? {}, unreadFrontmatterKeys(frontmatter?.toolKeys)),
	);
}
