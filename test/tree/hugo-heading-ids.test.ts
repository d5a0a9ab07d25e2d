import '../helpers/load-tools.ts';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, test } from 'vitest';
import { blackfridayAnchorName, goldmarkAnchorName } from '../../tools/hugo/anchor-names.ts';
import type { HugoHeadingIds as HeadingIdStyle } from '../../tools/hugo/heading-ids.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

/** A seeded generator, so a failure names a case that comes back. */
function strings(seed: number, count: number, alphabet: string[], maxLength = 24): string[] {
	let state = seed;
	const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
	return Array.from({ length: count }, () =>
		Array.from(
			{ length: 1 + Math.floor(next() * maxLength) },
			() => alphabet[Math.floor(next() * alphabet.length)],
		).join(''),
	);
}

const ascii = [...'abcXYZ019 -_.,:;!?()[]/\\\'"&*+=@#$%^~`|<>'];
const wide = [...ascii, ...'éÉñÅøß', '神', '真', 'İ', 'Σ', '\u0301', '\u00a0', '٣', 'Ⅻ', '²'];
const ids = (text: string, style: HeadingIdStyle) =>
	parsePage('p.md', text, {
		dialect: 'hugo',
		toolData: { headingIds: style, links: { style: 'url' }, definitionLists: false },
	}).headings.map((h) => h.slug);
const goldmark = (
	type: 'github' | 'github-ascii' | 'blackfriday',
	typographer = false,
): HeadingIdStyle => ({
	kind: 'goldmark',
	type,
	attributes: true,
	...(typographer && {
		typographer: {
			emDash: '&mdash;',
			enDash: '&ndash;',
			ellipsis: '&hellip;',
			leftAngleQuote: '&laquo;',
			rightAngleQuote: '&raquo;',
		},
	}),
});

describe('Hugo heading ids, generated against a second implementation of each rule', () => {
	test('Goldmark `github` spells every ASCII heading as github-slugger (GitHub) does, 2,000 cases', () => {
		const cases = strings(7, 2000, ascii).map((text) => text.trim());
		const differ = cases.filter(
			(text) => goldmarkAnchorName(text, 'github') !== new GithubSlugger().slug(text),
		);
		expect(differ).toEqual([]);
		// Positive control: the cases hold the characters each rule drops or keeps.
		expect(cases.some((text) => /[ _-]/.test(text) && /[.,!?]/.test(text))).toBe(true);
	});

	test('Goldmark `github` keeps letters and decimal digits only, beyond ASCII too (other numbers and marks go)', () => {
		const cases = strings(11, 2000, wide);
		const reference = (text: string) =>
			[...text.replace(/^[\t\n\v\f\r \u0085\u00a0]+|[\t\n\v\f\r \u0085\u00a0]+$/gu, '')]
				.filter((c) => c === '-' || c === ' ' || c === '_' || /[\p{L}\p{Nd}]/u.test(c))
				.map((c) => (c === ' ' ? '-' : c === 'İ' ? 'i' : c.toLowerCase()))
				.join('');
		expect(cases.filter((text) => goldmarkAnchorName(text, 'github') !== reference(text))).toEqual(
			[],
		);
		expect(goldmarkAnchorName('Résumé Ⅻ² ٣ İΣ', 'github')).toBe('résumé--٣-iσ');
	});

	test('Blackfriday turns every run of what is not a letter or number into one hyphen, none at the ends, 2,000 cases', () => {
		const cases = strings(13, 2000, wide);
		const reference = (text: string) =>
			[...text]
				.map((c) => (c === 'İ' ? 'i' : c.toLowerCase()))
				.join('')
				.split(/[^\p{L}\p{N}]+/u)
				.filter(Boolean)
				.join('-');
		expect(cases.filter((text) => blackfridayAnchorName(text) !== reference(text))).toEqual([]);
		expect(blackfridayAnchorName('cloud.gov accounts')).toBe('cloud-gov-accounts');
	});

	test('`github-ascii` drops accents, then anything not ASCII', () => {
		expect(goldmarkAnchorName('Résumé: 神真 — Ça va', 'github-ascii')).toBe('resume---ca-va');
		expect(
			strings(17, 500, wide).every((text) =>
				/^[a-z0-9_-]*$/.test(goldmarkAnchorName(text, 'github-ascii')),
			),
		).toBe(true);
	});
});

describe('Hugo heading ids on a page', () => {
	test('reads what Goldmark reads: link text, code, no tags, the first child of emphasis; an autolink has no text', () => {
		expect(
			ids(
				'## Use `kubectl drain` on [the node](x.md)\n\n## <span>Raw</span> HTML\n\n## **Bold** and *more*\n\n## See <https://x.org> now\n',
				goldmark('github'),
			),
		).toEqual(['use-kubectl-drain-on-the-node', 'raw-html', 'bold-and-more', 'see--now']);
		// Only the first child of an inline node counts (`textPlainTo`).
		expect(ids('## [**Bold** rest](x.md) end\n', goldmark('github'))).toEqual(['bold-end']);
	});

	test('makes an en dash of `--` with the typographer on (the default), so it leaves the id', () => {
		expect(ids('## Restore -- verify\n\n## A---B\n', goldmark('github', true))).toEqual([
			'restore--verify',
			'ab',
		]);
		expect(ids('## Restore -- verify\n', goldmark('github'))).toEqual(['restore----verify']);
	});

	test('takes `{#id}` and attribute lists, counts explicit ids in document order, numbers duplicates and names an empty heading', () => {
		expect(
			ids(
				'## Setup {#setup .wide data-x="a b"}\n\n## Setup\n\n## Setup\n\n## !!!\n\n## !!!\n',
				goldmark('github'),
			),
		).toEqual(['setup', 'setup-1', 'setup-2', 'heading', 'heading-1']);
		expect(parsePage('p.md', '## Setup {.wide}\n', { dialect: 'hugo' }).headings[0]?.text).toBe(
			'Setup',
		);
	});

	test("Blackfriday reads the heading's Markdown as written, and numbers duplicates its own way", () => {
		expect(
			ids(
				'## Use [the node](x.md)\n\n# Header 1\n\n# Header\n\n# Header\n\nSetext *x*\n===\n\n## Custom {#mine}\n',
				{ kind: 'blackfriday' },
			),
		).toEqual(['use-the-node-x-md', 'header-1', 'header', 'header-1-1', 'setext-x', 'mine']);
	});

	test("appends the page's document id to every Blackfriday id unless the site sets `plainIDAnchors`", async () => {
		const dir = await writeFixture({
			'site/config.toml': 'title = "Ops"\n[blackfriday]\n  fractions = false\n',
			'site/content/docs/accounts.md': '---\ntitle: Accounts\n---\n\n### cloud.gov accounts\n',
			'plain/config.toml': 'title = "Ops"\n[blackfriday]\n  plainIDAnchors = true\n',
			'plain/content/docs/accounts.md': '---\ntitle: Accounts\n---\n\n### cloud.gov accounts\n',
		});
		try {
			const suffixed = await loadGuidebookTree(join(dir, 'site/content'));
			const md5 = createHash('md5').update('docs/accounts.md').digest('hex');
			expect([...(suffixed.pages.get('docs/accounts.md')?.anchors ?? [])]).toEqual([
				`cloud-gov-accounts:${md5}`,
			]);
			const plain = await loadGuidebookTree(join(dir, 'plain/content'));
			expect([...(plain.pages.get('docs/accounts.md')?.anchors ?? [])]).toEqual([
				'cloud-gov-accounts',
			]);
		} finally {
			await removeFixture(dir);
		}
	});
});
