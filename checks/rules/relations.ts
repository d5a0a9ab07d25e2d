import { positionOfKey, relationKeys } from '../../tree/parse-page.ts';
import type { Position } from '../finding.ts';
import { defineRule } from './define-rule.ts';
import { linkProblem } from './support/link-judgement.ts';
import { indexTree } from './support/tree-index.ts';

export default defineRule({
	id: 'relations',
	description:
		'Every `upstream`, `downstream` and `related` target, in frontmatter or in the header block, is a page that exists (reported at the line that names it).',
	defaultSeverity: 'error',
	examples: {
		ok: [
			{
				title: 'targets that exist',
				files: {
					'README.md': '---\ndownstream: [ops.md]\n---\n\n# Home\n',
					'ops.md': '# Ops\n\n> **Status:** Active\n> **Upstream:** [Home](README.md)\n',
				},
			},
		],
		notOk: [
			{
				title: 'missing targets in frontmatter and in the header block',
				files: {
					'README.md': '---\ndownstream:\n  - ops.md\n  - restor.md\n---\n\n# Home\n',
					'ops.md': '# Ops\n\n> **Status:** Active\n> **Related:** [Restore](restore.md)\n',
					'restore.md': '# Restore\n\n> **Status:** Active\n> **Upstream:** [Home](../README.md)\n',
				},
				output: [
					'README.md:4:5: Unexpected downstream link to missing file `restor.md`, expected an existing file; did you mean `restore.md` (relations)',
					'restore.md:4:17: Unexpected upstream link `../README.md` leaving the repository, expected a path inside it (relations)',
				],
			},
		],
	},
	check(ctx) {
		const index = indexTree(ctx.tree);
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			if (!page) continue;
			const entries: Array<{ relation: string; href: string; position: Position }> = [];
			const data = page.frontmatter?.data;
			for (const relation of relationKeys) {
				const value = data?.[relation];
				const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
				list.forEach((href, i) => {
					if (typeof href !== 'string' || !page.frontmatter) return;
					entries.push({
						relation,
						href,
						position: positionOfKey(
							page.frontmatter,
							typeof value === 'string' ? [relation] : [relation, i],
						),
					});
				});
				for (const link of page.headerBlock?.[relation] ?? []) {
					entries.push({
						relation,
						href: link.url,
						position: { line: link.line ?? 1, column: link.column ?? 1 },
					});
				}
			}
			for (const entry of entries) {
				const problem = linkProblem(ctx, index, path, entry.href);
				if (problem && !problem.reportedBy)
					ctx.report({
						file: path,
						position: entry.position,
						message: problem.message.replace(
							/^Unexpected link/,
							`Unexpected ${entry.relation} link`,
						),
						...(problem.severity && { severity: problem.severity }),
					});
			}
		}
	},
});
