import { realpath, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { HugoLinks } from './links.ts';
import { hugoPathInRoot } from './content-paths.ts';
import type { HugoSite } from './site.ts';
import { isInside } from '../../core/path-inside.ts';
import { mountFilter } from './mount-files.ts';

/** How the Hugo site's links reach pages from `root`: its style, the root's URL, and its mounts onto `content` (a URL outside the root is read back through them). */
export function hugoLinksOf(hugo: HugoSite, root: string): HugoLinks {
	const inContent = pathInContent(hugo, root);
	const rootUrl = inContent === undefined ? undefined : inContent === '' ? '/' : `/${inContent}/`;
	const mounts = hugo.contentMounts.map(({ source, target }) => ({
		url: target,
		folder: slashed(relative(root, source)),
	}));
	return { style: hugo.links, ...(rootUrl && { rootUrl }), ...(mounts.length > 0 && { mounts }) };
}

/**
 * The pages of the Hugo site's content outside the root, by their path in the content
 * (`cli/v2.3/_index.md` beside a root at `/v2.3/`), for the `ref`s that reach them: each content
 * folder (the mounts onto `content`, else `contentDir`) that lies inside `boundary` (the
 * repository, which the tool's files are read from: a mount may take `../shared`), walked
 * as the tree is (`walk-files.ts`: no symbolic link followed out of it), its mount's file filter
 * applied. Names only: no page outside the root is read.
 */
export async function contentPagesBeyondRoot(
	hugo: HugoSite,
	rootUrl: string,
	boundary: string,
	listPages: (dir: string) => Promise<string[]>,
): Promise<string[]> {
	const realBoundary = await realpath(boundary).catch(() => undefined);
	const folders =
		hugo.contentMounts.length > 0 ? hugo.contentMounts : [{ source: hugo.contentDir, target: '' }];
	const found = new Set<string>();
	for (const folder of folders) {
		const real = await realpath(folder.source).catch(() => undefined);
		// A mount may bring a single file (jaeger mounts a picture onto `content`): only folders hold pages.
		if (
			real === undefined ||
			realBoundary === undefined ||
			!isInside(real, realBoundary) ||
			!(await stat(real).catch(() => undefined))?.isDirectory()
		)
			continue;
		const taken = 'files' in folder && folder.files ? mountFilter(folder.files) : () => true;
		for (const page of await listPages(real)) {
			const path = folder.target === '' ? page : `${folder.target}/${page}`;
			if (taken(page) && hugoPathInRoot(path, rootUrl) === undefined) found.add(path);
		}
	}
	return [...found].sort();
}

/**
 * Whether a file of the root (its path from the root) is in the Hugo site's content, when a
 * content mount holding the root filters its files (`files`, `includeFiles`, `excludeFiles`):
 * Hugo neither builds nor publishes one no mount holding it takes. `undefined` when every file is.
 */
export function mountedInContent(
	hugo: Pick<HugoSite, 'contentMounts'>,
	root: string,
): ((path: string) => boolean) | undefined {
	const holding = hugo.contentMounts.filter((mount) => isInside(root, mount.source));
	if (!holding.some((mount) => mount.files)) return undefined;
	const tests = holding.map((mount) => {
		const accepts = mount.files ? mountFilter(mount.files) : () => true;
		const prefix = slashed(relative(mount.source, root));
		return (path: string) => accepts(prefix === '' ? path : `${prefix}/${path}`);
	});
	return (path) => tests.some((test) => test(path));
}

/**
 * Where `root` sits in a Hugo site's content, which is its URL there: Hugo publishes
 * `content/docs/main/x.md` at `/docs/main/x/` (gohugo.io "URL management": the path under
 * `content/`), and a folder `module.mounts` puts into the content at its target (Jaeger mounts
 * `content/docs/v2` at `content/docs`: `/docs/2.20/`, not `/docs/v2/2.20/`). The mount of the
 * longest source holding the root wins; `undefined` when the root is outside the content.
 */
export function pathInContent(
	hugo: Pick<HugoSite, 'contentDir' | 'contentMounts'>,
	root: string,
): string | undefined {
	const mounts = hugo.contentMounts
		.filter((mount) => isInside(root, mount.source))
		.sort((a, b) => b.source.length - a.source.length);
	const mount = mounts[0];
	if (!mount && !isInside(root, hugo.contentDir)) return undefined;
	return mount
		? [mount.target, slashed(relative(mount.source, root))].filter((part) => part !== '').join('/')
		: slashed(relative(hugo.contentDir, root));
}

const slashed = (path: string): string => path.split(sep).join('/');
