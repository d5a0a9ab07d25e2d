import { dirnameOf } from '../../src/lib/routes.ts';
import { relationHrefs } from '../../tree/parse-page.ts';
import { defineRule } from './define-rule.ts';
import { indexTree } from './support/tree-index.ts';

export default defineRule({
	id: 'orphan-pages',
	description:
		'Every page except the root README is linked from at least one other page (a link, a folder link or a relation); a page nobody links to is a warning.',
	defaultSeverity: 'warning',
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
			if (!ctx.tree.pages.has(path) || linked.has(path) || index.folderPage('') === path) continue;
			const parent = index.folderPage(dirnameOf(path));
			const from = parent && parent !== path ? `its folder page \`${parent}\`` : 'the folder page above it';
			ctx.report({ file: path, position: { line: 1, column: 1 }, severity: 'warning', message: `Unexpected orphan page that no other page links to, expected a link from a page such as ${from}` });
		}
	},
});
