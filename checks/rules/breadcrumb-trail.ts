import { dirnameOf, isFolderPage } from '../../markdown/routes.ts';
import { defineRule } from './define-rule.ts';
import { indexTree, relativeHref } from './support/tree-index.ts';

export default defineRule({
	id: 'breadcrumb-trail',
	description:
		'A hand-written breadcrumb line (`[Home](../README.md) > [ERP](README.md) > **Page**`) links the ancestor folder pages, from the root down to the parent, as the folder tree has them.',
	defaultSeverity: 'error',
	examples: {
		ok: [
			{
				title: 'the trail matches the folders',
				files: {
					'README.md': '# Home\n',
					'erp/README.md': '[Home](../README.md) > **ERP**\n\n# ERP\n',
					'erp/ops.md':
						'[Home](../README.md) > [ERP](README.md) > **Operations**\n\n# Operations\n',
				},
			},
		],
		notOk: [
			{
				title: 'a trail from before the page moved',
				files: {
					'README.md': '# Home\n',
					'erp/README.md': '# ERP\n',
					'erp/db/restore.md':
						'[Home](../../README.md) > [Ops](../ops.md) > **Restore**\n\n# Restore\n',
				},
				output: [
					'erp/db/restore.md:1:27: Unexpected breadcrumb link to `../ops.md`, expected an ancestor folder page: one of `../../README.md`, `../README.md` (breadcrumb-trail)',
					'erp/db/restore.md:1:27: Unexpected breadcrumb trail ending at `../ops.md`, expected it to end at the nearest folder page above this page, `../README.md` (breadcrumb-trail)',
				],
			},
		],
	},
	check(ctx) {
		const index = indexTree(ctx.tree);
		for (const path of ctx.targets) {
			const line = ctx.tree.pages.get(path)?.breadcrumbLine;
			if (!line) continue;
			const ancestors = ancestorFolderPages(path, (folder) => index.folderPage(folder));
			const expected = ancestors.map((a) => `\`${relativeHref(path, a)}\``).join(', ');
			let lastDepth = -1;
			let lastResolved: string | undefined;
			for (const link of line.links) {
				const position = { line: link.line ?? 1, column: link.column ?? 1 };
				const target = index.resolve(path, link.url)?.target;
				// Forge trees often start the trail above the guidebook root (the repository README).
				if (!target || target.kind === 'outside') continue;
				const resolved =
					target.kind === 'folder' ? target.page : target.kind === 'page' ? target.path : undefined;
				const depth = resolved ? ancestors.indexOf(resolved) : -1;
				lastResolved = resolved ?? link.url;
				if (depth === -1) {
					ctx.report({
						file: path,
						position,
						message: `Unexpected breadcrumb link to \`${link.url}\`, expected an ancestor folder page: ${ancestors.length > 0 ? `one of ${expected}` : 'none, this page is at the root'}`,
					});
				} else if (depth <= lastDepth) {
					ctx.report({
						file: path,
						position,
						message: `Unexpected breadcrumb link to \`${link.url}\` out of order, expected the folder pages from the root down: ${expected}`,
					});
				}
				if (depth !== -1) lastDepth = Math.max(lastDepth, depth);
			}
			const parent = ancestors.at(-1);
			const lastLink = line.links.at(-1);
			if (parent && lastLink && lastResolved !== undefined && lastResolved !== parent) {
				ctx.report({
					file: path,
					position: { line: lastLink.line ?? 1, column: lastLink.column ?? 1 },
					message: `Unexpected breadcrumb trail ending at \`${lastLink.url}\`, expected it to end at the nearest folder page above this page, \`${relativeHref(path, parent)}\``,
				});
			}
		}
	},
});

/** Folder pages of every folder above `path`, root first; a folder page's own folder is excluded. */
function ancestorFolderPages(
	path: string,
	folderPage: (folder: string) => string | undefined,
): string[] {
	let folder = dirnameOf(path);
	const chain: string[] = [];
	if (isFolderPage(path)) folder = folder === '' ? '\0' : dirnameOf(folder);
	while (folder !== '\0') {
		const page = folderPage(folder);
		if (page && page !== path) chain.unshift(page);
		folder = folder === '' ? '\0' : dirnameOf(folder);
	}
	return chain;
}
