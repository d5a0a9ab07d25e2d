import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { defineRule } from './define-rule.ts';

export default defineRule({
	id: 'code-fences',
	description:
		'Every fenced code block is closed; an unclosed fence turns the rest of the page into code, so it is reported at the opening fence.',
	defaultSeverity: 'error',
	examples: {
		ok: [{ title: 'closed fences, longer closing fences and tildes', files: { 'README.md': '# Home\n\n```bash\nls\n```\n\n~~~~\ncode\n~~~~~\n' } }],
		notOk: [
			{
				title: 'an unclosed fence',
				files: { 'README.md': '# Home\n\n```bash\nsystemctl restart nginx\n\n## Verify\n\nCheck the logs.\n' },
				output: ['README.md:3:1: Unexpected unclosed code fence ```` ```bash ````, expected a closing ```` ``` ```` line; the remaining 5 lines of the page are shown as code (code-fences)'],
			},
		],
	},
	check(ctx) {
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			if (!page) continue;
			const lines = page.text.split('\n');
			const lineCount = page.text.endsWith('\n') ? lines.length - 1 : lines.length;
			visit(page.tree, 'code', (node: Code) => {
				if (!node.position) return;
				const { start, end } = node.position;
				const opening = lines[start.line - 1] ?? '';
				const marker = /^[\s>]*(?:(?:[-*+]|\d+[.)])\s+)?\s*(`{3,}|~{3,})/.exec(opening)?.[1];
				if (!marker) return;
				const closing = (lines[end.line - 1] ?? '').replace(/^[\s>]*/, '').trimEnd();
				const closed = end.line > start.line && closing.length >= marker.length && [...closing].every((c) => c === marker[0]);
				if (closed) return;
				const info = opening.trim().replace(/^[>\s]*(?:(?:[-*+]|\d+[.)])\s+)?/, '');
				ctx.report({
					file: path,
					position: { line: start.line, column: start.column },
					message: `Unexpected unclosed code fence \`\`\`\` ${info} \`\`\`\`, expected a closing \`\`\`\` ${marker} \`\`\`\` line; the remaining ${Math.max(0, lineCount - start.line)} lines of the page are shown as code`,
				});
			});
		}
	},
});
