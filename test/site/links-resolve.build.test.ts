import { access, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, expect, test } from 'vitest';
import { bundledSite } from '../helpers/bundled-site.ts';

// Every link and source the built site writes to a path of its own resolves to a file it
// publishes: the bundled guidebooks as `npm start` builds them. The alert panels linked ("view")
// rule files the site had stopped publishing with "publish the docs, not the repository"; any
// other part of the site that names a file it leaves out fails here.
let dist: string;

beforeAll(async () => {
	dist = await bundledSite();
}, 300_000);

/** The site's own paths a page's elements name in `href`, `src` and `srcset` (not `//host` URLs), without query or fragment. */
function ownPaths(html: string): string[] {
	const { document } = parseHTML(html);
	const paths: string[] = [];
	for (const element of document.querySelectorAll('[href], [src], [srcset]')) {
		const srcset = (element.getAttribute('srcset') ?? '')
			.split(',')
			.map((part) => part.trim().split(/\s+/)[0] ?? '');
		for (const url of [
			element.getAttribute('href') ?? '',
			element.getAttribute('src') ?? '',
			...srcset,
		]) {
			if (url.startsWith('/') && !url.startsWith('//'))
				paths.push(decodeURIComponent(url.replace(/[?#].*$/, '')));
		}
	}
	return paths;
}

async function exists(path: string): Promise<boolean> {
	return access(path).then(
		() => true,
		() => false,
	);
}

test('every path a page of the bundled guidebooks names is a file the site publishes', async () => {
	const pages = (await readdir(dist, { recursive: true })).filter((name) => name.endsWith('.html'));
	expect(pages.length).toBeGreaterThan(10);
	const missing = new Set<string>();
	let named = 0;
	for (const page of pages) {
		for (const path of ownPaths(await readFile(join(dist, page), 'utf8'))) {
			named++;
			const file = join(dist, path.endsWith('/') ? `${path}index.html` : path);
			if (!(await exists(file))) missing.add(`${page}: ${path}`);
		}
	}
	expect(named).toBeGreaterThan(100);
	expect([...missing]).toEqual([]);
});

test('the alert panels link the rule files they show, and the site has them', async () => {
	const html = await readFile(join(dist, 'crm/troubleshooting/index.html'), 'utf8');
	const view = /href="(\/alerts\/[^"]+)"/.exec(html)?.[1];
	expect(view).toBeDefined();
	expect(await readFile(join(dist, view as string), 'utf8')).toContain('alert:');
});
