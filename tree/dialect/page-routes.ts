import { positionOfKey, type PageModel } from '../parse-page.ts';

/**
 * Moves pages to the routes their tool gives them (`routeOf`: Docusaurus's `slug`, `id` and number
 * prefixes, Hugo's `url` and `slug`). A route another page or a generated folder page
 * (`folderRoutes`) already has is not taken: the page keeps its path's route, with a warning at
 * the front matter key that asked for it (`keys`, the first the page sets), else at its first line.
 */
export function applyPageRoutes(pages: Iterable<PageModel>, folderRoutes: ReadonlyMap<string, string>, routeOf: (page: PageModel) => string, keys: readonly string[]): void {
	const list = [...pages];
	const taken = new Map<string, string>([...list.map((page): [string, string] => [page.route, page.path]), ...[...folderRoutes].map(([folder, route]): [string, string] => [route, `${folder}/`])]);
	for (const page of list) {
		const route = routeOf(page);
		if (route === page.route) continue;
		const holder = taken.get(route);
		if (holder !== undefined && holder !== page.path) {
			const data = page.frontmatter?.data ?? {};
			const key = keys.find((name) => typeof data[name] === 'string');
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
