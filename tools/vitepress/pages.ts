import { isFolderPage, routeForPath } from '../../markdown/routes.ts';

/** Where the root stands in VitePress' `srcDir`, and what its config moves. */
export interface VitepressPlace {
	/** The root's path in `srcDir` (`''`, or `guide/` when the root is a folder of it). */
	rootInSrc: string;
	/** The path of `srcDir` from the root (`''`, or `src/` when the root is the folder holding `.vitepress/`). */
	srcInRoot: string;
	/** `rewrites` written as literals. */
	rewrites: Array<[string, string]>;
	/** `base`, with slashes at both ends. */
	base: string;
}

const indexOnly: ReadonlySet<string> = new Set(['index']);

/** Only `index.md` is its folder's page on a VitePress site (`README.md` is a page `/README`). */
export const isVitepressFolderPage = (path: string): boolean => isFolderPage(path, indexOnly);

/** The route its path gives a page: `guide/index.md` → `/guide/`, `README.md` → `/README/`. */
export const vitepressRouteForPath = (path: string): string =>
	routeForPath(path, isVitepressFolderPage(path));

/** A page's path in `srcDir`, from its path in the root; `undefined` outside `srcDir`. */
export function srcPathOf(path: string, place: VitepressPlace): string | undefined {
	if (!path.startsWith(place.srcInRoot)) return undefined;
	return place.rootInSrc + path.slice(place.srcInRoot.length);
}

/** A `rewrites` pattern as a regular expression: `:name` a segment, `:name*` and `(.*)` any path; with the names in order. */
function patternOf(from: string): { regex: RegExp; names: string[] } {
	const names: string[] = [];
	let positional = 0;
	let source = '';
	let afterParameter = false;
	for (const part of from.split(/(:[A-Za-z_]\w*\*?|\(\.\*\))/)) {
		const parameter = part.startsWith(':') || part === '(.*)';
		// Two parameters with nothing between them (`:a:b`) give a pattern a backtracking engine tries
		// every split of (seconds a path for four): such a rewrite, which VitePress cannot tell apart
		// either, matches nothing. The config is the tree's, a branch under review's included.
		if (parameter && afterParameter) return { regex: /(?!)/, names: [] };
		if (part !== '') afterParameter = parameter;
		if (part.startsWith(':')) {
			names.push(part.replace(/\*$/, '').slice(1));
			source += part.endsWith('*') ? '(.*)' : '([^/]+)';
		} else if (part === '(.*)') {
			names.push(String(positional++));
			source += '(.*)';
		} else source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	}
	return { regex: new RegExp(`^${source}$`), names };
}

/** A page's path as VitePress publishes it (`rewrites` applied), in `srcDir`. */
export function publishedPath(srcPath: string, rewrites: ReadonlyArray<[string, string]>): string {
	for (const [from, to] of rewrites) {
		if (!/[:(]/.test(from)) {
			if (from === srcPath) return to;
			continue;
		}
		const { regex, names } = patternOf(from);
		const match = regex.exec(srcPath);
		if (!match) continue;
		let index = 0;
		return to.replace(/:([A-Za-z_]\w*)\*?|\(\.\*\)/g, (_, name: string | undefined) => {
			const at = name === undefined ? names.indexOf(String(index++)) : names.indexOf(name);
			return match[at + 1] ?? '';
		});
	}
	return srcPath;
}
