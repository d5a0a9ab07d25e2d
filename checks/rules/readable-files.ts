import { largePageChars } from '../../tree/read-page.ts';
import { defineRule } from './define-rule.ts';

export default defineRule({
	id: 'readable-files',
	description:
		'Every page can be read as UTF-8 Markdown (not binary, not another encoding, not locked); every folder and symbolic link can be walked and stays inside the tree; no name holds a control character. Warnings: a page too large or nested too deeply to render (published as a notice), a page so large that Markdown lint skips it, and `.html` or `.xml` files (left out of the site).',
	defaultSeverity: 'error',
	examples: {
		ok: [{ title: 'plain UTF-8 pages, non-ASCII names and spaces', files: { 'README.md': '# Home\n', 'Überblick und Plan.md': '# Überblick — 概要\n' } }],
		notOk: [
			{
				title: 'a binary file named `.md`',
				files: { 'README.md': '# Home\n', 'logo.md': 'PNG\n\u0000\u0001binary' },
				output: ['logo.md:2:1: Unexpected the file is binary (it contains NUL bytes), not Markdown, expected a readable UTF-8 Markdown file; Rename it so it does not end in `.md`, or replace it with the Markdown it was meant to be. (readable-files)'],
			},
		],
	},
	check(ctx) {
		for (const file of ctx.tree.unreadable) {
			ctx.report({
				file: file.path,
				position: { line: file.line, column: 1 },
				message: `Unexpected ${file.reason}, expected a readable UTF-8 Markdown file; ${file.hint}`,
			});
		}
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			if (page?.notice) {
				ctx.report({
					file: path,
					position: { line: 1, column: 1 },
					severity: 'warning',
					message: `Unexpected ${page.notice}, expected a page Waymark can render; the site shows a notice in its place. Split it into smaller pages, or raise the limit in waymark.config.yaml`,
				});
				continue;
			}
			const size = page?.text.length ?? 0;
			if (size <= largePageChars) continue;
			ctx.report({
				file: path,
				position: { line: 1, column: 1 },
				severity: 'warning',
				message: `Unexpected page of ${(size / 1024 / 1024).toFixed(1)} MB, expected at most ${largePageChars / 1024} KB; it was checked like any page but Markdown lint was skipped. Split it into smaller pages`,
			});
		}
		for (const problem of ctx.tree.files.problems) {
			ctx.report({
				file: problem.path,
				position: { line: 1, column: 1 },
				...(problem.severity && { severity: problem.severity }),
				message: `Unexpected ${problem.reason} at \`${problem.path}\`, expected a file or folder Waymark can publish; ${problem.fix}`,
			});
		}
	},
});
