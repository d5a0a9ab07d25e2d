import '../helpers/load-tools.ts';
import { hugoRouteForPath } from '../../tools/hugo/pages.ts';
import { expect, test } from 'vitest';
import { hrefForHugoRef, hugoRefUrl, type HugoContent } from '../../tools/hugo/ref.ts';
import { rewriteAs } from '../helpers/tool-reading.ts';
import { hugoFilesBeyondRoot } from '../../tools/hugo/links.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// A Hugo `ref` finds a page anywhere in the site's content, not only in the root Waymark reads:
// crossplane's root is `content/v2.3`, and its pages write `{{<ref "/cli/v2.3">}}` (from the
// content's top) and `{{<ref "../../v1.20/concepts/connection-details">}}` (from the page's
// folder). Both were reported missing. Generated: roots at depth 1 or 2 in the content, a page at
// any depth in the root, a page outside it (a file, a section's `_index.md`, a bundle's
// `index.md`, names with spaces and capitals) written every way Hugo reads it, in any case. A ref
// that finds it must lead the checks to that very file; one that names a page the content lacks
// (a typo) must stay a path from the page, which `internal-links` reports.

// The root's pages sit in folders of these names; the pages outside start with another.
const names = ['ops', 'x y', 'Deep', 'concepts'];

function generated(random: Random) {
	const rootParts = Array.from({ length: 1 + pick(random, 2) }, () =>
		pickItem(random, ['v2.3', 'docs', 'main']),
	);
	const rootUrl = `/${rootParts.join('/')}/`;
	const pageDir = Array.from({ length: pick(random, 3) }, () => pickItem(random, names));
	const page = [...pageDir, pickItem(random, ['_index.md', 'backup.md', 'index.md'])].join('/');
	// A folder that does not start with the root's own path: elsewhere in the content.
	const folder = [
		pickItem(random, ['cli', 'v1.20', 'kb']),
		...Array.from({ length: pick(random, 3) }, () => pickItem(random, names)),
	];
	const kind = pickItem(random, ['file', 'section', 'bundle'] as const);
	const file =
		kind === 'file'
			? `${folder.join('/')}.md`
			: `${folder.join('/')}/${kind === 'section' ? '_index' : 'index'}.md`;
	const named = pickItem(random, [folder.join('/'), file, `${folder.join('/')}/`]);
	const cased = random() < 0.3 ? named.toUpperCase().replace(/\.MD$/, '.md') : named;
	const target =
		random() < 0.5 ? `/${cased}` : `${'../'.repeat(rootParts.length + pageDir.length)}${cased}`;
	const hash = pickItem(random, ['', '#install', '#x-y']);
	return { rootParts, rootUrl, page, file, target: `${target}${hash}`, hash };
}

const noise = ['elsewhere/other.md', 'v9/ops/restore.md', 'v9/_index.md'];

test("a ref to a page of the content outside the root leads the checks to that page's file (500 generated)", () => {
	const random = seededRandom(20261127);
	for (let n = 0; n < 500; n++) {
		const { rootParts, rootUrl, page, file, target, hash } = generated(random);
		const seen = `${target} from ${page} in ${rootUrl}`;
		const content: HugoContent = { rootUrl, pages: new Set([...noise, file]) };
		const ref = hrefForHugoRef(target, page, new Set([page]), content);
		expect(ref.found, seen).toBe(true);
		const found = hugoFilesBeyondRoot(hugoRouteForPath(page), ref.href, { style: 'url', rootUrl });
		expect(found?.files, seen).toContain(`${'../'.repeat(rootParts.length)}${file}`);
		expect(found?.hash, seen).toBe(hash.slice(1));
	}
});

test('a ref to a page the content lacks stays a path from the page, reported there (500 generated)', () => {
	const random = seededRandom(20261128);
	for (let n = 0; n < 500; n++) {
		const { rootUrl, page, target } = generated(random);
		const ref = hrefForHugoRef(target, page, new Set([page]), { rootUrl, pages: new Set(noise) });
		expect(ref.found, `${target} from ${page} in ${rootUrl}`).toBe(false);
		expect(ref.href.startsWith('/'), `${target} from ${page} in ${rootUrl}`).toBe(false);
	}
	// Typos by name and from the content's top too.
	const content: HugoContent = { rootUrl: '/v2.3/', pages: new Set(noise) };
	for (const typo of [
		'backpu',
		'ops/gone',
		'/v9/gone',
		'/elsewhere/other.png',
		'../../v9/ops/gone#x',
	])
		expect(
			hrefForHugoRef(typo, 'ops/backup.md', new Set(['ops/backup.md']), content),
			typo,
		).toMatchObject({ found: false });
});

