import '../helpers/load-tools.ts';
import type { Nodes, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import remarkDirective from 'remark-directive';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { expect, test } from 'vitest';
import { contentTabSets, type ContentTabSet } from '../../markdown/content-tabs.ts';
import { sourceColumnOf, sourceLineOf } from '../../tools/syntax/line-origins.ts';
import { rewriteAs } from '../helpers/tool-reading.ts';
import { walkMdast } from '../../markdown/walk-mdast.ts';
import { parseMarkdown } from '../../tree/parse-markdown.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// Docusaurus' `<Tabs>` and `<TabItem>` (RKE2's install pages, Litmus' and Chaos Mesh's) showed
// every item's content one after another with their labels gone: which command was for Linux and
// which for Windows was lost. Generated pages of tab sets (labels by `label`, by the set's
// `values` or by `value`; a `default` item or a `defaultValue`; sets nested in items; admonitions
// and code inside; tags over several lines) are read three ways: the site's `.md` reading, the
// site's `.mdx` reading (MDX's grammar on the rewritten page) and the checks' reading. Each must
// show the sets, labels, selected items and content that MDX reads from the page as written, with
// the labels and selection Docusaurus' Tabs component gives them.

/** MDX's JSX element, as `remark-mdx` adds it to mdast. */
type MdxJsxFlowElement = Extract<Nodes, { type: 'mdxJsxFlowElement' }>;

/** A page's blocks, tab sets as their items: what a reader sees, positions aside. */
type Shape = Array<string | { tabs: Array<{ label: string; selected: boolean; body: Shape }> }>;

function shapeOf(
	nodes: readonly RootContent[],
	tabSet: (node: Nodes) => Extract<Shape[number], object> | null | undefined,
): Shape {
	const shape: Shape = [];
	for (const node of nodes) {
		const set = tabSet(node);
		if (set) shape.push(set);
		if (set !== undefined) continue;
		if (node.type === 'code') shape.push(`code ${node.value}`);
		else if (node.type === 'heading') shape.push(`heading ${toString(node)}`);
		else if (node.type === 'paragraph') shape.push(`text ${toString(node)}`);
		else if (node.type === 'list')
			shape.push(`list ${node.children.map((item) => toString(item)).join(' | ')}`);
		else if (node.type === 'containerDirective')
			shape.push(`${node.name}: ${JSON.stringify(shapeOf(node.children, tabSet))}`);
		else if (node.type !== 'mdxjsEsm' && node.type !== 'html') shape.push(node.type);
	}
	return shape;
}

/** The reference: MDX's reading of the page as written, labelled and selected as Docusaurus' `<Tabs>` does. */
function asDocusaurus(text: string): Shape {
	const tree = unified().use(remarkParse).use(remarkMdx).use(remarkDirective).parse(text);
	const tabSet = (node: Nodes): Extract<Shape[number], object> | undefined => {
		if (node.type !== 'mdxJsxFlowElement' || node.name !== 'Tabs') return undefined;
		const items = node.children.filter(
			(child): child is MdxJsxFlowElement =>
				child.type === 'mdxJsxFlowElement' && child.name === 'TabItem',
		);
		const attribute = (element: MdxJsxFlowElement, name: string) =>
			element.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name)?.value;
		const values = attribute(node, 'values');
		const labels = new Map<string, string>();
		if (values && typeof values === 'object')
			for (const [, label = '', value = ''] of values.value.matchAll(
				/\{label: '([^']*)', value: '([^']*)'\}/g,
			))
				labels.set(value, label);
		const value = (item: MdxJsxFlowElement) => attribute(item, 'value') as string | undefined;
		const defaultValue = attribute(node, 'defaultValue');
		let selected = items.findIndex(
			(item) => typeof defaultValue === 'string' && value(item) === defaultValue,
		);
		if (selected === -1)
			selected = items.findIndex((item) => {
				const flag = attribute(item, 'default');
				return flag === null || (typeof flag === 'object' && flag?.value === 'true');
			});
		if (selected === -1) selected = 0;
		return {
			tabs: items.map((item, n) => {
				const label = attribute(item, 'label');
				// Docusaurus' `useTabValues`: the set's `values` when given, else the items' own `label`; then the value.
				const named = values
					? labels.get(value(item) ?? '')
					: typeof label === 'string'
						? label
						: undefined;
				return {
					label: named ?? value(item) ?? '',
					selected: n === selected,
					body: shapeOf(item.children, tabSet),
				};
			}),
		};
	};
	return shapeOf(tree.children, tabSet);
}

/** The site's or the checks' reading of the rewritten page: tab sets as `markdown/content-tabs.ts` groups them. */
function asRead(tree: Root): Shape {
	const sets = contentTabSets(tree, undefined, () => undefined, new Set());
	const setOf = new Map<ContainerDirective, ContentTabSet>(
		sets.flatMap((set) => set.tabs.map((tab) => [tab.node, set] as const)),
	);
	const tabSet = (node: Nodes): Extract<Shape[number], object> | null | undefined => {
		if (node.type !== 'containerDirective') return undefined;
		const set = setOf.get(node);
		if (!set) return undefined;
		// A set is shown once, where its first tab is.
		if (set.tabs[0]?.node !== node) return null;
		return {
			tabs: set.tabs.map((tab) => ({
				label: tab.title,
				selected: tab.selected,
				body: shapeOf(tab.node.children.slice(1), tabSet),
			})),
		};
	};
	return shapeOf(tree.children, tabSet);
}

const rewritten = (text: string, path: string) =>
	rewriteAs(text, { dialect: 'docusaurus', path, pages: new Set() }).text;

const labels = ['Linux', 'macOS > 13', 'Windows [PowerShell]', 'RPM *and* DEB', 'etcd_v3', 'a & b'];

function content(random: Random, depth: number, indent: string): string[] {
	const lines: string[] = [];
	for (let n = 1 + pick(random, 3); n > 0; n--) {
		const roll = random();
		const id = pick(random, 1000);
		const at = (...written: string[]) =>
			lines.push(...written.map((line) => (line === '' ? '' : indent + line)));
		if (roll < 0.25) at('```bash', `systemctl restart unit-${id}`, '```');
		else if (roll < 0.4) at(':::note', `Drain node-${id} first.`, ':::');
		else if (roll < 0.5) at(`### Step ${id}`);
		else if (roll < 0.6 && depth < 2) lines.push(...tabSet(random, depth + 1, indent));
		else at(`Run the check for unit-${id}.`);
		if (random() < 0.5) lines.push('');
	}
	return lines;
}

/** A set, its lines from `indent`; a top-level set's items indented two or four columns at times. */
function tabSet(random: Random, depth: number, indent = ''): string[] {
	const count = 1 + pick(random, 3);
	const values = Array.from({ length: count }, (_, n) => `v${n}-${pick(random, 100)}`);
	const useValues = random() < 0.25;
	const attributes = [
		random() < 0.3 ? 'groupId="os"' : '',
		random() < 0.25 ? `defaultValue="${pickItem(random, values)}"` : '',
		useValues
			? `values={[${values.map((value, n) => `{label: '${labels[n % labels.length] ?? ''}', value: '${value}'}`).join(', ')}]}`
			: '',
	].filter(Boolean);
	// Attributes over several lines at times, as Docusaurus' older pages write `values`.
	const open =
		attributes.length > 0 && random() < 0.3
			? ['<Tabs', ...attributes.map((a) => `  ${a}`), '>']
			: [`<Tabs${attributes.map((a) => ` ${a}`).join('')}>`];
	const lines = open.map((line) => indent + line);
	// Litmus indents an item's content four columns: text in MDX, which has no indented code.
	const inner = indent.length === 0 && random() < 0.6 ? pickItem(random, ['  ', '    ']) : indent;
	for (const [n, value] of values.entries()) {
		const label =
			random() < 0.2
				? ''
				: ` label="${pickItem(random, labels).replace('&', '&amp;').replace('>', '&gt;')}"`;
		lines.push(
			`${inner}<TabItem value="${value}"${label}${random() < 0.2 ? pickItem(random, [' default', ' default={true}']) : ''}>`,
		);
		if (random() < 0.5) lines.push('');
		lines.push(...content(random, depth, inner));
		if (n === 0 && random() < 0.3) lines.push('');
		lines.push(`${inner}</TabItem>`);
	}
	lines.push(`${indent}</Tabs>`);
	return lines;
}

function generatedPage(random: Random): string {
	const lines = [
		"import Tabs from '@theme/Tabs';",
		"import TabItem from '@theme/TabItem';",
		'',
		'# Install',
		'',
	];
	for (let n = 1 + pick(random, 3); n > 0; n--) {
		lines.push(...(random() < 0.7 ? tabSet(random, 0) : content(random, 2, '')));
		// Sets right after one another stay sets of their own.
		if (random() < 0.7) lines.push('');
	}
	return `${lines.join('\n')}\n`;
}

test('Docusaurus tab sets read as MDX and Docusaurus show them, in `.md` and `.mdx` pages, for the site and the checks (300 generated pages)', () => {
	const random = seededRandom(20261125);
	let sets = 0;
	for (let n = 0; n < 300; n++) {
		const text = generatedPage(random);
		const expected = asDocusaurus(text);
		sets += expected.filter((block) => typeof block === 'object').length;
		expect(
			asRead(parseMarkdown(rewritten(text, 'install.md'), 'native', { indentedCode: false })),
			text,
		).toEqual(expected);
		expect(
			asRead(parseMarkdown(rewritten(text, 'install.mdx'), 'native', { indentedCode: false })),
			text,
		).toEqual(expected);
		expect(
			asRead(
				unified()
					.use(remarkParse)
					.use(remarkMdx)
					.use(remarkDirective)
					.parse(rewritten(text, 'install.mdx')),
			),
			text,
		).toEqual(expected);
	}
	expect(sets).toBeGreaterThan(300);
});

test('findings inside a tab keep the file’s line and column, content indented four columns too (200 generated pages)', () => {
	const random = seededRandom(20261128);
	let moved = 0;
	for (let n = 0; n < 200; n++) {
		const text = generatedPage(random);
		const page = parsePage('install.md', text, { dialect: 'docusaurus' });
		const file = text.split('\n');
		walkMdast(page.tree, (node) => {
			if (
				node.type !== 'paragraph' ||
				!node.position ||
				!toString(node).startsWith('Run the check')
			)
				return;
			const line = sourceLineOf(node.position.start.line, page.sourceLines);
			const column = sourceColumnOf(node.position.start, page.sourceColumns);
			expect(file[line - 1]?.slice(column - 1), text).toMatch(/^Run the check/);
			if (column !== node.position.start.column) moved++;
		});
	}
	expect(moved).toBeGreaterThan(100);
});

test('a label with a line break in it (an entity, a value over two lines, an escape) keeps every line at its number', () => {
	const text = [
		'<Tabs>',
		'<TabItem value="a" label="Linux&#10;x86">',
		'One',
		'</TabItem>',
		'<TabItem value="b" label="Windows',
		'Server">',
		'Two',
		'</TabItem>',
		'<TabItem value="c" label={\'mac\\nOS \\u00e9\'}>',
		'Three',
		'</TabItem>',
		'</Tabs>',
		'After.',
		'',
	].join('\n');
	const out = rewritten(text, 'a.md');
	expect(out.split('\n')).toHaveLength(text.split('\n').length);
	expect(out.split('\n')[12]).toBe('After.');
	const read = asRead(parseMarkdown(out, 'native', { indentedCode: false }));
	expect(read[0]).toEqual({
		tabs: [
			{ label: 'Linux x86', selected: true, body: ['text One'] },
			{ label: 'Windows Server', selected: false, body: ['text Two'] },
			{ label: 'mac OS é', selected: false, body: ['text Three'] },
		],
	});
});

test('a set of another shape is left as written: text beside a tag, a tag never closed, a set in a three-colon admonition', () => {
	const pages = [
		['<Tabs>', '<TabItem value="a">Inline text</TabItem>', '</Tabs>'],
		['<Tabs>', '<TabItem value="a">', 'Text', '</Tabs>'],
		['<Tabs>', '<TabItem value="a">', 'Text', '</TabItem>'],
		[':::note', '<Tabs>', '<TabItem value="a">', 'Text', '</TabItem>', '</Tabs>', ':::'],
		['<Tabs>', 'Text', '</Tabs>'],
	];
	for (const page of pages) {
		const text = `# Install\n\n${page.join('\n')}\n`;
		expect(rewritten(text, 'install.md')).not.toMatch(/:{3,}tab/);
	}
	// A set inside a callout inside an item: the callout keeps all it holds (a set's fence there would close it).
	const callout = [
		'<Tabs>',
		'<TabItem value="a" label="A">',
		':::note',
		'<Tabs>',
		'<TabItem value="b">',
		'Inner',
		'</TabItem>',
		'</Tabs>',
		'After the inner set.',
		':::',
		'</TabItem>',
		'</Tabs>',
		'',
	].join('\n');
	for (const path of ['a.md', 'a.mdx']) {
		const read = asRead(parseMarkdown(rewritten(callout, path), 'native', { indentedCode: false }));
		expect(JSON.stringify(read), path).toContain(
			'note: [\\"text Inner\\",\\"text After the inner set.\\"]',
		);
		expect(JSON.stringify(read), path).not.toContain('text :::');
	}
	// In a five-colon admonition there is room: the set's fences are shorter than it, longer than any inside.
	const roomy = [
		':::::note',
		'<Tabs>',
		'<TabItem value="a">',
		':::tip',
		'Inside',
		':::',
		'</TabItem>',
		'</Tabs>',
		':::::',
	].join('\n');
	expect(rewritten(roomy, 'a.md')).toMatch(/^::::tab/m);
	expect(
		asRead(parseMarkdown(rewritten(roomy, 'a.md'), 'native', { indentedCode: false })),
	).toEqual(asDocusaurus(roomy));
});

test('the checks see a link inside a tab of an `.mdx` page, at its line, and the theme imports are not reported', async () => {
	const page = [
		'---',
		'title: Install',
		'---',
		"import Tabs from '@theme/Tabs';",
		"import TabItem from '@theme/TabItem';",
		'',
		'<Tabs>',
		'<TabItem value="linux" label="Linux">',
		'```bash',
		'curl -sfL https://get.example.com | sh -',
		'```',
		'See [the guide](./guide.md#missing).',
		'</TabItem>',
		'</Tabs>',
		'',
	].join('\n');
	const dir = await writeFixture({
		'docs/docusaurus.config.js': 'export default { title: "Runbooks" };\n',
		'docs/install.mdx': page,
		'docs/guide.md': '# Guide\n',
	});
	try {
		const result = await runCli(['check', '--root', 'docs', '--format', 'json'], { cwd: dir });
		const findings = (
			JSON.parse(result.stdout) as { findings: Array<{ rule: string; file: string; line: number }> }
		).findings;
		expect(findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([
			'internal-links install.mdx:12',
		]);
	} finally {
		await removeFixture(dir);
	}
});
