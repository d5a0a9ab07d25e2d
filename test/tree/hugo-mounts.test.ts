import { join } from 'node:path';
import { expect, test } from 'vitest';
import { hugoSiteOf } from '../../tree/dialect/hugo-site.ts';
import { pathInContent } from '../../tree/dialect/tool-site.ts';
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
const config = { contentDir: 'content', module: { mounts: [{ source: 'static', target: 'static' }, ...mounts] } };
const hugo = hugoSiteOf(config, site);
const segments = ['2.20', 'ops', 'backup', 'v1', 'deep', 'x y'];

test('reads the content mounts of the config, not its other mounts', () => {
	expect(hugo.contentMounts).toEqual(mounts.map(({ source, target }) => ({ source: join(site, source), target: target.slice('content'.length).replace(/^\/|\/$/g, '') })));
});

test('a root under a mounted folder is at the mount\'s target, the longest source holding it winning (200 generated roots)', () => {
	const random = seededRandom(20261125);
	for (let n = 0; n < 200; n++) {
		const mount = pickItem(random, mounts);
		const below = Array.from({ length: pick(random, 4) }, () => pickItem(random, segments));
		// `v2/legacy` is a mount of its own: a root under `v2` named `legacy` belongs to it.
		if (mount.source === 'content/docs/v2' && below[0] === 'legacy') continue;
		const target = mount.target.slice('content'.length).replace(/^\/|\/$/g, '');
		expect(pathInContent(hugo, join(site, mount.source, ...below)), `${mount.source} + ${below.join('/')}`).toBe([target, ...below].filter((part) => part !== '').join('/'));
	}
});

test('without mounts, the path under contentDir; outside the content, none', () => {
	const plain = hugoSiteOf({ contentDir: 'pages' }, site);
	expect(pathInContent(plain, join(site, 'pages/docs/main'))).toBe('docs/main');
	expect(pathInContent(plain, join(site, 'pages'))).toBe('');
	expect(pathInContent(plain, join(site, 'elsewhere'))).toBeUndefined();
	expect(pathInContent(hugo, '/repo/elsewhere')).toBeUndefined();
});
