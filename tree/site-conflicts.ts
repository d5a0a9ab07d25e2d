import { isFolderPage, unpublishableCharacter } from '../markdown/routes.ts';
import type { PageModel } from './parse-page.ts';
import type { TreeProblem } from './walk-files.ts';

/** Top-level output folders the site writes itself: Astro's assets, the search index, Waymark's status files and previews. */
const reservedFolders = new Set(['_astro', 'pagefind', '_waymark']);

/** Files the site writes at the top of the output folder, which no folder of the tree can be. */
const siteFiles: Record<string, string> = {
	'404.html': 'the not-found page',
	'favicon.svg': 'the site icon',
};

/** Routes of the site's own pages (`src/pages/`), which no page of the tree can have. */
const siteRoutes: Record<string, string> = {
	'/404/': 'the not-found page',
	'/status/': 'the live status page',
	'/status/reviews/': 'the list of pages due for review',
};

/** What the site leaves out so that every file it writes has one owner, and why (as findings). */
export interface SiteConflicts {
	/** Pages and files of the tree the site does not publish; the checks still read the pages. */
	unpublished: Set<string>;
	problems: TreeProblem[];
}

/**
 * Finds what would collide in the output folder: pages and files under a folder name the site
 * writes itself (`_astro/`, `pagefind/`, `_waymark/`), pages whose route is a file the site writes
 * (`index.html/guide.md` → `/index.html/guide/`), the site's own routes (`404.md`, and Middleman's
 * `404.html.md`), two pages with one route (`a.md` and
 * `a/README.md`: the folder page keeps it), and a file where a page's folder goes (`Alert` beside
 * `Alert.md`). Each is left out of the site and becomes a problem; the rest publishes.
 */
export function findSiteConflicts(
	pages: Iterable<PageModel>,
	assets: readonly string[],
): SiteConflicts {
	const unpublished = new Set<string>();
	const problems: TreeProblem[] = [];
	const leaveOut = (path: string, reason: string, fix: string, severity?: 'warning') => {
		unpublished.add(path);
		problems.push({ path, reason, fix, ...(severity && { severity }) });
	};
	const byRoute = new Map<string, PageModel[]>();
	for (const page of pages) {
		const taken = routeTaken(page.route);
		if (taken) {
			leaveOut(page.path, taken.reason, taken.fix);
			continue;
		}
		const same = byRoute.get(page.route);
		if (same) same.push(page);
		else byRoute.set(page.route, [page]);
	}
	const routeFolders = new Map<string, string>();
	for (const [route, owners] of byRoute) {
		const [kept, ...others] = owners.sort(ownerOrder);
		if (!kept) continue;
		routeFolders.set(route.replace(/^\/|\/$/g, ''), kept.path);
		for (const other of others) {
			leaveOut(
				other.path,
				`second page for the route \`${route}\` (\`${kept.path}\` has it)`,
				`Rename one of the two; the site shows \`${kept.path}\` at \`${route}\` and leaves this page out.`,
			);
		}
	}
	for (const path of assets) {
		const top = path.split('/')[0]?.toLowerCase();
		if (top && reservedFolders.has(top)) {
			leaveOut(
				path,
				`file under \`${path.split('/')[0]}/\`, a folder the site writes its own files into`,
				'Rename the folder; the site leaves the file out until then.',
				'warning',
			);
			continue;
		}
		const file = fileAmong(path.split('/').slice(0, -1));
		if (file) {
			leaveOut(
				path,
				`file in a folder named \`${file.name}\`, where the site writes a file (${file.what})`,
				'Rename the folder; the site leaves the file out until then.',
				'warning',
			);
			continue;
		}
		const page = routeFolders.get(path);
		if (page !== undefined)
			leaveOut(
				path,
				`file where the site writes the page \`${page}\` (its folder \`${path}/\`)`,
				'Give the file an extension or move it; the site leaves it out until then.',
				'warning',
			);
	}
	return { unpublished, problems };
}

/**
 * Why no page of the tree can have `route`, if that is so: it holds a character no site URL can
 * lead to (`\`: `unpublishableCharacter`), it lies in a folder the site writes
 * (`/_astro/…`), it is one of the site's own pages (`/404/`, `/status/`), or its folder would be a
 * file the site writes (`/index.html/`, `/404.html/`). The reason reads after "Unexpected ".
 */
export function routeTaken(route: string): { reason: string; fix: string } | undefined {
	const character = unpublishableCharacter(route);
	if (character)
		return {
			reason: `\`${character}\` in the page's route \`${route}\`, which no URL of the site can lead to`,
			fix:
				character === '\\'
					? 'Rename the file or folder without `\\`, which browsers read as `/`; the site leaves the page out until then.'
					: 'Rename the file or folder without it; the site leaves the page out until then.',
		};
	const segments = route.split('/').filter(Boolean);
	const top = segments[0]?.toLowerCase();
	if (top && reservedFolders.has(top))
		return {
			reason: `page under \`${segments[0]}/\`, a folder the site writes its own files into`,
			fix: `Rename the folder (e.g. \`${top.replace(/^_/, '')}-pages/\`); the site leaves the page out until then.`,
		};
	const own = siteRoutes[route.toLowerCase()];
	if (own)
		return {
			reason: `page whose route \`${route}\` is the site's own (${own})`,
			fix: 'Rename the page or move it into a folder; the site leaves it out until then.',
		};
	const file = fileAmong(segments);
	if (file)
		return {
			reason: `page whose route \`${route}\` would make \`${file.name}\` a folder, where the site writes a file (${file.what})`,
			fix: 'Rename the page or its folder (e.g. drop `.html` from the name); the site leaves it out until then.',
		};
	return undefined;
}

/** A folder name on an output path that is a file the site writes: `index.html` anywhere (a folder's page), `404.html` or `favicon.svg` at the top. */
function fileAmong(folders: string[]): { name: string; what: string } | undefined {
	const index = folders.find((name) => name.toLowerCase() === 'index.html');
	if (index) return { name: index, what: "a folder's page" };
	const top = folders[0];
	const what = top === undefined ? undefined : siteFiles[top.toLowerCase()];
	return top !== undefined && what ? { name: top, what } : undefined;
}

/** The page that keeps a route: a folder page (`README.md` before `index.md`), then the shorter path. */
function ownerOrder(a: PageModel, b: PageModel): number {
	const rank = (page: PageModel) =>
		isFolderPage(page.path) ? (/readme\.[^/]*$/i.test(page.path) ? 0 : 1) : 2;
	return rank(a) - rank(b) || a.path.length - b.path.length || a.path.localeCompare(b.path);
}
