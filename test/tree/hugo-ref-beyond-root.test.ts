import { expect, test } from 'vitest';
import { hrefForHugoRef } from '../../src/lib/dialect-source/hugo-ref.ts';
import { hugoFilesBeyondRoot } from '../../src/lib/hugo-links.ts';
import { routeForPath } from '../../src/lib/routes.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// A Hugo `ref` finds a page anywhere in the site's content, not only in the root Waymark reads:
// crossplane's root is `content/v2.3`, and its pages write `{{<ref "/cli/v2.3">}}` (from the
// content's top) and `{{<ref "../../v1.20/concepts/connection-details">}}` (from the page's
// folder). Both were reported missing. Generated: roots at depth 1 or 2 in the content, a page at
// any depth in the root, a target page outside it (a file, a section's `_index.md`, a bundle's
// `index.md`) written every way Hugo reads it; the href the ref becomes must lead the checks to
// that very file. Refs that stay in the root and miss, and refs that find a page, keep their reading.

const names = ['cli', 'v1.20', 'ops', 'x y', 'deep', 'concepts'];

function generated(seed: number, n: number) {
	const random = seededRandom(seed);
	return Array.from({ length: n }, () => {
		const rootParts = Array.from({ length: 1 + pick(random, 2) }, () => pickItem(random, ['v2.3', 'docs', 'main']));
		const rootUrl = `/${rootParts.join('/')}/`;
		const pageDir = Array.from({ length: pick(random, 3) }, () => pickItem(random, names));
		const page = [...pageDir, pickItem(random, ['_index.md', 'backup.md', 'index.md'])].join('/');
		// A target folder that does not start with the root's own path: elsewhere in the content.
		const folder = [pickItem(random, ['cli', 'v1.20', 'kb']), ...Array.from({ length: pick(random, 3) }, () => pickItem(random, names))];
		const kind = pickItem(random, ['file', 'section', 'bundle'] as const);
		const file = kind === 'file' ? `${folder.join('/')}.md` : `${folder.join('/')}/${kind === 'section' ? '_index' : 'index'}.md`;
		// How the page names it: from the content's top or from its own folder, with or without the file's name.
		const named = pickItem(random, [folder.join('/'), file, `${folder.join('/')}/`]);
		const fromTop = random() < 0.5;
		const up = '../'.repeat(rootParts.length + pageDir.length);
		const target = fromTop ? `/${named}` : `${up}${named}`;
		const hash = pickItem(random, ['', '#install', '#x-y']);
		return { rootParts, rootUrl, page, file, kind, target: `${target}${hash}`, hash };
	});
}

test('a ref to a page of the content outside the root leads the checks to that page\'s file (500 generated)', () => {
	for (const { rootParts, rootUrl, page, file, target, hash } of generated(20261127, 500)) {
		const seen = `${target} from ${page} in ${rootUrl}`;
		const ref = hrefForHugoRef(target, page, new Set([page]), rootUrl);
		expect(ref.found, seen).toBe(false);
		expect(ref.href.startsWith('/'), seen).toBe(true);
		// `x.md`, `x/_index.md` and `x/index.md` are one URL: the checks try each, and the one that exists wins.
		const found = hugoFilesBeyondRoot(routeForPath(page, 'hugo'), ref.href, { style: 'url', rootUrl });
		expect(found?.files, seen).toContain(`${'../'.repeat(rootParts.length)}${file}`);
		expect(found?.hash, seen).toBe(hash.slice(1));
	}
});

test('a ref that stays in the root keeps its reading: found, or missing at its own path', () => {
	const pages = new Set(['ops/backup.md', 'ops/_index.md', '_index.md']);
	for (const rootUrl of [undefined, '/v2.3/', '/docs/main/']) {
		expect(hrefForHugoRef('/ops/backup', 'ops/_index.md', pages, rootUrl)).toEqual({ href: 'backup.md', found: true });
		expect(hrefForHugoRef('../ops/backup.md#restore', 'ops/_index.md', pages, rootUrl)).toEqual({ href: 'backup.md#restore', found: true });
		expect(hrefForHugoRef('./gone', 'ops/_index.md', pages, rootUrl)).toEqual({ href: './gone', found: false });
		expect(hrefForHugoRef('gone#x', 'ops/_index.md', pages, rootUrl)).toEqual({ href: rootUrl === undefined ? 'gone#x' : '/gone/#x', found: false });
	}
	// `/ops/gone` is the content's `ops/`, outside a root at `/v2.3/`: Hugo looks there, and so do the checks.
	expect(hrefForHugoRef('/ops/gone', '_index.md', pages)).toEqual({ href: 'ops/gone', found: false });
	expect(hrefForHugoRef('/ops/gone', '_index.md', pages, '/v2.3/')).toEqual({ href: '/ops/gone/', found: false });
	expect(hrefForHugoRef('/v2.3/ops/gone', '_index.md', pages, '/v2.3/')).toEqual({ href: 'ops/gone', found: false });
	// Without the root's URL (a root that is no Hugo site's content), or when the root is the whole content, nothing is outside.
	for (const rootUrl of [undefined, '/']) expect(hrefForHugoRef('/cli/v2.3', '_index.md', pages, rootUrl)).toEqual({ href: 'cli/v2.3', found: false });
	expect(hrefForHugoRef('/cli/v2.3', '_index.md', pages, '/v2.3/')).toEqual({ href: '/cli/v2.3/', found: false });
	// A ref that leaves the content altogether names no page: read as before, reported missing.
	expect(hrefForHugoRef('../../../../x', 'ops/_index.md', pages, '/v2.3/').href.startsWith('/')).toBe(false);
});

test('a ref through the content back into the root (`/v2.3/ops/backup`, `../../v2.3/ops/backup`) finds the root\'s page (200 generated)', () => {
	const random = seededRandom(20261128);
	for (let n = 0; n < 200; n++) {
		const rootParts = Array.from({ length: 1 + pick(random, 2) }, () => pickItem(random, ['v2.3', 'docs', 'main']));
		const rootUrl = `/${rootParts.join('/')}/`;
		const pageDir = Array.from({ length: pick(random, 3) }, () => pickItem(random, names));
		const page = [...pageDir, 'from.md'].join('/');
		const targetPage = [...Array.from({ length: pick(random, 3) }, () => pickItem(random, names)), pickItem(random, ['backup.md', '_index.md'])].join('/');
		const named = targetPage.replace(/(?:^|\/)_index\.md$/, '').replace(/\.md$/, '');
		const target = random() < 0.5 ? `/${[...rootParts, named].filter(Boolean).join('/')}` : `${'../'.repeat(rootParts.length + pageDir.length)}${[...rootParts, named].filter(Boolean).join('/')}`;
		const ref = hrefForHugoRef(`${target}#restore`, page, new Set([page, targetPage]), rootUrl);
		expect(ref, `${target} from ${page} in ${rootUrl}`).toMatchObject({ found: true });
		expect(ref.href.endsWith('#restore')).toBe(true);
	}
});
