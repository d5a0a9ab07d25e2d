import { posix } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadGuidebookTree, type GuidebookTree } from '../../tree/load-tree.ts';
import { hrefForRoute, normaliseUrlPath } from '../../markdown/routes.ts';
import { asRoute } from '../../tools/docusaurus/routes.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pickItem, seededRandom } from '../helpers/seeded-random.ts';

// Slugs and page names built from the pieces that make a URL path mean something else than it
// says: dot segments in every spelling, backslashes, escapes (valid and not), and plain names.
const pieces = [
	'..',
	'.',
	'%2e%2e',
	'%2E.',
	'.%2e',
	'%2e',
	'\\',
	'\\..',
	'a',
	'b c',
	'ops%20guide',
	'%zz',
	'%2f',
	'',
	'tmp',
	'x',
];
const random = seededRandom(20261124);
const slugs = Array.from({ length: 160 }, () => {
	const parts = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
		pickItem(random, pieces),
	);
	return `${random() < 0.6 ? '/' : ''}${parts.join(random() < 0.8 ? '/' : '\\')}`;
});
const names = Array.from(
	{ length: 40 },
	(_, i) =>
		`n${i}/${pickItem(random, ['%2e%2e', '%41', 'a%20b', 'q\\r', 'k\\..\\..\\m', '%zz', 'plain'])}.md`,
);

let root: string;
let tree: GuidebookTree;

beforeAll(async () => {
	const files: Record<string, string> = {
		'docusaurus.config.js': 'export default {};\n',
		'README.md': '# Home\n',
	};
	slugs.forEach(
		(slug, i) =>
			(files[`s/p${i}.md`] = `---\ntitle: P${i}\nslug: ${JSON.stringify(slug)}\n---\n# P${i}\n`),
	);
	for (const name of names) files[name] = '# Named\n';
	root = await writeFixture(files);
	tree = await loadGuidebookTree(root);
});

afterAll(() => removeFixture(root));

/** Where a static server writes and serves a route: under the output folder, or `undefined` when it leaves it. */
function servedAt(route: string): string | undefined {
	const file = posix.join('/out', route, 'index.html');
	return file.startsWith('/out/') ? file : undefined;
}

test('gives every published page a route that URLs read as itself, inside the site, whatever its slug or name', () => {
	expect(tree.dialect.name).toBe('docusaurus');
	const published = [...tree.pages.values()].filter((page) => !tree.unpublished.has(page.path));
	for (const page of published) {
		// Its URL (`#`, `?` and `%` percent-encoded, as GitHub links them) reads as the route itself.
		expect(normaliseUrlPath(hrefForRoute(page.route)), page.path).toBe(page.route);
		expect(page.route, page.path).not.toMatch(/\\/);
		expect(servedAt(page.route), page.path).toBeDefined();
	}
	for (const folder of tree.generatedFolders.values())
		expect(normaliseUrlPath(folder.route)).toBe(folder.route);
	// Control: the generated slugs did move pages, and did climb out.
	expect(
		published.filter((page) => page.path.startsWith('s/') && !page.route.startsWith('/s/')).length,
	).toBeGreaterThan(10);
	expect(
		slugs.filter((slug) => normaliseUrlPath(asRoute(slug)) === undefined).length,
	).toBeGreaterThan(10);
});

test('reports each slug that leaves the site or names a route no page can have as an error at its line, the page staying at its own route', () => {
	// Plain `..` is resolved as Docusaurus does (never above the top, `asRoute`); every other spelling is read as a URL.
	const readAs = (slug: string) =>
		normaliseUrlPath(asRoute(slug.startsWith('/') ? slug : `/s/${slug}`));
	slugs.forEach((slug, i) => {
		const page = tree.pages.get(`s/p${i}.md`);
		const read = readAs(slug);
		const errors = page?.dialectNotes.filter((note) => note.severity === 'error') ?? [];
		if (read === undefined || /[%\\]/.test(read)) {
			expect(
				errors.map((note) => note.line),
				slug,
			).toEqual([3]);
			expect(page?.route).toBe(`/s/p${i}/`);
		} else {
			expect(errors, slug).toEqual([]);
		}
	});
	const climbing = slugs.findIndex((slug) => readAs(slug) === undefined);
	expect(tree.pages.get(`s/p${climbing}.md`)?.dialectNotes[0]?.message).toBe(
		`Unexpected \`slug: ${slugs[climbing]}\`, expected a route inside the site: it climbs above the site's top; the page stays at \`/s/p${climbing}/\``,
	);
});

test('leaves out a page whose name URLs read as another path (a backslash), as a readable-files problem naming it; a `%` is published encoded', () => {
	expect(names.filter((name) => name.includes('%')).length).toBeGreaterThan(5);
	for (const name of names) {
		const backslash = name.includes('\\');
		expect(tree.unpublished.has(name), name).toBe(backslash);
		if (backslash)
			expect(tree.files.problems.find((p) => p.path === name)?.reason, name).toMatch(
				/^`\\` in the page.s route `.*`, which no URL of the site can lead to$/,
			);
	}
});

test.each([
	['/a/../b', '/b/'],
	['/ops%20guide/', '/ops guide/'],
	['a\\b', '/a/b/'],
	['/%2e%2e/x', undefined],
	['/x/%2E%2E/%2e%2e/..', undefined],
	['', '/'],
])('reads the URL path %j as %j', (path, route) => {
	expect(normaliseUrlPath(path)).toBe(route);
});
