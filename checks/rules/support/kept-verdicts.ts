import { createHash, type Hash } from 'node:crypto';
import type { RuleContext } from '../define-rule.ts';
import type { PageModel } from '../../../tree/parse-page.ts';

// A page's link verdicts, kept with the page in the page cache (`tree/page-cache.ts`) as a fact
// named by a digest of everything else they read: the next build of the tree takes them instead
// of judging its links again when the page is unchanged and so is that digest.

/** One link of a page as judged: `[href, noun, problem or null, landing fragment or null]` (`link-judgement.ts`'s `LinkProblem`). */
export type KeptVerdict<Problem> = [
	href: string,
	noun: 'file' | 'image',
	problem: Problem | null,
	landsOn: string | null,
];

/** What the judgement reads of a rule's context (`link-judgement.ts`'s `LinkContext`). */
type LinkContext = Pick<RuleContext, 'tree' | 'config'>;

const factPrefix = 'link-verdicts:';

/** Bumped when what a verdict says, or what it reads, changes: verdicts kept by another version are judged again. */
const judgementVersion = 1;

/** The verdicts kept on `page` for `environment`, or `undefined` when there are none for it. */
export function keptVerdicts<Problem>(
	page: PageModel,
	environment: string,
): KeptVerdict<Problem>[] | undefined {
	const kept = page.facts?.[factPrefix + environment];
	return Array.isArray(kept) ? (kept as KeptVerdict<Problem>[]) : undefined;
}

/** Keeps `verdicts` on `page` for `environment`, in place of those kept for any other. */
export function keepVerdicts<Problem>(
	page: PageModel,
	environment: string,
	verdicts: KeptVerdict<Problem>[],
): void {
	forgetVerdicts(page);
	(page.facts ??= {})[factPrefix + environment] = verdicts;
}

/** Drops the verdicts kept on `page`: some were read from the disk, which no digest covers. */
export function forgetVerdicts(page: PageModel): void {
	for (const name of Object.keys(page.facts ?? {}))
		if (name.startsWith(factPrefix)) delete page.facts?.[name];
}

/**
 * A digest of everything a link's judgement reads besides the page's own links and the disk (the
 * tree index counts its disk reads, and a page whose links read it keeps no verdicts): the tree's
 * files and folders, what its tool read and left out, where it is in its repository, the config,
 * and every page's route, title, front matter, navigation, headings and anchors (any page may be
 * a link's target), and which pages could not be read. A body edit that changes none of them
 * keeps it. `undefined` when the tree holds something no digest can name (a function): its pages
 * keep no verdicts, rather than verdicts under a name no later run gives, which would write the
 * page cache again on every run.
 *
 * Computed once per judgement of a tree (`link-judgement.ts` keeps it with that judgement), like
 * the tree index the judgement reads: a tree is not changed once its links are judged.
 */
export function verdictEnvironment({ tree, config }: LinkContext): string | undefined {
	const hash = createHash('sha256');
	// A function's source says nothing of what it closes over: a tree holding one keeps no verdicts.
	hashable = true;
	const add = (value: unknown) => void hash.update(`${stableJson(value)}\0`);
	add(judgementVersion);
	add(config);
	add([tree.root, tree.dialect, tree.toolData, tree.toolKeys, tree.place]);
	add([tree.files.pages, tree.files.assets, tree.files.folders, tree.files.templates]);
	add([tree.files.problems, tree.files.linked]);
	add([tree.excludedPages, tree.generatedFolders, tree.staticFiles, tree.unpublishedTracked]);
	add([tree.unpublished, tree.published]);
	add(tree.unreadable.map((page) => page.path));
	for (const page of tree.pages.values()) addPage(hash, page);
	return hashable ? hash.digest('base64url') : undefined;
}

function addPage(hash: Hash, page: PageModel): void {
	hash.update(
		`${stableJson([
			page.path,
			page.route,
			page.title,
			page.frontmatter,
			page.nav,
			page.headings.map(({ depth, text, slug }) => [depth, text, slug]),
			page.anchors,
			page.legacyAnchors,
		])}\0`,
	);
}

let hashable = true;

/** JSON that keeps what sets and maps hold (JSON.stringify writes `{}` for them); a function in it clears `hashable`. */
function stableJson(value: unknown): string {
	return (
		JSON.stringify(value, (_key, entry: unknown) =>
			entry instanceof Set
				? { set: [...(entry as Set<unknown>)] }
				: entry instanceof Map
					? { map: [...(entry as Map<unknown, unknown>)] }
					: typeof entry === 'function'
						? (hashable = false)
						: typeof entry === 'bigint'
							? { bigint: String(entry) }
							: entry === undefined
								? null
								: entry,
		) ?? 'undefined'
	);
}
