import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { expect, test } from 'vitest';
import type { CheckReport } from '../../checks/engine.ts';
import { changedPagesMarkdown } from '../../preview/comment.ts';
import { pickItem, seededRandom } from '../helpers/seeded-random.ts';

// File names are the branch's to choose, and the comment is posted by a bot the reviewers trust:
// no name may put a link, an image or HTML into it. Generated names of backticks, brackets,
// pipes and link syntax, as pages, as renamed pages and as other files changed.
const random = seededRandom(1126);
const pieces = [
	'`',
	'``',
	'[x](https://evil.example/a)',
	'![i](https://evil.example/i.png)',
	'|',
	'<b>',
	'ops',
	'](',
	' ',
	'\\\\',
	'*',
	'_',
];
const name = () =>
	`${Array.from({ length: 2 + Math.floor(random() * 5) }, () => pickItem(random, pieces)).join('')}.md`;
const report: CheckReport = {
	version: 1,
	findings: [],
	checked: [],
	summary: { errors: 0, warnings: 0, files: 0 },
} as unknown as CheckReport;

test('no changed file name puts a link, an image or HTML into the pull-request comment', () => {
	for (let n = 0; n < 200; n++) {
		const [a, b, c] = [name(), name(), name()];
		const text = changedPagesMarkdown(
			{
				ref: 'main',
				commit: 'abc',
				changes: [
					{ status: 'changed', path: a, route: '/a/' },
					{ status: 'renamed', path: b, route: '/b/', from: { path: c, route: '/c/' } },
				],
				others: [name(), name()],
			},
			report,
		);
		const tree = unified().use(remarkParse).use(remarkGfm).parse(text);
		const found: string[] = [];
		visit(tree, (node) => {
			if (
				node.type === 'link' ||
				node.type === 'image' ||
				node.type === 'html' ||
				node.type === 'linkReference' ||
				node.type === 'imageReference'
			)
				found.push(node.type);
		});
		expect(found, text).toEqual([]);
		// Every name is still there to read, in code.
		const code: string[] = [];
		visit(tree, 'inlineCode', (node) => void code.push(node.value));
		if (!a.includes('|')) expect(code.join('\n'), text).toContain(a.trim());
	}
});
