import { extname } from 'node:path';
import { secretByName } from '../../tree/secret-files.ts';
import { relationKeys, type PageModel } from '../../tree/parse-page.ts';
import { defineRule, type RuleContext } from './define-rule.ts';
import { forgeRepoFrom, pathInRoot } from '../../src/lib/forge-links.ts';
import { matchAnchor } from './support/anchor-match.ts';
import { findRepoLintConfig } from './support/repo-lint-config.ts';
import { checkReferences, type ReferenceChecks } from './support/reference-checks.ts';
import { linkNouns } from './support/page-images.ts';
import { indexTree, relativeHref, type TreeIndex } from './support/tree-index.ts';

export default defineRule({
	id: 'internal-links',
	description:
		'Every link, image and reference definition lands where the forge would take it: a page, file or folder of the tree and a heading that exist, with the exact case (a path may leave the root and come back; `/x.md` is tried against the root, then the repository top; on a GitHub tree a fragment written in another case, `#Motivation`, reaches it as on GitHub, and the site writes the id it reaches). A link to a repository file outside the root is a link to it on the forge (`site.repoUrl`), else a warning; one leaving the repository is an error. Every `[text][label]` reference is defined (except `[#123][author]` on a page with no definitions: release notes, text by intent on every CommonMark tool) and every definition used. The site marks each broken link where it stands (the reason on hover and focus) and shows a missing image as a box saying so, judged by the same code.',
	defaultSeverity: 'error',
	examples: {
		ok: [
			{
				title: 'links to pages, folders, headings (duplicates get `-1`), explicit ids, HTML anchors and images; `/` starts at the root',
				files: {
					'README.md': '# Home\n\n[Ops](erp/ops.md#roll-back) · [ERP](erp/) · [Again](erp/ops.md#verify-1) · [Id](erp/ops.md#custom) · [Html](erp/ops.md#legacy)\n\n![Diagram](erp/flow.png)\n\n[Ref][ops]\n\n[ops]: erp/ops.md\n',
					'erp/README.md': '# ERP\n\n[Home](../README.md) · [Ops from the root](/erp/ops.md#verify) · [Live status](/status/)\n',
					'erp/ops.md': '# Ops\n\n## Roll back\n\n## Verify\n\n## Verify\n\n## Custom heading {#custom}\n\n<a name="legacy"></a>\n',
					'erp/flow.png': 'png',
				},
			},
			{
				title: 'a text fragment, which browsers scroll to and highlight: only an id before `:~:` is looked for',
				files: {
					'README.md': '# Home\n\n[Timeout](erp/ops.md#:~:text=timeout.reconciliation) · [Verify, then the line](erp/ops.md#verify:~:text=rows)\n',
					'erp/ops.md': '# Ops\n\n## Verify\n\nSet `timeout.reconciliation` to `180s`.\n',
				},
			},
			{
				title: 'root-absolute links, a folder without a README (the site lists it, as GitHub and GitLab do), index chains in prose',
				files: {
					'README.md': '# Home\n\n[Ops](/erp/ops.md#verify) · [Dumps](dumps/)\n\nThe job logs `rows` as row["meta"]["rows"].\n',
					'erp/ops.md': '# Ops\n\n## Verify\n',
					'dumps/schema.sql': 'select 1;\n',
				},
			},
			{
				title: 'a change and its author in brackets on a page that defines no references: text by intent, as on every CommonMark tool',
				files: { 'README.md': '# Release notes\n\n- [#123][alice] Backups resume after a restart.\n' },
			},
			{
				title: 'raw HTML: only URL attributes are links (`data-src` is not), every `srcset` candidate is one',
				files: {
					'README.md': '# Home\n\n<div data-src="gone.png" data-href="gone.md"></div>\n\n<img src="map.png" srcset="map.png 1x, map-2x.png 2x" alt="Map">\n',
					'map.png': 'png',
					'map-2x.png': 'png',
				},
			},
		],
		notOk: [
			{
				title: 'missing files with near misses',
				files: { 'README.md': '# Home\n\nSee [restore](restor.md) and [ops](ops).\n', 'restore.md': '# Restore\n', 'ops.md': '# Ops\n' },
				output: [
					'README.md:3:5: Unexpected link to missing file `restor.md`, expected an existing file; did you mean `restore.md` (internal-links)',
					'README.md:3:30: Unexpected link to missing file `ops`, expected an existing file; did you mean `ops.md` (internal-links)',
				],
			},
			{
				title: 'missing heading with a near miss',
				files: { 'README.md': '# Home\n\n[Undo](ops.md#rollback)\n', 'ops.md': '# Ops\n\n## Roll back\n\n## Verify\n' },
				output: ['README.md:3:1: Unexpected link to missing heading `#rollback` in `ops.md`, expected one of `#ops`, `#roll-back`, `#verify`; did you mean `#roll-back` (internal-links)'],
			},
			{
				title: 'look-alike HTML attributes are no anchors; `id` and `<a name>` are',
				files: { 'README.md': '# Home\n\n[Restore](ops.md#restore) [Nothing](ops.md#nothing) [Legacy](ops.md#legacy)\n', 'ops.md': '# Ops\n\n<div data-id="restore" aria-name="nothing"></div>\n\n<a name="legacy"></a>\n' },
				output: [
					'README.md:3:1: Unexpected link to missing heading `#restore` in `ops.md`, expected one of `#ops`, `#legacy` (internal-links)',
					'README.md:3:27: Unexpected link to missing heading `#nothing` in `ops.md`, expected one of `#ops`, `#legacy` (internal-links)',
				],
			},
			{
				title: 'a root-absolute link to a file that is not there',
				files: { 'README.md': '# Home\n\n[Test](/test) · [Ops](/erp/opps.md)\n', 'erp/ops.md': '# Ops\n' },
				output: [
					'README.md:3:1: Unexpected link to missing file `/test`, expected an existing file (internal-links)',
					'README.md:3:17: Unexpected link to missing file `/erp/opps.md`, expected an existing file; did you mean `/erp/ops.md` (internal-links)',
				],
			},
			{
				title: 'folder without a README or index, on MkDocs (GitHub and GitLab list such a folder, and so does the site)',
				files: { 'mkdocs.yml': 'site_name: Ops\n', 'README.md': '# Home\n\n[ERP](erp/)\n', 'erp/ops.md': '# Ops\n' },
				output: ['README.md:3:1: Unexpected link to folder `erp/` without a README.md or index.md, expected a folder page; add `erp/README.md` (internal-links)'],
			},
			{
				title: 'GitLab: a heading id from before GitLab 17.0 (a warning: it works on older GitLab only)',
				files: { '.gitlab-ci.yml': 'stages: [test]\n', 'README.md': '# Home\n\n[Verify](ops.md#restore-verify)\n', 'ops.md': '# Ops\n\n## Restore + verify\n' },
				output: ['README.md:3:1: Unexpected link to `#restore-verify`, expected `#restore--verify`: `#restore-verify` is the id GitLab before 17.0 gave "Restore + verify" (it merged repeated hyphens), and works only there; GitLab 17.0 and later and GitHub use `#restore--verify` (internal-links)'],
			},
			{
				title: 'a link to an HTML report the site leaves out: there, but never published (its scripts would run on the site)',
				files: { 'mkdocs.yml': 'site_name: Ops\n', 'README.md': '# Home\n\n[Scan report](reports/scan.html)\n', 'reports/scan.html': '<html><body>report</body></html>\n' },
				output: [
					'README.md:3:1: Unexpected link to `reports/scan.html`, an `.html` file, which the site leaves out (a browser would run its scripts on the site), expected a page or file the site publishes; link to it on the forge, or rename it to `.txt` to publish its text (internal-links)',
				],
			},
			{
				title: 'paths no file system can hold (through a file, a name too long): missing, never a crash',
				files: { 'README.md': `# Home\n\n[Scan](README.md/scan.html) · [Dump](.github/README.md/x) · [Long](${'a'.repeat(300)}.html)\n` },
				output: [
					'README.md:3:1: Unexpected link to missing file `README.md/scan.html`, expected an existing file (internal-links)',
					'README.md:3:31: Unexpected link to missing file `.github/README.md/x`, expected an existing file (internal-links)',
					`README.md:3:61: Unexpected link to missing file \`${'a'.repeat(300)}.html\`, expected an existing file (internal-links)`,
				],
			},
			{
				title: 'a moved file, a link leaving the repository, a missing image, a case mismatch',
				files: {
					'README.md': '# Home\n\n[Restore](erp/restore.md)\n\n[Up](../outside.md)\n\n![Map](map.png)\n\n[Ops](OPS.md)\n',
					'ops.md': '# Ops\n',
					'db/restore.md': '# Restore\n',
				},
				output: [
					'README.md:3:1: Unexpected link to missing file `erp/restore.md`, expected an existing file; did you mean `db/restore.md` (internal-links)',
					'README.md:5:1: Unexpected link `../outside.md` leaving the repository, expected a path inside it (internal-links)',
					'README.md:7:1: Unexpected link to missing image `map.png`, expected an existing file (internal-links)',
					'README.md:9:1: Unexpected link to `OPS.md`, expected `ops.md`: the name differs in case, which works on macOS and Windows but is a 404 on Linux (internal-links)',
				],
			},
			{
				title: 'undefined reference and unused definition',
				files: { 'README.md': '# Home\n\nSee [the runbook][runbok].\n\n[runbook]: README.md\n' },
				output: [
					'README.md:3:5: Unexpected reference to undefined definition `[runbok]`, expected one of `[runbook]`; did you mean `[runbook]` (internal-links)',
					'README.md:5:1: Unexpected unused definition `[runbook]`, expected a reference to it or no definition (internal-links)',
				],
			},
		],
	},
	async check(ctx) {
		const index = indexTree(ctx.tree);
		// The repository's own lint config may turn these off (markdownlint MD052, MD053).
		const repo = (await findRepoLintConfig(ctx.tree))?.rules;
		const references = { undefined: repo?.get('no-undefined-references') !== 'off', unused: repo?.get('no-unused-definitions') !== 'off' };
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			if (page) checkPage(ctx, index, page, references);
		}
	},
});


