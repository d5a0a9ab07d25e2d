import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, test } from 'vitest';
import { wikiRawIds } from '../../../tools/azure-devops/heading-ids.ts';
import { pagesByWikiPath, wikiPageOf } from '../../../tools/azure-devops/links.ts';
import {
	parseOrder,
	subpagesOf,
	wikiHome,
	wikiNavigation,
} from '../../../tools/azure-devops/order.ts';
import { wikiKey, wikiTitle } from '../../../tools/azure-devops/page-names.ts';
import { rewriteWikiSource } from '../../../tools/azure-devops/rewrite.ts';

const pages = [
	'Home.md',
	'Team-Docs.md',
	'Team-Docs/On-call-rota.md',
	'Team-Docs/Runbooks.md',
	'Team-Docs/Runbooks/Drain-a-node.md',
	'Team-Docs/Runbooks/Restore-a-backup.md',
	'Run%2Dbook%3A-failover.md',
	'Q%26A.md',
];
const order = {
	'': ['Home', 'Team-Docs'],
	'Team-Docs/Runbooks': ['Restore-a-backup', 'Drain-a-node'],
};

describe('page names', () => {
	test('titles a page from its file name: `-` a space, escapes decoded', () => {
		expect(['On-call-rota.md', 'Run%2Dbook%3A-failover.md', 'Q%26A.md'].map(wikiTitle)).toEqual([
			'On call rota',
			'Run-book: failover',
			'Q&A',
		]);
		expect(
			[
				'Team%20Docs',
				'Team-Docs',
				'team docs',
				'Run-book%3A%20failover',
				'Run%2Dbook%3A-failover.md',
			].map(wikiKey),
		).toEqual(['team-docs', 'team-docs', 'team-docs', 'run-book:-failover', 'run-book:-failover']);
	});
});

describe('order', () => {
	test('reads `.order` and orders pages by it, the rest after, labelled with their titles', () => {
		expect(parseOrder('\uFEFFHome\r\n\r\nTeam-Docs\n')).toEqual(['Home', 'Team-Docs']);
		const navs = wikiNavigation(pages, order);
		expect(navs.get('Team-Docs/Runbooks/Drain-a-node.md')).toEqual({
			order: 1,
			label: 'Drain a node',
			sortKey: 'drain a node',
		});
		expect(navs.get('Q%26A.md')).toEqual({ label: 'Q&A', sortKey: 'q&a' });
		expect(wikiHome(pages, order)).toBe('Home.md');
		expect(wikiHome(['b.md', 'a.md'], {})).toBe('a.md');
		expect(subpagesOf('Team-Docs/Runbooks.md', pages, order)).toEqual([
			'Team-Docs/Runbooks/Restore-a-backup.md',
			'Team-Docs/Runbooks/Drain-a-node.md',
		]);
	});
});

describe('links', () => {
	const byKey = pagesByWikiPath(pages, '');
	const reach = (from: string, href: string) => wikiPageOf(from, href, '', byKey);

	test("reaches a page by its path from the wiki's top, however its spaces and escapes are written", () => {
		expect(reach('Home.md', '/Team%20Docs/On%20call%20rota')).toEqual({
			path: 'Team-Docs/On-call-rota.md',
			hash: '',
		});
		expect(reach('Home.md', '/Team-Docs/Runbooks/Drain-a-node.md#before-you-start')).toEqual({
			path: 'Team-Docs/Runbooks/Drain-a-node.md',
			hash: 'before-you-start',
		});
		expect(reach('Home.md', '/Run-book%3A%20failover')).toEqual({
			path: 'Run%2Dbook%3A-failover.md',
			hash: '',
		});
		expect(reach('Home.md', '/Q%26A')).toEqual({ path: 'Q%26A.md', hash: '' });
		expect(reach('Team-Docs/Runbooks/Drain-a-node.md', '../On-call-rota.md')).toEqual({
			path: 'Team-Docs/On-call-rota.md',
			hash: '',
		});
		expect(reach('Team-Docs/Runbooks/Drain-a-node.md', 'Restore-a-backup')).toEqual({
			path: 'Team-Docs/Runbooks/Restore-a-backup.md',
			hash: '',
		});
		expect(reach('Home.md', '/Team-Docs/Missing')).toBeUndefined();
		expect(reach('Home.md', '/.attachments/image-1.png')).toBeUndefined();
		expect(
			wikiPageOf(
				'Page.md',
				'/Team-Docs/Page',
				'Team-Docs/',
				pagesByWikiPath(['Page.md'], 'Team-Docs/'),
			),
		).toEqual({ path: 'Page.md', hash: '' });
	});

	test("answers the ids the wiki's own table of contents links, punctuation kept", () => {
		const tree = fromMarkdown('## 1. Stop the writers & check\n## Plain');
		expect(wikiRawIds(tree, new Set(['1-stop-the-writers--check', 'plain']))).toEqual([
			'1.-stop-the-writers-&-check',
			'1.-stop-the-writers-%26-check',
		]);
	});
});

describe('rewrite', () => {
	const rewrite = (text: string, path = 'Team-Docs/Runbooks.md') =>
		rewriteWikiSource(text, { path, pages: new Set(pages) }, order);

	test("writes the wiki's markers as the site renders them, its subpages a list, lines kept through origins", () => {
		const { text, origins } = rewrite(['[[_TOC_]]', '[[_TOSP_]]', 'After.'].join('\n'));
		expect(text.split('\n')).toEqual([
			'::toc',
			'- [Restore a backup](<./Runbooks/Restore-a-backup.md>)',
			'- [Drain a node](<./Runbooks/Drain-a-node.md>)',
			'After.',
		]);
		expect(origins).toEqual([1, 2, 2, 3]);
	});

	test('draws `::: mermaid` as a diagram and leaves code alone', () => {
		expect(
			rewrite(
				['::: mermaid', 'graph LR', '  A --> B', ':::', '```', '::: mermaid', '```'].join('\n'),
			).text.split('\n'),
		).toEqual(['```mermaid', 'graph LR', '  A --> B', '```', '```', '::: mermaid', '```']);
	});

	test('shows mentions as text and sized images with their URL, outside code', () => {
		const { text, notes } = rewrite(
			'Ask @<6B2A0F0E-7A14> or @<Jane Doe> about #12. ![a](/.attachments/a.png =500x) ![b](<b c.png> =x20) `@<kept> =1x1)`',
		);
		expect(text).toBe(
			'Ask @6B2A0F0E-7A14 or @Jane Doe about #12. ![a](/.attachments/a.png) ![b](<b c.png>) `@<kept> =1x1)`',
		);
		expect(notes).toEqual([]);
	});

	test('shows a query table and a video as a notice, a warning at their line', () => {
		const { text, notes } = rewrite(
			[
				':::',
				'query-table 6ff7777e',
				':::',
				'::: video',
				'<iframe src="https://www.youtube.com/embed/x"></iframe>',
				':::',
			].join('\n'),
		);
		expect(text.split('\n')).toEqual([
			'*(Query table “6ff7777e” is not shown here)*',
			'',
			'',
			'[Video](<https://www.youtube.com/embed/x>) *(Embedded video is not shown here)*',
			'',
			'',
		]);
		expect(notes.map((note) => `${note.line}:${note.column} ${note.severity}`)).toEqual([
			'1:1 warning',
			'4:1 warning',
		]);
	});
});
