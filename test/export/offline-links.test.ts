import { posix } from 'node:path';
import { expect, test } from 'vitest';
import { offlineUrl, rewriteCssUrls, rewriteHtmlUrls } from '../../export/offline-links.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

const names = ['ops', 'db', 'drill në', 'a b', 'x%y', 'index', 'notes', 'émoji-🚀'];

/** A generated site: folder pages (`…/index.html`) and files at random depths. */
function generatedSite(random: () => number): string[] {
	const pick = () => names[Math.floor(random() * names.length)] as string;
	const files = new Set(['index.html']);
	for (let i = 0; i < 30; i++) {
		const depth = Math.floor(random() * 4);
		const folders = Array.from({ length: depth }, pick);
		files.add([...folders, random() < 0.7 ? 'index.html' : `${pick()}.svg`].join('/'));
	}
	return [...files];
}

/** The URL the served site writes for a file: its folder for a page, the file otherwise, percent-encoded. */
function servedUrl(file: string, base: string): string {
	return base + encodeURI(file.replace(/(^|\/)index\.html$/, '$1'));
}

for (const base of ['/', '/docs/']) {
	test(`resolves every site URL of a generated site to the file it names, from every page (base ${base})`, () => {
		for (let seed = 1; seed <= 20; seed++) {
			const files = generatedSite(seededRandom(seed));
			const set = new Set(files);
			for (const from of files.filter((f) => f.endsWith('.html')))
				for (const target of files) {
					const url = offlineUrl(`${servedUrl(target, base)}#part`, from, set, base);
					expect(url.startsWith('/'), url).toBe(false);
					const [path, fragment] = url.split('#');
					expect(decodeURI(posix.normalize(posix.join(posix.dirname(from), path ?? '')))).toBe(
						target,
					);
					expect(fragment).toBe('part');
				}
		}
	});
}

test('leaves URLs off the site, fragments and URLs outside the base as written', () => {
	const files = new Set(['index.html']);
	for (const url of [
		'https://example.com/x/',
		'//cdn.example.com/a.js',
		'mailto:ops@example.com',
		'#top',
		'/other/',
	])
		expect(offlineUrl(url, 'index.html', files, url === '/other/' ? '/docs/' : '/')).toBe(url);
	// The control: a URL on the site is rewritten.
	expect(offlineUrl('/', 'a/index.html', new Set(['index.html', 'a/index.html']), '/')).toBe(
		'../index.html',
	);
});

test('rewrites href, src, srcset and url() and nothing else', () => {
	const rewrite = (url: string) => `R(${url})`;
	expect(
		rewriteHtmlUrls(
			'<a href="/a/" data-href="/b/"><img src=\'/i.png\' srcset="/i.png 1x, /j.png 2x">',
			rewrite,
		),
	).toBe(
		'<a href="R(/a/)" data-href="/b/"><img src=\'R(/i.png)\' srcset="R(/i.png) 1x, R(/j.png) 2x">',
	);
	expect(rewriteCssUrls('a{background:url(/x.png)} @font-face{src:url("/f.woff2")}', rewrite)).toBe(
		'a{background:url(R(/x.png))} @font-face{src:url("R(/f.woff2)")}',
	);
});
