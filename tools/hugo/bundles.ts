/**
 * Hugo's leaf bundles (gohugo.io "Page bundles"): a folder holding `index.md` is one page, and
 * every other file under it, Markdown too, is a resource of that page, never a page of its own. A
 * bundle whose `index.md` says `headless: true` is not published at all: Docsy's way to keep the
 * files its pages `readfile` out of the site. Neither is a page of the Waymark site, as neither is
 * one of the Hugo site's.
 */
import type { LeftOut } from '../left-out.ts';
import type { ToolPage } from '../tool.ts';

const resource = (bundle: string): LeftOut => ({
	why: `a resource of the leaf bundle \`${bundle}\` (its folder holds \`index.md\`), which Hugo does not render as a page`,
	fix: `link to the bundle's own page, \`${bundle}index.md\`, or rename it \`_index.md\` to make the folder a section whose pages are pages`,
});

const headless: LeftOut = {
	why: 'the page of a headless bundle (`headless: true`, or `build` with `render: never`), which Hugo does not publish',
	fix: 'link to a page the site publishes, or publish the bundle',
};

/** The pages under a leaf bundle's folder other than its `index.md`, grouped by bundle; the root's own folder is no bundle (the site's home is a section). */
export function leafBundleResources(
	pages: readonly string[],
): Array<{ paths: string[]; why: LeftOut }> {
	// A folder with `_index.md` is a section whatever else it holds: its `index.md` is one of its pages.
	const sections = new Set(
		pages
			.filter((path) => path === '_index.md' || path.endsWith('/_index.md'))
			.map((path) => path.slice(0, -'_index.md'.length)),
	);
	const bundles = new Set(
		pages
			.filter((path) => path.endsWith('/index.md'))
			.map((path) => path.slice(0, -'index.md'.length))
			.filter((folder) => !sections.has(folder)),
	);
	if (bundles.size === 0) return [];
	const found = new Map<string, string[]>();
	for (const path of pages) {
		const bundle = outermostBundle(path, bundles);
		if (bundle === undefined || path === `${bundle}index.md`) continue;
		const paths = found.get(bundle) ?? [];
		paths.push(path);
		found.set(bundle, paths);
	}
	return [...found].map(([bundle, paths]) => ({ paths, why: resource(bundle) }));
}

/** The outermost folder above `path` that is a bundle: a bundle inside one is its resource too. */
function outermostBundle(path: string, bundles: ReadonlySet<string>): string | undefined {
	for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) {
		const folder = path.slice(0, at + 1);
		if (bundles.has(folder)) return folder;
	}
	return undefined;
}

/**
 * The bundles' pages Hugo does not publish: `headless: true`, or `build` (`_build`) with
 * `render: never` (`false` before Hugo 0.69), the current spelling of the same.
 */
export function headlessBundles(pages: Iterable<ToolPage>): { paths: string[]; why: LeftOut } {
	const paths: string[] = [];
	for (const page of pages) {
		if (!/(?:^|\/)index\.md$/.test(page.path)) continue;
		const data = page.frontmatter?.data ?? {};
		const build = data['build'] ?? data['_build'];
		const render =
			build && typeof build === 'object' ? (build as Record<string, unknown>)['render'] : undefined;
		if (hugoBool(data['headless']) || render === 'never' || render === false || render === 'false')
			paths.push(page.path);
	}
	return { paths, why: headless };
}

/** A front matter value as Hugo reads a boolean (Go's `cast.ToBool`): `true`, `"true"`, `"t"`, `1`, `"1"`. */
export function hugoBool(value: unknown): boolean {
	return (
		value === true ||
		value === 1 ||
		(typeof value === 'string' && ['true', 't', '1'].includes(value.trim().toLowerCase()))
	);
}
