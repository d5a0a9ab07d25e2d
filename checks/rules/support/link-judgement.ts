import { extname } from 'node:path';
import { secretByName } from '../../../tree/secret-files.ts';
import { forgeRepoFrom, pathInRoot } from '../../../markdown/forge-links.ts';
import type { RuleContext } from '../define-rule.ts';
import { matchAnchor } from './anchor-match.ts';
import { treeReading } from '../../../tools/index.ts';
import { relativeHref } from './tree-index.ts';
import type { TreeIndex } from './tree-index-answers.ts';
import {
	forgetVerdicts,
	keepVerdicts,
	keptVerdicts,
	verdictEnvironment,
	type KeptVerdict,
} from './kept-verdicts.ts';
import { linkNouns } from './page-images.ts';

// How `internal-links` judges one link, shared with `relations`, `readable-files` and the site's
// marks (`integration/link-verdicts.ts`), so the page and `waymark check` give the same answer.

/** A broken link's message; `warning` for a link that works on the forge but not on the site. */
export interface LinkProblem {
	message: string;
	severity?: 'warning';
	/** The link reaches its target on the site all the same: reported, never marked or replaced there. */
	works?: true;
	/** The rule that reports it at the link instead (the site marks the link all the same). */
	reportedBy?: 'readable-files';
}

/** What the link judgement reads of a rule's context. */
export type LinkContext = Pick<RuleContext, 'tree' | 'config'>;

/**
 * Why `href` written in `fromPath` is broken, or `undefined` when it lands. Shared with
 * `relations`, and with the site, which marks on the page each link this reports
 * (`integration/link-verdicts.ts`).
 */
export function linkProblem(
	ctx: LinkContext,
	index: TreeIndex,
	fromPath: string,
	href: string,
	noun: 'file' | 'image' = 'file',
): LinkProblem | undefined {
	const judged = judgedOf(ctx, index);
	const key = `${fromPath}\0${href}\0${noun}`;
	if (!judged.problems.has(key)) judgePage(ctx, index, judged, fromPath);
	if (!judged.problems.has(key))
		judged.problems.set(key, judgeLink(ctx, index, fromPath, href, noun));
	return judged.problems.get(key);
}

/** What one tree's links were judged to, for one config: each link's problem and landing fragment, and the pages judged whole. */
interface Judged {
	/** The digest verdicts are kept under (`kept-verdicts.ts`), once worked out; `null` when nothing can be kept. */
	environment?: string | null;
	problems: Map<string, LinkProblem | undefined>;
	landings: Map<string, string | undefined>;
	pages: Set<string>;
}

// The rule and the site's marks (`integration/link-verdicts.ts`) judge every link of one tree: once.
const judgements = new WeakMap<TreeIndex, WeakMap<object, Judged>>();

function judgedOf(ctx: LinkContext, index: TreeIndex): Judged {
	const byConfig = judgements.get(index) ?? new WeakMap<object, Judged>();
	judgements.set(index, byConfig);
	let judged = byConfig.get(ctx.config);
	if (!judged) {
		judged = { problems: new Map(), landings: new Map(), pages: new Set() };
		byConfig.set(ctx.config, judged);
	}
	return judged;
}

/**
 * Judges every link of the page at `fromPath` at once, or takes what an earlier run kept for it
 * (`kept-verdicts.ts`) when the page and everything else its links read are as they were then.
 * Verdicts that read the disk (a file outside the tree) are never kept: no digest covers it.
 */
function judgePage(ctx: LinkContext, index: TreeIndex, judged: Judged, fromPath: string): void {
	const page = ctx.tree.pages.get(fromPath);
	if (!page || judged.pages.has(fromPath)) return;
	judged.pages.add(fromPath);
	// `null` (no digest) is worked out once too: `??=` would hash the whole tree again for every page.
	if (judged.environment === undefined) judged.environment = verdictEnvironment(ctx) ?? null;
	const environment = judged.environment;
	const kept = environment === null ? undefined : keptVerdicts<LinkProblem>(page, environment);
	if (kept) {
		for (const [href, noun, problem, landsOn] of kept) {
			judged.problems.set(`${fromPath}\0${href}\0${noun}`, problem ?? undefined);
			judged.landings.set(`${fromPath}\0${href}`, landsOn ?? undefined);
		}
		return;
	}
	const reads = index.diskReads();
	const nounOf = linkNouns(page);
	const verdicts: KeptVerdict<LinkProblem>[] = page.links.map((link) => {
		const noun = nounOf(link);
		const problem = judgeLink(ctx, index, fromPath, link.url, noun);
		const landsOn = landOn(ctx, index, fromPath, link.url);
		judged.problems.set(`${fromPath}\0${link.url}\0${noun}`, problem);
		judged.landings.set(`${fromPath}\0${link.url}`, landsOn);
		return [link.url, noun, problem ?? null, landsOn ?? null];
	});
	if (environment !== null && index.diskReads() === reads)
		keepVerdicts(page, environment, verdicts);
	else forgetVerdicts(page);
}

