import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let root: string;
let outside: string;

beforeAll(async () => {
	[root, outside] = await Promise.all([
		writeFixture({
			'README.md':
				'# Home\n\n[Nested](nested.md) [Quotes](quotes.md) [Big](big.md) [Indented](indented.md)\n',
			'nested.md': `# Nested\n\n${'- '.repeat(2000)}x\n`,
			'quotes.md': `# Quotes\n\n${'>'.repeat(2000)} x\n`,
			'indented.md': `# Indented\n\n${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')}\n`,
			'big.md': `# Big\n\n${'word '.repeat(1300)}\n`,
			'report.html': '<script>alert(1)</script>',
			'old-site/index.html': '<p>An earlier build</p>',
			'old-site/.waymark-output': '',
			'inside.md': '# Inside\n',
		}),
		writeFixture({ 'passwd.md': 'root:x:0:0\n', 'docs/page.md': '# Elsewhere\n' }),
	]);
	await symlink(join(outside, 'passwd.md'), join(root, 'leak.md'));
	await symlink(join(outside, 'docs'), join(root, 'shared'));
	await symlink('inside.md', join(root, 'alias.md'));
	await mkdir(join(root, 'notes'));
	await writeFile(join(root, 'notes/line\nbreak.md'), '# Break\n');
});

afterAll(async () => {
	await Promise.all([removeFixture(root), removeFixture(outside)]);
});

const config = parseConfig({ checks: { maxPageBytes: 5000, rules: { 'orphan-pages': 'off' } } });

test('reports what the tree holds but the site leaves out, or shows as a notice, with the reason and the fix', async () => {
	const report = await checkTree({ root, config, only: ['readable-files'] });
	expect(report.findings.map(formatFinding)).toEqual([
		'big.md:1:1: Unexpected page of 7 KB, more than `checks.maxPageBytes` (5 KB), expected a page Waymark can render; the site shows a notice in its place. Split it into smaller pages, or raise the limit in waymark.config.yaml (readable-files)',
		'indented.md:1:1: Unexpected page nested 40 levels deep (block quotes and lists), more than `checks.maxNestingDepth` (32), expected a page Waymark can render; the site shows a notice in its place. Split it into smaller pages, or raise the limit in waymark.config.yaml (readable-files)',
		'leak.md:1:1: Unexpected symbolic link to `' +
			join(outside, 'passwd.md') +
			'`, outside the tree at `leak.md`, expected a file or folder Waymark can publish. Copy what it should show into the tree, or delete the link; the site never publishes files from outside the root. (readable-files)',
		'nested.md:1:1: Unexpected page nested 2000 levels deep (block quotes and lists), more than `checks.maxNestingDepth` (32), expected a page Waymark can render; the site shows a notice in its place. Split it into smaller pages, or raise the limit in waymark.config.yaml (readable-files)',
		'notes/line\\nbreak.md:1:1: Unexpected control character (a line break) in the name at `notes/line\\nbreak.md`, expected a file or folder Waymark can publish. Rename it without line breaks, tabs or other control characters; no URL can carry them, so the site leaves it out. (readable-files)',
		'quotes.md:1:1: Unexpected page nested 2000 levels deep (block quotes and lists), more than `checks.maxNestingDepth` (32), expected a page Waymark can render; the site shows a notice in its place. Split it into smaller pages, or raise the limit in waymark.config.yaml (readable-files)',
		'report.html:1:1: Unexpected .html file, which a browser runs as a page at `report.html`, expected a file or folder Waymark can publish. The site leaves it out: scripts in it would run on the site. Link to it on the forge, or rename it to `.txt` to publish its text. (readable-files)',
		'shared:1:1: Unexpected symbolic link to `' +
			join(outside, 'docs') +
			'`, outside the tree at `shared`, expected a file or folder Waymark can publish. Copy what it should show into the tree, or delete the link; the site never publishes files from outside the root. (readable-files)',
	]);
	expect(report.findings.map((f) => f.severity)).toEqual([
		'warning',
		'warning',
		'error',
		'warning',
		'error',
		'warning',
		'warning',
		'error',
	]);
});

test('walks links that stay inside the tree, and nothing the site leaves out', async () => {
	const tree = await loadGuidebookTree(root, { limits: config.checks });
	expect(tree.files.pages).toEqual([
		'alias.md',
		'big.md',
		'indented.md',
		'inside.md',
		'nested.md',
		'quotes.md',
		'README.md',
	]);
	expect(tree.files.assets).toEqual([]);
	expect(tree.files.folders).toEqual(['', 'notes']);
});

test('never reads a page over the size limit, and keeps what can be checked of a deep one', async () => {
	const tree = await loadGuidebookTree(root, { limits: config.checks });
	expect(tree.pages.get('big.md')).toMatchObject({
		text: '',
		title: 'Big',
		notice: expect.stringMatching(/^page of 7 KB/) as unknown,
	});
	expect(tree.pages.get('indented.md')?.headings.map((h) => h.text)).toEqual(['Indented']);
	expect(tree.pages.get('inside.md')?.notice).toBeUndefined();
});
