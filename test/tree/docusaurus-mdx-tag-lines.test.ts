import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkDirective from 'remark-directive';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { expect, test } from 'vitest';
import { sourceLineOf } from '../../src/lib/dialect-source/line-origins.ts';
import { rewriteDialectSource } from '../../src/lib/dialect-source/rewrite-source.ts';
import { walkMdast } from '../../src/lib/walk-mdast.ts';
import { parseMarkdown } from '../../tree/parse-markdown.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// Docusaurus compiles `.md` pages as MDX (as the site does every `.mdx` page), where a line of JSX tags (or `<summary>x</summary>`) is no
// HTML block: the next line is Markdown. Found by the corpus (RKE2's docs): a fence right after
// `<summary>` showed as text and every later fence paired off by one; `:::note` right after
// `<TabItem>` showed as text. Generated pages of tags wrapped around fences, admonitions,
// headings, lists and text, with and without blank lines, inside block quotes too: the blocks
// the site and the checks read are those MDX's own parser (micromark's, as Docusaurus uses) reads.

const wrappers: Array<[open: string, close: string]> = [
	['<details>', '</details>'],
	['<TabItem value="linux" label="Linux > x86" default>', '</TabItem>'],
	['<Tabs groupId="os">', '</Tabs>'],
	['<div className="runbook">', '</div>'],
	['<Tabs><TabItem value="a">', '</TabItem></Tabs>'],
];

function blocks(random: () => number, depth: number): string[] {
	const lines: string[] = [];
	for (let n = 1 + pick(random, 4); n > 0; n--) {
		const roll = random();
		const id = pick(random, 1000);
		if (roll < 0.2) lines.push('```sh', `systemctl restart unit-${id}`, '```');
		else if (roll < 0.35) lines.push(`:::${pickItem(random, ['note', 'tip', 'warning'])}`, `Admonition ${id}.`, ':::');
		else if (roll < 0.45) lines.push(`## Step ${id}`);
		else if (roll < 0.55) lines.push(`- item ${id}`, `- item ${id + 1}`);
		// As pages write it: first in `<details>`. Right after a list item's or paragraph's line, MDX
		// reads it as text going on that line and CommonMark as a block of its own: both show it.
		else if (roll < 0.65 && (lines.at(-1) ?? '').trim() === '') lines.push('<summary>Show the script</summary>');
		else if (roll < 0.75 || depth >= 2) lines.push(`Text ${id}.`);
		else {
			const [open, close] = pickItem(random, wrappers);
			lines.push(open, ...(random() < 0.3 ? ['<summary>Show the script</summary>'] : []), ...blocks(random, depth + 1), close);
		}
		// Blank lines between blocks or not: where MDX and CommonMark part ways.
		if (random() < 0.4) lines.push('');
	}
	return lines;
}

interface Blocks {
	code: string[];
	admonitions: string[];
	headings: string[];
	items: string[];
}

function blocksOf(tree: Root): Blocks {
	const found: Blocks = { code: [], admonitions: [], headings: [], items: [] };
	walkMdast(tree, (node) => {
		if (node.type === 'code') found.code.push(node.value);
		else if (node.type === 'containerDirective') found.admonitions.push(`${node.name}: ${toString(node)}`);
		else if (node.type === 'heading') found.headings.push(toString(node));
		else if (node.type === 'listItem') found.items.push(toString(node));
	});
	return found;
}

function asMdx(text: string): Blocks {
	return blocksOf(unified().use(remarkParse).use(remarkMdx).use(remarkDirective).parse(text));
}

/** Pages MDX compiles: Docusaurus's `.md` pages, and any tool's `.mdx` pages. */
const mdxPages = [
	{ dialect: 'docusaurus', path: 'install.md' },
	{ dialect: 'docusaurus', path: 'install.mdx' },
	{ dialect: 'github', path: 'install.mdx' },
	{ dialect: 'hugo', path: 'install.mdx' },
] as const;

function asSite(text: string, page: (typeof mdxPages)[number]): Blocks {
	return blocksOf(parseMarkdown(rewriteDialectSource(text, { ...page, pages: new Set() }).text));
}

test('a page MDX compiles has the code blocks, admonitions, headings and list items MDX reads (400 generated pages)', () => {
	const random = seededRandom(20261125);
	let codeAfterTag = 0;
	for (let n = 0; n < 400; n++) {
		const lines = blocks(random, 0);
		const quoted = random() < 0.2;
		const text = `# Runbook\n\n${(quoted ? lines.map((line) => (line ? `> ${line}` : '>')) : lines).join('\n')}\n`;
		expect(asSite(text, mdxPages[n % mdxPages.length] ?? mdxPages[0]), text).toEqual(asMdx(text));
		if (/^(?:> )?<[^\n]*>\n(?:> )?```/m.test(text)) codeAfterTag++;
	}
	// The case the corpus found occurs often enough to count.
	expect(codeAfterTag).toBeGreaterThan(40);
});

test('findings keep the file’s lines: a link after added blank lines is reported where it is written', () => {
	const text = ['# Migration', '', '<details>', '<summary>Script</summary>', '```', 'kubectl get ingress -A', '```', '</details>', 'See [the guide](missing.md).', ''].join('\n');
	const page = parsePage('migration.md', text, { dialect: 'docusaurus' });
	const link = page.links.find((l) => l.url === 'missing.md');
	expect(link?.position).toBeDefined();
	expect(sourceLineOf(link?.position.line ?? 0, page.sourceLines)).toBe(9);
	expect(page.codeBlocks.map((block) => block.value)).toEqual(['kubectl get ingress -A']);
});

test('a `.md` page of another tool keeps its HTML blocks, as CommonMark reads them there', () => {
	const text = '<details>\n```\nx\n```\n</details>\n';
	for (const dialect of ['github', 'gitlab', 'hugo', 'mkdocs'] as const) expect(rewriteDialectSource(text, { dialect, path: 'a.md', pages: new Set() }).text).toBe(text);
	expect(rewriteDialectSource(text, { dialect: 'github', path: 'a.mdx', pages: new Set() }).text).toBe('<details>\n\n```\nx\n```\n</details>\n');
});
