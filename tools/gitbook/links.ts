/** Where the site serves the pictures and files of the space's `.gitbook/assets/` (a dot folder is never a path of the site). */
export const servedAssets = 'gitbook/assets';

/**
 * A link into `.gitbook/assets/` as GitBook resolves it: by the file's name in the space's
 * assets, however many `../` the page wrote (GitBook uploads them by name), served from the
 * site's `gitbook/assets/`. Any other link is left as written.
 */
export function gitbookHref(_fromPath: string, href: string, assets: ReadonlySet<string>): string {
	const at = href.indexOf('.gitbook/assets/');
	if (at === -1 || /^[a-z][a-z\d+.-]*:/i.test(href)) return href;
	const rest = href.slice(at + '.gitbook/assets/'.length);
	const cut = rest.search(/[?#]/);
	const name = cut === -1 ? rest : rest.slice(0, cut);
	let decoded: string;
	try {
		decoded = decodeURIComponent(name);
	} catch {
		decoded = name;
	}
	if (!assets.has(decoded)) return href;
	return `/${servedAssets}/${name}${cut === -1 ? '' : rest.slice(cut)}`;
}
