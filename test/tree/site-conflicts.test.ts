import { expect, test } from 'vitest';
import { parsePage } from '../../tree/parse-page.ts';
import { findSiteConflicts } from '../../tree/site-conflicts.ts';

const pagesOf = (...paths: string[]) => paths.map((path) => parsePage(path, `# ${path}\n`));

test('keeps the folder page of a route two pages have, README before index before a file page', () => {
	const { unpublished, problems } = findSiteConflicts(
		pagesOf('a.md', 'a/index.md', 'a/README.md', 'b.md'),
		[],
	);
	expect([...unpublished].sort()).toEqual(['a.md', 'a/index.md']);
	expect(problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
		'a/index.md: second page for the route `/a/` (`a/README.md` has it)',
		'a.md: second page for the route `/a/` (`a/README.md` has it)',
	]);
});

test('leaves out pages and files under the folders the site writes, whatever their case', () => {
	const { unpublished, problems } = findSiteConflicts(
		pagesOf('_astro/x.md', 'Pagefind/y.md', 'docs/_astro/ok.md'),
		['_waymark/status.json', 'docs/_waymark/ok.png'],
	);
	expect([...unpublished].sort()).toEqual(['Pagefind/y.md', '_astro/x.md', '_waymark/status.json']);
	expect(problems.find((p) => p.path === '_waymark/status.json')?.severity).toBe('warning');
	expect(problems.find((p) => p.path === '_astro/x.md')?.severity).toBeUndefined();
});

test.each([
	['404.html.md', '/404/'],
	['index.html/guide.md', '/index.html/guide/'],
	['favicon.svg.md', '/favicon.svg/'],
	['404.md', '/404/'],
	['status.md', '/status/'],
	['status/README.md', '/status/'],
	['status/reviews.md', '/status/reviews/'],
])("leaves out %s, whose route %s is the site's", (path, route) => {
	const { unpublished, problems } = findSiteConflicts(
		pagesOf(path, 'erp/404.md', 'erp/status.md'),
		[],
	);
	expect([...unpublished]).toEqual([path]);
	expect(problems[0]?.reason).toContain(`\`${route}\``);
});

test("reads Middleman's `index.html.md` as its folder's page: beside a README it is a second page for the route, alone it is published", () => {
	const { unpublished, problems } = findSiteConflicts(
		pagesOf('README.md', 'index.html.md', 'erp/index.html.md'),
		[],
	);
	expect([...unpublished]).toEqual(['index.html.md']);
	expect(problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
		'index.html.md: second page for the route `/` (`README.md` has it)',
	]);
});

test('leaves out a file where a page writes its folder, and keeps files beside it', () => {
	const { unpublished, problems } = findSiteConflicts(
		pagesOf('alerts/Sync.md', 'alerts/README.md'),
		['alerts/Sync', 'alerts/Sync.png', 'alerts/Sync/graph.png'],
	);
	expect([...unpublished]).toEqual(['alerts/Sync']);
	expect(problems).toEqual([
		{
			path: 'alerts/Sync',
			severity: 'warning',
			reason: 'file where the site writes the page `alerts/Sync.md` (its folder `alerts/Sync/`)',
			fix: 'Give the file an extension or move it; the site leaves it out until then.',
		},
	]);
});

test('leaves out files in a folder the site writes as a file, and keeps such names deeper down', () => {
	const { unpublished } = findSiteConflicts(
		[],
		[
			'index.html/logo.png',
			'erp/index.html/map.png',
			'404.html/x.png',
			'erp/404.html/x.png',
			'favicon.svg/x.png',
			'favicon.svg',
		],
	);
	expect([...unpublished].sort()).toEqual([
		'404.html/x.png',
		'erp/index.html/map.png',
		'favicon.svg/x.png',
		'index.html/logo.png',
	]);
});
