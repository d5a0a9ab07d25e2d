import { createRandom } from '../../bench/lib/prng.mjs';

/**
 * Generated guidebook trees for "content never crashes the build": every kind of broken part a
 * page can hold (images, links, MDX imports, components, expressions, bad bytes, huge lines),
 * drawn by a seeded generator into pages, each part between two marker paragraphs, with what the
 * built page must show for it and the finding `build` must print, by trust. Many parts share a
 * page and a tree: an Astro build costs seconds, a part costs nothing.
 */

export type Trust = 'trusted' | 'untrusted';
type PageKind = 'md' | 'mdx';

/** What the built page shows for a part, between its markers. */
export type Shows =
	/**
	 * An element matching `selector` whose text or `aria-label` holds `text` (and `text` in the
	 * part's stretch of the page); `content` there too, as prose (in no code block), and never `hidden`.
	 */
	| { selector: string; text: string; content?: string; hidden?: string }
	/** `text`, and no notice, in the part's stretch of the page. */
	| { plain: string }
	/** Not `text`, and no notice. */
	| { absent: string };

/** A finding `build` prints for a part: the rule, and the line of the part it is at. */
export interface Finds {
	rule: string;
	line: number;
}

interface Part {
	name: string;
	kinds: readonly PageKind[];
	lines: (n: number) => string[];
	shows: (trust: Trust, n: number) => Shows;
	finds: (trust: Trust) => Finds[];
}

const notice = '.wm-mdx-notice';
const placeholder = '.wm-image-missing';
const broken = 'a.wm-broken-link';
const both = ['md', 'mdx'] as const;
const onlyMd = ['md'] as const;
const onlyMdx = ['mdx'] as const;
const links = (line = 0): Finds[] => [{ rule: 'internal-links', line }];
const readable = (line = 0): Finds[] => [{ rule: 'readable-files', line }];
/** A repository file outside the root: the bundler's judgement in a trusted tree, never read for one under review. */
const outsideRoot = (trust: Trust): Finds[] =>
	trust === 'untrusted' ? [{ rule: 'untrusted-content', line: 0 }] : readable();
/** A trusted page's part reported by `mdx-references`, an untrusted one's by `untrusted-content` at each of `untrustedLines`. */
const mdx =
	(trustedLines: number[], untrustedLines: number[]) =>
	(trust: Trust): Finds[] =>
		(trust === 'trusted' ? trustedLines : untrustedLines).map((line) => ({
			rule: trust === 'trusted' ? 'mdx-references' : 'untrusted-content',
			line,
		}));

