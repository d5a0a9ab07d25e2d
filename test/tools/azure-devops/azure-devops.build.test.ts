import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import {
	builtDialectSite,
	checkDialect,
	dialectFixture,
	rawSyntaxByPage,
	readableText,
} from '../../dialects/dialect-build.ts';

// A project wiki as Azure DevOps keeps it in git (an attachment linked in another case, as the wiki finds it): `.order` files, `Page.md` beside `Page/` for its
// subpages, a title escaped in its file name (`Run%2Dbook%3A-failover.md`), links by page path
// (`/Team%20Docs`), `.attachments/` at the top and beside pages, and the wiki's own syntax.
const fixture = dialectFixture('azure-devops', 'wiki');
const site = builtDialectSite(fixture);
const page = (route: string): Document => site.page(route);
const links = (doc: Document) =>
	[...doc.querySelectorAll('.prose a')].map(
		(a) => `${a.textContent?.trim()} ${a.getAttribute('href')}`,
	);

test('reads the tree as an Azure DevOps wiki from its `.order`, with the evidence', () => {
	expect(site.build.stdout.split('\n').filter((line) => line.startsWith('Reading'))).toEqual([
		'Reading wiki/ as an Azure DevOps wiki tree (found `.order`, `.attachments/`, `[[_TOSP_]]` on 2 pages, `::: mermaid` on 1 page); set `dialect` to override',
	]);
});

test('opens on the first page of the top `.order`, and orders each folder as its `.order` does', () => {
	expect([...site.pages.keys()].sort()).toEqual([
		'/',
		'/Run%2Dbook%3A-failover/',
		'/Team-Docs/',
		'/Team-Docs/On-call-rota/',
		'/Team-Docs/Runbooks/',
		'/Team-Docs/Runbooks/Drain-a-node/',
		'/Team-Docs/Runbooks/Restore-a-backup/',
	]);
	expect(page('/').querySelector('.page-header h1')?.textContent).toBe('Welcome');
	// `[[_TOSP_]]`: the subpages in the order of `Team-Docs/Runbooks/.order`, titled by their file names.
	expect(links(page('/Team-Docs/Runbooks/'))).toEqual([
		'Restore a backup /Team-Docs/Runbooks/Restore-a-backup/',
		'Drain a node /Team-Docs/Runbooks/Drain-a-node/',
	]);
	expect(links(page('/Team-Docs/'))).toEqual([
		'Runbooks /Team-Docs/Runbooks/',
		'On call rota /Team-Docs/On-call-rota/',
	]);
});

test('resolves links by page path however the spaces and escapes are written', () => {
	expect(links(page('/'))).toEqual(
		expect.arrayContaining([
			"the team's docs /Team-Docs/",
			'on-call rota /Team-Docs/On-call-rota/',
			'failover run-book /Run%252Dbook%253A-failover/#step-1',
		]),
	);
	expect(links(page('/Team-Docs/Runbooks/Drain-a-node/'))).toEqual([
		'the rota /Team-Docs/On-call-rota/',
		'restore /Team-Docs/Runbooks/Restore-a-backup/',
	]);
});

test('draws `::: mermaid`, publishes `.attachments/` with sized images, and shows mentions and work items as text', () => {
	expect(page('/Team-Docs/On-call-rota/').querySelector('.prose svg')).not.toBeNull();
	expect(
		[...page('/').querySelectorAll('.prose img')].map((img) => img.getAttribute('src')),
	).toEqual(['/.attachments/image-1.png']);
	expect(
		[...page('/Team-Docs/On-call-rota/').querySelectorAll('.prose img')].map((img) =>
			img.getAttribute('src'),
		),
	).toEqual(['/Team-Docs/.attachments/diagram.png']);
	expect(existsSync(join(site.build.outDir, '.attachments/image-1.png'))).toBe(true);
	const text = readableText(page('/'));
	expect(text).toContain(
		'Page @6B2A0F0E-7A14-4A5C-9E2B-3F0D8B1C2A11 and update #4521 (fixed in !87).',
	);
	expect(text).not.toContain('=500x');
	expect(readableText(page('/Team-Docs/Runbooks/Restore-a-backup/'))).toContain(
		'(Query table “6ff7777e-8ca5-4f04-a7f6-9e63737dddf7” is not shown here)',
	);
	expect(rawSyntaxByPage(site.pages, ['[[_TOSP_]]', '@<', '::: '])).toEqual({});
});

test('check: no error for a link that works on the wiki; the query table is a warning at its line', async () => {
	const { findings } = await checkDialect(fixture);
	expect(findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.severity}`)).toEqual([
		'dialect-syntax Team-Docs/Runbooks/Restore-a-backup.md:7 warning',
	]);
});
