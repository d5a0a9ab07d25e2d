import { posix } from 'node:path';

/**
 * A site URL as the offline copy needs it: relative to the file that holds it, and naming a file,
 * since `file://` resolves no folder to its `index.html`. `files` holds every path of the copy
 * (`ops/db/index.html`, decoded); `base` is the site's base path (`/` or `/docs/`). URLs that leave
 * the site (`https:`, `mailto:`, `//host`), fragments and URLs outside `base` stay as written.
 */
export function offlineUrl(
	url: string,
	fromFile: string,
	files: ReadonlySet<string>,
	base: string,
): string {
	if (!url.startsWith(base) || url.startsWith('//')) return url;
	const [, path = '', rest = ''] = /^([^?#]*)([?#].*)?$/.exec(url) ?? [];
	const inside = path.slice(base.length);
	const target = fileOf(decodeSafely(inside), files);
	const encoded = target === decodeSafely(inside) ? inside : encodeURI(target);
	const relative =
		posix.relative(posix.dirname(`/${fromFile}`), `/${encoded}`) || posix.basename(encoded);
	// A query means nothing on disk; a fragment still finds its heading.
	return relative + (rest.startsWith('#') ? rest : rest.replace(/^\?[^#]*/, ''));
}

/** The file a site path names: itself, or its folder's `index.html`. */
function fileOf(path: string, files: ReadonlySet<string>): string {
	if (path === '' || path.endsWith('/')) return `${path}index.html`;
	if (files.has(path)) return path;
	if (files.has(`${path}/index.html`)) return `${path}/index.html`;
	return path;
}

function decodeSafely(path: string): string {
	try {
		return decodeURI(path);
	} catch {
		return path;
	}
}

/** Every `href`, `src` and `srcset` URL of a page rewritten with `rewrite`. */
export function rewriteHtmlUrls(html: string, rewrite: (url: string) => string): string {
	return html
		.replace(
			/(\s(?:href|src|action|poster)=)(["'])([^"']*)\2/gi,
			(_, attribute: string, quote: string, url: string) =>
				`${attribute}${quote}${rewrite(url)}${quote}`,
		)
		.replace(
			/(\ssrcset=)(["'])([^"']*)\2/gi,
			(_, attribute: string, quote: string, list: string) =>
				`${attribute}${quote}${list
					.split(',')
					.map((entry) =>
						entry.replace(/^(\s*)(\S+)/, (__, space: string, url: string) => space + rewrite(url)),
					)
					.join(',')}${quote}`,
		);
}

/** Every `url(…)` of a stylesheet rewritten with `rewrite`. */
export function rewriteCssUrls(css: string, rewrite: (url: string) => string): string {
	return css.replace(
		/url\(\s*(["']?)([^"')]*)\1\s*\)/g,
		(_, quote: string, url: string) => `url(${quote}${rewrite(url)}${quote})`,
	);
}
