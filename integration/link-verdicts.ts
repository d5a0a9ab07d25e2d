import { createHash } from 'node:crypto';
import type { Config } from '../config/load-config.ts';
import type { KnownBrokenUrl } from '../checks/links/link-cache.ts';
import { fragmentId } from '../markdown/anchors.ts';
import { safeDecode } from '../markdown/routes.ts';
import internalLinks from '../checks/rules/internal-links.ts';
import {
	landingFragment,
	linkProblem,
	type LinkProblem,
} from '../checks/rules/support/link-judgement.ts';
import { indexTree } from '../checks/rules/support/tree-index.ts';
import { linkNouns } from '../checks/rules/support/page-images.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';

/** How `internal-links` judges `href`, written in the page `fromPath`: why it is broken, or `undefined`. */
export type LinkVerdict = (
	fromPath: string,
	href: string,
	noun: 'file' | 'image',
) => LinkProblem | undefined;

/** What the site knows of the tree's links, from the code `waymark check` judges them with. */
export interface SiteLinkVerdicts {
	/** The rule's own judgement (`linkProblem`), for every link and image of a page as written. */
	verdict: LinkVerdict;
	/** The id a link's fragment reaches when it is not the one written (`landingFragment`: GitHub's lower-case lookup). */
	landsOn: (fromPath: string, href: string) => string | undefined;
	/** Whether links `internal-links` reports are marked on the page (the rule is not `off`); images always get a placeholder. */
	markLinks: boolean;
	/** Per page, a digest of what its links land on: the tree's files and how each of its links is judged. A page whose digest changes renders again. */
	digests: Record<string, string>;
	/** Judges by `tree` from now on (`waymark dev`, after an edit: the next page rendered sees the tree as it is). */
	refresh(tree: GuidebookTree): void;
}

/**
 * The `internal-links` rule's judgement of every link, for the site: a link `check` reports is
 * marked where it stands, an image it reports is a placeholder, by the same function, so the site
 * and `check` cannot disagree. An external link is judged by what `check --external` last found
 * (`known`, from its cache, while fresh): a dead URL or a missing fragment. A page's rendered HTML
 * is cached by Astro with its text; its verdicts depend on other pages (a heading renamed, a file
 * added), so each page's digest covers them.
 */
export function siteLinkVerdicts(
	tree: GuidebookTree,
	config: Config,
	known: ReadonlyMap<string, KnownBrokenUrl> = new Map(),
): SiteLinkVerdicts {
	let current = { tree, index: indexTree(tree) };
	const external =
		config.checks.rules['external-links'] !== 'off' && config.links.severity.dead !== 'off';
	const verdict: LinkVerdict = (fromPath, href, noun) =>
		isExternal(href)
			? external
				? externalProblem(href, known)
				: undefined
			: linkProblem({ tree: current.tree, config }, current.index, fromPath, href, noun);
	const landsOn = (fromPath: string, href: string) =>
		isExternal(href)
			? undefined
			: landingFragment({ tree: current.tree, config }, current.index, fromPath, href);
	// Links are rewritten by which files the tree holds (`markdown/link-target.ts`).
	const files = createHash('sha256')
		.update(
			JSON.stringify([
				tree.files.pages,
				tree.files.assets,
				tree.files.folders,
				[...tree.pages.values()].map((page) => page.route),
			]),
		)
		.digest('hex');
	const digests: Record<string, string> = {};
	for (const page of tree.pages.values()) {
		const hash = createHash('sha256').update(files);
		const nounOf = linkNouns(page);
		for (const link of page.links)
			hash.update(
				`${link.url}\0${verdict(page.path, link.url, nounOf(link))?.message ?? ''}\0${landsOn(page.path, link.url) ?? ''}\0`,
			);
		digests[page.path] = hash.digest('hex').slice(0, 16);
	}
	return {
		verdict,
		landsOn,
		markLinks: (config.checks.rules['internal-links'] ?? internalLinks.defaultSeverity) !== 'off',
		digests,
		refresh: (fresh) => void (current = { tree: fresh, index: indexTree(fresh) }),
	};
}

function isExternal(href: string): boolean {
	return /^(?:https?:)?\/\//i.test(href);
}

/** Why `check --external` found `href` broken, keyed as its cache keys a URL (`collect-targets.ts`). */
function externalProblem(
	href: string,
	known: ReadonlyMap<string, KnownBrokenUrl>,
): LinkProblem | undefined {
	let url: URL;
	try {
		url = new URL(href.startsWith('//') ? `https:${href}` : href);
	} catch {
		return undefined;
	}
	const fragment = safeDecode(fragmentId(url.hash.slice(1)));
	url.hash = '';
	const entry = known.get(url.href);
	const message =
		entry?.dead ?? (fragment === '' ? undefined : entry?.missingFragments.get(fragment));
	return message === undefined ? undefined : { message };
}
