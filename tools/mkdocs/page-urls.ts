import { resolveRouteRelativeHref } from '../../markdown/routes.ts';

/**
 * What a relative link of a MkDocs page reaches as a URL. MkDocs serves a page at a folder URL
 * (`use_directory_urls`, its default: `about/ibm.md` at `/about/ibm/`) and rewrites only links to
 * files it finds from the page's file; any other it leaves as written, for the browser to read from
 * the page's address. So `../../images/ibm.png`, written from `/about/ibm/` rather than from
 * `about/ibm.md`, shows the picture on the MkDocs site (MkDocs warns that it found no such file).
 * The tree's asset at that URL's path, or its page at that route; `undefined` when neither is.
 * With `use_directory_urls: false` (`folderUrls`) the page's address is `about/ibm.html`, read from its folder.
 */
export function mkdocsPageUrlTarget(
	fromRoute: string,
	href: string,
	tree: { assets: ReadonlySet<string>; pageAtRoute(route: string): string | undefined },
	folderUrls = true,
): { kind: 'asset' | 'page'; path: string; hash: string } | undefined {
	const url = resolveRouteRelativeHref(folderUrls ? `${fromRoute}index/` : fromRoute, href);
	if (!url) return undefined;
	const page = tree.pageAtRoute(url.route);
	if (page !== undefined) return { kind: 'page', path: page, hash: url.hash };
	const asset = url.route.replace(/^\/|\/$/g, '');
	return tree.assets.has(asset) ? { kind: 'asset', path: asset, hash: url.hash } : undefined;
}
