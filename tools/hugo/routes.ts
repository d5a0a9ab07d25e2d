import { isHugoFolderPage } from './pages.ts';
import type { ToolPage } from '../tool.ts';
import { asRoute } from '../docusaurus/routes.ts';

/**
 * A page's route as Hugo's front matter sets it (gohugo.io "URL management"): `url` is the whole
 * path (`url: /help/` → `/help/`), `slug` replaces the page's own last segment
 * (`docs/setup.md` with `slug: install` → `/docs/install/`). A `url` naming a file
 * (`/feed.xml`) is not a page route and is left alone, as are sections' `slug`s.
 */
export function hugoRoute(page: Pick<ToolPage, 'path' | 'route' | 'frontmatter'>): string {
	const data = page.frontmatter?.data ?? {};
	const url = typeof data['url'] === 'string' ? data['url'].trim() : '';
	if (
		url !== '' &&
		!/^[a-z][a-z\d+.-]*:|^\/\//i.test(url) &&
		!/\.[a-z\d]+$/i.test(url.replace(/[?#].*$/, ''))
	)
		return asRoute(url.replace(/[?#].*$/, ''));
	const slug = typeof data['slug'] === 'string' ? data['slug'].trim() : '';
	if (slug === '' || slug.includes('/') || isHugoFolderPage(page.path)) return page.route;
	const segments = page.route.split('/').filter(Boolean);
	return asRoute(`/${[...segments.slice(0, -1), slug].join('/')}`);
}
