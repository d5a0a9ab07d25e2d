import { afterEach, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { largePageChars } from '../../tree/read-page.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let root = '';
afterEach(async () => {
	await removeFixture(root);
});

// Headings whose anchors a line scanner gets wrong: link text, emphasis, code, setext, closing
// hashes, inline HTML, and a `host:port` that is text on the site, not a directive.
const headings = [
	'## [Link text](README.md)',
	'## **Bold** heading',
	'## Use `code` here',
	'Setext heading\n--------------',
	'## Trailing hashes ##',
	'## <span>Html</span> inline',
	'## Connect to db:5432 or db:primary',
];
const filler =
	`${'Filler paragraph with enough words to make the page large. '.repeat(10)}\n\n`.repeat(1000);

test('parses a page over the size limit like any other: same anchors as the same headings on a small page', async () => {
	root = await writeFixture({
		'big.md': `# Big\n\n${headings.join('\n\n')}\n\n${filler}`,
		'small.md': `# Big\n\n${headings.join('\n\n')}\n`,
	});
	const tree = await loadGuidebookTree(root);
	const big = tree.pages.get('big.md');
	expect(big?.text.length).toBeGreaterThan(largePageChars);
	expect([...(big?.anchors ?? [])]).toEqual([...(tree.pages.get('small.md')?.anchors ?? [])]);
	expect(big?.headings.map((h) => h.slug)).toEqual([
		'big',
		'link-text',
		'bold-heading',
		'use-code-here',
		'setext-heading',
		'trailing-hashes',
		'html-inline',
		'connect-to-db5432-or-dbprimary',
	]);
});

test('checks links into a large page against its real anchors, warns once and skips lint there', async () => {
	root = await writeFixture({
		'README.md':
			'# Home\n\n[a](big.md#link-text) [b](big.md#setext-heading) [c](big.md#link-textreadmemd) [d](big.md#connect-to-db)\n',
		// Two lint problems a small page would be reported for: `*` bullets after `-` ones, no final newline.
		'big.md': `# Big\n\n${headings.join('\n\n')}\n\n- one\n\n* two\n\n${filler}end`,
	});
	const report = await checkTree({
		root,
		config: parseConfig({}),
		only: ['internal-links', 'readable-files', 'markdown-lint'],
	});
	expect(report.findings.map(formatFinding)).toEqual([
		'big.md:1:1: Unexpected page of 0.6 MB, expected at most 512 KB; it was checked like any page but Markdown lint was skipped. Split it into smaller pages (readable-files)',
		expect.stringMatching(
			/^README\.md:3:50: Unexpected link to missing heading `#link-textreadmemd` in `big\.md`, expected one of `#big`, `#link-text`, /,
		),
		expect.stringMatching(
			/^README\.md:3:80: Unexpected link to missing heading `#connect-to-db` in `big\.md`, expected one of .*`#connect-to-db5432-or-dbprimary`/,
		),
	]);
});

test('parses the rest of a page holding a one-line nesting bomb, so its title, headings and links are checked', async () => {
	root = await writeFixture({
		'README.md': '# Home\n\n[Deep](deep.md#after-the-bomb)\n',
		'deep.md': `# Deep\n\n${'- '.repeat(2000)}x\n\n## After the bomb\n\n[Gone](gone.md)\n`,
	});
	const tree = await loadGuidebookTree(root);
	const deep = tree.pages.get('deep.md');
	expect([deep?.title, deep?.headings.map((h) => h.slug), deep?.notice]).toEqual([
		'Deep',
		['deep', 'after-the-bomb'],
		'page nested 2000 levels deep (block quotes and lists), more than `checks.maxNestingDepth` (32)',
	]);
	const report = await checkTree({ root, config: parseConfig({}), only: ['internal-links'] });
	expect(report.findings.map(formatFinding)).toEqual([
		'deep.md:7:1: Unexpected link to missing file `gone.md`, expected an existing file (internal-links)',
	]);
});
