import { dirnameOf } from '../../src/lib/routes.ts';
import { relationHrefs } from '../../tree/parse-page.ts';
import { defineRule } from './define-rule.ts';
import { indexTree } from './support/tree-index.ts';

export default defineRule({
	id: 'orphan-pages',
	description:
		'Off unless `checks.rules` turns it on: every page except the root README is linked from at least one other page (a link, a folder link or a relation) or from outside the tree (an alert\'s runbook URL); a page nobody links to is a warning. Runbook trees are often reached from alerts, not from each other, so this is no default.',
	defaultSeverity: 'off',
	examples: {
		ok: [{ title: 'every page reachable', files: { 'README.md': '# Home\n\n[Ops](erp/)\n', 'erp/README.md': '# ERP\n\n[Restore](restore.md)\n', 'erp/restore.md': '# Restore\n' } }],
		notOk: [
			{
				title: 'a page no other page links to',
				files: { 'README.md': '# Home\n', 'old-runbook.md': '# Old runbook\n\n[Home](README.md)\n' },
				output: ['old-runbook.md:1:1: Unexpected orphan page that no other page links to, expected a link from a page such as its folder page `README.md` (orphan-pages)'],
			},
		],
	},
	check(ctx) {
		const index = indexTree(ctx.tree);
		const linked = new Set<string>();
		for (const page of ctx.tree.pages.values()) {
			for (const href of [...page.links.map((l) => l.url), ...relationHrefs(page.frontmatter?.data)]) {
				const target = index.resolve(page.path, href)?.target;
				const path = target?.kind === 'page' ? target.path : target?.kind === 'folder' ? target.page : undefined;
				if (path && path !== page.path) linked.add(path);
			}
		}
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			if (!page || linked.has(path) || ctx.linkedFromOutside.has(page.route) || index.folderPage('') === path) continue;
			// A generated folder page lists the pages of its folder.
			if (ctx.tree.generatedFolders.has(dirnameOf(path))) continue;
			const parent = index.folderPage(dirnameOf(path));
			const from = parent && parent !== path ? `its folder page \`${parent}\`` : 'the folder page above it';
			ctx.report({ file: path, position: { line: 1, column: 1 }, severity: 'warning', message: `Unexpected orphan page that no other page links to, expected a link from a page such as ${from}` });
		}
	},
});