function checkPage(ctx: RuleContext, index: TreeIndex, page: PageModel, references: ReferenceChecks): void {
	// Header-block relations and the breadcrumb line have rules of their own.
	const owned = new Set<string>();
	for (const link of [...relationKeys.flatMap((key) => page.headerBlock?.[key] ?? []), ...(page.breadcrumbLine?.links ?? [])]) {
		owned.add(`${link.line}:${link.column}`);
	}
	const nounOf = linkNouns(page);
	for (const link of page.links) {
		if (owned.has(`${link.position.line}:${link.position.column}`)) continue;
		const problem = linkProblem(ctx, index, page.path, link.url, nounOf(link));
		if (problem && !problem.reportedBy) ctx.report({ file: page.path, position: link.position, message: problem.message, ...(problem.severity && { severity: problem.severity }) });
	}
	checkReferences(ctx, page, references);
}

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
export function linkProblem(ctx: LinkContext, index: TreeIndex, fromPath: string, href: string, noun: 'file' | 'image' = 'file'): LinkProblem | undefined {
	// The rule and the site's marks (`integration/link-verdicts.ts`) judge every link of one tree: once.
	const byConfig = judgements.get(index) ?? new WeakMap<object, Map<string, LinkProblem | undefined>>();
	judgements.set(index, byConfig);
	const judged = byConfig.get(ctx.config) ?? new Map<string, LinkProblem | undefined>();
	byConfig.set(ctx.config, judged);
	const key = `${fromPath}\0${href}\0${noun}`;
	if (!judged.has(key)) judged.set(key, judgeLink(ctx, index, fromPath, href, noun));
	return judged.get(key);
}

