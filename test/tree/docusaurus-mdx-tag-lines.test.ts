import '../helpers/load-tools.ts';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkDirective from 'remark-directive';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { expect, test } from 'vitest';
import { sourceLineOf } from '../../tools/syntax/line-origins.ts';
import { separateMdxFlowLines } from '../../tools/docusaurus/mdx-flow-lines.ts';
import { rewriteAs } from '../helpers/tool-reading.ts';
import { walkMdast } from '../../markdown/walk-mdast.ts';
import { parseMarkdown } from '../../tree/parse-markdown.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// Docusaurus compiles `.md` pages as MDX, where a line of JSX tags (or `<summary>x</summary>`) is no
// HTML block: the next line is Markdown. Found by the corpus (RKE2's docs): a fence right after
// `<summary>` showed as text and every later fence paired off by one; `:::note` right after
// `<TabItem>` showed as text. Generated pages of tags wrapped around fences, admonitions,
// headings, lists and text, with and without blank lines, inside block quotes too: the blocks
// the site and the checks read are those MDX's own parser (micromark's, as Docusaurus uses) reads.

/** A summary on its line, or its text wrapped onto the next one. */
const summaries = [
	['<summary>Show the script</summary>'],
	['<summary>Restore the etcd', 'snapshot by hand</summary>'],
];

/** Indentation inside a wrapper, and the most in all: what CommonMark and MDX read alike is under four columns. */
let indents = ['', '  '];
let maxIndent = 3;

const wrappers: Array<[open: string, close: string]> = [
	['<details>', '</details>'],
	['<TabItem value="linux" label="Linux > x86" default>', '</TabItem>'],
	['<Tabs groupId="os">', '</Tabs>'],
	['<div className="runbook">', '</div>'],
	['<Tabs><TabItem value="a">', '</TabItem></Tabs>'],
];

function blocks(random: () => number, depth: number, indent = '', above = ''): string[] {
	const lines: string[] = [];
	for (let n = 1 + pick(random, 4); n > 0; n--) {
		const roll = random();
		const id = pick(random, 1000);
		const at = (...written: string[]) => lines.push(...written.map((line) => indent + line));
		if (roll < 0.15) at('```sh', `systemctl restart unit-${id}`, '```');
		// Tags inside code, a fence opened on a list item's line too: code is never touched.
		else if (roll < 0.2)
			at(
				...pickItem(random, [
					['```xml', '<configuration>', `  <unit>${id}</unit>`, '</configuration>', '```'],
					['1. ```xml', '   <dependency>', '   </dependency>', '   ```'],
				]),
			);
		else if (roll < 0.35)
			at(`:::${pickItem(random, ['note', 'tip', 'warning'])}`, `Admonition ${id}.`, ':::');
		else if (roll < 0.45) at(`## Step ${id}`);
		// A list ends at a blank line here. A line of tags right after an item's line ends the list in
		// MDX, while the site keeps it on the item as CommonMark does (a blank line there would turn the
		// item's indented lines into code): what follows may then nest in the item. Not generated.
		else if (roll < 0.55) at(`- item ${id}`, `- item ${id + 1}`, '');
		// As pages write it: first in `<details>`. Right after a list item's or paragraph's line, MDX
		// reads it as text going on that line and CommonMark as a block of its own: both show it.
		else if (roll < 0.65 && (lines.at(-1) ?? '').trim() === '') at(...pickItem(random, summaries));
		// A link as any line of text, but in the lines right after `</summary>`: MDX reads them on in
		// the summary's paragraph, which CommonMark keeps raw HTML (the link shows as written; not done yet).
		else if (roll < 0.75 || depth >= 2)
			at(
				random() < 0.5 || continuesSummary(lines, above)
					? `Text ${id}.`
					: `See [step ${id}](step-${id}.md).`,
			);
		else {
			const [open, close] = pickItem(random, wrappers);
			// What a wrapper holds is indented or not, as pages write it.
			const deeper = indent + pickItem(random, indents);
			const inner = deeper.length <= maxIndent ? deeper : indent;
			const summary = random() < 0.3 ? pickItem(random, summaries).map((line) => inner + line) : [];
			lines.push(
				indent + open,
				...summary,
				...blocks(random, depth + 1, inner, summary.at(-1) ?? open),
				indent + close,
			);
		}
		// Blank lines between blocks or not: where MDX and CommonMark part ways.
		if (random() < 0.4) lines.push('');
	}
	return lines;
}

