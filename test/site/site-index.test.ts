import { describe, expect, test } from 'vitest';
import {
	breadcrumbTrail,
	folderEntries,
	guidebookList,
	localNav,
	type SiteIndex,
} from '../../markdown/site-index.ts';

// Folder pages as the tree's tool names them (`IndexedPage.folderPage`, set from `ToolReading.isFolderPage`).
const index: SiteIndex = {
	gitDates: {},
	pages: [
		{ path: 'README.md', route: '/', title: 'Home', folderPage: true },
		{
			path: 'erp/README.md',
			route: '/erp/',
			title: 'ERP',
			status: 'active',
			description: 'The ERP.',
			folderPage: true,
		},
		{ path: 'erp/ops.md', route: '/erp/ops/', title: 'Operations' },
		{ path: 'erp/backup.md', route: '/erp/backup/', title: 'Backup' },
		{ path: 'erp/db/failover.md', route: '/erp/db/failover/', title: 'Failover' },
		{
			path: 'crm/README.md',
			route: '/crm/',
			title: 'CRM',
			statusLabel: 'Living document',
			folderPage: true,
		},
		{ path: 'writing.md', route: '/writing/', title: 'Writing guidebooks' },
	],
};

describe('site index', () => {
	test('titles each breadcrumb with its folder page, else the folder name as words', () => {
		expect(breadcrumbTrail(index, '/erp/db/failover/', 'Site')).toEqual([
			{ title: 'Home', route: '/' },
			{ title: 'ERP', route: '/erp/' },
			{ title: 'DB' },
			{ title: 'Failover', route: '/erp/db/failover/' },
		]);
	});

	test('titles a folder without a page by its name as words, `%` kept as written', () => {
		const odd: SiteIndex = {
			gitDates: {},
			pages: [
				{
					path: '100%/a%20b/on-call_notes/ops.md',
					route: '/100%/a%20b/on-call_notes/ops/',
					title: 'Ops',
				},
			],
		};
		expect(
			breadcrumbTrail(odd, '/100%/a%20b/on-call_notes/ops/', 'Site').map((step) => step.title),
		).toEqual(['Site', '100%', 'A%20b', 'On Call Notes', 'Ops']);
	});

	test('lists a folder page first, then pages, and lifts pages of a folder without its own page', () => {
		expect(folderEntries(index, 'erp').map((item) => item.title)).toEqual([
			'Backup',
			'Failover',
			'Operations',
		]);
		expect(folderEntries(index, '').map((item) => item.title)).toEqual([
			'CRM',
			'ERP',
			'Writing guidebooks',
		]);
	});

	test('shows one level up, siblings with the current page marked, and children of a folder page', () => {
		const leaf = localNav(index, 'erp/ops.md');
		expect(leaf.up?.route).toBe('/erp/');
		expect(leaf.children).toEqual([]);
		expect(leaf.siblings.filter((item) => item.current).map((item) => item.title)).toEqual([
			'Operations',
		]);
		const folder = localNav(index, 'erp/README.md');
		expect(folder.children.map((item) => item.title)).toEqual(['Backup', 'Failover', 'Operations']);
		expect(folder.siblings.map((item) => [item.title, item.current ?? false])).toEqual([
			['CRM', false],
			['ERP', true],
			['Writing guidebooks', false],
		]);
	});

	test('lists guidebooks for the home page with status and description', () => {
		expect(guidebookList(index)).toEqual([
			{ title: 'CRM', route: '/crm/', folder: true, statusLabel: 'Living document' },
			{ title: 'ERP', route: '/erp/', folder: true, status: 'active', description: 'The ERP.' },
			{ title: 'Writing guidebooks', route: '/writing/' },
		]);
	});
});
