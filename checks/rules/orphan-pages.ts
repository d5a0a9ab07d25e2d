import { indexRunbooks } from '../../alerts/runbook-index.ts';
import { dirnameOf } from '../../markdown/routes.ts';
import { relationHrefs } from '../../tree/parse-page.ts';
import { defineRule } from './define-rule.ts';
import { indexTree } from './support/tree-index.ts';

export default defineRule({
	id: 'orphan-pages',
	description:
		"Off unless `checks.rules` turns it on: every page except the root README is linked from at least one other page (a link, a folder link or a relation) or from an alert's `runbook_url`, or is one MkDocs' `not_in_nav` leaves out of navigation on purpose; a page nobody links to is a warning. Runbook trees are often reached from alerts, not from each other, so this is no default.",
	defaultSeverity: 'off',
	examples: {
		ok: [
			{
				title: 'every page reachable',
				files: {
					'README.md': '# Home\n\n[Ops](erp/)\n',
					'erp/README.md': '# ERP\n\n[Restore](restore.md)\n',
					'erp/restore.md': '# Restore\n',
				},
			},
			{
				title: 'a runbook page only an alert links to',
				config: {
					site: { url: 'https://runbooks.example.com' },
					alerts: { rules: ['alerts/*.yml'] },
				},
				files: {
					'README.md': '# Home\n',
					'ErpDown.md': '# ERP is down\n',
					'alerts/erp.rules.yml':
						'groups:\n  - name: erp\n    rules:\n      - alert: ErpDown\n        expr: up{job="erp"} == 0\n        annotations:\n          runbook_url: https://runbooks.example.com/ErpDown/\n',
				},
			},
		],
		notOk: [
			{
				title: 'a page no other page links to',
				files: {
					'README.md': '# Home\n',
					'old-runbook.md': '# Old runbook\n\n[Home](README.md)\n',
				},
				output: [
					'old-runbook.md:1:1: Unexpected orphan page that no other page links to, expected a link from a page such as its folder page `README.md` (orphan-pages)',
				],
			},
		],
	},
	check(ctx) {
		const tree = indexTree(ctx.tree);
		const linked = new Set<string>();
		for (const page of ctx.tree.pages.values()) {
			for (const href of [
				...page.links.map((l) => l.url),
				...relationHrefs(page.frontmatter?.data),
			]) {
				const target = tree.resolve(page.path, href)?.target;
				const path =
					target?.kind === 'page'
						? target.path
						: target?.kind === 'folder'
							? target.page
							: undefined;
				if (path && path !== page.path) linked.add(path);
			}
		}
		// On-call readers arrive from an alert's runbook_url; such a page is linked, from outside the site.
		const index = indexRunbooks(ctx.alerts, ctx.tree, {
			url: ctx.config.site.url,
			base: ctx.config.site.base,
		});
		for (const [path, alerts] of index.byPage)
			if (alerts.some((a) => a.via === 'runbook_url')) linked.add(path);
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			// MkDocs `not_in_nav`: reached some other way, on purpose.
			if (!page || page.nav?.notInNav || linked.has(path) || tree.folderPage('') === path) continue;
			// A generated folder page lists the pages of its folder.
			if (ctx.tree.generatedFolders.has(dirnameOf(path))) continue;
			const parent = tree.folderPage(dirnameOf(path));
			const from =
				parent && parent !== path ? `its folder page \`${parent}\`` : 'the folder page above it';
			ctx.report({
				file: path,
				position: { line: 1, column: 1 },
				severity: 'warning',
				message: `Unexpected orphan page that no other page links to, expected a link from a page such as ${from}`,
			});
		}
	},
});
