import { parseNumberPrefix, stripNumberPrefixes } from '../../src/lib/number-prefix.ts';
import { dirnameOf, isFolderPage } from '../../src/lib/routes.ts';
import { positionOfKey, type PageModel } from '../parse-page.ts';

/**
 * A doc's route as Docusaurus makes it (docs plugin `docs.ts` and `slug.ts`), relative to the docs
 * folder: the folders without their number prefixes, then the doc's id (front matter `id`, else
 * its file name without number prefix); a category's index (`index`, `README`, a doc named like
 * its folder) is its folder. `slug` replaces that: from the top when it starts with `/`, else
 * from the doc's folder (`../x` climbs). `parse_number_prefixes: false` keeps this doc's prefixes;
 * `numberPrefixes: false` (the config's `numberPrefixParser: false`) keeps everyone's.
 */
export function docusaurusRoute(page: Pick<PageModel, 'path' | 'frontmatter'>, numberPrefixes = true): string {
	const data = page.frontmatter?.data ?? {};
	const strip = numberPrefixes && data['parse_number_prefixes'] !== false;
	const dir = dirnameOf(page.path);
	const dirSlug = dir === '' ? '/' : `/${strip ? stripNumberPrefixes(dir) : dir}/`;
	const slug = typeof data['slug'] === 'string' && data['slug'].trim() !== '' ? data['slug'] : undefined;
	if (slug?.startsWith('/')) return asRoute(slug);
	if (slug === undefined && isFolderPage(page.path, 'docusaurus')) return asRoute(dirSlug);
	const name = (page.path.split('/').pop() ?? '').replace(/\.mdx?$/i, '');
	const id = typeof data['id'] === 'string' && data['id'] !== '' && !data['id'].includes('/') ? data['id'] : strip ? parseNumberPrefix(name).name : name;
	return asRoute(`${dirSlug}${slug ?? id}`);
}

/** A path with `.` and `..` applied (never above the top), as a `/`-wrapped route. */
function asRoute(path: string): string {
	const stack: string[] = [];
	for (const part of path.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') stack.pop();
		else stack.push(part);
	}
	return stack.length === 0 ? '/' : `/${stack.join('/')}/`;
}

/**
 * Gives each page its Docusaurus route (`docusaurusRoute`). A route another page or a generated
 * folder page already has is not taken: the page keeps its path's route, with a warning at its
 * `slug` (or `id`).
 */
export function applyDocusaurusRoutes(pages: Iterable<PageModel>, folderRoutes: ReadonlyMap<string, string>, numberPrefixes: boolean): void {
	const list = [...pages];
	const taken = new Map<string, string>([...list.map((page): [string, string] => [page.route, page.path]), ...[...folderRoutes].map(([folder, route]): [string, string] => [route, `${folder}/`])]);
	for (const page of list) {
		const route = docusaurusRoute(page, numberPrefixes);
		if (route === page.route) continue;
		const holder = taken.get(route);
		if (holder !== undefined && holder !== page.path) {
			const data = page.frontmatter?.data ?? {};
			const key = typeof data['slug'] === 'string' ? 'slug' : typeof data['id'] === 'string' ? 'id' : undefined;
			const position = page.frontmatter && key ? positionOfKey(page.frontmatter, [key]) : { line: 1, column: 1 };
			const written = key ? `\`${key}: ${String(data[key])}\`` : 'file name';
			page.dialectNotes.push({ ...position, severity: 'warning', message: `Unexpected ${written}, expected a route no other page has: \`${route}\` is \`${holder}\`'s; the page stays at \`${page.route}\`` });
			continue;
		}
		if (taken.get(page.route) === page.path) taken.delete(page.route);
		taken.set(route, page.path);
		page.route = route;
	}
}
