import type { Dialect } from '../../src/lib/dialect.ts';
import { nameAsWords } from '../../src/lib/page-title.ts';
import { dirnameOf, isFolderPage, resolveRelativeHref, routeForPath } from '../../src/lib/routes.ts';
import type { PageModel, PageNav } from '../parse-page.ts';
import type { Category } from './docusaurus-categories.ts';
import type { MkdocsSite } from './mkdocs-config.ts';

/** A folder without a folder page that the site gives one, listing what it holds. */
export interface GeneratedFolder {
	path: string;
	route: string;
	title: string;
	description?: string;
	order?: number;
	/** Files of the folder itself that are not pages (relative to the root), for the listing. */
	files: string[];
}

export interface NavigationInput {
	dialect: Dialect;
	mkdocs?: MkdocsSite;
	categories: ReadonlyMap<string, Category>;
}

/** Order, label and visibility of `page` in navigation. */
export function pageNav(page: PageModel, input: NavigationInput): PageNav | undefined {
	const data = page.frontmatter?.data ?? {};
	const nav: PageNav = {};
	switch (input.dialect) {
		case 'hugo':
			if (typeof data['weight'] === 'number' && data['weight'] !== 0) nav.order = data['weight'];
			if (typeof data['linkTitle'] === 'string') nav.label = data['linkTitle'];
			if (data['bookHidden'] === true) nav.hidden = true;
			break;
		case 'docusaurus': {
			if (typeof data['sidebar_position'] === 'number') nav.order = data['sidebar_position'];
			if (typeof data['sidebar_label'] === 'string') nav.label = data['sidebar_label'];
			const category = isFolderPage(page.path, input.dialect) ? input.categories.get(dirnameOf(page.path)) : undefined;
			if (category?.position !== undefined) nav.order = category.position;
			if (category?.label) nav.label = category.label;
			break;
		}
		case 'mkdocs': {
			const nav_ = input.mkdocs?.nav;
			if (!nav_) break;
			const at = nav_.findIndex((entry) => entry.path === page.path);
			if (at === -1) nav.hidden = true;
			else {
				nav.order = at;
				const title = nav_[at]?.title;
				if (title) nav.label = title;
			}
			break;
		}
	}
	return Object.keys(nav).length > 0 ? nav : undefined;
}

/**
 * Folders that get a generated page. Where the forge lists a folder (GitHub, GitLab) and on Hugo
 * (section list pages), every folder a page links to; on Docusaurus every category, titled with
 * its label. MkDocs has no folder pages of its own.
 */
export function generatedFolders(pages: Iterable<PageModel>, files: { pages: readonly string[]; assets: readonly string[]; folders: readonly string[] }, input: NavigationInput): Map<string, GeneratedFolder> {
	const withPage = new Set(files.pages.filter((path) => isFolderPage(path, input.dialect)).map(dirnameOf));
	const folders = new Set(files.folders);
	const wanted = new Set<string>();
	if (input.dialect === 'docusaurus') {
		for (const path of files.pages) for (let dir = dirnameOf(path); dir !== ''; dir = dirnameOf(dir)) wanted.add(dir);
	} else if (input.dialect !== 'mkdocs') {
		for (const page of pages) {
			for (const link of page.links) {
				if (link.kind === 'image') continue;
				const resolved = resolveRelativeHref(page.path, link.url);
				if (resolved && !resolved.escapesRoot && folders.has(resolved.path)) wanted.add(resolved.path);
			}
		}
	}
	const generated = new Map<string, GeneratedFolder>();
	for (const folder of [...wanted].sort()) {
		if (folder === '' || withPage.has(folder)) continue;
		const category = input.categories.get(folder);
		generated.set(folder, {
			path: folder,
			route: routeForPath(`${folder}/index.md`),
			title: category?.label ?? nameAsWords(folder.split('/').pop() ?? folder),
			...(category?.description && { description: category.description }),
			...(category?.position !== undefined && { order: category.position }),
			files: files.assets.filter((asset) => dirnameOf(asset) === folder && !/(?:^|\/)_category_\.(?:json|ya?ml)$/.test(asset)),
		});
	}
	return generated;
}
