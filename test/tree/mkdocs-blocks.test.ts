import '../helpers/load-tools.ts';
import type { Nodes, Parents } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, test } from 'vitest';
import { contentTabSets } from '../../markdown/content-tabs.ts';
import { inputsFromRecord, type MkdocsMarkdown } from '../../tools/mkdocs/settings.ts';
import { sourceColumnOf, sourceLineOf } from '../../tools/syntax/line-origins.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

const tabbed = (
	markdown: MkdocsMarkdown = { tabbed: { combineHeaderSlug: false, separator: '-' } },
) => inputsFromRecord({ markdown, snippets: {}, includes: {}, icons: {} });

/** A page of content tabs, admonitions, lists and code nested at random, with what each marker must end up inside. */
function generatePage(seed: number) {
	const random = seededRandom(seed);
	const lines: string[] = [];
	const chains = new Map<string, string[]>();
	const sets: Array<{ titles: string[]; selected: number }> = [];
	let counter = 0;
	const blocks = (indent: string, chain: string[], depth: number) => {
		let previousSet: (typeof sets)[number] | undefined;
		const count = 1 + pick(random, 3);
		for (let b = 0; b < count; b++) {
			const kind = depth >= 3 ? pick(random, 2) : pick(random, 5);
			const marker = `M${++counter}`;
			if (kind !== 2) previousSet = undefined;
			if (kind === 0) {
				lines.push(`${indent}${marker} is a paragraph.`, '');
				chains.set(marker, chain);
			} else if (kind === 1) {
				lines.push(
					`${indent}\`\`\`text`,
					`${indent}=== "${marker} stays code"`,
					`${indent}!!! note`,
					`${indent}\`\`\``,
					'',
				);
				chains.set(`${marker} stays code`, chain);
			} else if (kind === 2) {
				const startsNew = previousSet === undefined || random() < 0.5;
				const set = startsNew
					? { titles: [], selected: 0 }
					: (previousSet as (typeof sets)[number]);
				if (startsNew) sets.push(set);
				const tabs = 1 + pick(random, 3);
				for (let t = 0; t < tabs; t++) {
					const title = `T${++counter}`;
					const select = random() < 0.2;
					const flags = `${select ? '+' : ''}${t === 0 && previousSet && startsNew ? '!' : ''}`;
					if (select) set.selected = set.titles.length;
					set.titles.push(title);
					lines.push(`${indent}===${flags} "${title}"`, '');
					blocks(`${indent}    `, [...chain, `tab:${title}`], depth + 1);
				}
				previousSet = set;
			} else if (kind === 3) {
				const title = `A${++counter}`;
				lines.push(`${indent}!!! warning "${title}"`, '');
				blocks(`${indent}    `, [...chain, `warning:${title}`], depth + 1);
			} else {
				lines.push(`${indent}1.  ${marker} starts a list item.`, '');
				chains.set(marker, chain);
				blocks(`${indent}    `, chain, depth + 1);
			}
		}
	};
	blocks('', [], 0);
	return { text: `# Generated\n\n${lines.join('\n')}\n`, chains, sets };
}

/** Every node with the container directives around it, as `name:label`. */
function directiveChains(tree: Nodes): Array<{ node: Nodes; chain: string[] }> {
	const found: Array<{ node: Nodes; chain: string[] }> = [];
	const visit = (node: Nodes, chain: string[]) => {
		found.push({ node, chain });
		if (!('children' in node)) return;
		const inner =
			node.type === 'containerDirective' ? [...chain, `${node.name}:${labelOf(node)}`] : chain;
		for (const child of node.children) visit(child, inner);
	};
	visit(tree, []);
	return found;
}

const labelOf = (node: Parents): string => {
	const first = node.children[0];
	return first?.type === 'paragraph' && first.data?.directiveLabel ? toString(first) : '';
};

