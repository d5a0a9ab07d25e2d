import '../helpers/load-tools.ts';
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { expect, test } from 'vitest';
import { inputsFromRecord } from '../../tools/mkdocs/settings.ts';
import { originLines } from '../../tools/syntax/line-origins.ts';
import { protectInlineAttrLists } from '../../tools/mkdocs/inline-attr-lists.ts';
import { walkMdast } from '../../markdown/walk-mdast.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { growthRatio } from '../helpers/growth.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// knative's blog wraps sentences in `_…_` and ends links with `{:target="_blank"}`: CommonMark
// paired the `_` of `_blank` with the sentence's closing one, so the page showed `{:target="` and
// italics from there on. On MkDocs the list sets the link's attributes and the sentence is italic.

const mkdocs = inputsFromRecord({
	markdown: { attrList: true },
	snippets: {},
	includes: {},
	icons: {},
});
const lists = [
	'{:target="_blank"}',
	'{target=_blank}',
	'{: .md-button }',
	'{:target="_blank" rel="no_follow"}',
];
const words = ['In a', 'post', 'we saw', 'the *fast* path', 'snake_case name'];

/** The page's text outside inline code. */
function proseOf(tree: Nodes): string {
	let prose = '';
	walkMdast(tree, (node) => {
		if (node.type === 'text') prose += node.value;
	});
	return prose;
}

function emphasised(tree: Nodes): string[] {
	const found: string[] = [];
	walkMdast(tree, (node) => {
		if (node.type === 'emphasis') found.push(toString(node));
	});
	return found;
}

test('a list after a link is never text, and a sentence in `_…_` around it stays one emphasis (400 generated lines)', () => {
	const random = seededRandom(20261128);
	for (let n = 0; n < 400; n++) {
		const parts = Array.from(
			{ length: 1 + pick(random, 3) },
			(_, i) =>
				`${pickItem(random, words)} [link ${i}](https://example.test/${i})${pickItem(random, lists)}`,
		);
		const sentence = parts.join(' ');
		const inCode = random() < 0.3 ? ` and \`[code](x){:target="_blank"}\`` : '';
		const line = `_${sentence}${inCode} end._`;
		const page = parsePage('p.md', `# Page\n\n${line}\n`, { dialect: 'mkdocs', inputs: mkdocs });
		const text = toString(page.tree);
		expect(proseOf(page.tree as Nodes), line).not.toMatch(/\{:?\s*(?:target|\.md-button)/);
		const emphasis = emphasised(page.tree);
		expect(emphasis.length, line).toBeGreaterThanOrEqual(1);
		expect(emphasis[0], line).toMatch(/ end\.$/);
		// In code the list is code, as written.
		if (inCode) expect(text).toContain('[code](x){:target="_blank"}');
	}
});

test('without attr_list nothing is escaped: MkDocs shows the list as text', () => {
	const plain = inputsFromRecord({ markdown: {}, snippets: {}, includes: {}, icons: {} });
	const page = parsePage('p.md', '# Page\n\nSee [post](x.md){:target="blank"} now.\n', {
		dialect: 'mkdocs',
		inputs: plain,
	});
	expect(toString(page.tree as Nodes)).toContain('{:target="blank"}');
});

test('a line with no `_` outside its lists, and code, are left as written', () => {
	const lines = [
		'    [x](y){:target="_blank"}',
		'See `_a [x](y){:t="_b"}_` here.',
		'```',
		'_a [x](y){:t="_b"}_',
		'```',
	];
	expect(protectInlineAttrLists(originLines(lines.join('\n'))).lines).toEqual(lines);
	expect(protectInlineAttrLists(originLines('_a [x](y){:t="_b"} c_')).lines).toEqual([
		'_a [x](y){:t="\\_b"} c_',
	]);
});

test('lines of many backtick runs and lists, or of lists never closed, cost linear time', () => {
	const unclosed = (n: number) => `a_b ${'x](y){:a '.repeat(n)}`;
	expect(
		growthRatio((n) => protectInlineAttrLists(originLines(unclosed(n))), 200_000, 1_600_000),
	).toBeLessThan(8 * 3);
	const line = (n: number) => ['a_b ', 'x](y){:a="_b"} `'.repeat(n), '``'.repeat(n)].join(' ');
	// Large enough that both sizes outgrow V8's young generation: below it the small one is cheaper per match
	// (from 16,000 the ratio measured 14 to 22 alone and 24.4 under load; from 32,000, 10 to 12 alone).
	expect(
		growthRatio((n) => protectInlineAttrLists(originLines(line(n))), 32_000, 256_000),
	).toBeLessThan(8 * 3);
});