const judgements = new WeakMap<TreeIndex, WeakMap<object, Map<string, LinkProblem | undefined>>>();

/**
 * The id a link's fragment reaches when it is not the fragment as written: on GitHub, which looks
 * a fragment up in lower case too, `#Motivation` reaches `motivation`. The site writes that id, so
 * the link works there as on the forge (a browser matches ids exactly).
 */
export function landingFragment(ctx: LinkContext, index: TreeIndex, fromPath: string, href: string): string | undefined {
	if (forgeCase(ctx.tree) === undefined || !href.includes('#')) return undefined;
	const resolved = index.resolve(fromPath, href);
	if (!resolved) return undefined;
	const { target, hash } = resolved;
	const path = target.kind === 'page' ? target.path : target.kind === 'folder' ? target.page : undefined;
	const page = path === undefined ? undefined : ctx.tree.pages.get(path);
	if (!page) return undefined;
	const match = matchAnchor(page, hash, forgeCase(ctx.tree));
	return match.kind === 'found' ? match.landsOn : undefined;
}

/** The dialect whose pages look fragments up as GitHub's do: GitHub's, not an mdBook read as GitHub Markdown (its pages match ids exactly). */
function forgeCase(tree: LinkContext['tree']): 'github' | undefined {
	return tree.dialect.name === 'github' && !tree.mdbook ? 'github' : undefined;
}