describe('content tabs and admonitions, nested at random', () => {
	test.each(Array.from({ length: 60 }, (_, i) => [i + 1]))(
		"page %i: every block lands inside the tabs and admonitions that hold it, with Material's ids",
		(seed) => {
			const { text, chains, sets } = generatePage(seed);
			const page = parsePage('generated.md', text, { dialect: 'mkdocs', inputs: tabbed() });
			const nodes = directiveChains(page.tree);
			for (const [marker, chain] of chains) {
				const holder = nodes.find(
					({ node }) =>
						(node.type === 'paragraph' || node.type === 'code') && toString(node).includes(marker),
				);
				expect(holder?.chain, marker).toEqual(chain);
				if (marker.endsWith('stays code')) expect(holder?.node.type, marker).toBe('code');
				// Lines the rewrite added or moved still point at the marker's own line, and a
				// paragraph's column at the marker itself (block content moved left keeps the file's).
				const line = holder?.node.position?.start.line ?? 0;
				const sourceLine = sourceLineOf(
					holder?.node.type === 'code' ? line + 1 : line,
					page.sourceLines,
				);
				expect(text.split('\n')[sourceLine - 1], marker).toContain(marker);
				if (holder?.node.type === 'paragraph' && holder.node.position) {
					const column = sourceColumnOf(holder.node.position.start, page.sourceColumns);
					expect(text.split('\n')[sourceLine - 1]?.slice(column - 1), marker).toMatch(
						new RegExp(`^${marker}\\b`),
					);
				}
			}
			const found = contentTabSets(page.tree, undefined, () => undefined, new Set());
			expect(
				found.map((set) => ({
					titles: set.tabs.map((tab) => tab.title),
					selected: set.tabs.findIndex((tab) => tab.selected),
				})),
			).toEqual(sets);
			for (const [s, set] of sets.entries())
				for (const t of set.titles.keys())
					expect(page.anchors).toContain(`__tabbed_${s + 1}_${t + 1}`);
			expect(page.dialectNotes).toEqual([]);
		},
	);
});

describe('content tab ids', () => {
	const ids = (text: string, markdown?: MkdocsMarkdown) =>
		[...parsePage('p.md', text, { dialect: 'mkdocs', inputs: tabbed(markdown) }).anchors].filter(
			(id) => id !== 'p',
		);

	test('numbers sets in document order, an outer set before the sets inside its first tab', () => {
		expect(
			ids(
				'=== "A"\n\n    === "A1"\n\n        a\n\n=== "B"\n\n    b\n\nText.\n\n=== "C"\n\n    c\n',
			).sort(),
		).toEqual(['__tabbed_1_1', '__tabbed_1_2', '__tabbed_2_1', '__tabbed_3_1']);
	});

	test('starts a new set at `!`, and keeps tabs separated only by blank lines in one set', () => {
		expect(ids('=== "A"\n    a\n=== "B"\n    b\n\n\n===! "C"\n    c\n')).toEqual([
			'__tabbed_1_1',
			'__tabbed_1_2',
			'__tabbed_2_1',
		]);
	});

	test('with `slugify`, slugs the titles, unique among the headings, after the heading above under `combine_header_slug`', () => {
		const slugged = {
			tabbed: { slugify: { case: 'lower' as const }, combineHeaderSlug: true, separator: '-' },
		};
		expect(
			ids(
				'## Install\n\n=== "Linux box"\n    a\n=== "macOS"\n    b\n\n## Install linux box\n\n=== "Linux box"\n    c\n',
				slugged,
			),
		).toEqual([
			'install',
			'install-linux-box',
			'install-linux-box_1',
			'install-macos',
			'install-linux-box-linux-box',
		]);
		expect(
			ids('=== "Linux Box"\n    a\n', {
				tabbed: { slugify: { case: 'none' }, combineHeaderSlug: false, separator: '_' },
			}),
		).toEqual(['Linux_Box']);
	});

	test('leaves `===` alone where `pymdownx.tabbed` is not enabled in `mkdocs.yml`', () => {
		const page = parsePage('p.md', '=== "A"\n\n    a\n', { dialect: 'mkdocs', inputs: tabbed({}) });
		expect(page.text).toBe('=== "A"\n\n    a\n');
		expect(page.codeBlocks.map((code) => code.value)).toEqual(['a']);
	});
});

// The rewrite's own notes (a macro never closed) name the file's column once, not once more for the
// indentation the block lost.
test('a note the rewrite makes inside an admonition is reported at the file’s column', async () => {
	const dir = await writeFixture({
		'mkdocs.yml': 'site_name: Ops\nplugins:\n  - macros\nmarkdown_extensions:\n  - admonition\n',
		'docs/index.md': '# Home\n\n!!! note\n    Value and {{ open here.\n',
	});
	try {
		const result = await runCli(['check', '--root', 'docs', '--format', 'json'], { cwd: dir });
		const findings = (
			JSON.parse(result.stdout) as {
				findings: Array<{ rule: string; line: number; column: number }>;
			}
		).findings;
		expect(
			findings.filter((f) => f.rule === 'dialect-syntax').map((f) => `${f.line}:${f.column}`),
		).toEqual(['4:15']);
	} finally {
		await removeFixture(dir);
	}
});