/** Parts that break one spot of a page; any number share a page. */
const parts: Part[] = [
	{
		name: 'root-absolute image that does not exist',
		kinds: both,
		lines: (n) => [`![alt ${n}](/img/missing-${n}.png)`],
		shows: (_t, n) => ({ selector: placeholder, text: `/img/missing-${n}.png` }),
		finds: () => links(),
	},
	{
		name: 'relative image that does not exist',
		kinds: both,
		lines: (n) => [`![alt ${n}](missing-${n}.png)`],
		shows: (_t, n) => ({ selector: placeholder, text: `missing-${n}.png` }),
		finds: () => links(),
	},
	{
		name: 'image outside the root that does not exist',
		kinds: both,
		lines: (n) => [`![alt ${n}](../nowhere/missing-${n}.png)`],
		shows: (_t, n) => ({ selector: placeholder, text: `../nowhere/missing-${n}.png` }),
		finds: () => links(),
	},
	{
		name: 'image outside the repository',
		kinds: both,
		lines: (n) => [`![alt ${n}](../../../../../../../../gone-${n}.png)`],
		shows: (_t, n) => ({ selector: placeholder, text: `gone-${n}.png` }),
		finds: () => links(),
	},
	{
		name: 'image outside the root that is not a picture',
		kinds: both,
		lines: () => ['![corrupt](../assets/corrupt.png)'],
		shows: () => ({ selector: placeholder, text: '../assets/corrupt.png' }),
		finds: outsideRoot,
	},
	{
		name: 'image outside the root with a query',
		kinds: both,
		lines: (n) => [`![query](../assets/ok.png?v=${n})`],
		shows: (_t, n) => ({ selector: placeholder, text: `../assets/ok.png?v=${n}` }),
		finds: outsideRoot,
	},
	{
		name: 'image path that is not valid percent-encoding',
		kinds: both,
		lines: (n) => [`![alt ${n}](%zz-${n}.png)`],
		shows: (_t, n) => ({ selector: placeholder, text: `%zz-${n}.png` }),
		finds: () => links(),
	},
	{
		name: 'image reference whose definition names no file',
		kinds: both,
		lines: (n) => [`![alt ${n}][img-${n}]`, '', `[img-${n}]: /img/ref-missing-${n}.png`],
		shows: (_t, n) => ({ selector: placeholder, text: `/img/ref-missing-${n}.png` }),
		finds: () => links(2),
	},
	{
		name: 'raw <img> whose file is missing',
		kinds: onlyMd,
		lines: (n) => [`<img src="raw-missing-${n}.png" alt="raw ${n}">`],
		shows: (_t, n) => ({ selector: placeholder, text: `raw-missing-${n}.png` }),
		finds: () => links(),
	},
	{
		name: 'remote image (kept)',
		kinds: both,
		lines: (n) => [`![remote ${n}](https://img.example/x-${n}.png)`],
		shows: (_t, n) => ({ selector: `img[src="https://img.example/x-${n}.png"]`, text: '' }),
		finds: () => [],
	},
	{
		name: 'data: image (kept)',
		kinds: both,
		lines: () => ['![pixel](data:image/gif;base64,R0lGODlhAQABAAAAACw=)'],
		shows: () => ({ selector: 'img[src^="data:image/gif"]', text: '' }),
		finds: () => [],
	},
	{
		name: 'image of the tree (kept)',
		kinds: both,
		lines: () => ['![ok](pics/ok.png)'],
		shows: () => ({ selector: 'img[src="/pics/ok.png"]', text: '' }),
		finds: () => [],
	},
	{
		name: 'link to a missing page',
		kinds: both,
		lines: (n) => [`See [lnk ${n}](missing-${n}.md).`],
		shows: (_t, n) => ({ selector: broken, text: `lnk ${n}` }),
		finds: () => links(),
	},
	{
		name: 'link to a missing heading',
		kinds: both,
		lines: (n) => [`See [lnk ${n}](#no-such-heading-${n}).`],
		shows: (_t, n) => ({ selector: broken, text: `lnk ${n}` }),
		finds: () => links(),
	},
	{
		name: 'link whose name differs in case',
		kinds: both,
		lines: (n) => [`See [lnk ${n}](Target.md).`],
		shows: (_t, n) => ({ selector: broken, text: `lnk ${n}` }),
		finds: () => links(),
	},
	{
		name: 'reference link whose definition names no page',
		kinds: both,
		lines: (n) => [`See [lnk ${n}][ref-${n}].`, '', `[ref-${n}]: missing-ref-${n}.md`],
		shows: (_t, n) => ({ selector: broken, text: `lnk ${n}` }),
		finds: () => links(2),
	},
	{
		name: 'raw <a> to a missing page',
		kinds: onlyMd,
		lines: (n) => [`See <a href="raw-missing-${n}.md">lnk ${n}</a>.`],
		shows: (_t, n) => ({ selector: broken, text: `lnk ${n}` }),
		finds: () => links(),
	},
	{
		name: 'link to a page (kept)',
		kinds: both,
		lines: (n) => [`See [target ${n}](target.md).`],
		shows: (_t, n) => ({ plain: `See target ${n}.` }),
		finds: () => [],
	},
	{
		name: 'MDX import of a file that does not exist',
		kinds: onlyMdx,
		lines: (n) => [
			`import Comp${n} from './missing-${n}.jsx';`,
			'',
			`<Comp${n}>`,
			`child text ${n}`,
			`</Comp${n}>`,
		],
		shows: (_t, n) => ({
			selector: notice,
			text: `<Comp${n}>`,
			content: `child text ${n}`,
			hidden: `import Comp${n}`,
		}),
		finds: mdx([0], [0, 2]),
	},
	{
		name: 'MDX import from outside the root',
		kinds: onlyMdx,
		lines: (n) => [
			`import Comp${n} from '../outside/Comp.jsx';`,
			'',
			`<Comp${n}>`,
			`child text ${n}`,
			`</Comp${n}>`,
		],
		shows: (_t, n) => ({
			selector: notice,
			text: `<Comp${n}>`,
			content: `child text ${n}`,
			hidden: `import Comp${n}`,
		}),
		finds: mdx([0], [0, 2]),
	},
	{
		name: 'MDX import of a Docusaurus module',
		kinds: onlyMdx,
		lines: (n) => [
			`import Comp${n} from '@site/src/components/Comp${n}';`,
			'',
			`<Comp${n}>`,
			'',
			`    child text ${n}`,
			'',
			`</Comp${n}>`,
		],
		shows: (_t, n) => ({
			selector: notice,
			text: `<Comp${n}>`,
			content: `child text ${n}`,
			hidden: `import Comp${n}`,
		}),
		finds: mdx([0], [0, 2]),
	},
	{
		name: 'MDX import of a theme component, used without children',
		kinds: onlyMdx,
		lines: (n) => [`import { Tab${n} } from '@theme/Tabs';`, '', `<Tab${n} />`],
		shows: (_t, n) => ({ selector: notice, text: `<Tab${n}>`, hidden: `import { Tab${n} }` }),
		finds: mdx([0], [0, 2]),
	},
	{
		name: 'MDX import of a React component of the tree, which imports what is not there',
		kinds: onlyMdx,
		lines: (n) => [
			`import Box${n} from './widgets/Box.jsx';`,
			'',
			`<Box${n}>`,
			`child text ${n}`,
			`</Box${n}>`,
		],
		shows: (_t, n) => ({
			selector: notice,
			text: `<Box${n}>`,
			content: `child text ${n}`,
			hidden: `import Box${n}`,
		}),
		finds: mdx([2], [0, 2]),
	},
	{
		name: 'MDX import of a Markdown partial of the tree',
		kinds: onlyMdx,
		lines: (n) => [`import Part${n} from './partials/part.md';`, '', `<Part${n} />`],
		shows: (t, n) =>
			t === 'trusted'
				? { plain: 'Partial text from Markdown.' }
				: { selector: notice, text: `<Part${n}>` },
		finds: mdx([], [0, 2]),
	},
	{
		name: 'MDX import of an MDX partial of the tree',
		kinds: onlyMdx,
		lines: (n) => [`import Part${n} from './partials/part.mdx';`, '', `<Part${n} />`],
		shows: (t, n) =>
			t === 'trusted'
				? { plain: 'Partial text from MDX.' }
				: { selector: notice, text: `<Part${n}>` },
		finds: mdx([], [0, 2]),
	},
	{
		name: 'unknown component with children',
		kinds: onlyMdx,
		lines: (n) => [`<Unknown${n}>`, '', `    child text ${n}`, '', `</Unknown${n}>`],
		shows: (_t, n) => ({ selector: notice, text: `<Unknown${n}>`, content: `child text ${n}` }),
		finds: mdx([0], [0]),
	},
	{
		name: 'unknown component without children',
		kinds: onlyMdx,
		lines: (n) => [`Inline <Unknown${n} /> here.`],
		shows: (_t, n) => ({ selector: notice, text: `<Unknown${n}>` }),
		finds: mdx([0], [0]),
	},
	{
		name: 'image from a Docusaurus module',
		kinds: onlyMdx,
		lines: (n) => [
			`import Logo${n} from '@site/static/img/logo-${n}.png';`,
			'',
			`<img src={Logo${n}} alt="logo ${n}" />`,
		],
		shows: () => ({ selector: notice, text: '<img>' }),
		finds: mdx([0], [0, 2]),
	},
	{
		name: 'expression naming nothing the page defines',
		kinds: onlyMdx,
		lines: (n) => [`Value {undefined${n}} here.`],
		shows: (_t, n) => ({ selector: notice, text: `{undefined${n}}` }),
		finds: mdx([0], [0]),
	},
	{
		name: 'expression that works',
		kinds: onlyMdx,
		lines: (n) => [`Sum {2 * ${n}} here.`],
		shows: (t, n) =>
			t === 'trusted' ? { plain: `Sum ${2 * n} here.` } : { selector: notice, text: `{2 * ${n}}` },
		finds: mdx([], [0]),
	},
	{
		name: 'expression over data of the tree',
		kinds: onlyMdx,
		lines: (n) => [`import data${n} from './data.json';`, '', `Name: {data${n}.name}.`],
		shows: (t, n) =>
			t === 'trusted'
				? { plain: 'Name: Dolibarr.' }
				: { selector: notice, text: `{data${n}.name}` },
		finds: mdx([], [0, 2]),
	},
	{
		name: 'MDX comment',
		kinds: onlyMdx,
		lines: (n) => [`Note {/* comment ${n} */} here.`],
		shows: (_t, n) => ({ absent: `comment ${n}` }),
		finds: () => [],
	},
];

