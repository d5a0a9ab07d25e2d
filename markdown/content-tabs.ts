import type { Heading, Nodes, Parents, Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';

/** One tab of a set: its directive (`:::tab[Title]`, which tools write for theirs: `tools/mkdocs/tabs.ts`, `tools/docusaurus/tabs.ts`), its title and id. */
interface ContentTab {
	node: ContainerDirective;
	title: string;
	id: string;
	selected: boolean;
}

/** Tabs that follow one another in `parent`, shown as one set; `name` groups its radio buttons. */
export interface ContentTabSet {
	name: string;
	parent: Parents;
	tabs: ContentTab[];
}

/** How tab ids are made (MkDocs' `pymdownx.tabbed` settings; other tools' tabs get its defaults). */
export interface TabbedSettings {
	slugify?: { case: 'none' | 'lower' | 'lower-ascii' | 'fold' };
	combineHeaderSlug: boolean;
	separator: string;
}

/**
 * The page's sets of content tabs with `pymdownx.tabbed`'s ids, so links to them resolve as on
 * the MkDocs site: `__tabbed_<set>_<tab>`, sets counted in document order (an outer set before
 * the sets inside its first tab); with `slugify`, each tab's title as a slug, unique among the
 * page's ids (`taken`: the heading ids), prefixed with the heading above it under
 * `combine_header_slug`. A set's first tab is selected unless a `+` tab (`{select}`) says otherwise.
 */
export function contentTabSets(
	tree: Root,
	settings: TabbedSettings | undefined,
	headingId: (heading: Heading) => string | undefined,
	taken: Set<string>,
): ContentTabSet[] {
	const sets: ContentTabSet[] = [];
	const setOf = new Map<ContainerDirective, ContentTabSet>();
	const visit = (node: Nodes, ancestors: Parents[]) => {
		const parent = ancestors.at(-1);
		if (node.type === 'containerDirective' && isTab(node) && parent) {
			const siblings = parent.children as Nodes[];
			const previous = siblings[siblings.indexOf(node) - 1];
			let set =
				previous?.type === 'containerDirective' && isTab(previous) && !flagged(node, 'new')
					? setOf.get(previous)
					: undefined;
			if (!set) sets.push((set = { name: `__tabbed_${sets.length + 1}`, parent, tabs: [] }));
			setOf.set(node, set);
			const label =
				node.children[0]?.type === 'paragraph' && node.children[0].data?.directiveLabel
					? node.children[0]
					: undefined;
			const title = label ? toString(label) : '';
			const selected = flagged(node, 'select');
			if (selected) for (const tab of set.tabs) tab.selected = false;
			set.tabs.push({
				node,
				title,
				id: tabId(set, title, settings, () => parentHeadingSlug(node, ancestors, headingId), taken),
				selected: selected || set.tabs.length === 0,
			});
		}
		if ('children' in node) for (const child of node.children) visit(child, [...ancestors, node]);
	};
	visit(tree, []);
	return sets;
}

/**
 * A tab: `:::tab[Title]{select new}` (MkDocs), or with its flags in its name, `tab-new-select`
 * (Docusaurus, whose `.mdx` pages read braces as an expression).
 */
const tabName = /^tab(-new)?(-select)?$/;

function isTab(node: ContainerDirective): boolean {
	return tabName.test(node.name);
}

function flagged(node: ContainerDirective, flag: 'new' | 'select'): boolean {
	return node.attributes?.[flag] !== undefined || node.name.includes(`-${flag}`);
}

function tabId(
	set: ContentTabSet,
	title: string,
	settings: TabbedSettings | undefined,
	parentSlug: () => string,
	taken: Set<string>,
): string {
	if (!settings?.slugify) {
		const id = `${set.name}_${set.tabs.length + 1}`;
		taken.add(id);
		return id;
	}
	let slug = pymdownxSlug(title, settings.separator, settings.slugify.case);
	const prefix = settings.combineHeaderSlug ? parentSlug() : '';
	if (prefix) slug = `${prefix}${settings.separator}${slug}`;
	// Python-Markdown's `unique()`: `id`, `id_1`, `id_2`, …
	while (taken.has(slug) || slug === '') {
		const numbered = /^(.*)_([0-9]+)$/.exec(slug);
		slug = numbered ? `${numbered[1]}_${Number(numbered[2]) + 1}` : `${slug}_1`;
	}
	taken.add(slug);
	return slug;
}

/** `pymdownx.slugs.slugify`: NFC, tags and characters other than word characters, `-` and spaces dropped, each space the separator. */
function pymdownxSlug(
	text: string,
	separator: string,
	letterCase: 'none' | 'lower' | 'lower-ascii' | 'fold',
): string {
	let slug = text
		.normalize('NFC')
		.replace(/<\/?[^>]*>/g, '')
		.trim();
	if (letterCase === 'lower' || letterCase === 'fold') slug = slug.toLowerCase();
	else if (letterCase === 'lower-ascii')
		slug = slug.replace(/[A-Z]/g, (char) => char.toLowerCase());
	return slug.replace(/[^\p{L}\p{N}\p{M}\p{Pc}\- ]/gu, '').replaceAll(' ', separator);
}

/** The id of the last heading before the tab set, at its own level or the nearest level above that has one (pymdownx `combine_header_slug`). */
function parentHeadingSlug(
	node: Nodes,
	ancestors: Parents[],
	headingId: (heading: Heading) => string | undefined,
): string {
	let child: Nodes = node;
	for (let level = ancestors.length - 1; level >= 0; level--) {
		const parent = ancestors[level] as Parents;
		let heading: Heading | undefined;
		for (const sibling of parent.children) {
			if (sibling === child) break;
			if (sibling.type === 'heading') heading = sibling;
		}
		const id = heading && headingId(heading);
		if (id) return id;
		child = parent;
	}
	return '';
}