/**
 * The id a link's fragment reaches when it is not the fragment as written: on GitHub, which looks
 * a fragment up in lower case too, `#Motivation` reaches `motivation`. The site writes that id, so
 * the link works there as on the forge (a browser matches ids exactly).
 */
export function landingFragment(
	ctx: LinkContext,
	index: TreeIndex,
	fromPath: string,
	href: string,
): string | undefined {
	const judged = judgedOf(ctx, index);
	const key = `${fromPath}\0${href}`;
	if (!judged.landings.has(key)) judgePage(ctx, index, judged, fromPath);
	if (!judged.landings.has(key)) judged.landings.set(key, landOn(ctx, index, fromPath, href));
	return judged.landings.get(key);
}

function landOn(
	ctx: LinkContext,
	index: TreeIndex,
	fromPath: string,
	href: string,
): string | undefined {
	if (forgeCase(ctx.tree) === undefined || !href.includes('#')) return undefined;
	const resolved = index.resolve(fromPath, href);
	if (!resolved) return undefined;
	const { target, hash } = resolved;
	const path =
		target.kind === 'page' ? target.path : target.kind === 'folder' ? target.page : undefined;
	const page = path === undefined ? undefined : ctx.tree.pages.get(path);
	if (!page) return undefined;
	const match = matchAnchor(page, hash, forgeCase(ctx.tree));
	return match.kind === 'found' ? match.landsOn : undefined;
}

/** Whether the tree's tool's pages find a fragment in any case, as GitHub's do (an mdBook's match ids exactly). */
function forgeCase(tree: LinkContext['tree']): boolean {
	return treeReading(tree).fragmentsIgnoreCase;
}

