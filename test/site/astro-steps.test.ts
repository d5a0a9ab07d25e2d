import {
	markdownConfigDefaults,
	rehypeHeadingIds,
	rehypeShiki,
	remarkCollectImages,
	syntaxHighlightDefaults,
} from '@astrojs/markdown-remark';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { PhrasingContent, Root as MdastRoot, RootContent as MdastContent } from 'mdast';
import remarkGemoji from 'remark-gemoji';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { runOnParts } from '../../markdown/tree-parts.ts';
import {
	rehypeHeadingIdsOnHeadings,
	remarkCollectImagesWhereImages,
} from '../../markdown/astro-steps.ts';
import { rehypeSiteShiki, siteShikiConfig } from '../../markdown/plugins.ts';
import { remarkGemojiText } from '../../markdown/remark-gemoji-text.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// The site's processor runs Astro's heading, image and Shiki steps and remark-gemoji on only the
// nodes they act on (markdown/tree-parts.ts). Each must leave a page exactly as the step run on
// the whole page does: generated trees, each through both, compared node for node (and what the
// step keeps in `file.data`).

const cases = 300;

/** A transform as the steps' plugins return it: in place, maybe asynchronous. */
type Transform<T> = (tree: T, file: VFile) => unknown;

/** The tree and `file.data` after `transform`, on a copy of `tree`; a thrown error as its message. */
async function after<T>(
	transform: Transform<T>,
	tree: T,
	path: string | undefined,
): Promise<string> {
	const copy = structuredClone(tree);
	const file = new VFile(path === undefined ? {} : { path });
	try {
		await transform(copy, file);
	} catch (error) {
		return `threw ${(error as Error).message}`;
	}
	return JSON.stringify({ tree: copy, data: file.data });
}

/** Runs both transforms over `count` generated trees; returns the first seed where they differ, with both results. */
async function firstDifference<T>(
	generate: (random: Random) => T,
	reference: Transform<T>,
	ours: Transform<T>,
	path = (random: Random): string | undefined =>
		pickItem(random, ['/tree/page.md', '/tree/a b/page.md']),
) {
	for (let seed = 1; seed <= cases; seed++) {
		const random = seededRandom(seed);
		const tree = generate(random);
		const file = path(random);
		const [expected, actual] = [await after(reference, tree, file), await after(ours, tree, file)];
		if (expected !== actual) return { seed, expected, actual };
	}
	return undefined;
}

// hast: headings of every kind Astro reads as one (`h0`, `h7` and `hgroup` are not), nested in
// each other and in code, with and without ids, over text, raw HTML and code blocks.
const tags = [
	'p',
	'div',
	'section',
	'span',
	'em',
	'a',
	'code',
	'pre',
	'h1',
	'h2',
	'h3',
	'h6',
	'h0',
	'h7',
	'hgroup',
	'header',
	'hr',
	'th1',
	'svg',
];
const texts = [
	'Restart the pod',
	'a {b} c',
	'{',
	'} and {{',
	':+1: done',
	' ',
	'\n',
	'Ünïcödé – “quotes”',
	'two  spaces',
	'$x',
	'<tag>',
	'a\r\nb\n',
];
const raws = [
	'<br>',
	'\n<img src="x.png">\n',
	'<b>bold</b>',
	'x<y>',
	'<',
	'<!-- note -->',
	'<a>\n<b>',
];
const languages = [
	'bash',
	'yaml',
	'js',
	'math',
	'plaintext',
	'text',
	'no-such-language',
	'ansi',
	'',
];

function hastChildren(random: Random, depth: number): ElementContent[] {
	return Array.from({ length: pick(random, 5) }, () => hastNode(random, depth));
}

function hastNode(random: Random, depth: number): ElementContent {
	const roll = random();
	if (depth > 3 || roll < 0.3) return { type: 'text', value: pickItem(random, texts) };
	if (roll < 0.4)
		return { type: 'raw', value: pickItem(random, raws) } as unknown as ElementContent;
	if (roll < 0.5) return { type: 'comment', value: 'c' };
	if (roll < 0.65) return codeBlock(random, depth);
	const tagName = pickItem(random, tags);
	const properties: Element['properties'] = {};
	// A number too: a plugin may write one, and Astro then gives the heading an id of its own.
	if (random() < 0.3)
		Object.assign(properties, {
			id: pickItem<string | number>(random, ['kept', 'kept', '', 7, 'restart-the-pod']),
		});
	return { type: 'element', tagName, properties, children: hastChildren(random, depth + 1) };
}

