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
	why: 'the page of a headless bundle (`headless: true`), which Hugo does not publish',
	fix: 'link to a page the site publishes, or remove `headless: true`',
};

/** The pages under a leaf bundle's folder other than its `index.md`, grouped by bundle; the root's own folder is no bundle (the site's home is a section). */
export function leafBundleResources(
	pages: readonly string[],
): Array<{ paths: string[]; why: LeftOut }> {
	const bundles = new Set(
		pages
			.filter((path) => path.endsWith('/index.md'))
			.map((path) => path.slice(0, -'index.md'.length)),
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

/** The bundles' pages that say `headless: true` (Hugo reads it with `cast.ToBool`). */
export function headlessBundles(pages: Iterable<ToolPage>): { paths: string[]; why: LeftOut } {
	const paths: string[] = [];
	for (const page of pages) {
		const value = page.frontmatter?.data?.['headless'];
		if (!/(?:^|\/)index\.md$/.test(page.path)) continue;
		if (value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true'))
			paths.push(page.path);
	}
	return { paths, why: headless };
}