function judgeLink(
	ctx: LinkContext,
	index: TreeIndex,
	fromPath: string,
	href: string,
	noun: 'file' | 'image',
): LinkProblem | undefined {
	const resolved = index.resolve(fromPath, href, noun === 'image' ? 'image' : undefined);
	if (!resolved) return undefined;
	const { target, hash } = resolved;
	const written = href.replace(/#.*$/, '');
	const suggest = (path: string) => suggestionHref(ctx, fromPath, written, path);
	if (resolved.byPageUrl) {
		return {
			severity: 'warning',
			works: true,
			message: `Unexpected link to \`${written}\` from the page's address, expected the path from its file, \`${suggest(target.path)}\`: the file is reached only because MkDocs serves the page at a folder URL (MkDocs warns of it too), and an editor or the forge cannot follow it`,
		};
	}
	switch (target.kind) {
		case 'outside':
			return target.inRepository
				? {
						message: `Unexpected link \`${written}\` leaving the repository, expected a path inside it`,
					}
				: {
						message: `Unexpected link \`${written}\` leaving the guidebook root, expected a path inside the root`,
					};
		case 'repository':
			// Images are bundled into the site wherever they are; other files link to the forge. A
			// secret by its name (`.env`) is `readable-files`' error, never a file to link on the forge.
			if (noun === 'image' || forgeRepoFrom(ctx.config.site) || secretByName(target.path))
				return undefined;
			return {
				severity: 'warning',
				message: `Unexpected link to \`${written}\`${pathInRoot(ctx.tree.place, target.path) !== undefined ? `, ${unpublishedWhy}` : ' outside the guidebook root'}, expected a page or file the site publishes; set \`site.repoUrl\` so the site links to it on the forge`,
			};
		case 'not-held':
			// On disk, but not the branch's: one finding, `readable-files`' (the file is left out), at the link.
			return {
				severity: 'warning',
				reportedBy: 'readable-files',
				message: `Unexpected link to \`${written}\`, a ${target.reason}, expected a file the branch commits. ${target.fix}`,
			};
		case 'left-out':
			return {
				message: `Unexpected link to \`${written}\`, ${target.why}, expected a page or file the site publishes; ${target.fix}`,
			};
		case 'ignored':
			return {
				message: `Unexpected link to \`${written}\`, a file git ignores (on disk here but not in the repository: neither the forge nor the site has it), expected a file of the repository`,
			};
		case 'unpublished':
			// A picture is bundled from where it is, like one outside the root.
			if (noun === 'image') return undefined;
			return {
				message: `Unexpected link to \`${written}\`, ${unpublishedWhy}, expected a page or file the site publishes; move the file out of there, or link to where it is published`,
			};
		case 'active':
			return {
				message: `Unexpected link to \`${written}\`, an \`${extname(target.path).toLowerCase()}\` file, which the site leaves out (a browser would run its scripts on the site), expected a page or file the site publishes; link to it on the forge, or rename it to \`.txt\` to publish its text`,
			};
		case 'case-mismatch':
			return {
				message: `Unexpected link to \`${written}\`, expected \`${suggest(target.actual)}\`: the name differs in case, which works on macOS and Windows but is a 404 on Linux`,
			};
		case 'missing': {
			// A suggestion that reads as the link itself would send the reader round in a circle.
			const suggestion = target.suggestion === undefined ? undefined : suggest(target.suggestion);
			return {
				message: `Unexpected link to missing ${noun} \`${written}\`, expected an existing file${suggestion !== undefined && suggestion !== written ? `; did you mean \`${suggestion}\`` : ''}`,
			};
		}
		case 'folder':
			if (target.page) return anchorProblem(ctx, fromPath, target.page, hash);
			// A folder without a README or index that the site lists, as the forge does (`tree/navigation.ts`).
			if (ctx.tree.generatedFolders.has(target.path)) return undefined;
			// The root's folder on a tool that shows a page for it whatever it holds: the site's home.
			if (target.path === '' && treeReading(ctx.tree).links.rootFolderShown) return undefined;
			return {
				message: `Unexpected link to folder \`${target.path === '' ? './' : `${written.replace(/\/$/, '')}/`}\` without a README.md or index.md, expected a folder page; add \`${target.path === '' ? '' : `${target.path}/`}README.md\``,
			};
		case 'page':
			return anchorProblem(ctx, fromPath, target.path, hash);
		case 'asset':
			return undefined;
	}
}

/** Why a file of the root is not on the site (`markdown/unpublished-names.ts`). */
const unpublishedWhy =
	'which the site never publishes (hidden files and folders, `node_modules` and `dist` are left out)';

/**
 * `path` (relative to the root) written the way the broken link was: root-absolute stays
 * root-absolute, `./` stays, never a site route. A root-absolute path starts at the repository top,
 * where the forge resolves it (and the site too), so the fix works in both places.
 */
function suggestionHref(ctx: LinkContext, fromPath: string, written: string, path: string): string {
	if (written.startsWith('/')) {
		const rootPath = ctx.tree.place?.inRepository ? ctx.tree.place.rootPath : '';
		return `/${rootPath === '' ? '' : `${rootPath}/`}${path}`;
	}
	const relative = relativeHref(fromPath, path);
	return written.startsWith('./') && !relative.startsWith('../') ? `./${relative}` : relative;
}

function anchorProblem(
	ctx: LinkContext,
	fromPath: string,
	pagePath: string,
	hash: string,
): LinkProblem | undefined {
	const page = ctx.tree.pages.get(pagePath);
	// An unreadable page is reported by `readable-files`; its anchors are unknown.
	if (!page) return undefined;
	const match = matchAnchor(page, hash, forgeCase(ctx.tree));
	if (match.kind === 'found') return undefined;
	if (match.kind === 'legacy') {
		// Works on GitLab before 17.0 only (and on this site, which answers both ids): a warning naming both forms.
		const heading =
			page.headings.find((h) => h.slug === match.current)?.text.trim() ?? match.current;
		return {
			severity: 'warning',
			message: `Unexpected link to \`#${hash}\`, expected \`#${match.current}\`: \`#${hash}\` is the id GitLab before 17.0 gave "${heading}" (it merged repeated hyphens), and works only there; GitLab 17.0 and later and GitHub use \`#${match.current}\``,
		};
	}
	const where = pagePath === fromPath ? '' : ` in \`${pagePath}\``;
	const { anchors, suggestion } = match;
	if (anchors.length === 0)
		return {
			message: `Unexpected link to missing heading \`#${hash}\`${where}, expected a heading there; the page has none`,
		};
	const shown =
		anchors
			.slice(0, 8)
			.map((a) => `\`#${a}\``)
			.join(', ') + (anchors.length > 8 ? `, … (${anchors.length} in all)` : '');
	return {
		message: `Unexpected link to missing heading \`#${hash}\`${where}, expected one of ${shown}${suggestion ? `; did you mean \`#${suggestion}\`` : ''}`,
	};
}
