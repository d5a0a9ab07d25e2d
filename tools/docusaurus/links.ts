/**
 * Links as Docusaurus resolves them: a link to a Markdown file by the rules of its docs plugin
 * (`resolveMarkdownLinkPathname` in @docusaurus/utils `markdownLinks.ts`), a root-absolute URL by
 * the docs' `routeBasePath`. Pure and isomorphic like `routes.ts`: the checks and the site's link
 * rewriting share it.
 */
import { parseNumberPrefix } from './number-prefix.ts';
import { dirnameOf, isPageFile, joinPath, safeDecode } from '../../markdown/routes.ts';

/** Where the guidebook root sits in its Docusaurus site. */
export interface DocusaurusLinks {
	/** The root's path in the site folder (`docs`; `''` when the root is the site folder). */
	rootInSite: string;
	/** The docs folder (the plugin's `path`) in the site folder. @default 'docs' */
	docsInSite: string;
	/** The docs plugin's `routeBasePath` without slashes (`docs`; `''` for a docs-only site). */
	routeBasePath: string;
	/** A versioned site (`versions.json` beside the config) serves the docs folder, its current version, under `next/`. */
	currentVersionPath?: string;
}

function split(href: string): { path: string; hash: string } {
	const hashAt = href.indexOf('#');
	return {
		path: (hashAt === -1 ? href : href.slice(0, hashAt)).replace(/\?.*$/, ''),
		hash: safeDecode(hashAt === -1 ? '' : href.slice(hashAt + 1)),
	};
}

/**
 * The pages (relative to the root) a link to a Markdown file may mean, in the order Docusaurus
 * tries them: `./x.md` and `../x.md` from the page's folder only; `/x.md` from the docs folder,
 * then the site folder (`/docs/ops/x.md`); any other (`x.md`, `ops/x.md`) from the docs folder,
 * the site folder, then the page's folder. `undefined` for a link that is not to a Markdown file.
 */
export function docusaurusPageCandidates(
	fromPath: string,
	href: string,
	site: DocusaurusLinks,
): { paths: string[]; hash: string } | undefined {
	if (/^[a-z][a-z\d+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
	const { path, hash } = split(href);
	if (!isPageFile(path)) return undefined;
	const written = safeDecode(path);
	const bases: string[] = [];
	if (!written.startsWith('./') && !written.startsWith('../')) bases.push(site.docsInSite, '');
	if (!written.startsWith('/'))
		bases.push([site.rootInSite, dirnameOf(fromPath)].filter(Boolean).join('/'));
	const prefix = site.rootInSite === '' ? '' : `${site.rootInSite}/`;
	const paths: string[] = [];
	for (const base of bases) {
		const inSite = joinPath(base, written);
		if (inSite === undefined || !inSite.startsWith(prefix)) continue;
		const inRoot = inSite.slice(prefix.length);
		if (!paths.includes(inRoot)) paths.push(inRoot);
	}
	return { paths, hash };
}

/**
 * The route of the root a root-absolute URL names: with `routeBasePath: docs` and the root being
 * the docs folder, `/docs/ops/restart#ready` is `/ops/restart/`. `undefined` for URLs outside the
 * docs, and for Markdown files (`docusaurusPageCandidates`).
 */
export function docusaurusRouteOf(
	href: string,
	site: DocusaurusLinks,
): { route: string; hash: string } | undefined {
	if (!href.startsWith('/') || href.startsWith('//')) return undefined;
	const { path, hash } = split(href);
	if (isPageFile(path)) return undefined;
	const base = site.routeBasePath === '' ? [] : site.routeBasePath.split('/');
	// The root is the docs folder or a folder inside it.
	const docs = site.docsInSite === '' ? [] : site.docsInSite.split('/');
	const rootSegments = site.rootInSite === '' ? [] : site.rootInSite.split('/');
	if (!docs.every((segment, i) => rootSegments[i] === segment)) return undefined;
	const below = rootSegments.slice(docs.length);
	const segments = safeDecode(path).split('/').filter(Boolean);
	// A folder between the docs and the root is in URLs without its number prefix.
	const version =
		site.currentVersionPath !== undefined && segments[base.length] === site.currentVersionPath
			? [site.currentVersionPath]
			: [];
	const prefix = [...base, ...version, ...below.map((segment) => parseNumberPrefix(segment).name)];
	if (!prefix.every((segment, i) => segments[i] === segment)) return undefined;
	const rest = segments.slice(prefix.length);
	return { route: rest.length === 0 ? '/' : `/${rest.join('/')}/`, hash };
}
