import { join } from 'node:path';
import { lstatQuietly, repositoryFiles } from './repository-files.ts';
import { pathSuggester } from './tree-suggestions.ts';
import { resolveForgeHref, type HrefTarget } from '../../../markdown/forge-links.ts';
import { isUnpublishedPath } from '../../../markdown/unpublished-names.ts';
import {
	dirnameOf,
	generatedRouteOf,
	isPageFile,
	sitePathOfHref,
} from '../../../markdown/routes.ts';
import { treeReading } from '../../../tools/index.ts';
import type { LinkTree } from '../../../markdown/site-tool.ts';
export { relativeHref } from '../../../markdown/routes.ts';
import type { GuidebookTree } from '../../../tree/load-tree.ts';
import type { LinkTarget, TreeIndex } from './tree-index-answers.ts';
import { isActiveDocument } from '../../../tree/walk-files.ts';

const cache = new WeakMap<GuidebookTree, TreeIndex>();

/** Lookup tables over the tree's files, built once per tree and shared by every rule. */
export function indexTree(tree: GuidebookTree): TreeIndex {
	const cached = cache.get(tree);
	if (cached) return cached;
	const pages = new Set(tree.files.pages);
	const assets = new Set(tree.files.assets);
	const folders = new Set(tree.files.folders);
	const byLowerCase = new Map<string, string>();
	for (const path of [...pages, ...assets, ...folders]) byLowerCase.set(path.toLowerCase(), path);
	const folderPages = new Map<string, string>();
	const reading = treeReading(tree);
	const rules = reading.links;
	for (const page of tree.files.pages) {
		if (!reading.isFolderPage(page)) continue;
		const folder = dirnameOf(page);
		const current = folderPages.get(folder);
		// README wins over index, as on a forge.
		if (!current || /readme/i.test(page.split('/').pop() ?? '')) folderPages.set(folder, page);
	}
	const suggest = pathSuggester(pages, assets, folders);
	// A link may name a page the tool left out (`template.html` in an mdBook is `template.md`), so a link to it says why.
	const leftOut = new Set(tree.excludedPages.keys());
	const routeOfPage = (path: string): string =>
		tree.pages.get(path)?.route ?? reading.routeForPath(path);
	// The route the site gives each page: its tool's (Hugo `_index`, a Docusaurus `slug`).
	const pageByRoute = new Map(tree.files.pages.map((page) => [routeOfPage(page), page]));
	// Where the tool's URLs match in any case (Hugo lower-cases every page's URL: a link written in lower case reaches `Rancher-snapshot.md`).
	const pageByUrl = rules.caseInsensitiveUrls
		? new Map([...pageByRoute].map(([route, page]) => [route.toLowerCase(), page]))
		: pageByRoute;
	const linkTree: LinkTree = {
		pages,
		assets,
		routeOf: routeOfPage,
		pageAtRoute: (route) => pageByRoute.get(route) ?? pageByUrl.get(route),
	};
	const exactTree: LinkTree = { ...linkTree, pageAtRoute: (route) => pageByRoute.get(route) };
	const repository = repositoryFiles(tree);
	const activeDocuments = new Set(
		tree.files.problems
			.filter((problem) => isActiveDocument(problem.path))
			.map((problem) => problem.path),
	);
	const notHeld = new Map(
		tree.files.problems
			.filter((problem) => problem.notHeld)
			.map((problem) => [problem.path, problem]),
	);

	function inTree(path: string): LinkTarget | undefined {
		if (pages.has(path)) return { kind: 'page', path };
		if (assets.has(path)) return { kind: 'asset', path };
		if (folders.has(path)) return { kind: 'folder', path, page: folderPages.get(path) };
		return undefined;
	}

	function land(target: HrefTarget): LinkTarget | undefined {
		if (target.where === 'tree') return inTree(target.path);
		if (target.where === 'outside') return undefined;
		const entry = repository.entry(target.path);
		return entry
			? { kind: 'repository', path: target.path, folder: entry === 'folder' }
			: undefined;
	}

	function miss(target: HrefTarget, fromPath: string): LinkTarget {
		if (target.where === 'outside')
			return {
				kind: 'outside',
				path: target.path,
				inRepository: tree.place?.inRepository ?? false,
			};
		if (target.where === 'tree') {
			const left = notHeld.get(target.path);
			if (left) return { kind: 'not-held', path: target.path, reason: left.reason, fix: left.fix };
			const out = tree.excludedPages.get(target.path);
			if (out) return { kind: 'left-out', path: target.path, ...out };
			const actual = byLowerCase.get(target.path.toLowerCase());
			if (actual) return { kind: 'case-mismatch', path: target.path, actual };
			// Inside git such a path is a repository file (`markdown/forge-links.ts`); outside it, there but never published.
			if (
				isUnpublishedPath(target.path) &&
				(unpublishedReads++, lstatQuietly(join(tree.files.root, target.path)))
			)
				return { kind: 'unpublished', path: target.path };
			// Found by the walk and left out on purpose (`readable-files` says so at the file): not a missing file.
			if (activeDocuments.has(target.path)) return { kind: 'active', path: target.path };
		}
		if (target.where === 'repository' && repository.ignored(target.path))
			return { kind: 'ignored', path: target.path };
		return {
			kind: 'missing',
			path: target.path,
			suggestion: suggest(target.path, target.where === 'tree', fromPath),
		};
	}

	let unpublishedReads = 0;
	const index: TreeIndex = {
		folderPage: (folder) => folderPages.get(folder),
		diskReads: () => repository.diskReads() + unpublishedReads,
		resolve(fromPath, written, kind) {
			// The href as the tool's site reads it first: Hugo's `/docs/main/img/a.png` in `content/docs/main/` is the root's own `img/a.png`; mdBook's `writing_a_module.html` is the chapter `writing_a_module.md`.
			const href = rules.written
				? rules.written(fromPath, written, { pages, assets, place: tree.place, leftOut })
				: written;
			// A root-absolute URL the tool's site serves from outside the root (Hugo: `/` or `/blog/` from `content/en/flux`, served at `/flux/`) is another part of the site, never a page of the root.
			const elsewhereOnSite = rules.elsewhereOnSite?.(written, href) === true;
			// A site generator (its static folders known) serves a root-absolute URL from its site: the
			// root and its routes, its static folders; never a path from the repository's top.
			const forged = resolveForgeHref(fromPath, href, tree.place);
			const candidates = tree.staticFiles && isRootAbsolute(href) ? forged.slice(0, 1) : forged;
			const first = candidates[0];
			if (!first) return undefined;
			// The site's own generated routes (`/status/`) exist though no file of the tree backs them.
			if (generatedRouteOf(href))
				return { target: { kind: 'asset', path: first.path }, hash: first.hash };
			// Files the tool writes at its site's top whatever the tree holds (mdBook's `index.html`, the first chapter's copy); the site's home is there too.
			if (
				rules.writes &&
				first.where === 'tree' &&
				rules.writes(first.path) &&
				!pages.has(first.path) &&
				!assets.has(first.path)
			)
				return { target: { kind: 'asset', path: first.path }, hash: first.hash };
			// Where the tool's own rules take the link (Docusaurus: a Markdown file, a URL under `routeBasePath`; Hugo: its render hook, pretty URLs), before the forge's reading.
			const reached =
				rules.reach && !elsewhereOnSite ? rules.reach(fromPath, href, linkTree) : undefined;
			if (reached)
				return {
					target:
						reached.kind === 'missing'
							? { kind: 'missing', path: reached.path, suggestion: undefined }
							: { kind: reached.kind, path: reached.path },
					hash: reached.hash,
				};
			// A URL reaching the site's content outside the root (another version, a `kb/`) is that file of the repository.
			const beyond = rules.beyondRoot?.(routeOfPage(fromPath), href);
			for (const file of beyond?.files ?? []) {
				const target = resolveForgeHref('', file, tree.place)
					.map(land)
					.find((found) => found !== undefined);
				if (target) return { target, hash: beyond?.hash ?? '' };
			}
			// A page lookup reaching beyond the root: from the page's folder (a file of the repository only), then from the content's top.
			for (const lookup of rules.lookupBeyondRoot?.(fromPath, href) ?? []) {
				for (const file of lookup.files) {
					const target = resolveForgeHref(lookup.fromRoot ? '' : fromPath, file, tree.place)
						.map(land)
						.find(
							(found) => found !== undefined && (lookup.fromRoot || found.kind === 'repository'),
						);
					if (target) return { target, hash: lookup.hash };
				}
			}
			// The tree first, then (root-absolute) a page by its site route, a file of the tool's static
			// folders (`/img/a.png` is `static/img/a.png`), then the repository around the root.
			const routed = isRootAbsolute(href)
				? candidates.flatMap((candidate) => {
						const page =
							candidate.where === 'tree' ? pageByRoute.get(routeOf(candidate.path)) : undefined;
						return page ? [{ ...candidate, path: page }] : [];
					})
				: [];
			// Tools that take a link naming no file as a URL, relative to the page's own (MkDocs, Docusaurus).
			const asUrl = (): { target: LinkTarget; hash: string; byPageUrl?: true } | undefined => {
				const reachedUrl = rules.asUrl?.(routeOfPage(fromPath), href, exactTree);
				return (
					reachedUrl && {
						target: { kind: reachedUrl.kind, path: reachedUrl.path },
						hash: reachedUrl.hash,
						...(reachedUrl.byPageUrl && { byPageUrl: true as const }),
					}
				);
			};
			// On a forge, `/` is the repository's top, which shows its README: a folder of the root
			// without one is the weaker reading, kept only when the repository has nothing there.
			let bareFolder: { target: LinkTarget; hash: string } | undefined;
			for (const candidate of elsewhereOnSite
				? []
				: [...candidates.filter((c) => c.where === 'tree'), ...routed]) {
				const target = land(candidate);
				// A tool that reads URLs first (MkDocs) takes a relative link to a folder as one: `./` is the page itself.
				if (target?.kind === 'folder' && rules.urlsFirst && !isRootAbsolute(href)) {
					const url = asUrl();
					if (url) return url;
				}
				if (
					target?.kind === 'folder' &&
					target.page === undefined &&
					reading.forge &&
					isRootAbsolute(href)
				) {
					bareFolder ??= { target, hash: candidate.hash };
					continue;
				}
				if (target) return { target, hash: candidate.hash };
			}
			const repositoryFolder =
				bareFolder &&
				candidates
					.filter((c) => c.where === 'repository')
					.map(land)
					.find((found) => found !== undefined);
			if (bareFolder)
				return repositoryFolder ? { target: repositoryFolder, hash: bareFolder.hash } : bareFolder;
			const staticFile = isRootAbsolute(href) ? sitePathOfHref(href) : undefined;
			if (staticFile !== undefined && tree.staticFiles?.files.has(staticFile))
				return { target: { kind: 'asset', path: staticFile }, hash: first.hash };
			// A tool that reads URLs first never publishes a file outside its docs folder: a file its page's address reaches comes first, as on its site.
			const fromAddress = rules.urlsFirst && !isRootAbsolute(href) ? asUrl() : undefined;
			if (fromAddress?.byPageUrl) return fromAddress;
			for (const candidate of candidates.filter((c) => c.where !== 'tree')) {
				const target = land(candidate);
				if (target) return { target, hash: candidate.hash };
			}
			// Its reading from the page's address is `fromAddress`, already made (a root-absolute URL has none).
			const url = rules.urlsFirst ? fromAddress : asUrl();
			if (url) return url;
			// On a forge a root-absolute path starts at the repository top, so one that names nothing there
			// is a dead link where the tree is read (linkinator agrees). A site generator's tree may link
			// routes its host serves from elsewhere: there only a page file (or an image, which the site
			// bundles) is surely meant as a file of the repository.
			if (
				isRootAbsolute(href) &&
				!reading.forge &&
				kind !== 'image' &&
				!isPageFile(href.replace(/[?#].*$/, ''))
			)
				return undefined;
			// Nothing there: report the reading that has a near miss (a case slip, a moved file), else the first.
			const misses = candidates.map((candidate) => miss(candidate, fromPath));
			const target =
				misses.find((m) => m.kind === 'not-held') ??
				misses.find((m) => m.kind === 'case-mismatch' || (m.kind === 'missing' && m.suggestion)) ??
				misses[0] ??
				miss(first, fromPath);
			return { target, hash: first.hash };
		},
	};
	cache.set(tree, index);
	return index;
}

function isRootAbsolute(href: string): boolean {
	return href.startsWith('/') && !href.startsWith('//');
}

function routeOf(path: string): string {
	return path === '' ? '/' : `/${path.replace(/\/$/, '')}/`;
}
