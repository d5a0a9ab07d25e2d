import type { Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { relationKeys, type PageModel } from '../../tree/parse-page.ts';
import { createLocator } from '../../core/position.ts';
import type { Position } from '../finding.ts';
import { defineRule, type RuleContext } from './define-rule.ts';
import { indexTree, relativeHref, suggestAnchor, type TreeIndex } from './support/tree-index.ts';

export default defineRule({
	id: 'internal-links',
	description:
		'Every relative or root-absolute (`/erp/ops.md`, resolved from the root) link, image and reference definition lands on a file, folder page and heading that exist, inside the root, with the exact case; every reference is defined and every definition used.',
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
				title: 'folder without a README or index',
				files: { 'README.md': '# Home\n\n[ERP](erp/)\n', 'erp/ops.md': '# Ops\n' },
				output: ['README.md:3:1: Unexpected link to folder `erp/` without a README.md or index.md, expected a folder page; add `erp/README.md` (internal-links)'],
			},
			{
				title: 'link leaving the root, missing image, case mismatch',
				files: { 'README.md': '# Home\n\n[Up](../outside.md)\n\n![Map](map.png)\n\n[Ops](OPS.md)\n', 'ops.md': '# Ops\n' },
				output: [
					'README.md:3:1: Unexpected link `../outside.md` leaving the guidebook root, expected a path inside the root (internal-links)',
					'README.md:5:1: Unexpected link to missing image `map.png`, expected an existing file (internal-links)',
					'README.md:7:1: Unexpected link to `OPS.md`, expected `ops.md`: the name differs in case, which works on macOS and Windows but is a 404 on Linux (internal-links)',
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
	check(ctx) {
		const index = indexTree(ctx.tree);
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			if (page) checkPage(ctx, index, page);
		}
	},
});

function checkPage(ctx: RuleContext, index: TreeIndex, page: PageModel): void {
	// Header-block relations and the breadcrumb line have rules of their own.
	const owned = new Set<string>();
	for (const link of [...relationKeys.flatMap((key) => page.headerBlock?.[key] ?? []), ...(page.breadcrumbLine?.links ?? [])]) {
		owned.add(`${link.line}:${link.column}`);
	}
	for (const link of page.links) {
		if (owned.has(`${link.position.line}:${link.position.column}`)) continue;
		const message = linkProblem(ctx, index, page.path, link.url, link.kind === 'image' ? 'image' : 'file');
		if (message) ctx.report({ file: page.path, position: link.position, message });
	}
	checkReferences(ctx, page);
}

/** Why `href` written in `fromPath` is broken, or `undefined` when it lands. Shared with `relations`. */
export function linkProblem(ctx: RuleContext, index: TreeIndex, fromPath: string, href: string, noun: 'file' | 'image' = 'file'): string | undefined {
	const resolved = index.resolve(fromPath, href);
	if (!resolved) return undefined;
	const { target, hash } = resolved;
	const written = href.replace(/#.*$/, '');
	switch (target.kind) {
		case 'outside':
			return `Unexpected link \`${written}\` leaving the guidebook root, expected a path inside the root`;
		case 'case-mismatch':
			return `Unexpected link to \`${written}\`, expected \`${hrefAsWritten(fromPath, href, target.actual)}\`: the name differs in case, which works on macOS and Windows but is a 404 on Linux`;
		case 'missing':
			return `Unexpected link to missing ${noun} \`${written}\`, expected an existing file${target.suggestion ? `; did you mean \`${hrefAsWritten(fromPath, href, target.suggestion)}\`` : ''}`;
		case 'folder':
			if (!target.page) {
				const folder = target.path === '' ? './' : `${written.replace(/\/$/, '')}/`;
				return `Unexpected link to folder \`${folder}\` without a README.md or index.md, expected a folder page; add \`${target.path === '' ? '' : `${target.path}/`}README.md\``;
			}
			return anchorProblem(ctx, fromPath, target.page, hash);
		case 'page':
			return anchorProblem(ctx, fromPath, target.path, hash);
		case 'asset':
			return undefined;
	}
}

/** An href to `toPath` in the style `href` was written in: root-absolute, or relative to the page. */
function hrefAsWritten(fromPath: string, href: string, toPath: string): string {
	return href.startsWith('/') ? `/${toPath}` : relativeHref(fromPath, toPath);
}

function anchorProblem(ctx: RuleContext, fromPath: string, pagePath: string, hash: string): string | undefined {
	if (hash === '' || hash === 'top') return undefined;
	const page = ctx.tree.pages.get(pagePath);
	// An unreadable page is reported by `readable-files`; its anchors are unknown.
	if (!page || page.anchors.has(hash)) return undefined;
	const where = pagePath === fromPath ? '' : ` in \`${pagePath}\``;
	const anchors = [...page.anchors];
	if (anchors.length === 0) return `Unexpected link to missing heading \`#${hash}\`${where}, expected a heading there; the page has none`;
	const shown = anchors.slice(0, 8).map((a) => `\`#${a}\``).join(', ') + (anchors.length > 8 ? `, … (${anchors.length} in all)` : '');
	const suggestion = suggestAnchor(hash, anchors);
	return `Unexpected link to missing heading \`#${hash}\`${where}, expected one of ${shown}${suggestion ? `; did you mean \`#${suggestion}\`` : ''}`;
}

const normalise = (label: string): string => label.toLowerCase().replace(/\s+/g, ' ').trim();

/** `[text][label]` left as text means the label has no definition; unused definitions are warnings. */
function checkReferences(ctx: RuleContext, page: PageModel): void {
	const defined = new Set(page.definitions.map((d) => normalise(d.identifier)));
	const used = new Set(page.references.map((r) => normalise(r.identifier)));
	const definitionLabels = page.definitions.map((d) => d.identifier);
	visit(page.tree, 'text', (node: Text) => {
		if (!node.position || !node.value.includes('][')) return;
		for (const match of node.value.matchAll(/\[([^\]\n]*)\]\[([^\]\n]*)\]/g)) {
			const label = normalise(match[2] || match[1] || '');
			if (label === '' || defined.has(label)) continue;
			const position = offsetPosition(node.position.start, node.value, match.index);
			const suggestion = definitionLabels.length > 0 ? suggestAnchor(label, definitionLabels) : undefined;
			const expected = definitionLabels.length > 0 ? `one of ${definitionLabels.slice(0, 8).map((l) => `\`[${l}]\``).join(', ')}` : 'a definition such as `[label]: path.md`';
			ctx.report({ file: page.path, position, message: `Unexpected reference to undefined definition \`[${label}]\`, expected ${expected}${suggestion ? `; did you mean \`[${suggestion}]\`` : ''}` });
		}
	});
	for (const definition of page.definitions) {
		if (used.has(normalise(definition.identifier))) continue;
		ctx.report({ file: page.path, position: definition.position, severity: 'warning', message: `Unexpected unused definition \`[${definition.identifier}]\`, expected a reference to it or no definition` });
	}
}

/** Where `offset` of a node's value lies in the page, counted from the node's start. */
function offsetPosition(start: Position, value: string, offset: number): Position {
	const at = createLocator(value)(offset);
	return at.line === 1 ? { line: start.line, column: start.column + at.column - 1 } : { line: start.line + at.line - 1, column: at.column };
}
