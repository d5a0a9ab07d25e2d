import { normaliseUrlPath } from '../markdown/routes.ts';
import { positionOfKey, type PageModel } from './parse-page.ts';
import { routeTaken } from './site-conflicts.ts';

/**
 * Moves pages to the routes their tool gives them (`routeOf`: Docusaurus's `slug`, `id` and number
 * prefixes, Hugo's `url` and `slug`). A route another page or a generated folder page
 * (`folderRoutes`) already has is not taken: the page keeps its path's route, with a warning at
 * the front matter key that asked for it (`keys`, the first the page sets), else at its first line.
 * The route is read as a URL path (`%2e%2e`, `\\` and `..` resolved): one that climbs above the
 * site or names a route no page can have is not taken either, and is an error there.
 */
export function applyPageRoutes(
	pages: Iterable<PageModel>,
	folderRoutes: ReadonlyMap<string, string>,
	routeOf: (page: PageModel) => string,
	keys: readonly string[],
): void {
	const list = [...pages];
	const taken = new Map<string, string>([
		...list.map((page): [string, string] => [page.route, page.path]),
		...[...folderRoutes].map(([folder, route]): [string, string] => [route, `${folder}/`]),
	]);
	for (const page of list) {
		const asked = routeOf(page);
		if (asked === page.route) continue;
		const data = page.frontmatter?.data ?? {};
		const key = keys.find((name) => typeof data[name] === 'string');
		const position =
			page.frontmatter && key ? positionOfKey(page.frontmatter, [key]) : { line: 1, column: 1 };
		const written = key ? `\`${key}: ${String(data[key])}\`` : 'file name';
		const ignored = (severity: 'error' | 'warning', expected: string) =>
			page.dialectNotes.push({
				...position,
				severity,
				message: `Unexpected ${written}, expected ${expected}; the page stays at \`${page.route}\``,
			});
		const route = normaliseUrlPath(asked);
		if (route === undefined) {
			ignored('error', "a route inside the site: it climbs above the site's top");
			continue;
		}
		if (route === page.route) continue;
		// A route read from a URL that still holds `#`, `?`, `%` or `\` was no URL of a page (an
		// invalid escape, a fragment): a page named so is published, a slug saying so is refused.
		const unusable =
			routeTaken(route) ??
			(/[#?%\\]/.test(route)
				? {
						reason: `\`${/[#?%\\]/.exec(route)?.[0] ?? ''}\` in the page's route \`${route}\`, which no URL of the site can lead to`,
					}
				: undefined);
		if (unusable) {
			ignored('error', `a route the site can give a page, not a ${unusable.reason}`);
			continue;
		}
		const holder = taken.get(route);
		if (holder !== undefined && holder !== page.path) {
			ignored('warning', `a route no other page has: \`${route}\` is \`${holder}\`'s`);
			continue;
		}
		if (taken.get(page.route) === page.path) taken.delete(page.route);
		taken.set(route, page.path);
		page.route = route;
	}
}
