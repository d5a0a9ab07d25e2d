import { describe, expect, test } from 'vitest';
import {
	breadcrumbTrail,
	folderEntries,
	guidebookList,
	localNav,
	type IndexedPage,
	type SiteIndex,
} from '../../markdown/site-index.ts';
import { routeForPath } from '../../markdown/routes.ts';

// Pages a tool lists under another page (`IndexedPage.parent`, from `PageNav.parent`), whatever
// their folders: generated chains, loops and broken links, against what the site shows.

const home: IndexedPage = { path: 'README.md', route: '/', title: 'Home', folderPage: true };

function page(path: string, extra: Partial<IndexedPage> = {}): IndexedPage {
	const title = path
		.replace(/\.md$/, '')
		.replace(/\/README$/, '')
		.split('/')
		.pop()!;
	return {
		path,
		route: routeForPath(path, path.endsWith('README.md')),
		title,
		...(path.endsWith('README.md') && { folderPage: true as const }),
		...extra,
	};
}

function site(pages: IndexedPage[]): SiteIndex {
	return { gitDates: {}, pages: [home, ...pages] };
}

const titles = (items: Array<{ title: string }>) => items.map((item) => item.title);

/** A chain of `length` pages, each listed under the one before, spread over folders by `seed`. */
function chain(length: number, seed: number): IndexedPage[] {
	const folders = ['', 'a/', 'a/b/', 'c/', 'c/d/e/'];
	const pages: IndexedPage[] = [];
	for (let i = 0; i < length; i++) {
		const path = `${folders[(i * 7 + seed) % folders.length]}p${i}.md`;
		pages.push(page(path, i > 0 ? { parent: pages[i - 1]!.path } : {}));
	}
	return pages;
}

