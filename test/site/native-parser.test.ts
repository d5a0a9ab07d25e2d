import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { expect, test } from 'vitest';
import { nativeParser } from '../../markdown/native-parse.ts';
import { remarkNativeParser } from '../../markdown/remark-native-parser.ts';
import { growthRatio } from '../helpers/growth.ts';

const page = [
	'[Guidebooks](../README.md) > **Ops**',
	'',
	'# Ops {#ops}',
	'',
	'> [!CAUTION]',
	'> Unseal Vault first.',
	'',
	'| step | command |',
	'| --- | --- |',
	'| dump | `pg_dump -Fc erp` |',
	'',
	'Health: :status{probe=erp-status} at 04:00, see <https://example.com> and [x][ref].',
	'',
	'::status{probe=crm-ready}',
	'',
	'```bash',
	'kubectl scale deploy/erp \\',
	'  --replicas=0',
	'```',
	'',
	'- [ ] task',
	'',
	'[ref]: ops.md#ops',
	'',
].join('\n');

/** Node types with their start line and column, in document order. */
function outline(tree: Root): string[] {
	const rows: string[] = [];
	visit(
		tree,
		(node) =>
			void rows.push(`${node.type}@${node.position?.start.line}:${node.position?.start.column}`),
	);
	return rows;
}

test('parses .md pages into the same mdast, positions included, as remark-parse', () => {
	const remark = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);
	const native = unified()
		.use(remarkParse)
		.use(remarkGfm)
		.use(remarkDirective)
		.use(remarkNativeParser);
	const expected = remark.parse(new VFile({ path: 'ops.md', value: page }));
	const actual = native.parse(new VFile({ path: 'ops.md', value: page }));
	expect(outline(actual)).toEqual(outline(expected));
});

test('leaves MDX to the parser before it', () => {
	const processor = unified()
		.use(function fallbackParser(this: ReturnType<typeof unified>) {
			this.parser = () => ({ type: 'root', children: [], data: { parsedBy: 'fallback' } }) as Root;
		})
		.use(remarkNativeParser);
	expect(processor.parse(new VFile({ path: 'page.mdx', value: '# Hi' })).data).toEqual({
		parsedBy: 'fallback',
	});
	const parsed = processor.parse(new VFile({ path: 'page.md', value: '# Hi' })) as Root;
	expect(parsed.children[0]?.type).toBe('heading');
});

test('keeps remark-parse when the command layer asks for it (WAYMARK_PARSER=remark)', () => {
	expect(nativeParser({ frontmatter: true, parser: 'remark' })).toBeUndefined();
	expect(nativeParser({ frontmatter: true })).toBeTypeOf('function');
});

test('reads a link whose text holds a footnote call as remark-parse does, in the site and in the checks', async () => {
	const { parseMarkdown } = await import('../../tree/parse-markdown.ts');
	const text = [
		'Read [the failover runbook[^owner]](https://wiki.example.lab/failover) and ![graph[^owner]](graph.png).',
		'',
		'[^owner]: Platform team.',
		'',
	].join('\n');
	const remark = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);
	const native = unified()
		.use(remarkParse)
		.use(remarkGfm)
		.use(remarkDirective)
		.use(remarkNativeParser);
	const actual = native.parse(new VFile({ path: 'ops.md', value: text }));
	expect(outline(actual)).toEqual(
		outline(remark.parse(new VFile({ path: 'ops.md', value: text }))),
	);
	expect(outline(actual)).toContain('link@1:6');
	expect(outline(parseMarkdown(text, 'native'))).toEqual(outline(parseMarkdown(text, 'remark')));
});

// An MkDocs admonition whose body ends in a table (`!!! note` → `:::note`, the table's last row
// right before `:::`): Sätteri read the fence as one more row, so the container never closed and
// `:::` showed in the table (traefik's OIDC and metrics pages). Generated over table shapes,
// fence lengths, nesting and block quotes: both parsers, in the site and in the checks, agree.
const rows = ['| c | d |', 'c | d', '| `a\\|b` | [x](y.md) |', '|c|d|'];
const fences = [':::', '::::', ':::   '];
const holders = [
	{
		name: 'a container',
		wrap: (body: string, fence: string) => `${fence.trim()}note\n${body}\n${fence}\n\n## After\n`,
	},
	{
		name: 'a container in a container',
		wrap: (body: string, fence: string) =>
			`:::::warning\n${fence.trim()}note\n${body}\n${fence}\n:::::\n\n## After\n`,
	},
	{
		name: 'a block quote',
		wrap: (body: string, fence: string) =>
			`> ${fence.trim()}note\n> ${body.replace(/\n/g, '\n> ')}\n> ${fence}\n\n## After\n`,
	},
];
const shapes = rows.flatMap((row) =>
	fences.flatMap((fence) =>
		holders.map((holder) => ({
			row,
			fence,
			holder: holder.name,
			text: holder.wrap(`| a | b |\n| - | - |\n${row}`, fence),
		})),
	),
);

test.each(shapes)(
	'closes $holder after a table ending in `$row` at `$fence` as remark-parse does',
	async ({ text }) => {
		const { parseMarkdown } = await import('../../tree/parse-markdown.ts');
		const remark = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);
		const native = unified()
			.use(remarkParse)
			.use(remarkGfm)
			.use(remarkDirective)
			.use(remarkNativeParser);
		expect(outline(native.parse(new VFile({ path: 'ops.md', value: text })))).toEqual(
			outline(remark.parse(new VFile({ path: 'ops.md', value: text }))),
		);
		expect(outline(parseMarkdown(text, 'native'))).toEqual(outline(parseMarkdown(text, 'remark')));
	},
);

test('a page of long lines of pipes is sent to a parser in linear time', async () => {
	const { parseMarkdown } = await import('../../tree/parse-markdown.ts');
	const page = (n: number) => `${'|'.repeat(n)}\n:::\n`;
	expect(growthRatio((n) => parseMarkdown(page(n), 'native'), 10_000, 80_000)).toBeLessThan(8 * 3);
});
