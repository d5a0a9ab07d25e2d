import { isFolderPage, routeForPath, stripExtension } from '../../markdown/routes.ts';
import { parseNumberPrefix } from './number-prefix.ts';

/** A category's index: `README`, `index`, or a doc named like its folder (`guides/Guides.md`), in any case. */
export function isDocusaurusFolderPage(path: string): boolean {
	const segments = stripExtension(path).split('/');
	const name = (segments.pop() ?? '').toLowerCase();
	return (segments.length > 0 && name === segments.at(-1)?.toLowerCase()) || isFolderPage(path);
}

/** The route a doc's path gives it: each segment without its number prefix (`01-intro/02-setup.md` → `/intro/setup/`), as Docusaurus strips them from the URL. */
export function docusaurusRouteForPath(path: string): string {
	return routeForPath(
		path,
		isDocusaurusFolderPage(path),
		(segment) => parseNumberPrefix(segment).name,
	);
}

/** A file or folder name as Docusaurus shows it: without its number prefix (`01-drain` → `drain`). */
export function docusaurusShownName(name: string): string {
	return parseNumberPrefix(name).name || name;
}
