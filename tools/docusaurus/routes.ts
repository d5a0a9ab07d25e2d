import { parseNumberPrefix, stripNumberPrefixes } from './number-prefix.ts';
import { dirnameOf } from '../../markdown/routes.ts';
import { isDocusaurusFolderPage } from './pages.ts';
import type { ToolPage } from '../tool.ts';

/**
 * A doc's route as Docusaurus makes it (docs plugin `docs.ts` and `slug.ts`), relative to the docs
 * folder: the folders without their number prefixes, then the doc's id (front matter `id`, else
 * its file name without number prefix); a category's index (`index`, `README`, a doc named like
 * its folder) is its folder. `slug` replaces that: from the top when it starts with `/`, else
 * from the doc's folder (`../x` climbs). `parse_number_prefixes: false` keeps this doc's prefixes;
 * `numberPrefixes: false` (the config's `numberPrefixParser: false`) keeps everyone's.
 */
export function docusaurusRoute(
	page: Pick<ToolPage, 'path' | 'frontmatter'>,
	numberPrefixes = true,
): string {
	const data = page.frontmatter?.data ?? {};
	const strip = numberPrefixes && data['parse_number_prefixes'] !== false;
	const dir = dirnameOf(page.path);
	const dirSlug = dir === '' ? '/' : `/${strip ? stripNumberPrefixes(dir) : dir}/`;
	const slug =
		typeof data['slug'] === 'string' && data['slug'].trim() !== '' ? data['slug'] : undefined;
	if (slug?.startsWith('/')) return asRoute(slug);
	if (slug === undefined && isDocusaurusFolderPage(page.path)) return asRoute(dirSlug);
	const name = (page.path.split('/').pop() ?? '').replace(/\.mdx?$/i, '');
	const id =
		typeof data['id'] === 'string' && data['id'] !== '' && !data['id'].includes('/')
			? data['id']
			: strip
				? parseNumberPrefix(name).name
				: name;
	return asRoute(`${dirSlug}${slug ?? id}`);
}

/** A path with `.` and `..` applied (never above the top), as a `/`-wrapped route. */
export function asRoute(path: string): string {
	const stack: string[] = [];
	for (const part of path.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') stack.pop();
		else stack.push(part);
	}
	return stack.length === 0 ? '/' : `/${stack.join('/')}/`;
}

/**
 * Whether the Docusaurus docs plugin leaves `path` (relative to the docs folder) out of the site:
 * its default `exclude` (docusaurus-plugin-content-docs `options.ts`): a file whose name starts
 * with `_`, anything in a folder whose name does, and `__tests__` folders. Such files are partials
 * that pages import, never pages of their own. A site that sets its own `exclude` is read with the
 * default.
 */
export function excludedByDocusaurus(path: string): boolean {
	const segments = path.split('/');
	const name = segments.at(-1) ?? '';
	if (segments.slice(0, -1).some((folder) => folder.startsWith('_') || folder === '__tests__'))
		return true;
	return name.startsWith('_') && /\.(?:mdx?|[jt]sx?)$/i.test(name);
}