/** Whether a line added now goes on the paragraph a `<summary>…</summary>` line starts: only text since, no blank line. */
function continuesSummary(lines: readonly string[], above: string): boolean {
	for (let k = lines.length - 1; k >= 0; k--) {
		const line = (lines[k] ?? '').trim();
		if (line.endsWith('</summary>')) return true;
		if (!/^(?:Text \d+\.|See \[)/.test(line)) return false;
	}
	return above.trim().endsWith('</summary>');
}

interface Blocks {
	code: string[];
	admonitions: string[];
	headings: string[];
	items: string[];
	links: string[];
}

function blocksOf(tree: Root): Blocks {
	const found: Blocks = { code: [], admonitions: [], headings: [], items: [], links: [] };
	walkMdast(tree, (node) => {
		if (node.type === 'code') found.code.push(node.value);
		// A `<TabItem>` becomes a tab directive (`docusaurus-tabs.ts`, tested there); MDX keeps it JSX.
		else if (node.type === 'containerDirective' && !/^tab(?:-|$)/.test(node.name))
			found.admonitions.push(`${node.name}: ${toString(node)}`);
		else if (node.type === 'heading') found.headings.push(toString(node));
		// A link the site shows and the checks judge; code or raw HTML would hide it (OpenCost's API page indents its table's rows).
		else if (node.type === 'link') found.links.push(node.url);
		// Each item's own text. A line of tags right after an item's line ends the list in MDX; the
		// site keeps it on the item (shown by neither), so what follows may nest in that item.
		else if (node.type === 'listItem')
			for (const child of node.children)
				if (child.type === 'paragraph')
					found.items.push(toString(child, { includeHtml: false }).trim());
	});
	return found;
}

function asMdx(text: string): Blocks {
	return blocksOf(unified().use(remarkParse).use(remarkMdx).use(remarkDirective).parse(text));
}

function asSite(text: string, path = 'install.md'): Blocks {
	return blocksOf(
		parseMarkdown(
			rewriteAs(text, { dialect: 'docusaurus', path, pages: new Set() }).text,
			'native',
			{ indentedCode: false },
		),
	);
}

/** A page as MDX reads it, positions left out; `invalid` where MDX's compiler would fail. */
function mdxShape(text: string): string {
	try {
		// Whether a list is loose is left out: a blank line added next to a list can change it (shown a little apart, no more).
		return JSON.stringify(
			unified().use(remarkParse).use(remarkMdx).use(remarkDirective).parse(text),
			(key, value: unknown) => (key === 'position' || key === 'spread' ? undefined : value),
		);
	} catch {
		return 'invalid';
	}
}

/** A generated page: a heading, then blocks, in block quotes at times, with CRLF line ends at times. */
function generatedPage(random: () => number, quotes = true): string {
	const lines = blocks(random, 0);
	const quoted = quotes && random() < 0.2 ? lines.map((line) => (line ? `> ${line}` : '>')) : lines;
	return `# Runbook\n\n${quoted.join('\n')}\n`.replaceAll('\n', random() < 0.15 ? '\r\n' : '\n');
}

test('a Docusaurus `.md` page has the code blocks, admonitions, headings and list items MDX reads (400 generated pages)', () => {
	const random = seededRandom(20261125);
	let codeAfterTag = 0;
	for (let n = 0; n < 400; n++) {
		// Not in block quotes: there an admonition after a tag line is not read as MDX reads it yet.
		const text = generatedPage(random, false);
		expect(asSite(text), text).toEqual(asMdx(text));
		// The checks read an `.mdx` page as Markdown too, rewritten the same way.
		expect(asSite(text, 'install.mdx'), text).toEqual(asMdx(text));
		if (/^(?:> )?<[^\n]*>\r?\n(?:> )?```/m.test(text)) codeAfterTag++;
	}
	// The case the corpus found occurs often enough to count.
	expect(codeAfterTag).toBeGreaterThan(40);
});

// MDX has no indented code, and Docusaurus reads `.md` pages as MDX: a line indented four columns
// or more is a list item, a fence or text there, and may interrupt a paragraph (RKE2's air-gap page
// indents a package list under a paragraph; its migration page a fence). Generated pages with
// content indented up to six columns, after blank lines or right after a paragraph's line.
test('a Docusaurus page indented four columns or more has the blocks MDX reads (400 generated pages)', () => {
	const random = seededRandom(20261129);
	indents = ['', '  ', '    ', '      '];
	maxIndent = 6;
	let indented = 0;
	try {
		for (let n = 0; n < 400; n++) {
			const text = generatedPage(random, false);
			expect(asSite(text), text).toEqual(asMdx(text));
			expect(asSite(text, 'install.mdx'), text).toEqual(asMdx(text));
			if (/^ {4,}\S/m.test(text)) indented++;
		}
	} finally {
		indents = ['', '  '];
		maxIndent = 3;
	}
	expect(indented).toBeGreaterThan(100);
});

test('a line indented four columns after a block quote or list marker is read as MDX reads it too', () => {
	for (const text of [
		'# Pods\n\n>     kubectl get pods -A\n',
		'# Steps\n\n-     drain the node\n-     cordon it\n',
		'# Steps\n\n1.     drain the node\n',
		'# Quote\n\n> - item\n>       more text\n',
	]) {
		expect(asSite(text), text).toEqual(asMdx(text));
		expect(asSite(text).code, text).toEqual([]);
	}
});

test('findings keep the file’s lines: a link after added blank lines is reported where it is written', () => {
	const text = [
		'# Migration',
		'',
		'<details>',
		'<summary>Script</summary>',
		'```',
		'kubectl get ingress -A',
		'```',
		'</details>',
		'See [the guide](missing.md).',
		'',
	].join('\n');
	const page = parsePage('migration.md', text, { dialect: 'docusaurus' });
	const link = page.links.find((l) => l.url === 'missing.md');
	expect(link?.position).toBeDefined();
	expect(sourceLineOf(link?.position.line ?? 0, page.sourceLines)).toBe(9);
	expect(page.codeBlocks.map((block) => block.value)).toEqual(['kubectl get ingress -A']);
});

test('a `.md` page of another tool keeps its HTML blocks, as CommonMark reads them there', () => {
	const text = '<details>\n```\nx\n```\n</details>\n';
	for (const dialect of ['github', 'gitlab', 'hugo', 'mkdocs'] as const)
		expect(rewriteAs(text, { dialect, path: 'a.md', pages: new Set() }).text).toBe(text);
	expect(rewriteAs(text, { dialect: 'docusaurus', path: 'a.mdx', pages: new Set() }).text).toBe(
		'<details>\n\n```\nx\n```\n</details>\n',
	);
});

// The added lines change nothing MDX reads: not an element's text wrapped onto the next line
// (`<summary>Restore the etcd` / `snapshot</summary>`, which a blank line made invalid MDX), not a
// list's tightness, not a fence's code, in CRLF files too. Generated pages with content indented
// up to six columns; each parsed by MDX as written and as rewritten.
test('MDX reads a rewritten page as it reads the page (400 generated pages)', () => {
	const random = seededRandom(20261127);
	indents = ['', '  ', '    '];
	maxIndent = 6;
	let changed = 0;
	try {
		for (let n = 0; n < 400; n++) {
			const text = generatedPage(random);
			const separated = separateMdxFlowLines(text.split('\n'));
			if (!separated) continue;
			changed++;
			expect(mdxShape(separated.lines.join('\n')), text).toBe(mdxShape(text));
		}
	} finally {
		indents = ['', '  '];
		maxIndent = 3;
	}
	expect(changed).toBeGreaterThan(200);
});

test('a finding on a rewritten page names the file’s lines, in its position and in its message', async () => {
	const page = [
		'# Migration',
		'',
		'<details>',
		'<summary>Script</summary>',
		'```',
		'kubectl get ingress -A',
		'``',
		'</details>',
		'',
		'## Cleanup',
		'',
		'Delete the `old` objects, see [the guide](guide.md).',
		'',
	].join('\n');
	const dir = await writeFixture({
		'docs/docusaurus.config.js': 'export default { title: "Runbooks" };\n',
		'docs/migration.md': page,
		'docs/guide.md': '# Guide\n',
	});
	try {
		const result = await runCli(['check', '--root', 'docs', '--format', 'json'], { cwd: dir });
		const findings = (
			JSON.parse(result.stdout) as {
				findings: Array<{ rule: string; line: number; message: string }>;
			}
		).findings.filter((finding) => finding.rule === 'code-fences');
		// The fence opens on line 5 of the file, line 7 tries to close it, and lines 6–12 are shown as code; the rewritten text has a line more above each.
		expect(
			findings.map((finding) => [
				finding.line,
				/line (\d+) ```` `` ```` is too short/.exec(finding.message)?.[1],
				/remaining (\d+) lines/.exec(finding.message)?.[1],
			]),
		).toEqual([[5, '7', '7']]);
	} finally {
		await removeFixture(dir);
	}
});