/** Parts that decide how a whole page renders; each gets a page of its own. */
interface PagePart {
	name: string;
	kind: PageKind;
	/** The file's content; `n` makes it unique. */
	content: (n: number) => string | Buffer;
	/** Whether the page is published, and what it shows (`undefined` for an unpublished page). */
	shows: (trust: Trust, n: number) => Shows | undefined;
	finds: (trust: Trust) => Array<{ rule: string }>;
}

const pageParts: PagePart[] = [
	{
		name: 'MDX with an unclosed tag',
		kind: 'mdx',
		content: (n) => `# Unclosed ${n}\n\n<div>\n\nUnclosed text ${n}.\n`,
		shows: () => ({ selector: 'aside.wm-notice', text: 'not valid MDX' }),
		finds: (t) => [{ rule: t === 'trusted' ? 'readable-files' : 'untrusted-content' }],
	},
	{
		name: 'Markdown with unclosed HTML',
		kind: 'md',
		content: (n) => `# Unclosed ${n}\n\n<div><span>Unclosed text ${n}.\n`,
		shows: (_t, n) => ({ plain: `Unclosed text ${n}.` }),
		finds: () => [],
	},
	{
		name: 'MDX whose expression throws as it renders',
		kind: 'mdx',
		content: (n) => `# Throws ${n}\n\nThrows {null.x} here.\n`,
		shows: (t) =>
			t === 'trusted'
				? { selector: 'aside.wm-notice', text: 'failed while rendering' }
				: { selector: notice, text: '{null.x}' },
		finds: (t) => (t === 'trusted' ? [] : [{ rule: 'untrusted-content' }]),
	},
	{
		name: 'MDX whose module throws as it loads',
		kind: 'mdx',
		content: (n) => `export const broken = null.x;\n\n# Loads ${n}\n\nText ${n}.\n`,
		shows: (t, n) =>
			t === 'trusted'
				? { selector: 'aside.wm-notice', text: 'failed while rendering' }
				: { plain: `Text ${n}.` },
		finds: (t) => (t === 'trusted' ? [] : [{ rule: 'untrusted-content' }]),
	},
	{
		name: 'MDX the compiler refuses (two layouts)',
		kind: 'mdx',
		content: (n) =>
			`export default function A({ children }) { return children; }\n\nexport default function B({ children }) { return children; }\n\n# Layouts ${n}\n\nText ${n}.\n`,
		shows: (t, n) =>
			t === 'trusted'
				? { selector: 'aside.callout-warning', text: 'could not be compiled' }
				: { plain: `Text ${n}.` },
		finds: (t) => (t === 'trusted' ? [] : [{ rule: 'untrusted-content' }]),
	},
	{
		name: 'MDX whose compiled code does not parse (a name exported twice)',
		kind: 'mdx',
		content: (n) => `export const a = 1;\n\nexport const a = 2;\n\n# Twice ${n}\n\nText ${n}.\n`,
		shows: (t, n) =>
			t === 'trusted'
				? { selector: 'aside.callout-warning', text: 'could not be compiled' }
				: { plain: `Text ${n}.` },
		finds: (t) => (t === 'trusted' ? [] : [{ rule: 'untrusted-content' }]),
	},
	{
		name: 'invalid UTF-8',
		kind: 'md',
		content: (n) =>
			Buffer.concat([Buffer.from(`# Latin ${n}\n\nCaf`), Buffer.from([0xe9, 0x0a, 0xff, 0x0a])]),
		shows: () => ({ selector: 'aside.callout-warning', text: 'not UTF-8', content: 'Café' }),
		finds: () => [{ rule: 'readable-files' }],
	},
	{
		name: 'NUL bytes',
		kind: 'md',
		content: (n) => `# NUL ${n}\n\nbefore\u0000after\n`,
		shows: () => undefined,
		finds: () => [{ rule: 'readable-files' }],
	},
	{
		name: 'a line of 300 KB',
		kind: 'md',
		content: (n) => `# Long ${n}\n\n${'word '.repeat(60_000)}\n\nEnd of long ${n}.\n`,
		shows: (_t, n) => ({ plain: `End of long ${n}.` }),
		finds: () => [],
	},
	{
		name: 'a table of 1,500 columns',
		kind: 'md',
		content: (n) =>
			`# Wide ${n}\n\n|${Array.from({ length: 1500 }, (_, i) => `c${i}`).join('|')}|\n|${'-|'.repeat(1500)}\n|${'x|'.repeat(1500)}\n\nEnd of wide ${n}.\n`,
		shows: (_t, n) => ({ plain: `End of wide ${n}.` }),
		finds: () => [],
	},
];

