import { dirnameOf } from '../../markdown/routes.ts';

/** The names Jekyll serves as their folder's page (`index.html` first; GitHub Pages' `jekyll-readme-index` takes a README where there is none). */
const indexNames = /^index\.(?:md|markdown|html?)$/i;
const readmeNames = /^readme\.(?:md|markdown)$/i;

/** The folders (relative to the root, `''` its top) holding an `index` file, whose README is then a page of its own. */
export function foldersWithIndex(files: readonly string[]): string[] {
	return [
		...new Set(files.filter((path) => indexNames.test(path.split('/').pop() ?? '')).map(dirnameOf)),
	];
}

/** Whether `path` is its folder's page on Jekyll: an `index`, or a README where the folder has no `index`. */
export function isJekyllFolderPage(path: string, withIndex: ReadonlySet<string>): boolean {
	const name = path.split('/').pop() ?? '';
	if (indexNames.test(name)) return true;
	return readmeNames.test(name) && !withIndex.has(dirnameOf(path));
}

/** A permalink (`/runbooks/restart/`, `/about.html`, `/`) as a route of the site (`/runbooks/restart/`, `/about/`, `/`); `undefined` for one with placeholders. */
export function permalinkRoute(permalink: string): string | undefined {
	if (permalink.includes(':') || permalink.trim() === '') return undefined;
	const path = permalink
		.trim()
		.replace(/^\/*/, '/')
		.replace(/\/index\.html?$/i, '/')
		.replace(/\.html?$/i, '');
	const segments = path.split('/').filter((part) => part !== '' && part !== '.');
	return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** Where a page stands in the site's collections: a post's date and slug, a collection's document and its `permalink` pattern. */
export interface CollectionPlace {
	collections: readonly string[];
	collectionPermalinks: Readonly<Record<string, string>>;
}

/** A `permalink` pattern filled in (`/:collection/:path/`), or `undefined` when it holds a placeholder Waymark does not know. */
function fillPattern(pattern: string, values: Record<string, string>): string | undefined {
	const filled = pattern.replace(/:(\w+)/g, (written, name: string) => values[name] ?? written);
	return filled.includes(':') ? undefined : filled.replace(/\/{2,}/g, '/').replace(/^\/*/, '/');
}

/** The URL Jekyll gives a page: its permalink, else its path (`.html`, or `/` with `permalink: pretty`), a folder page its folder's; a post's its date's, a collection's document its pattern's. */
export function jekyllUrl(
	path: string,
	permalink: string | undefined,
	folderPage: boolean,
	pretty: boolean,
	place: CollectionPlace = { collections: [], collectionPermalinks: {} },
): string {
	if (permalink !== undefined && !permalink.includes(':') && permalink.trim() !== '')
		return permalink.trim().replace(/^\/*/, '/');
	const [top, ...inner] = path.split('/');
	const ext = pretty ? '/' : '.html';
	const post =
		top === '_posts'
			? /^(\d{4})-(\d{2})-(\d{2})-(.+)\.(?:md|markdown|html?)$/i.exec(inner.at(-1) ?? '')
			: null;
	if (post) {
		const [, year, month, day, title] = post as unknown as [string, string, string, string, string];
		return `/${year}/${month}/${day}/${title}${ext}`;
	}
	if (top !== undefined && inner.length > 0 && place.collections.includes(top)) {
		const within = inner.join('/').replace(/\.(?:md|markdown|html?)$/i, '');
		const name = within.split('/').pop() ?? within;
		const pattern =
			place.collectionPermalinks[top] ?? `/:collection/:path${pretty ? '/' : ':output_ext'}`;
		const filled = fillPattern(pattern, {
			collection: top.slice(1),
			path: within,
			name,
			title: name,
			output_ext: '.html',
		});
		if (filled !== undefined) return filled;
	}
	const dir = dirnameOf(path);
	if (folderPage) return dir === '' ? '/' : `/${dir}/`;
	const name = (path.split('/').pop() ?? '').replace(/\.(?:md|markdown|html?)$/i, '');
	return `/${dir === '' ? '' : `${dir}/`}${name}${pretty ? '/' : '.html'}`;
}

/** Each URL a page answers at on GitHub Pages: as Jekyll writes it, without `.html`, a folder's with and without its `index.html` or slash. */
export function urlVariants(url: string): string[] {
	const variants = [url];
	if (url.endsWith('.html')) variants.push(url.slice(0, -'.html'.length));
	if (url.endsWith('/')) {
		variants.push(`${url}index.html`);
		if (url !== '/') variants.push(url.slice(0, -1));
	}
	return variants;
}

/** `href`'s path resolved against the URL `base` (a page's), `.` and `..` applied: a URL path from the site's top. */
export function resolveUrl(base: string, href: string): string {
	if (href.startsWith('/')) return normalise(href);
	const dir = base.endsWith('/') ? base : base.slice(0, base.lastIndexOf('/') + 1);
	return normalise(dir + href);
}

function normalise(path: string): string {
	const stack: string[] = [];
	const parts = path.split('/');
	parts.forEach((part, i) => {
		if (part === '..') stack.pop();
		else if (part !== '.' && (part !== '' || i === parts.length - 1)) stack.push(part);
	});
	return `/${stack.join('/')}`;
}