/** A `pre` with its `code` (a language, a meta string, text or more elements), sometimes a second child. */
function codeBlock(random: Random, depth: number): Element {
	const language = pickItem(random, languages);
	const text = Array.from({ length: 1 + pick(random, 3) }, () =>
		pickItem(random, [
			'kubectl get pods\n',
			'key: value\n',
			'let x = {a: 1};',
			'  indented\n',
			'$ echo "hi"',
		]),
	).join('');
	const children: ElementContent[] =
		random() < 0.8
			? [{ type: 'text', value: text }]
			: [{ type: 'text', value: text }, hastNode(random, depth + 1)];
	const code: Element = {
		type: 'element',
		tagName: 'code',
		properties: language ? { className: [`language-${language}`] } : {},
		children,
	};
	if (random() < 0.3)
		code.data = { meta: pickItem(random, ['title="x"', '{1,3}', '']) } as Element['data'];
	const pre: Element = { type: 'element', tagName: 'pre', properties: {}, children: [code] };
	if (random() < 0.15) pre.children.push({ type: 'text', value: '\n' });
	return pre;
}

const hastRoot = (random: Random): HastRoot => ({
	type: 'root',
	children: hastChildren(random, 0).concat(hastChildren(random, 0)),
});

describe('Astro’s steps on only the nodes they act on', () => {
	test('headings: the same ids and the same headings for Astro as rehypeHeadingIds on the whole page, over generated pages', async () => {
		const generated = (random: Random) => hastRoot(random);
		expect(
			await firstDifference(
				generated,
				rehypeHeadingIds() as Transform<HastRoot>,
				rehypeHeadingIdsOnHeadings() as Transform<HastRoot>,
				(random) => pickItem(random, ['/tree/page.md', '/tree/page.mdx']),
			),
		).toBeUndefined();
		// Positive controls: the generated pages hold headings in headings, and headings whose
		// texts repeat, so the order the slugger sees them in shows (`…-1`).
		const sample = JSON.stringify(
			Array.from({ length: 40 }, (_, n) => hastRoot(seededRandom(n + 1))),
		);
		expect(sample).toMatch(
			/"tagName":"h[1-6]","properties":\{\},"children":\[[^\]]*"tagName":"h[1-6]"/,
		);
		const ids = await Promise.all(
			Array.from({ length: 40 }, (_, n) =>
				after(
					rehypeHeadingIdsOnHeadings() as Transform<HastRoot>,
					hastRoot(seededRandom(n + 1)),
					'/p.md',
				),
			),
		);
		expect(ids.join('\n')).toMatch(/"slug":"[a-z-]+-1"/);
	});

	test('code: the same highlighted blocks as Astro’s Shiki step on the whole page, over generated pages', async () => {
		const processor = unified();
		const reference = rehypeShiki.call(
			processor,
			{ ...markdownConfigDefaults.shikiConfig, ...siteShikiConfig },
			syntaxHighlightDefaults.excludeLangs,
		) as Transform<HastRoot>;
		const ours = rehypeSiteShiki.call(processor) as Transform<HastRoot>;
		const generated = (random: Random) => hastRoot(random);
		expect(await firstDifference(generated, reference, ours)).toBeUndefined();
		// Positive control: something was highlighted.
		expect(await after(ours, generated(seededRandom(3)), '/p.md')).toContain(
			'"class":"astro-code"',
		);
	}, 60_000);
});

// mdast: images and references (defined, undefined, malformed URLs), emoji shortcodes (known,
// unknown, back to back, in links and headings), nested in block quotes and lists.
const urls = [
	'diagram.png',
	'https://example.com/a.png',
	'https://other.example/b.png',
	'/abs/c.png',
	'a%20b.png',
	'bad%ZZ.png',
	'../up.svg',
	'data:image/png;base64,AA==',
];
const words = [
	'Page the on-call :+1:',
	':smile::tada:',
	':not-an-emoji: and :bug:',
	'a:b:c',
	'::',
	':',
	'time 10:30:00',
	'plain words',
	':+1',
	':warning: disk full',
];

function phrasing(random: Random, depth: number): PhrasingContent[] {
	return Array.from({ length: 1 + pick(random, 4) }, (): PhrasingContent => {
		const roll = random();
		if (roll < 0.5 || depth > 2) return { type: 'text', value: pickItem(random, words) };
		if (roll < 0.6) return { type: 'image', url: pickItem(random, urls), alt: 'x' };
		if (roll < 0.7)
			return {
				type: 'imageReference',
				identifier: pickItem(random, ['logo', 'missing']),
				label: 'logo',
				referenceType: 'full',
				alt: 'y',
			};
		if (roll < 0.8) return { type: 'inlineCode', value: ':+1:' };
		if (roll < 0.9) return { type: 'link', url: 'x.md', children: phrasing(random, depth + 1) };
		return { type: 'emphasis', children: phrasing(random, depth + 1) };
	});
}