describe('pages listed under other pages', () => {
	test.each([1, 2, 3, 4, 6, 9].flatMap((length) => [0, 1, 2, 3].map((seed) => [length, seed])))(
		'a chain of %i pages (folders %i): each under the one before, whatever its folder',
		(length, seed) => {
			const pages = chain(length, seed);
			const index = site(pages);
			const top = titles(breadcrumbTrail(index, pages[0]!.route, 'Site'));
			pages.forEach((current, i) => {
				expect(titles(breadcrumbTrail(index, current.route, 'Site'))).toEqual([
					...top,
					...pages.slice(1, i + 1).map((p) => p.title),
				]);
				const nav = localNav(index, current.path);
				if (i > 0) expect(nav.up?.route).toBe(pages[i - 1]!.route);
				expect(titles(nav.children)).toEqual(i < length - 1 ? [pages[i + 1]!.title] : []);
			});
			// No folder has a page: the root lists every page of the tree but those below a page.
			expect(guidebookList(index).map((item) => item.route)).toEqual([pages[0]!.route]);
			expect(guidebookList(index)[0]!.folder).toBe(length > 1 ? true : undefined);
		},
	);

	test('the home listing shows only the top pages; children follow their order among themselves', () => {
		const index = site([
			page('guide.md', { order: 2 }),
			page('other.md', { order: 1 }),
			page('steps/b.md', { parent: 'guide.md', order: 2 }),
			page('steps/a.md', { parent: 'guide.md', order: 1 }),
			page('steps/c.md', { parent: 'guide.md' }),
		]);
		expect(titles(guidebookList(index))).toEqual(['other', 'guide']);
		expect(guidebookList(index)[1]!.folder).toBe(true);
		// `steps/` has no page of its own and keeps none of its pages: all are listed under `guide`.
		expect(folderEntries(index, 'steps')).toEqual([]);
		expect(titles(localNav(index, 'guide.md').children)).toEqual(['a', 'b', 'c']);
		const nav = localNav(index, 'steps/b.md');
		expect(titles(nav.siblings)).toEqual(['a', 'b', 'c']);
		expect(nav.siblings.find((item) => item.current)?.title).toBe('b');
	});

	test("a folder page's children are its folder's pages and those listed under it", () => {
		const index = site([
			page('ops/README.md'),
			page('ops/restart.md'),
			page('elsewhere/escalate.md', { parent: 'ops/README.md' }),
		]);
		expect(titles(localNav(index, 'ops/README.md').children)).toEqual(['escalate', 'restart']);
		expect(titles(localNav(index, 'ops/restart.md').siblings)).toEqual(['escalate', 'restart']);
		expect(titles(localNav(index, 'elsewhere/escalate.md').siblings)).toEqual([
			'escalate',
			'restart',
		]);
		expect(titles(breadcrumbTrail(index, '/elsewhere/escalate/', 'Site'))).toEqual([
			'Home',
			'ops',
			'escalate',
		]);
		expect(folderEntries(index, 'elsewhere')).toEqual([]);
	});

	test('pages in the folder of a nested folder page have its trail above them', () => {
		const index = site([
			page('top.md'),
			page('ui/README.md', { parent: 'top.md' }),
			page('ui/buttons.md'),
			page('far/away.md', { parent: 'ui/README.md' }),
		]);
		expect(titles(localNav(index, 'ui/README.md').children)).toEqual(['away', 'buttons']);
		expect(titles(breadcrumbTrail(index, '/far/away/', 'Site'))).toEqual([
			'Home',
			'top',
			'ui',
			'away',
		]);
		expect(titles(breadcrumbTrail(index, '/ui/buttons/', 'Site'))).toEqual([
			'Home',
			'top',
			'ui',
			'buttons',
		]);
		expect(titles(guidebookList(index))).toEqual(['top']);
		expect(localNav(index, 'ui/README.md').up?.title).toBe('top');
	});

	test.each([
		['missing', page('a.md', { parent: 'nowhere.md' }), []],
		['itself', page('a.md', { parent: 'a.md' }), []],
		['the home page', page('a.md', { parent: 'README.md' }), []],
		['hidden', page('a.md', { parent: 'hidden.md' }), [page('hidden.md', { hidden: true })]],
	] as const)('a parent %s leaves the page in its folder', (_what, nested, others) => {
		const index = site([nested, ...others]);
		expect(titles(guidebookList(index))).toEqual(['a']);
		expect(titles(breadcrumbTrail(index, '/a/', 'Site'))).toEqual(['Home', 'a']);
		expect(localNav(index, 'a.md').up?.route).toBe('/');
	});

	test.each([2, 3, 5, 8])('a loop of %i pages leaves each in its folder', (size) => {
		const pages = Array.from({ length: size }, (_, i) =>
			page(`loop/p${i}.md`, { parent: `loop/p${(i + 1) % size}.md` }),
		);
		const tail = page('tail.md', { parent: 'loop/p0.md' });
		const index = site([...pages, tail]);
		expect(titles(folderEntries(index, 'loop'))).toEqual(pages.map((p) => p.title));
		// A page hanging from the loop is still listed under its page.
		expect(titles(localNav(index, 'loop/p0.md').children)).toEqual(['tail']);
		expect(titles(breadcrumbTrail(index, '/tail/', 'Site'))).toEqual([
			'Home',
			'Loop',
			'p0',
			'tail',
		]);
	});

	test('a folder page listed under a page of its own folder is not: that would hide both', () => {
		const index = site([page('ops/README.md', { parent: 'ops/x.md' }), page('ops/x.md')]);
		expect(titles(guidebookList(index))).toEqual(['ops']);
		expect(titles(localNav(index, 'ops/README.md').children)).toEqual(['x']);
		expect(titles(breadcrumbTrail(index, '/ops/x/', 'Site'))).toEqual(['Home', 'ops', 'x']);
	});

	test('a chain deeper than a trail follows keeps the home page first and the nearest pages', () => {
		const pages = chain(100, 0);
		const trail = titles(breadcrumbTrail(site(pages), pages.at(-1)!.route, 'Site'));
		expect(trail[0]).toBe('Home');
		expect(trail.at(-1)).toBe('p99');
		expect(trail.length).toBeLessThanOrEqual(34);
	});

	test('a hidden page keeps its parent in its trail and is listed nowhere', () => {
		const index = site([page('a.md'), page('b.md', { parent: 'a.md', hidden: true })]);
		expect(titles(breadcrumbTrail(index, '/b/', 'Site'))).toEqual(['Home', 'a', 'b']);
		expect(localNav(index, 'a.md').children).toEqual([]);
		expect(guidebookList(index)[0]!.folder).toBeUndefined();
	});

	/** A tree of `size` pages in random folders, some folder pages, random parents (some missing, some loops), from `seed`. */
	function randomTree(size: number, seed: number): IndexedPage[] {
		// mulberry32: an LCG's low bits repeat too soon to make loops.
		let state = seed + 1;
		const next = (below: number) => {
			state = (state + 0x6d2b79f5) | 0;
			let t = Math.imul(state ^ (state >>> 15), 1 | state);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) % below;
		};
		const folders = ['', 'a/', 'a/b/', 'c/', 'c/d/', 'e/'];
		const paths = new Set<string>();
		for (let i = 0; i < size; i++) {
			const folder = folders[next(folders.length)]!;
			paths.add(folder !== '' && next(4) === 0 ? `${folder}README.md` : `${folder}p${i}.md`);
		}
		const list = [...paths];
		return list.map((path) =>
			page(path, {
				...(next(3) > 0 && { parent: next(8) === 0 ? 'missing.md' : list[next(list.length)]! }),
				...(next(10) === 0 && { hidden: true }),
			}),
		);
	}

	test.each(Array.from({ length: 40 }, (_, seed) => [seed]))(
		'random tree %i: every listed page is reached once from the home page, and its trail ends at it',
		(seed) => {
			const pages = randomTree(30, seed);
			const index = site(pages);
			const reached = new Map<string, number>();
			const visit = (path: string, depth: number) => {
				expect(depth).toBeLessThan(100);
				for (const item of localNav(index, path).children) {
					const child = pages.find((p) => p.route === item.route)!;
					reached.set(child.path, (reached.get(child.path) ?? 0) + 1);
					visit(child.path, depth + 1);
				}
			};
			visit('README.md', 0);
			const listed = pages.filter((p) => !p.hidden).map((p) => p.path);
			expect(Object.fromEntries(reached)).toEqual(
				Object.fromEntries(listed.map((path) => [path, 1])),
			);
			for (const p of pages) {
				const trail = breadcrumbTrail(index, p.route, 'Site');
				expect(trail[0]).toEqual({ title: 'Home', route: '/' });
				expect(trail.at(-1)).toEqual({ title: p.title, route: p.route });
			}
		},
	);
});