function judgeLink(ctx: LinkContext, index: TreeIndex, fromPath: string, href: string, noun: 'file' | 'image'): LinkProblem | undefined {
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
				? { message: `Unexpected link \`${written}\` leaving the repository, expected a path inside it` }
				: { message: `Unexpected link \`${written}\` leaving the guidebook root, expected a path inside the root` };
		case 'repository':
			// Images are bundled into the site wherever they are; other files link to the forge. A
			// secret by its name (`.env`) is `readable-files`' error, never a file to link on the forge.
			if (noun === 'image' || forgeRepoFrom(ctx.config.site) || secretByName(target.path)) return undefined;
			return {
				severity: 'warning',
				message: `Unexpected link to \`${written}\`${pathInRoot(ctx.tree.place, target.path) !== undefined ? `, ${unpublishedWhy}` : ' outside the guidebook root'}, expected a page or file the site publishes; set \`site.repoUrl\` so the site links to it on the forge`,
			};
		case 'not-held':
			// On disk, but not the branch's: one finding, `readable-files`' (the file is left out), at the link.
			return { severity: 'warning', reportedBy: 'readable-files', message: `Unexpected link to \`${written}\`, a ${target.reason}, expected a file the branch commits. ${target.fix}` };
		case 'ignored':
			return { message: `Unexpected link to \`${written}\`, a file git ignores (on disk here but not in the repository: neither the forge nor the site has it), expected a file of the repository` };
		case 'unpublished':
			// A picture is bundled from where it is, like one outside the root.
			if (noun === 'image') return undefined;
			return { message: `Unexpected link to \`${written}\`, ${unpublishedWhy}, expected a page or file the site publishes; move the file out of there, or link to where it is published` };
		case 'active':
			return { message: `Unexpected link to \`${written}\`, an \`${extname(target.path).toLowerCase()}\` file, which the site leaves out (a browser would run its scripts on the site), expected a page or file the site publishes; link to it on the forge, or rename it to \`.txt\` to publish its text` };
		case 'case-mismatch':
			return { message: `Unexpected link to \`${written}\`, expected \`${suggest(target.actual)}\`: the name differs in case, which works on macOS and Windows but is a 404 on Linux` };
		case 'missing': {
			// A suggestion that reads as the link itself would send the reader round in a circle.
			const suggestion = target.suggestion === undefined ? undefined : suggest(target.suggestion);
			return { message: `Unexpected link to missing ${noun} \`${written}\`, expected an existing file${suggestion !== undefined && suggestion !== written ? `; did you mean \`${suggestion}\`` : ''}` };
		}
		case 'folder':
			if (target.page) return anchorProblem(ctx, fromPath, target.page, hash);
			// A folder without a README or index that the site lists, as the forge does (`tree/dialect/navigation.ts`).
			if (ctx.tree.generatedFolders.has(target.path)) return undefined;
			return {
				message: `Unexpected link to folder \`${target.path === '' ? './' : `${written.replace(/\/$/, '')}/`}\` without a README.md or index.md, expected a folder page; add \`${target.path === '' ? '' : `${target.path}/`}README.md\``,
			};
		case 'page':
			return anchorProblem(ctx, fromPath, target.path, hash);
		case 'asset':
			return undefined;
	}
}

/** Why a file of the root is not on the site (`src/lib/unpublished-names.ts`). */
const unpublishedWhy = 'which the site never publishes (hidden files and folders, `node_modules` and `dist` are left out)';


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

function anchorProblem(ctx: LinkContext, fromPath: string, pagePath: string, hash: string): LinkProblem | undefined {
	const page = ctx.tree.pages.get(pagePath);
	// An unreadable page is reported by `readable-files`; its anchors are unknown.
	if (!page) return undefined;
	const match = matchAnchor(page, hash, forgeCase(ctx.tree));
	if (match.kind === 'found') return undefined;
	if (match.kind === 'legacy') {
		// Works on GitLab before 17.0 only (and on this site, which answers both ids): a warning naming both forms.
		const heading = page.headings.find((h) => h.slug === match.current)?.text.trim() ?? match.current;
		return { severity: 'warning', message: `Unexpected link to \`#${hash}\`, expected \`#${match.current}\`: \`#${hash}\` is the id GitLab before 17.0 gave "${heading}" (it merged repeated hyphens), and works only there; GitLab 17.0 and later and GitHub use \`#${match.current}\`` };
	}
	const where = pagePath === fromPath ? '' : ` in \`${pagePath}\``;
	const { anchors, suggestion } = match;
	if (anchors.length === 0) return { message: `Unexpected link to missing heading \`#${hash}\`${where}, expected a heading there; the page has none` };
	const shown = anchors.slice(0, 8).map((a) => `\`#${a}\``).join(', ') + (anchors.length > 8 ? `, … (${anchors.length} in all)` : '');
	return { message: `Unexpected link to missing heading \`#${hash}\`${where}, expected one of ${shown}${suggestion ? `; did you mean \`#${suggestion}\`` : ''}` };
}
