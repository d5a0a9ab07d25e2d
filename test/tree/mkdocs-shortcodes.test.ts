import '../helpers/load-tools.ts';
import { expect, test } from 'vitest';
import {
	inputsFromRecord,
	type MkdocsInputs,
	type MkdocsMarkdown,
} from '../../tools/mkdocs/settings.ts';
import { materialIcon } from '../../tools/mkdocs/icons.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { growthRatio } from '../helpers/growth.ts';

const material = (
	markdown: MkdocsMarkdown = { emoji: { icons: true }, attrList: true },
): MkdocsInputs => ({
	...inputsFromRecord({ markdown, snippets: {}, includes: {}, icons: {} }),
	icon: materialIcon,
});

/** The page's first paragraph as `text`, `[icon name]`, in order. */
function inline(markdown: string, inputs = material()) {
	const page = parsePage('p.md', markdown, { dialect: 'mkdocs', inputs: inputs });
	const paragraph = page.tree.children.find((node) => node.type === 'paragraph');
	const parts =
		paragraph?.type === 'paragraph'
			? paragraph.children.map((child) =>
					child.type === 'text' && child.data?.hProperties
						? `[${String(child.data.hProperties['dataIcon'])}]`
						: child.type === 'text'
							? child.value
							: `<${child.type}>`,
				)
			: [];
	return {
		parts,
		notes: page.dialectNotes.map((n) => `${n.line}:${n.column} ${n.message.split(',')[0]}`),
		anchors: [...page.anchors],
	};
}

test.each([
	['material-server', 'viewBox="0 0 24 24"'],
	['fontawesome-brands-github', 'Font Awesome Free'],
	['fontawesome-regular-clock', '<path'],
	['fontawesome-solid-truck', '<path'],
	['octicons-link-external-16', 'viewBox="0 0 16 16"'],
	['simple-kubernetes', 'viewBox="0 0 24 24"'],
])('finds `:%s:` in its icon set', (name, expected) => {
	expect(materialIcon(name)).toContain(expected);
	expect(materialIcon(name)).toMatch(
		/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="[\d ]+">.*<\/svg>$/s,
	);
});

test('knows no icon outside the sets, nor one a set keeps only for an old name', () => {
	for (const name of [
		'material-no-such-icon',
		'octicons-alert',
		'fontawesome-github',
		'simple-',
		'unknown-set-x',
		'material-__proto__',
		'material-constructor',
	])
		expect(materialIcon(name), name).toBeUndefined();
});

test('turns emoji into characters and icons into placeholders, drops an attribute list after them, and leaves code and unknown names alone', () => {
	expect(
		inline(
			'Read :books: then :octicons-link-external-16:{ .middle } and `:books:` at 10:30:00 or :not-an-emoji:.\n',
		),
	).toEqual({
		parts: [
			'Read ',
			'📚',
			' then ',
			'[octicons-link-external-16]',
			' and ',
			'<inlineCode>',
			' at 10:30:00 or :not-an-emoji:.',
		],
		notes: ['1:87 Unexpected emoji shortcode `:not-an-emoji:`'],
		anchors: [],
	});
	expect(inline(':material-nope: and :fontawesome-solid-truck:{ .lg }\n').notes).toEqual([
		'1:1 Unexpected icon shortcode `:material-nope:`',
	]);
});

test('keeps icons out of heading ids, as MkDocs does', () => {
	expect(inline('## :material-server: Servers\n').anchors).toEqual(['servers']);
});

test("reads nothing as a shortcode where `pymdownx.emoji` is not enabled, and icons only with Material's index", () => {
	expect(inline('Read :books: :material-server:\n', material({})).parts).toEqual([
		'Read :books: :material-server:',
	]);
	expect(
		inline('Read :books: :material-server:\n', material({ emoji: { icons: false } })).parts,
	).toEqual(['Read ', '📚', ' :material-server:']);
});

test.each([
	['![](diagram.png){: style="width:70%;"}', 'image', undefined, undefined],
	['![Flow](flow.png){ .center #flow-diagram }', 'image', ['center'], 'flow-diagram'],
	[
		'[Get started](start.md){ .md-button .md-button--primary }',
		'link',
		['md-button', 'md-button--primary'],
		undefined,
	],
	['[Docs](docs.md){:#docs-link}', 'link', undefined, 'docs-link'],
])(
	'with attr_list, an attribute list after an inline element is never text: %s',
	(markdown, type, className, id) => {
		const page = parsePage('p.md', `${markdown} and more.\n`, {
			dialect: 'mkdocs',
			inputs: material({ attrList: true }),
		});
		const paragraph = page.tree.children.find((node) => node.type === 'paragraph');
		const children = paragraph?.type === 'paragraph' ? paragraph.children : [];
		expect(children.map((child) => child.type)).toEqual([type, 'text']);
		expect(children[1]?.type === 'text' && children[1].value).toBe(' and more.');
		expect(children[0]?.data?.hProperties).toEqual(
			className || id ? { ...(className && { className }), ...(id && { id }) } : undefined,
		);
		// Without attr_list, MkDocs shows the list as text: so does the site.
		const plain = parsePage('p.md', `${markdown} and more.\n`, {
			dialect: 'mkdocs',
			inputs: material({}),
		});
		const text = plain.tree.children.find((node) => node.type === 'paragraph');
		expect(
			text?.type === 'paragraph' &&
				text.children[1]?.type === 'text' &&
				text.children[1].value.startsWith('{'),
		).toBe(true);
	},
);

