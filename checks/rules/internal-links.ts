import { relationKeys, type PageModel } from '../../tree/parse-page.ts';
import { defineRule, type RuleContext } from './define-rule.ts';
import { findRepoLintConfig } from './support/repo-lint-config.ts';
import { checkReferences, type ReferenceChecks } from './support/reference-checks.ts';
import { linkNouns } from './support/page-images.ts';
import { linkProblem } from './support/link-judgement.ts';
import { indexTree } from './support/tree-index.ts';
import type { TreeIndex } from './support/tree-index-answers.ts';

export default defineRule({
	id: 'internal-links',
	description:
		'Every link, image and reference definition lands where the forge would take it: a page, file or folder of the tree and a heading that exist, with the exact case (a path may leave the root and come back; `/x.md` is tried against the root, then the repository top; on a GitHub tree a fragment written in another case, `#Motivation`, reaches it as on GitHub, and the site writes the id it reaches). A link to a repository file outside the root is a link to it on the forge (`site.repoUrl`), else a warning; one leaving the repository is an error. Every `[text][label]` reference is defined (except `[#123][author]` on a page with no definitions: release notes, text by intent on every CommonMark tool) and every definition used. The site marks each broken link where it stands (the reason on hover and focus) and shows a missing image as a box saying so, judged by the same code.',
	defaultSeverity: 'error',
	examples: {
		ok: [
			{
				title:
					'links to pages, folders, headings (duplicates get `-1`), explicit ids, HTML anchors and images; `/` starts at the root',
				files: {
					'README.md':
						'# Home\n\n[Ops](erp/ops.md#roll-back) · [ERP](erp/) · [Again](erp/ops.md#verify-1) · [Id](erp/ops.md#custom) · [Html](erp/ops.md#legacy)\n\n![Diagram](erp/flow.png)\n\n[Ref][ops]\n\n[ops]: erp/ops.md\n',
					'erp/README.md':
						'# ERP\n\n[Home](../README.md) · [Ops from the root](/erp/ops.md#verify) · [Live status](/status/)\n',
					'erp/ops.md':
						'# Ops\n\n## Roll back\n\n## Verify\n\n## Verify\n\n## Custom heading {#custom}\n\n<a name="legacy"></a>\n',
					'erp/flow.png': 'png',
				},
			},
			{
				title:
					'a text fragment, which browsers scroll to and highlight: only an id before `:~:` is looked for',
				files: {
					'README.md':
						'# Home\n\n[Timeout](erp/ops.md#:~:text=timeout.reconciliation) · [Verify, then the line](erp/ops.md#verify:~:text=rows)\n',
					'erp/ops.md': '# Ops\n\n## Verify\n\nSet `timeout.reconciliation` to `180s`.\n',
				},
			},
			{
				title:
					'root-absolute links, a folder without a README (the site lists it, as GitHub and GitLab do), index chains in prose',
				files: {
					'README.md':
						'# Home\n\n[Ops](/erp/ops.md#verify) · [Dumps](dumps/)\n\nThe job logs `rows` as row["meta"]["rows"].\n',
					'erp/ops.md': '# Ops\n\n## Verify\n',
					'dumps/schema.sql': 'select 1;\n',
				},
			},
			{
				title:
					'a change and its author in brackets on a page that defines no references: text by intent, as on every CommonMark tool',
				files: {
					'README.md': '# Release notes\n\n- [#123][alice] Backups resume after a restart.\n',
				},
			},
			{
				title:
					'raw HTML: only URL attributes are links (`data-src` is not), every `srcset` candidate is one',
				files: {
					'README.md':
						'# Home\n\n<div data-src="gone.png" data-href="gone.md"></div>\n\n<img src="map.png" srcset="map.png 1x, map-2x.png 2x" alt="Map">\n',
					'map.png': 'png',
					'map-2x.png': 'png',
				},
			},
		],
		notOk: [
			{
				title: 'missing files with near misses',
				files: {
					'README.md': '# Home\n\nSee [restore](restor.md) and [ops](ops).\n',
					'restore.md': '# Restore\n',
					'ops.md': '# Ops\n',
				},
				output: [
					'README.md:3:5: Unexpected link to missing file `restor.md`, expected an existing file; did you mean `restore.md` (internal-links)',
					'README.md:3:30: Unexpected link to missing file `ops`, expected an existing file; did you mean `ops.md` (internal-links)',
				],
			},
			{
				title: 'missing heading with a near miss',
				files: {
					'README.md': '# Home\n\n[Undo](ops.md#rollback)\n',
					'ops.md': '# Ops\n\n## Roll back\n\n## Verify\n',
				},
				output: [
					'README.md:3:1: Unexpected link to missing heading `#rollback` in `ops.md`, expected one of `#ops`, `#roll-back`, `#verify`; did you mean `#roll-back` (internal-links)',
				],
			},
			{
				title: 'look-alike HTML attributes are no anchors; `id` and `<a name>` are',
				files: {
					'README.md':
						'# Home\n\n[Restore](ops.md#restore) [Nothing](ops.md#nothing) [Legacy](ops.md#legacy)\n',
					'ops.md':
						'# Ops\n\n<div data-id="restore" aria-name="nothing"></div>\n\n<a name="legacy"></a>\n',
				},
				output: [
					'README.md:3:1: Unexpected link to missing heading `#restore` in `ops.md`, expected one of `#ops`, `#legacy` (internal-links)',
					'README.md:3:27: Unexpected link to missing heading `#nothing` in `ops.md`, expected one of `#ops`, `#legacy` (internal-links)',
				],
			},
			{
				title: 'a root-absolute link to a file that is not there',
				files: {
					'README.md': '# Home\n\n[Test](/test) · [Ops](/erp/opps.md)\n',
					'erp/ops.md': '# Ops\n',
				},
				output: [
					'README.md:3:1: Unexpected link to missing file `/test`, expected an existing file (internal-links)',
					'README.md:3:17: Unexpected link to missing file `/erp/opps.md`, expected an existing file; did you mean `/erp/ops.md` (internal-links)',
				],
			},
			{
				title:
					'folder without a README or index, on MkDocs (GitHub and GitLab list such a folder, and so does the site)',
				files: {
					'mkdocs.yml': 'site_name: Ops\n',
					'README.md': '# Home\n\n[ERP](erp/)\n',
					'erp/ops.md': '# Ops\n',
				},
				output: [
					'README.md:3:1: Unexpected link to folder `erp/` without a README.md or index.md, expected a folder page; add `erp/README.md` (internal-links)',
				],
			},
			{
				title:
					'GitLab: a heading id from before GitLab 17.0 (a warning: it works on older GitLab only)',
				files: {
					'.gitlab-ci.yml': 'stages: [test]\n',
					'README.md': '# Home\n\n[Verify](ops.md#restore-verify)\n',
					'ops.md': '# Ops\n\n## Restore + verify\n',
				},
				output: [
					'README.md:3:1: Unexpected link to `#restore-verify`, expected `#restore--verify`: `#restore-verify` is the id GitLab before 17.0 gave "Restore + verify" (it merged repeated hyphens), and works only there; GitLab 17.0 and later and GitHub use `#restore--verify` (internal-links)',
				],
			},
			{
				title:
					'mdBook: a link to a Markdown file `SUMMARY.md` lists as no chapter (the book, and the site, have no page for it; its own links go unchecked)',
				files: {
					'book.toml': '[book]\nsrc = "."\n',
					'SUMMARY.md': '# Summary\n\n- [Home](README.md)\n',
					'README.md': '# Home\n\n[Alert template](templates/alert.md)\n',
					'templates/alert.md': '# Alert\n\n[Gone](gone.md)\n',
				},
				output: [
					'README.md:3:1: Unexpected link to `templates/alert.md`, a Markdown file `SUMMARY.md` lists as no chapter, which mdBook builds no page for, expected a page or file the site publishes; add it to `SUMMARY.md`, or link to a chapter (internal-links)',
				],
			},
			{
				title:
					'a link to an HTML report the site leaves out: there, but never published (its scripts would run on the site)',
				files: {
					'mkdocs.yml': 'site_name: Ops\n',
					'README.md': '# Home\n\n[Scan report](reports/scan.html)\n',
					'reports/scan.html': '<html><body>report</body></html>\n',
				},
				output: [
					'README.md:3:1: Unexpected link to `reports/scan.html`, an `.html` file, which the site leaves out (a browser would run its scripts on the site), expected a page or file the site publishes; link to it on the forge, or rename it to `.txt` to publish its text (internal-links)',
				],
			},
			{
				title:
					'paths no file system can hold (through a file, a name too long): missing, never a crash',
				files: {
					'README.md': `# Home\n\n[Scan](README.md/scan.html) · [Dump](.github/README.md/x) · [Long](${'a'.repeat(300)}.html)\n`,
				},
				output: [
					'README.md:3:1: Unexpected link to missing file `README.md/scan.html`, expected an existing file (internal-links)',
					'README.md:3:31: Unexpected link to missing file `.github/README.md/x`, expected an existing file (internal-links)',
					`README.md:3:61: Unexpected link to missing file \`${'a'.repeat(300)}.html\`, expected an existing file (internal-links)`,
				],
			},
			{
				title: 'a moved file, a link leaving the repository, a missing image, a case mismatch',
				files: {
					'README.md':
						'# Home\n\n[Restore](erp/restore.md)\n\n[Up](../outside.md)\n\n![Map](map.png)\n\n[Ops](OPS.md)\n',
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
		const references = {
			undefined: repo?.get('no-undefined-references') !== 'off',
			unused: repo?.get('no-unused-definitions') !== 'off',
		};
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			if (page) checkPage(ctx, index, page, references);
		}
	},
});

function checkPage(
	ctx: RuleContext,
	index: TreeIndex,
	page: PageModel,
	references: ReferenceChecks,
): void {
	// Header-block relations and the breadcrumb line have rules of their own.
	const owned = new Set<string>();
	for (const link of [
		...relationKeys.flatMap((key) => page.headerBlock?.[key] ?? []),
		...(page.breadcrumbLine?.links ?? []),
	]) {
		owned.add(`${link.line}:${link.column}`);
	}
	const nounOf = linkNouns(page);
	for (const link of page.links) {
		if (owned.has(`${link.position.line}:${link.position.column}`)) continue;
		const problem = linkProblem(ctx, index, page.path, link.url, nounOf(link));
		if (problem && !problem.reportedBy)
			ctx.report({
				file: page.path,
				position: link.position,
				message: problem.message,
				...(problem.severity && { severity: problem.severity }),
			});
	}
	checkReferences(ctx, page, references);
}
