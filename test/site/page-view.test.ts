import { describe, expect, test } from 'vitest';
import { pageView, type PageView } from '../../integration/page-view.ts';
import type { SiteRuntimeConfig } from '../../markdown/site-config.ts';
import type { SiteData } from '../../integration/site-data.ts';
import type { IndexedPage } from '../../markdown/site-index.ts';
import type { GuidebookFrontmatter } from '../../markdown/frontmatter.ts';
import type { ProbeStatus } from '../../core/status-snapshot.ts';
import { routeForPath } from '../../markdown/routes.ts';
import { pick, seededRandom, type Random } from '../helpers/seeded-random.ts';

// A page's view is its key in Astro's incremental build: a change anywhere in the site must change
// the view of every page that shows it, and of no other page.

const config: SiteRuntimeConfig = { root: '/tree', title: 'Guidebooks', base: '/', editUrl: null };

interface Tree {
	site: SiteData;
	/** Frontmatter of each page of the tree, by path. */
	data: Map<string, GuidebookFrontmatter>;
}

/** A forge-style tree: READMEs for most folders, pages linking others as upstream and downstream, each title unique. */
function generateTree(random: Random): Tree {
	const paths = new Set(['README.md']);
	const folders = [''];
	for (let i = 0; i < 6; i++)
		folders.push(`${folders[pick(random, folders.length)]}f${i}/`.replace(/^\//, ''));
	for (const folder of folders.slice(1)) if (random() < 0.8) paths.add(`${folder}README.md`);
	for (let i = 0; i < 24; i++) paths.add(`${folders[pick(random, folders.length)]}p${i}.md`);
	const all = [...paths];
	const data = new Map<string, GuidebookFrontmatter>();
	const pages: IndexedPage[] = all.map((path) => ({
		path,
		route: routeForPath(path),
		title: `Title of ${path}`,
	}));
	for (const path of all) {
		const others = all.filter((other) => other !== path && random() < 0.08);
		// Frontmatter links are relative to the page: from `f0/p1.md`, `../p2.md` is `p2.md`.
		const up = path
			.split('/')
			.slice(0, -1)
			.map(() => '..')
			.join('/');
		data.set(
			path,
			others.length > 0 ? { upstream: others.map((other) => (up ? `${up}/${other}` : other)) } : {},
		);
	}
	return {
		site: {
			index: { pages, gitDates: {} },
			alerts: { byRoute: {}, alertmanager: false },
			reviews: { day: '2026-11-24', reviewAfterDays: 180, due: {} },
		},
		data,
	};
}

function viewsOf(tree: Tree): Map<string, PageView> {
	return new Map(
		[...tree.data].map(([path, data]) => [
			path,
			pageView(tree.site, config, { entry: { path, data, meta: undefined } }),
		]),
	);
}

describe('a title change', () => {
	test.each(Array.from({ length: 40 }, (_, seed) => [seed]))(
		'changes the views that show the title and no other (seed %i)',
		(seed) => {
			const random = seededRandom(seed);
			const tree = generateTree(random);
			const before = viewsOf(tree);
			const renamed = tree.site.index.pages[
				pick(random, tree.site.index.pages.length)
			] as IndexedPage;
			const title = `Renamed ${seed} page`;
			renamed.title = title;
			const after = viewsOf(tree);
			const changed = [...after]
				.filter(([path, view]) => JSON.stringify(view) !== JSON.stringify(before.get(path)))
				.map(([path]) => path);
			const showing = [...after]
				.filter(([, view]) => JSON.stringify(view).includes(title))
				.map(([path]) => path);
			expect(changed).toEqual(showing);
			// Control: the renamed page shows its own title in its header, so something always changed.
			expect(changed).toContain(renamed.path);
		},
	);
});

describe('the status strip', () => {
	const probe = (id: string, route: string): ProbeStatus => ({
		id,
		name: id,
		kind: 'http',
		target: `https://${id}.example.lab/`,
		file: 'x.md',
		line: 1,
		route,
		pageTitle: id,
		intervalMs: 30_000,
		state: 'unknown',
		message: 'Not checked yet',
		latencyMs: null,
		observed: {},
		checkedAt: null,
		lastChange: null,
		uptime: null,
		latencies: [],
	});
	const site = (probes: ProbeStatus[]): SiteData => ({
		...generateTree(seededRandom(1)).site,
		status: { version: 1, generatedAt: '', live: false, demo: false, probes },
	});

	test('holds only the probes the page declares, so another page’s probe never changes it', () => {
		const entry = { path: 'README.md', data: { probes: [{ id: 'erp-status' }] }, meta: undefined };
		const one = pageView(site([probe('erp-status', '/')]), config, { entry });
		const two = pageView(site([probe('erp-status', '/'), probe('crm-live', '/crm/')]), config, {
			entry,
		});
		expect(one.strip?.probes.map((p) => p.id)).toEqual(['erp-status']);
		expect(two.strip).toEqual(one.strip);
		// The site header's badge counts every probe: that part of the view does change.
		expect(two.site?.states).toEqual(['unknown', 'unknown']);
		expect(one.site?.states).toEqual(['unknown']);
	});

	test('is absent on a page that declares none', () => {
		expect(
			pageView(site([probe('erp-status', '/')]), config, {
				entry: { path: 'README.md', data: {}, meta: undefined },
			}).strip,
		).toBeUndefined();
	});
});

test('a review due and an alert rule reach only their own page', () => {
	const { site } = generateTree(seededRandom(2));
	const due = {
		path: 'README.md',
		route: '/',
		title: 'Home',
		changes: [],
		dueSince: '2026-01-01',
		reviewAge: 300,
	};
	const alert = {
		name: 'ErpBackupFailed',
		severity: 'critical',
		for: '10m',
		summary: null,
		description: null,
		expr: 'up == 0',
		group: 'erp',
		hash: '',
		via: 'runbook_url' as const,
		source: { kind: 'prometheus' as const, url: 'http://127.0.0.1:9090', file: 'erp.yml' },
	};
	const withBoth: SiteData = {
		...site,
		reviews: { ...site.reviews, due: { 'README.md': due } },
		alerts: { byRoute: { '/': [alert] }, alertmanager: false },
	};
	const home = pageView(withBoth, config, {
		entry: { path: 'README.md', data: {}, meta: undefined },
	});
	expect(home.review?.due).toEqual(due);
	expect(home.alerts).toEqual({ banner: true, panel: [alert] });
	const other = site.index.pages.find(
		(page) => page.path !== 'README.md' && !page.path.endsWith('README.md'),
	) as IndexedPage;
	const elsewhere = (data: SiteData) =>
		pageView(data, config, { entry: { path: other.path, data: {}, meta: undefined } });
	expect(elsewhere(withBoth)).toEqual(elsewhere(site));
});