// A block's attribute list, on the block's last line (Python-Markdown's `BLOCK_RE`), generated
// over the ways traefik's docs and others write it: every spacing, a colon or none, classes, an
// id, both, after plain text, a link or code, at the top, in a list item and in an admonition.
const lists = [
	{ list: '{: .subtitle }', className: ['subtitle'] },
	{ list: '{:.subtitle}', className: ['subtitle'] },
	{ list: '{ .lead .muted }', className: ['lead', 'muted'] },
	{ list: '{: #security-note }', id: 'security-note' },
	{ list: '{#warning-box .note}', id: 'warning-box', className: ['note'] },
	{ list: '{: style="color: red" }' },
];
const endings = [
	'Protecting against path attacks',
	'Read [the guide](guide.md)',
	'Run `traefik healthcheck`',
];
const places = [
	{ name: 'at the top', wrap: (text: string) => text },
	{ name: 'in a list item', wrap: (text: string) => `- ${text.replace('\n', '\n  ')}` },
	{
		name: 'in an admonition',
		wrap: (text: string) => `!!! warning\n    ${text.replace('\n', '\n    ')}`,
	},
];
const blocks = lists.flatMap((list) =>
	endings.flatMap((ending) =>
		places.map((place) => ({
			...list,
			ending,
			place: place.name,
			markdown: place.wrap(`${ending}\n${list.list}`),
		})),
	),
);

function paragraphsOf(node: unknown): Array<{
	data?: { hProperties?: Record<string, unknown> };
	children: Array<{ type: string; value?: string }>;
}> {
	const { type, children } = node as { type: string; children?: unknown[] };
	return [
		...(type === 'paragraph' ? [node as never] : []),
		...(children ?? []).flatMap(paragraphsOf),
	];
}

test.each(blocks)(
	'with attr_list, a block\'s list $list after "$ending" $place styles the paragraph (a tight item: the item) and is never text',
	({ markdown, className, id, place }) => {
		const page = parsePage(
			'p.md',
			`# Title\n\n${markdown}\n\nSee [the note](#${id ?? 'title'}).\n`,
			{ dialect: 'mkdocs', inputs: material({ attrList: true }) },
		);
		const [paragraph] = paragraphsOf(page.tree);
		expect(JSON.stringify(paragraph?.children)).not.toMatch(/\{:?[ .#a-z]/);
		// A tight list item's paragraph is no element on the page (the item's text is written bare): the item takes the attributes.
		const item = (
			page.tree.children.find((node) => node.type === 'list') as
				{ children: Array<{ data?: { hProperties?: unknown } }> } | undefined
		)?.children[0];
		const styled = place === 'in a list item' ? item : paragraph;
		expect(styled?.data?.hProperties).toEqual(
			className || id ? { ...(className && { className }), ...(id && { id }) } : undefined,
		);
		if (id) expect([...page.anchors]).toContain(id);
		// Without attr_list, MkDocs shows the list as text: so does the site.
		const plain = parsePage('p.md', `${markdown}\n`, { dialect: 'mkdocs', inputs: material({}) });
		expect(JSON.stringify(paragraphsOf(plain.tree)[0]?.children)).toContain('{');
	},
);

test("a list after a hard break is the block's too; alone in its paragraph, or in the middle of one, it is text, as Python-Markdown leaves it", () => {
	const broken = parsePage('p.md', 'A subtitle  \n{: .subtitle }\n', {
		dialect: 'mkdocs',
		inputs: material({ attrList: true }),
	});
	expect(paragraphsOf(broken.tree)[0]).toMatchObject({
		children: [{ type: 'text', value: 'A subtitle' }],
		data: { hProperties: { className: ['subtitle'] } },
	});
	for (const markdown of ['{: .subtitle }', 'One line\n{: .lead }\nand another']) {
		const page = parsePage('p.md', `${markdown}\n`, {
			dialect: 'mkdocs',
			inputs: material({ attrList: true }),
		});
		expect(JSON.stringify(paragraphsOf(page.tree)[0]?.children)).toContain('{:');
	}
});

test('an attribute list that never closes, however long its run of spaces, costs linear time', () => {
	const page = (n: number) => `T\n{a${' '.repeat(n)}x\n`;
	expect(
		growthRatio(
			(n) =>
				parsePage('p.md', page(n), { dialect: 'mkdocs', inputs: material({ attrList: true }) }),
			5_000,
			40_000,
		),
	).toBeLessThan(8 * 3);
});
