import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { hugoSiteOf } from '../../tools/hugo/site.ts';
import { hugoFilesBeyondRoot } from '../../tools/hugo/links.ts';
import { hugoLinksOf, pathInContent } from '../../tools/hugo/content.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// Where a root sits in a Hugo site's content, which is its URL there, with `module.mounts`: Hugo
// puts a mounted folder at its target. Found by the corpus: Jaeger mounts `content/docs/v2` at
// `content/docs`, so `content/docs/v2/2.20/` is `/docs/2.20/` on its site. Generated: roots at
// random depths under each mount's source, which must land under its target, the longest source
// winning; a root outside every mount reads from `contentDir`.

const site = '/repo/website';
const mounts = [
	{ source: 'content', target: 'content' },
	{ source: 'content/docs/v2', target: 'content/docs' },
	{ source: 'content/docs/v2/legacy', target: 'content/archive/old' },
	{ source: 'docs-src', target: 'content/guides/' },
];
const config = {
	contentDir: 'content',
	module: { mounts: [{ source: 'static', target: 'static' }, ...mounts] },
};
const hugo = hugoSiteOf(config, site);
const segments = ['2.20', 'ops', 'backup', 'v1', 'deep', 'x y'];

test('reads the content mounts of the config, not its other mounts', () => {
	expect(hugo.contentMounts).toEqual(
		mounts.map(({ source, target }) => ({
			source: join(site, source),
			target: target.slice('content'.length).replace(/^\/|\/$/g, ''),
		})),
	);
});

test("a root under a mounted folder is at the mount's target, the longest source holding it winning (200 generated roots)", () => {
	const random = seededRandom(20261125);
	for (let n = 0; n < 200; n++) {
		const mount = pickItem(random, mounts);
		const below = Array.from({ length: pick(random, 4) }, () => pickItem(random, segments));
		// `v2/legacy` is a mount of its own: a root under `v2` named `legacy` belongs to it.
		if (mount.source === 'content/docs/v2' && below[0] === 'legacy') continue;
		const target = mount.target.slice('content'.length).replace(/^\/|\/$/g, '');
		expect(
			pathInContent(hugo, join(site, mount.source, ...below)),
			`${mount.source} + ${below.join('/')}`,
		).toBe([target, ...below].filter((part) => part !== '').join('/'));
	}
});

test('without mounts, the path under contentDir; outside the content, none', () => {
	const plain = hugoSiteOf({ contentDir: 'pages' }, site);
	expect(pathInContent(plain, join(site, 'pages/docs/main'))).toBe('docs/main');
	expect(pathInContent(plain, join(site, 'pages'))).toBe('');
	expect(pathInContent(plain, join(site, 'elsewhere'))).toBeUndefined();
	expect(pathInContent(hugo, '/repo/elsewhere')).toBeUndefined();
});

// And back: a link from a root under one mount to a page under another (Jaeger's
// `../../../download/` from `content/docs/v2/2.20/deployment/`, at `/download/` from the top
// mount) names the file the target's mount takes it from. Generated: a root under one mount, a
// page under any, linked by its URL, from the top or relative to the root.
test('a URL outside the root names the file its mount takes it from (200 generated links)', () => {
	const random = seededRandom(20261126);
	const folders = ['download', 'ops', 'x y', '2.20', 'deep'];
	let checked = 0;
	for (let n = 0; n < 200; n++) {
		const [from, to] = [pickItem(random, mounts), pickItem(random, mounts)];
		const root = join(site, from.source, pickItem(random, ['2.20', 'v1']));
		const below = Array.from({ length: 1 + pick(random, 3) }, () => pickItem(random, folders));
		// A page under `v2/legacy` belongs to that mount; under `v2`, none named `legacy` is generated.
		const file = join(site, to.source, ...below);
		const target = to.target.slice('content'.length).replace(/^\/|\/$/g, '');
		const url = `/${[target, ...below].filter(Boolean).join('/')}/`;
		const links = hugoLinksOf(hugo, root);
		const rootUrl = links.rootUrl ?? '/';
		// Inside the root's own URL the link is the root's business, not this one's.
		if (url.startsWith(rootUrl)) continue;
		const written =
			random() < 0.5
				? url
				: `${'../'.repeat(rootUrl.split('/').filter(Boolean).length)}${url.slice(1)}`;
		const found = hugoFilesBeyondRoot('/', written, links);
		expect(found?.files, `${written} from ${relative(site, root)}`).toContain(
			`${relative(root, file).split('\\').join('/')}/_index.md`,
		);
		checked++;
	}
	expect(checked).toBeGreaterThan(100);
});
