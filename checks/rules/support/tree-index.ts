import { join } from 'node:path';
import { docusaurusPageCandidates, docusaurusRouteOf, type DocusaurusLinks } from '../../../tools/docusaurus/links.ts';
import { lstatQuietly, repositoryFiles } from './repository-files.ts';
import { pathSuggester } from './tree-suggestions.ts';
import { resolveForgeHref, type HrefTarget } from '../../../src/lib/forge-links.ts';
import { hrefFromRootUrl, hugoFilesBeyondRoot, hugoLinkTarget, hugoPageFiles } from '../../../tools/hugo/links.ts';
import { isUnpublishedPath } from '../../../src/lib/unpublished-names.ts';
import { mdbookChapterHref } from '../../../tools/mdbook/links.ts';
import { mkdocsPageUrlTarget } from '../../../tools/mkdocs/page-urls.ts';
import { dirnameOf, generatedRouteOf, safeDecode, isFolderPage, isPageFile, resolveRouteRelativeHref, routeForPath, sitePathOfHref } from '../../../src/lib/routes.ts';
export { relativeHref } from '../../../src/lib/routes.ts';
import type { GuidebookTree } from '../../../tree/load-tree.ts';
import { isActiveDocument } from '../../../tree/walk-files.ts';

/** Dialects read as a forge shows them: a root-absolute link is a path in the repository. */
const forgeDialects: ReadonlySet<string> = new Set(['github', 'gitlab']);

/** What an href lands on. */
type LinkTarget =
	| { kind: 'page'; path: string }
	| { kind: 'asset'; path: string }
	| { kind: 'folder'; path: string; page: string | undefined }
	| { kind: 'case-mismatch'; path: string; actual: string }
	| { kind: 'missing'; path: string; suggestion: string | undefined }
	/** An existing file or folder of the git repository outside the root; `path` is relative to the repository top. */
	| { kind: 'repository'; path: string; folder: boolean }
	/** An existing file or folder of the root, outside git, through a name the site never publishes (`.github/`, `node_modules/`). */
	| { kind: 'unpublished'; path: string }
	/** An `.html`, `.xml` or other file of the root a browser runs as a page, which the site leaves out (`isActiveDocument`). */
	| { kind: 'active'; path: string }
	/** A file of the root through such a name that is on disk but that git ignores: the forge has no such file. */
	| { kind: 'ignored'; path: string }
	/** A Markdown file of the root its tool builds no page for (`tree/left-out-pages.ts`): why, and the fix. */
	| { kind: 'left-out'; path: string; why: string; fix: string }
	/** A file of the root on disk that the branch under review does not hold, left out of its build (`tree/branch-files.ts`): why, and the fix. */
	| { kind: 'not-held'; path: string; reason: string; fix: string }
	/** Above the repository top (or the root, outside git); `inRepository` says which. */
	| { kind: 'outside'; path: string; inRepository: boolean };