function block(random: Random, depth: number): MdastContent {
	const roll = random();
	if (depth > 2 || roll < 0.45) return { type: 'paragraph', children: phrasing(random, 0) };
	if (roll < 0.6) return { type: 'heading', depth: 2, children: phrasing(random, 0) };
	if (roll < 0.7)
		return { type: 'definition', identifier: 'logo', label: 'logo', url: pickItem(random, urls) };
	if (roll < 0.8) return { type: 'code', value: ':+1: ![x](y.png)' };
	if (roll < 0.9) return { type: 'blockquote', children: [block(random, depth + 1) as never] };
	return {
		type: 'list',
		children: [{ type: 'listItem', children: [block(random, depth + 1) as never] }],
	};
}

const mdastRoot = (random: Random): MdastRoot => ({
	type: 'root',
	children: Array.from({ length: 1 + pick(random, 6) }, () => block(random, 0)),
});

describe('image and emoji steps on only the nodes they act on', () => {
	test('images: the same local and remote image paths as remarkCollectImages, over generated pages', async () => {
		const options = { domains: ['example.com'], remotePatterns: [] };
		const withPath = (random: Random) => pickItem(random, ['/tree/page.md', undefined]);
		expect(
			await firstDifference(
				mdastRoot,
				remarkCollectImages(options) as Transform<MdastRoot>,
				remarkCollectImagesWhereImages(options) as Transform<MdastRoot>,
				withPath,
			),
		).toBeUndefined();
		expect(
			await firstDifference(
				mdastRoot,
				remarkCollectImages(undefined) as Transform<MdastRoot>,
				remarkCollectImagesWhereImages() as Transform<MdastRoot>,
				withPath,
			),
		).toBeUndefined();
		// Positive control: pages with and without images, and one whose URL does not decode.
		const results = await Promise.all(
			Array.from({ length: 60 }, (_, n) =>
				after(
					remarkCollectImagesWhereImages(options) as Transform<MdastRoot>,
					mdastRoot(seededRandom(n + 1)),
					'/p.md',
				),
			),
		);
		expect(
			results.some(
				(r) => r.includes('"localImagePaths":[]') && r.includes('"remoteImagePaths":[]'),
			),
		).toBe(true);
		expect(results.some((r) => r.includes('"remoteImagePaths":["https://example.com/a.png"'))).toBe(
			true,
		);
		expect(results.some((r) => r.startsWith('threw'))).toBe(true);
	});

	test('emoji: the same nodes as remark-gemoji, over generated pages', async () => {
		expect(
			await firstDifference(
				mdastRoot,
				remarkGemoji() as Transform<MdastRoot>,
				remarkGemojiText() as Transform<MdastRoot>,
			),
		).toBeUndefined();
		expect(
			await after(
				remarkGemojiText() as Transform<MdastRoot>,
				{
					type: 'root',
					children: [
						{ type: 'paragraph', children: [{ type: 'text', value: 'ok :+1: :nope: :tada:' }] },
					],
				},
				'/p.md',
			),
		).toContain('"value":"ok 👍 :nope: 🎉"');
	});
});

describe('runOnParts', () => {
	const page = (): HastRoot => ({
		type: 'root',
		children: [
			{ type: 'element', tagName: 'h2', properties: {}, children: [{ type: 'text', value: 'A' }] },
			{ type: 'text', value: 'b' },
		],
	});
	const isH2 = (node: unknown) => (node as Element).tagName === 'h2';

	test('puts back what a step put in a lent node’s place, later too', async () => {
		const tree = page();
		expect(
			runOnParts(
				tree,
				isH2,
				(root) => void (root.children[0] = { type: 'text', value: 'replaced' }),
			),
		).toBeUndefined();
		expect(tree.children[0]).toEqual({ type: 'text', value: 'replaced' });
		const later = page();
		await runOnParts(later, isH2, (root) =>
			Promise.resolve().then(() => void (root.children[0] = { type: 'comment', value: 'later' })),
		);
		expect(later.children[0]).toEqual({ type: 'comment', value: 'later' });
	});

	test('refuses a step that returns a tree (unified would make it the page) or gives back more nodes than it was lent', async () => {
		expect(() => runOnParts(page(), isH2, (root) => root)).toThrow(
			'Unexpected a `root` node returned by a step run on parts of a page, expected nothing',
		);
		await expect(runOnParts(page(), isH2, (root) => Promise.resolve(root))).rejects.toThrow(
			'expected nothing',
		);
		expect(() =>
			runOnParts(page(), isH2, (root) => void root.children.push({ type: 'text', value: 'x' })),
		).toThrow('Unexpected 2 nodes back from a step lent 1');
	});
});
