/**
 * Links as a git forge resolves them, beyond the guidebook root: relative paths that climb out of
 * the root (and maybe back in), root-absolute paths (`/docs/x.md`), and the forge URL of a
 * repository file the site does not publish. Pure and isomorphic, like `routes.ts` (its one piece
 * of state, the last root split, is a cache no caller can see): the checks and the site's link
 * rewriting share it, so a link the checks accept is a link that works.
 */
import { dirnameOf, safeDecode } from './routes.ts';
import { isUnpublishedPath } from './unpublished-names.ts';

/** Where the guidebook root sits, so links that climb out of it can be followed. */
export interface RootPlace {
	/**
	 * The root's path inside its git repository (`docs`, `''` at the top). Outside git, its absolute
	 * path without the leading `/`, so a link that leaves the root and comes back still lands.
	 */
	rootPath: string;
	/** `rootPath` is inside a git repository: a target above the root but inside it is a repository file. */
	inRepository: boolean;
}

/**
 * One place an href can land: inside the guidebook root (`path` relative to the root), in the
 * repository outside the root (`path` relative to the repository top), or outside both.
 */
export interface HrefTarget {
	where: 'tree' | 'repository' | 'outside';
	path: string;
	/** Decoded fragment without `#`, or `''`. */
	hash: string;
}

/** The plain-data part of a place the site may know (never the repository's absolute path). */
export function sitePlace(place: RootPlace): RootPlace {
	return { rootPath: place.rootPath, inRepository: place.inRepository };
}

/** Hrefs with a scheme (`https:`, `mailto:`) or protocol-relative (`//host`): not files of the repository. */
function isExternalHref(href: string): boolean {
	return /^[a-z][a-z\d+.-]*:/i.test(href) || href.startsWith('//');
}

/**
 * The places `href`, written in the page `fromPath`, can land, in the order a forge tries them; the
 * first that exists wins, and when none does, the first is the one to report. A relative href has
 * one; a root-absolute one (`/docs/x.md`) is tried against the guidebook root, then against the
 * repository top (where GitLab and GitHub resolve it). External hrefs have none.
 */
export function resolveForgeHref(fromPath: string, href: string, place?: RootPlace): HrefTarget[] {
	if (href === '' || isExternalHref(href)) return [];
	const hashAt = href.indexOf('#');
	const rawPath = (hashAt === -1 ? href : href.slice(0, hashAt)).replace(/\?.*$/, '');
	const hash = safeDecode(hashAt === -1 ? '' : href.slice(hashAt + 1));
	const parts = safeDecode(rawPath).split('/');
	// `#anchor` alone points into the page itself, not its folder.
	if (rawPath === '') return [{ where: 'tree', path: fromPath, hash }];
	if (!rawPath.startsWith('/')) {
		const start = [...rootSegments(place), ...split(dirnameOf(fromPath))];
		return [locate(walk(start, parts), place, hash)];
	}
	// A URL cannot climb above its root: extra `..` stay there, as in a browser.
	const inRoot = inTree((walk([], parts) ?? []).join('/'), place, hash);
	if (!place?.inRepository) return [inRoot];
	if (place.rootPath === '') return [inRoot];
	const fromTop = locate(walk([], parts, true), place, hash);
	// The site serves no path through a skipped name: reading one from the root is the site's reading, so only the forge's stands.
	return inRoot.where === 'repository' ? [fromTop] : [inRoot, fromTop];
}

function split(path: string): string[] {
	return path.split('/').filter(Boolean);
}

/** The last root's segments, for reading only: every link of a tree has the same root, split once. */
let lastRoot = { path: '', segments: [] as readonly string[] };

function rootSegments(place: RootPlace | undefined): readonly string[] {
	const path = place?.rootPath ?? '';
	if (path !== lastRoot.path) lastRoot = { path, segments: split(path) };
	return lastRoot.segments;
}

/** Applies `parts` to `start`; `undefined` when they climb above the top (unless `clamp`). */
function walk(start: string[], parts: string[], clamp = false): string[] | undefined {
	const stack = [...start];
	for (const part of parts) {
		if (part === '' || part === '.') continue;
		if (part !== '..') stack.push(part);
		else if (stack.length > 0) stack.pop();
		else if (!clamp) return undefined;
	}
	return stack;
}

/** A path from the repository top (or, without `place`, from the root) as a target. */
function locate(
	segments: string[] | undefined,
	place: RootPlace | undefined,
	hash: string,
): HrefTarget {
	if (!segments) return { where: 'outside', path: '', hash };
	const root = rootSegments(place);
	const inside = root.every((segment, i) => segments[i] === segment);
	if (inside) return inTree(segments.slice(root.length).join('/'), place, hash);
	return place?.inRepository
		? { where: 'repository', path: segments.join('/'), hash }
		: { where: 'outside', path: segments.join('/'), hash };
}

