import { describe, expect, test } from 'vitest';
import { resolvePageHeader, type PageMeta } from '../../markdown/page-meta.ts';

const base = {
	path: 'erp/ops.md',
	base: '/',
	titleOf: (path: string) => ({ 'erp/README.md': 'ERP hub' })[path],
};
const header: PageMeta = {
	h1: 'ERP operations',
	h1Id: 'erp-operations',
	header: {
		status: 'draft',
		statusLabel: '📝 Draft',
		lastUpdated: '2026-06-23',
		owner: 'Header team',
		upstream: [{ text: 'Hub', href: '/erp/' }],
		downstream: [],
		related: [],
		extra: {},
	},
};

describe('page header', () => {
	test('takes each value from frontmatter first, then the header block', () => {
		const result = resolvePageHeader({
			...base,
			data: {
				owner: 'Frontmatter team',
				lastUpdated: new Date('2026-07-01'),
				upstream: ['README.md#top'],
			},
			meta: header,
			gitDate: '2026-08-01T10:00:00+02:00',
		});
		expect(result).toEqual({
			title: 'ERP operations',
			titleId: 'erp-operations',
			status: 'draft',
			statusLabel: '📝 Draft',
			owner: 'Frontmatter team',
			lastUpdated: '2026-07-01',
			lastUpdatedSource: 'frontmatter',
			upstream: [{ text: 'ERP hub', href: '/erp/#top' }],
			downstream: [],
			related: [],
			tags: [],
		});
	});

	test('falls back to the git date and the file name as words, and claims no status', () => {
		const result = resolvePageHeader({
			...base,
			path: 'erp/google-cloud-storage.md',
			data: {},
			meta: {},
			gitDate: '2026-08-01T10:00:00+02:00',
		});
		expect(result).toMatchObject({
			title: 'Google Cloud Storage',
			lastUpdated: '2026-08-01',
			lastUpdatedSource: 'git',
		});
		expect(result.status).toBeUndefined();
		expect(result.statusLabel).toBeUndefined();
	});

	test("an mdBook `{{#title}}` is the tab's title when it differs from the page's title, as mdBook keeps it only then", () => {
		// The chapter's name is its summary entry (`toolTitle`), else its H1.
		const titled = (tabTitle: string, toolTitle?: string) =>
			resolvePageHeader({
				...base,
				data: {},
				meta: { h1: 'Failover', tabTitle },
				...(toolTitle && { toolTitle }),
			});
		expect(titled('Failover: on call')).toMatchObject({
			title: 'Failover',
			tabTitle: 'Failover: on call',
		});
		expect(titled('Failover').tabTitle).toBeUndefined();
		expect(titled('Database failover', 'Database failover').tabTitle).toBeUndefined();
		expect(titled('Failover', 'Database failover')).toMatchObject({
			title: 'Database failover',
			heading: 'Failover',
			tabTitle: 'Failover',
		});
	});

	test('shows a status only when the page declares one', () => {
		expect(resolvePageHeader({ ...base, data: { status: 'active' }, meta: {} }).status).toBe(
			'active',
		);
		expect(
			resolvePageHeader({
				...base,
				data: {},
				meta: {
					header: { status: 'deprecated', upstream: [], downstream: [], related: [], extra: {} },
				},
			}).status,
		).toBe('deprecated');
	});

	test('titles a README by its folder, never "README"', () => {
		expect(
			resolvePageHeader({
				...base,
				path: 'google_cloud_storage/README.md',
				titleOf: () => undefined,
				data: {},
				meta: {},
			}).title,
		).toBe('Google Cloud Storage');
	});

	test("keeps the page's own H1 as its heading beside a frontmatter title", () => {
		const result = resolvePageHeader({
			...base,
			data: { title: 'CRM API down' },
			meta: { h1: 'CRMApiDown' },
		});
		expect(result).toMatchObject({ title: 'CRM API down', heading: 'CRMApiDown' });
		expect(
			resolvePageHeader({ ...base, data: {}, meta: { h1: 'CRMApiDown' } }).heading,
		).toBeUndefined();
	});

	test('titles a page whose H1 is not its first block the way the navigation does', () => {
		const result = resolvePageHeader({
			...base,
			titleOf: (path) => (path === 'erp/ops.md' ? 'Later heading' : undefined),
			data: {},
			meta: {},
		});
		expect(result.title).toBe('Later heading');
	});

	test('shows an unknown header status as written instead of defaulting it', () => {
		const result = resolvePageHeader({
			...base,
			data: {},
			meta: {
				header: {
					statusLabel: 'Living Document',
					upstream: [],
					downstream: [],
					related: [],
					extra: {},
				},
			},
		});
		expect(result.status).toBeUndefined();
		expect(result.statusLabel).toBe('Living Document');
		expect(result.lastUpdated).toBeUndefined();
	});

	test('resolves a frontmatter link that leaves the root and comes back', () => {
		const result = resolvePageHeader({
			...base,
			place: { rootPath: 'docs', inRepository: true },
			data: { upstream: ['../../docs/erp/README.md'] },
			meta: {},
		});
		expect(result.upstream).toEqual([{ text: 'ERP hub', href: '/erp/' }]);
	});
});

describe('owner and review date', () => {
	const block = (fields: Partial<NonNullable<PageMeta['header']>>): PageMeta => ({
		header: { upstream: [], downstream: [], related: [], extra: {}, ...fields },
	});

	test('takes the review date from frontmatter first, then the header block', () => {
		expect(
			resolvePageHeader({
				...base,
				data: { reviewed: '2026-09-30' },
				meta: block({ reviewed: '2026-01-10' }),
			}).reviewed,
		).toBe('2026-09-30');
		expect(
			resolvePageHeader({
				...base,
				data: {},
				meta: block({ owner: 'Platform team', reviewed: '2026-01-10' }),
			}),
		).toMatchObject({ owner: 'Platform team', reviewed: '2026-01-10' });
	});

	test('shows no review date where the header block holds one that is not a date', () => {
		expect(
			resolvePageHeader({ ...base, data: {}, meta: block({ reviewed: '30/09/2026' }) }).reviewed,
		).toBeUndefined();
		expect(
			resolvePageHeader({ ...base, data: {}, meta: block({ reviewed: '2026-02-30' }) }).reviewed,
		).toBeUndefined();
	});
});