export interface TreeIndex {
	/**
	 * Where `href`, written in `fromPath`, lands; `image`: the site bundles it, so it must be a file
	 * wherever it is written. `byPageUrl`: a MkDocs link to a file that reaches it only as a URL from
	 * the page's address (`src/lib/mkdocs-page-urls.ts`), which works on the site and MkDocs warns of.
	 */
	resolve(fromPath: string, href: string, kind?: 'image'): { target: LinkTarget; hash: string; byPageUrl?: true } | undefined;
	/** The page a folder shows (README/index), if any. */
	folderPage(folder: string): string | undefined;
}

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
	const dialect = tree.dialect.name;
	for (const page of tree.files.pages) {
		if (!isFolderPage(page, dialect)) continue;
		const folder = dirnameOf(page);
		const current = folderPages.get(folder);
		// README wins over index, as on a forge.
		if (!current || /readme/i.test(page.split('/').pop() ?? '')) folderPages.set(folder, page);
	}
	const suggest = pathSuggester(pages, assets, folders);
	// mdBook: `template.html` names the file `template.md` though the book left it out, so a link to
	// it says why. Not a folder's README or index: the book's top `index.html` is always there.
	const bookFiles = tree.mdbook && tree.excludedPages.size > 0 ? new Set([...pages, ...[...tree.excludedPages.keys()].filter((path) => !/(?:^|\/)(?:readme|index)\.md$/i.test(path))]) : pages;
	// The route the site gives each page: its dialect's (Hugo `_index`, a Docusaurus `slug`).
	const pageByRoute = new Map(tree.files.pages.map((page) => [tree.pages.get(page)?.route ?? routeForPath(page, dialect), page]));
	// Hugo lower-cases every page's URL (`disablePathToLower` off, its default): a link written in lower case reaches `Rancher-snapshot.md`.
	const pageByHugoUrl = tree.hugoLinks ? new Map([...pageByRoute].map(([route, page]) => [route.toLowerCase(), page])) : pageByRoute;
	const repository = repositoryFiles(tree);
	const activeDocuments = new Set(tree.files.problems.filter((problem) => isActiveDocument(problem.path)).map((problem) => problem.path));
	const notHeld = new Map(tree.files.problems.filter((problem) => problem.notHeld).map((problem) => [problem.path, problem]));

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
		return entry ? { kind: 'repository', path: target.path, folder: entry === 'folder' } : undefined;
	}

	function miss(target: HrefTarget, fromPath: string): LinkTarget {
		if (target.where === 'outside') return { kind: 'outside', path: target.path, inRepository: tree.place?.inRepository ?? false };
		if (target.where === 'tree') {
			const left = notHeld.get(target.path);
			if (left) return { kind: 'not-held', path: target.path, reason: left.reason, fix: left.fix };
			const out = tree.excludedPages.get(target.path);
			if (out) return { kind: 'left-out', path: target.path, ...out };
			const actual = byLowerCase.get(target.path.toLowerCase());
			if (actual) return { kind: 'case-mismatch', path: target.path, actual };
			// Inside git such a path is a repository file (`src/lib/forge-links.ts`); outside it, there but never published.
			if (isUnpublishedPath(target.path) && lstatQuietly(join(tree.files.root, target.path))) return { kind: 'unpublished', path: target.path };
			// Found by the walk and left out on purpose (`readable-files` says so at the file): not a missing file.
			if (activeDocuments.has(target.path)) return { kind: 'active', path: target.path };
		}
		if (target.where === 'repository' && repository.ignored(target.path)) return { kind: 'ignored', path: target.path };
		return { kind: 'missing', path: target.path, suggestion: suggest(target.path, target.where === 'tree', fromPath) };
	}

	function docusaurusTarget(fromPath: string, href: string, site: DocusaurusLinks): { target: LinkTarget; hash: string } | undefined {
		const files = docusaurusPageCandidates(fromPath, href, site);
		const page = files?.paths.find((path) => pages.has(path));
		if (files && page) return { target: { kind: 'page', path: page }, hash: files.hash };
		const url = docusaurusRouteOf(href, site);
		const routed = url && pageByRoute.get(url.route);
		if (url && routed) return { target: { kind: 'page', path: routed }, hash: url.hash };
		// Under a `routeBasePath` of its own, a URL no doc has is a broken link on the Docusaurus site too.
		return url && site.routeBasePath !== '' ? { target: { kind: 'missing', path: url.route, suggestion: undefined }, hash: url.hash } : undefined;
	}

	const index: TreeIndex = {
		folderPage: (folder) => folderPages.get(folder),
		resolve(fromPath, written, kind) {
			// Hugo: `/docs/main/img/a.png` in `content/docs/main/` is the root's own `img/a.png`.
			// mdBook: `writing_a_module.html` is the chapter `writing_a_module.md`.
			const href = tree.hugoLinks ? hrefFromRootUrl(written, tree.hugoLinks) : tree.mdbook ? mdbookChapterHref(fromPath, written, { pages: bookFiles, assets }, tree.place) : written;
			// Hugo: a root-absolute URL outside the root's own (`/` or `/blog/` from `content/en/flux`,
			// which the site serves at `/flux/`) is another part of the site, never a page of the root.
			const rootUrl = tree.hugoLinks?.rootUrl;
			const elsewhereOnSite = rootUrl !== undefined && rootUrl !== '/' && isRootAbsolute(written) && href === written;
			// A site generator (its static folders known) serves a root-absolute URL from its site: the
			// root and its routes, its static folders; never a path from the repository's top.
			const forged = resolveForgeHref(fromPath, href, tree.place);
			const candidates = tree.staticFiles && isRootAbsolute(href) ? forged.slice(0, 1) : forged;
			const first = candidates[0];
			if (!first) return undefined;
			// The site's own generated routes (`/status/`) exist though no file of the tree backs them.
			if (generatedRouteOf(href)) return { target: { kind: 'asset', path: first.path }, hash: first.hash };
			// mdBook writes `index.html` at the book's top whatever its chapters are (the first one's
			// copy); the site's home is there too.
			if (tree.mdbookTop && first.where === 'tree' && first.path === 'index.html' && !pages.has(first.path) && !assets.has(first.path)) return { target: { kind: 'asset', path: first.path }, hash: first.hash };
			// Docusaurus: a link to a Markdown file, or to a URL under the docs' `routeBasePath`, goes where Docusaurus takes it.
			const docusaurus = tree.docusaurus && docusaurusTarget(fromPath, href, tree.docusaurus);
			if (docusaurus) return docusaurus;
			// Hugo: the page its site reaches (`src/lib/hugo-links.ts`), before the forge's reading.
			const hugo = tree.hugoLinks && !elsewhereOnSite && hugoLinkTarget(fromPath, href, tree.hugoLinks.style, { pages, assets, routeOf: (path) => tree.pages.get(path)?.route ?? routeForPath(path, dialect), pageAtRoute: (route) => pageByRoute.get(route) ?? pageByHugoUrl.get(route) });
			if (hugo) return { target: { kind: hugo.asset ? 'asset' : 'page', path: hugo.path }, hash: hugo.hash };
			// Hugo: a URL reaching the site's content outside the root (another version, a `kb/`) is that file of the repository.
			const beyond = tree.hugoLinks && hugoFilesBeyondRoot(tree.pages.get(fromPath)?.route ?? routeForPath(fromPath, dialect), href, tree.hugoLinks);
			for (const file of beyond?.files ?? []) {
				const target = resolveForgeHref('', file, tree.place).map(land).find((found) => found !== undefined);
				if (target) return { target, hash: beyond?.hash ?? '' };
			}
			// `GetPage` looks beyond the root too: from the page's folder with `.md` added, then (for a
			// path not starting with `.`) from the content root (`getContentNodeForRef`).
			if (tree.hugoLinks?.style === 'page-lookup' && !isRootAbsolute(href) && !href.startsWith('#') && !isPageFile(href.replace(/[?#].*$/, ''))) {
				const [path = '', hash = ''] = href.split('#');
				for (const file of hugoPageFiles(path)) {
					const target = resolveForgeHref(fromPath, file, tree.place).map(land).find((found) => found !== undefined && found.kind === 'repository');
					if (target) return { target, hash: safeDecode(hash) };
				}
				const fromTop = path.startsWith('.') ? undefined : hugoFilesBeyondRoot('/', `/${path}`, tree.hugoLinks);
				for (const file of fromTop?.files ?? []) {
					const target = resolveForgeHref('', file, tree.place).map(land).find((found) => found !== undefined);
					if (target) return { target, hash: safeDecode(hash) };
				}
			}
			// The tree first, then (root-absolute) a page by its site route, a file of the tool's static
			// folders (`/img/a.png` is `static/img/a.png`), then the repository around the root.
			const routed = isRootAbsolute(href)
				? candidates.flatMap((candidate) => {
						const page = candidate.where === 'tree' ? pageByRoute.get(routeOf(candidate.path)) : undefined;
						return page ? [{ ...candidate, path: page }] : [];
					})
				: [];
			// MkDocs and Docusaurus take a link that names no file as a URL, relative to the page's own
			// (MkDocs rewrites only links to files; a folder is none): `./` is the page itself.
			const asUrl = (): { target: LinkTarget; hash: string; byPageUrl?: true } | undefined => {
				if (dialect !== 'docusaurus' && dialect !== 'mkdocs') return undefined;
				const fromRoute = tree.pages.get(fromPath)?.route ?? routeForPath(fromPath, dialect);
				if (dialect === 'mkdocs') {
					const folderUrls = tree.mkdocs?.markdown.directoryUrls !== false;
					const reached = mkdocsPageUrlTarget(fromRoute, href, { assets, pageAtRoute: (route) => pageByRoute.get(route) }, folderUrls);
					if (reached?.kind === 'asset') return folderUrls ? { target: { kind: 'asset', path: reached.path }, hash: reached.hash, byPageUrl: true } : undefined;
					return reached ? { target: { kind: 'page', path: reached.path }, hash: reached.hash } : undefined;
				}
				// Docusaurus links a page without the slash, so the last segment is the page's name.
				const url = resolveRouteRelativeHref(fromRoute, href);
				const page = url && pageByRoute.get(url.route);
				return url && page ? { target: { kind: 'page', path: page }, hash: url.hash } : undefined;
			};
			// On a forge, `/` is the repository's top, which shows its README: a folder of the root
			// without one is the weaker reading, kept only when the repository has nothing there.
			let bareFolder: { target: LinkTarget; hash: string } | undefined;
			for (const candidate of elsewhereOnSite ? [] : [...candidates.filter((c) => c.where === 'tree'), ...routed]) {
				const target = land(candidate);
				if (target?.kind === 'folder' && dialect === 'mkdocs' && !isRootAbsolute(href)) {
					const url = asUrl();
					if (url) return url;
				}
				if (target?.kind === 'folder' && target.page === undefined && forgeDialects.has(dialect) && isRootAbsolute(href)) {
					bareFolder ??= { target, hash: candidate.hash };
					continue;
				}
				if (target) return { target, hash: candidate.hash };
			}
			const repositoryFolder = bareFolder && candidates.filter((c) => c.where === 'repository').map(land).find((found) => found !== undefined);
			if (bareFolder) return repositoryFolder ? { target: repositoryFolder, hash: bareFolder.hash } : bareFolder;
			const staticFile = isRootAbsolute(href) ? sitePathOfHref(href) : undefined;
			if (staticFile !== undefined && tree.staticFiles?.files.has(staticFile)) return { target: { kind: 'asset', path: staticFile }, hash: first.hash };
			// MkDocs never publishes a file outside its docs folder: a file its page's address reaches comes first, as on its site.
			const fromAddress = dialect === 'mkdocs' && !isRootAbsolute(href) ? asUrl() : undefined;
			if (fromAddress?.byPageUrl) return fromAddress;
			for (const candidate of candidates.filter((c) => c.where !== 'tree')) {
				const target = land(candidate);
				if (target) return { target, hash: candidate.hash };
			}
			// MkDocs' reading from the page's address is `fromAddress`, already made (a root-absolute URL has none).
			const url = dialect === 'mkdocs' ? fromAddress : asUrl();
			if (url) return url;
			// On a forge a root-absolute path starts at the repository top, so one that names nothing there
			// is a dead link where the tree is read (linkinator agrees). A site generator's tree may link
			// routes its host serves from elsewhere: there only a page file (or an image, which the site
			// bundles) is surely meant as a file of the repository.
			if (isRootAbsolute(href) && !forgeDialects.has(dialect) && kind !== 'image' && !isPageFile(href.replace(/[?#].*$/, ''))) return undefined;
			// Nothing there: report the reading that has a near miss (a case slip, a moved file), else the first.
			const misses = candidates.map((candidate) => miss(candidate, fromPath));
			const target = misses.find((m) => m.kind === 'not-held') ?? misses.find((m) => m.kind === 'case-mismatch' || (m.kind === 'missing' && m.suggestion)) ?? misses[0] ?? miss(first, fromPath);
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
