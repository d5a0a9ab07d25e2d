import { dirnameOf } from '../../markdown/routes.ts';
/** What of the site's data a link is read with. */
interface JekyllLinkData {
	baseurl: string;
	rootInSite: string;
	urls: Record<string, string>;
	htmlHome?: true;
}
import { resolveUrl, urlVariants } from './urls.ts';
import { own as ownEntry } from '../../core/own.ts';

const lookups = new WeakMap<object, Map<string, string>>();

/** Each URL the site answers at → its page, once per tree's data. */
function pagesByUrl(data: Pick<JekyllLinkData, 'urls' | 'rootInSite'>): Map<string, string> {
	const known = lookups.get(data);
	if (known) return known;
	const byUrl = new Map<string, string>();
	for (const [path, url] of Object.entries(data.urls))
		for (const variant of urlVariants(url)) if (!byUrl.has(variant)) byUrl.set(variant, path);
	lookups.set(data, byUrl);
	return byUrl;
}

/** `to` as a path from the page `from`'s folder. */
function relativePath(from: string, to: string): string {
	const fromParts = dirnameOf(from).split('/').filter(Boolean);
	const toParts = to.split('/');
	let common = 0;
	while (
		common < fromParts.length &&
		common < toParts.length - 1 &&
		fromParts[common] === toParts[common]
	)
		common++;
	return [...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('/') || '.';
}

/**
 * A link as the Jekyll site follows it, written as the file it reaches: a Markdown file's link as
 * `jekyll-relative-links` reads it (the file), else a URL relative to the page's own URL (its
 * permalink's, or `/dir/page.html`'s) or from the site's top with `baseurl` taken off, answered by
 * the page at that URL (`.html` or not, a folder's with or without `index.html`) or the file there.
 * A link that reaches nothing so is left as written, for the forge's reading to judge.
 */
export function jekyllHref(
	fromPath: string,
	href: string,
	data: JekyllLinkData,
	tree: { pages: ReadonlySet<string>; assets: ReadonlySet<string> },
): string {
	if (
		href === '' ||
		href.startsWith('#') ||
		href.startsWith('//') ||
		/^[a-z][a-z\d+.-]*:/i.test(href)
	)
		return href;
	const cut = href.search(/[?#]/);
	const path = cut === -1 ? href : href.slice(0, cut);
	const suffix = cut === -1 ? '' : href.slice(cut).replace(/^\?[^#]*/, '');
	if (path === '') return href;
	let decoded: string;
	try {
		decoded = decodeURI(path);
	} catch {
		return href;
	}
	// `jekyll-relative-links`: a link to a Markdown file of the tree is that file.
	if (!decoded.startsWith('/') && /\.(?:md|markdown)$/i.test(decoded)) return href;
	let url = decoded;
	if (
		url.startsWith('/') &&
		data.baseurl !== '' &&
		(url === data.baseurl || url.startsWith(`${data.baseurl}/`))
	)
		url = url.slice(data.baseurl.length) || '/';
	const own = ownEntry(data.urls, fromPath);
	const absolute = url.startsWith('/')
		? resolveUrl('/', url)
		: own === undefined
			? undefined
			: resolveUrl(own, url);
	if (absolute === undefined) return href;
	const page = pagesByUrl(data).get(absolute);
	if (page !== undefined) return `${relativePath(fromPath, page)}${suffix}`;
	// The home page of a site whose home is its `index.html`.
	if (
		page === undefined &&
		data.htmlHome &&
		data.rootInSite === '' &&
		(absolute === '/' || absolute === '/index.html')
	)
		return `${relativePath(fromPath, 'index.html')}${suffix}`;
	// A file Jekyll copies: its path in the site's source, from the root.
	const inSite = absolute.slice(1);
	const file =
		data.rootInSite === ''
			? inSite
			: inSite.startsWith(`${data.rootInSite}/`)
				? inSite.slice(data.rootInSite.length + 1)
				: undefined;
	if (file !== undefined && file !== '' && (tree.assets.has(file) || tree.pages.has(file)))
		return `${relativePath(fromPath, file)}${suffix}`;
	// A page Jekyll makes of an HTML file (the home page's `index.html`): that file.
	const html =
		file === undefined
			? undefined
			: [file === '' || file.endsWith('/') ? `${file}index.html` : `${file}.html`].find(
					(candidate) => tree.assets.has(candidate),
				);
	if (html !== undefined) return `${relativePath(fromPath, html)}${suffix}`;
	// From the site's top, `baseurl` taken off: the root-absolute link the site reads.
	return url !== decoded ? `${url}${suffix}` : href;
}