/**
 * A path of the root as a target. Inside a git repository, one through a name the site never
 * publishes (`.github/workflows/ci.yml`, `.gitlab-ci.yml`, `node_modules/`) is a repository file,
 * which the forge shows: the site links it there, like a file outside the root, and the checks
 * look for it on disk instead of calling it missing.
 */
function inTree(path: string, place: RootPlace | undefined, hash: string): HrefTarget {
	if (!place?.inRepository || !isUnpublishedPath(path)) return { where: 'tree', path, hash };
	return { where: 'repository', path: [...split(place.rootPath), ...split(path)].join('/'), hash };
}

/** `path` (from the repository's top) as a path of the root, or `undefined` when it lies outside the root. */
export function pathInRoot(place: RootPlace | undefined, path: string): string | undefined {
	const rootPath = place?.rootPath ?? '';
	if (rootPath === '') return path;
	return path.startsWith(`${rootPath}/`) ? path.slice(rootPath.length + 1) : undefined;
}

/** The forge that hosts the repository: where its files can be linked to. */
export interface ForgeRepo {
	kind: 'github' | 'gitlab' | 'gitea';
	/** Repository URL without a trailing slash, e.g. `https://gitlab.com/acme/runbooks`. */
	url: string;
	branch: string;
}

/** What `site` in the config says about the repository. */
interface RepoSettings {
	repoUrl?: string | undefined;
	repoBranch?: string | undefined;
	editUrl?: string | undefined;
}

// Edit links name the forge, the repository and the branch: GitLab `/-/edit/`, Gitea `/_edit/`, GitHub `/edit/`.
const editForms = [
	{ kind: 'gitlab', pattern: /^(.+?)\/-\/edit\/([^/]+)\// },
	{ kind: 'gitea', pattern: /^(.+?)\/_edit\/([^/]+)\// },
	{ kind: 'github', pattern: /^(.+?)\/edit\/([^/]+)\// },
] as const;

/**
 * The forge repository from `site.repoUrl` (else the repository part of `site.editUrl`), its
 * branch from `site.repoBranch`, else the edit URL's, else `HEAD` (GitHub, GitLab and Gitea 1.21+
 * read it as the default branch). The link form follows the edit URL, else the host name
 * (`gitlab`, `gitea`/`codeberg`/`forgejo`, else GitHub's). `undefined` when neither is set.
 */
export function forgeRepoFrom(site: RepoSettings): ForgeRepo | undefined {
	const edit = site.editUrl
		? editForms
				.map((form) => ({ kind: form.kind, match: form.pattern.exec(site.editUrl ?? '') }))
				.find((form) => form.match)
		: undefined;
	const url = (site.repoUrl ?? edit?.match?.[1])?.replace(/\/+$/, '').replace(/\.git$/, '');
	if (!url) return undefined;
	const host = /^[a-z]+:\/\/([^/]+)/i.exec(url)?.[1]?.toLowerCase() ?? '';
	const kind =
		edit?.kind ??
		(/gitlab/.test(host) ? 'gitlab' : /gitea|codeberg|forgejo/.test(host) ? 'gitea' : 'github');
	return { kind, url, branch: site.repoBranch ?? edit?.match?.[2] ?? 'HEAD' };
}

/**
 * The forge page of a repository file or folder (`path` relative to the repository top): GitHub
 * `/blob/BRANCH/path` (`/tree/` for folders), GitLab `/-/blob/BRANCH/path` (`/-/tree/`), Gitea
 * `/src/branch/BRANCH/path`; with `raw`, the file itself (`/raw/`, `/-/raw/`, `/raw/branch/`), for
 * an `<img src>`.
 */
export function forgeFileUrl(
	repo: ForgeRepo,
	path: string,
	options: { folder?: boolean; raw?: boolean; hash?: string } = {},
): string {
	const view = options.raw ? 'raw' : options.folder ? 'tree' : 'blob';
	const prefix = {
		github: `/${view}/`,
		gitlab: `/-/${view}/`,
		gitea: options.raw ? '/raw/branch/' : '/src/branch/',
	}[repo.kind];
	const encoded = path.split('/').map(encodeURIComponent).join('/');
	return `${repo.url}${prefix}${repo.branch}/${encoded}${options.hash ? `#${encodeURIComponent(options.hash)}` : ''}`;
}