test("a ref through the content back into the root finds the root's page, in any case (200 generated)", () => {
	const random = seededRandom(20261129);
	for (let n = 0; n < 200; n++) {
		const rootParts = Array.from({ length: 1 + pick(random, 2) }, () =>
			pickItem(random, ['v2.3', 'docs', 'main']),
		);
		const rootUrl = `/${rootParts.join('/')}/`;
		const pageDir = Array.from({ length: pick(random, 3) }, () => pickItem(random, names));
		const page = [...pageDir, 'from.md'].join('/');
		const targetPage = [
			...Array.from({ length: pick(random, 3) }, () => pickItem(random, names)),
			pickItem(random, ['backup.md', '_index.md']),
		].join('/');
		const named = [...rootParts, targetPage.replace(/(?:^|\/)_index\.md$/, '').replace(/\.md$/, '')]
			.filter(Boolean)
			.join('/');
		const written = random() < 0.3 ? named.toUpperCase() : named;
		const target = pickItem(random, [
			`/${written}`,
			`${'../'.repeat(rootParts.length + pageDir.length)}${written}`,
			written,
		]);
		const ref = hrefForHugoRef(`${target}#restore`, page, new Set([page, targetPage]), {
			rootUrl,
			pages: new Set(noise),
		});
		expect(ref, `${target} from ${page} in ${rootUrl}`).toMatchObject({ found: true });
		expect(ref.href.startsWith('/')).toBe(false);
		expect(ref.href.endsWith('#restore')).toBe(true);
	}
});

test('by name: a page of the root first, else the one page of that name in the content; two are ambiguous', () => {
	const pages = new Set(['ops/backup.md']);
	const content = (...outside: string[]): HugoContent => ({
		rootUrl: '/v2.3/',
		pages: new Set(outside),
	});
	expect(
		hrefForHugoRef(
			'connection-details',
			'ops/backup.md',
			pages,
			content('v1.20/concepts/connection-details.md'),
		),
	).toEqual({ href: '/v1.20/concepts/connection-details/', found: true });
	expect(hrefForHugoRef('Role', 'ops/backup.md', pages, content('entities/Role.md'))).toEqual({
		href: '/entities/Role/',
		found: true,
	});
	expect(
		hrefForHugoRef(
			'connection-details',
			'ops/backup.md',
			pages,
			content('v1.20/a/connection-details.md', 'v2.1/a/connection-details.md'),
		).found,
	).toBe(false);
	expect(
		hrefForHugoRef(
			'backup',
			'ops/_index.md',
			new Set(['ops/_index.md', 'ops/backup.md']),
			content('v1.20/backup.md'),
		),
	).toEqual({ href: 'backup.md', found: true });
});

test('a ref that stays in the root keeps its reading, with or without the content around it', () => {
	const pages = new Set(['ops/backup.md', 'ops/_index.md', '_index.md']);
	for (const content of [
		undefined,
		{ rootUrl: '/v2.3/', pages: new Set(noise) },
		{ rootUrl: '/docs/main/', pages: new Set(noise) },
	]) {
		expect(hrefForHugoRef('/ops/backup', 'ops/_index.md', pages, content)).toEqual({
			href: 'backup.md',
			found: true,
		});
		expect(hrefForHugoRef('../ops/backup.md#restore', 'ops/_index.md', pages, content)).toEqual({
			href: 'backup.md#restore',
			found: true,
		});
		expect(hrefForHugoRef('./gone', 'ops/_index.md', pages, content)).toEqual({
			href: './gone',
			found: false,
		});
		expect(hrefForHugoRef('gone#x', 'ops/_index.md', pages, content)).toEqual({
			href: 'gone#x',
			found: false,
		});
		expect(hrefForHugoRef('/ops/gone', '_index.md', pages, content)).toEqual({
			href: 'ops/gone',
			found: false,
		});
	}
	expect(
		hrefForHugoRef('/v2.3/ops/gone', '_index.md', pages, {
			rootUrl: '/v2.3/',
			pages: new Set(noise),
		}),
	).toEqual({ href: 'ops/gone', found: false });
	// Without the content known, a page outside the root is missing, as before.
	expect(hrefForHugoRef('/cli/v2.3', '_index.md', pages)).toEqual({
		href: 'cli/v2.3',
		found: false,
	});
});

// In code, Hugo prints the URL a ref gives: the root's pages at their route, a page outside the
// root at its URL in the content, the fragment kept; a ref no page answers is left as written.
test('a ref in code shows the URL of the page it finds, inside the root or outside it (500 generated)', () => {
	const random = seededRandom(20261130);
	for (let n = 0; n < 500; n++) {
		const { rootUrl, page, file, target, hash } = generated(random);
		const content: HugoContent = { rootUrl, pages: new Set([...noise, file]) };
		const seen = `${target} from ${page} in ${rootUrl}`;
		const url = `/${file
			.replace(/\.md$/, '')
			.replace(/(?:^|\/)_?index$/, '')
			.split('/')
			.map(encodeURIComponent)
			.join('/')}/${hash}`;
		expect(hugoRefUrl(target, page, new Set([page]), content), seen).toBe(url);
		const own = `ops/restart.md${hash}`;
		expect(hugoRefUrl(own, page, new Set([page, 'ops/restart.md']), content), own).toBe(
			`${hugoRouteForPath('ops/restart.md')}${hash}`,
		);
		expect(
			hugoRefUrl(`${target.replace(/#.*/, '')}-gone`, page, new Set([page]), content),
			seen,
		).toBeUndefined();
	}
	const out = rewriteAs('Run `curl {{< ref "/cli/v2.3#flags" >}}` first.\n', {
		dialect: 'hugo',
		path: 'ops/a.md',
		pages: new Set(['ops/a.md']),
		hugoContent: { rootUrl: '/v2.3/', pages: new Set(['cli/v2.3/_index.md']) },
	});
	expect(out.text).toBe('Run `curl /cli/v2.3/#flags` first.\n');
	expect(out.notes).toEqual([]);
});