/** One generated part, where it went. */
export interface PlacedPart {
	name: string;
	/** The page's path in the tree, and its route. */
	page: string;
	route: string;
	/** Its number, unique in the tree: "Part N begins." / "Part N ends." surround it. */
	n: number;
	/** Line of the page the part's first line is on; 0 for a page part. */
	line: number;
	shows: (trust: Trust) => Shows | undefined;
	finds: (trust: Trust) => Array<{ rule: string; line?: number }>;
}

/** A tree of `pages` generated pages (plus one per page part), with every part placed in it. */
export interface GeneratedTree {
	files: Record<string, string | Buffer>;
	parts: PlacedPart[];
}

export const png = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);

/**
 * Draws a tree from `seed`: a git repository's `docs/` folder (pages, a picture, data) beside
 * files outside it (`assets/`, `outside/`). Every catalogue part appears at least once, plus
 * `extra` drawn at random, spread over `pages` pages (Markdown or MDX, with or without
 * frontmatter naming images) that fit them; every page part gets a page of its own.
 */
export function generateTree(seed: number, pages = 12, extra = 40): GeneratedTree {
	const random = createRandom(seed);
	const files: GeneratedTree['files'] = {
		'docs/target.md': '# Target\n\nThe page links land on.\n',
		'docs/pics/ok.png': png,
		'docs/data.json': '{ "name": "Dolibarr" }\n',
		// Partials other pages import, as Docusaurus sites keep them (compiled pages import Astro's runtime by path).
		'docs/partials/part.md': '# Markdown partial\n\nPartial text from Markdown.\n',
		'docs/partials/part.mdx': '# MDX partial\n\nPartial text from **MDX**.\n',
		'assets/ok.png': png,
		'assets/corrupt.png': 'not a png',
		'outside/Comp.jsx': 'export default function Comp({ children }) { return children; }\n',
		// Its imports resolve nowhere the site looks: the bundler meets them anyway.
		'docs/widgets/Box.jsx':
			"import React from 'react';\nimport styles from './missing.module.css';\nexport default function Box({ children }) { return React.createElement('div', { className: styles.box }, children); }\n",
	};
	// The first page Markdown, the second MDX: every part has a page it fits.
	const kinds: PageKind[] = Array.from({ length: pages }, (_, i) =>
		i === 0 ? 'md' : i === 1 ? 'mdx' : random.chance(0.5) ? 'mdx' : 'md',
	);
	const content: Part[][] = kinds.map(() => []);
	for (const part of [...parts, ...Array.from({ length: extra }, () => random.pick(parts))]) {
		const fitting = kinds.flatMap((kind, page) => (part.kinds.includes(kind) ? [page] : []));
		content[random.pick(fitting)]?.push(part);
	}
	const placed: PlacedPart[] = [];
	const index: string[] = ['# Generated pages', ''];
	let n = 0;
	for (const [page, kind] of kinds.entries()) {
		const name = `page-${page + 1}`;
		const lines: string[] = [];
		if (random.chance(0.5))
			lines.push(
				'---',
				`title: Page ${page + 1}`,
				`image: /img/social-${page + 1}.png`,
				`cover: ../nowhere/cover-${page + 1}.png`,
				'---',
				'',
			);
		lines.push(`# Page ${page + 1}`, '');
		for (const part of content[page] ?? []) {
			n += 1;
			const number = n;
			lines.push(`Part ${number} begins.`, '');
			const line = lines.length + 1;
			lines.push(...part.lines(number), '', `Part ${number} ends.`, '');
			placed.push({
				name: part.name,
				page: `${name}.${kind}`,
				route: `/${name}/`,
				n: number,
				line,
				shows: (trust) => part.shows(trust, number),
				finds: (trust) => part.finds(trust).map((f) => ({ rule: f.rule, line: line + f.line })),
			});
		}
		lines.push(`End of page ${page + 1}.`, '');
		files[`docs/${name}.${kind}`] = lines.join('\n');
		index.push(`- [Page ${page + 1}](${name}.${kind})`);
	}
	for (const part of pageParts) {
		n += 1;
		const number = n;
		const name = `whole-${number}`;
		files[`docs/${name}.${part.kind}`] = part.content(number);
		placed.push({
			name: part.name,
			page: `${name}.${part.kind}`,
			route: `/${name}/`,
			n: number,
			line: 0,
			shows: (trust) => part.shows(trust, number),
			finds: (trust) => part.finds(trust),
		});
		index.push(`- [Whole ${number}](${name}.${part.kind})`);
	}
	files['docs/README.md'] = `${index.join('\n')}\n\n[Target](target.md)\n`;
	return { files, parts: placed };
}
