import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import pLimit from 'p-limit';
import { safeDecode } from '../markdown/routes.ts';
import { assetInPage, type BuiltPages } from './built-pages.ts';

/**
 * Removes from `_astro/` every bundled file no page loads, directly or through what it loads
 * (a script's imports, dynamic ones included, a stylesheet's fonts). Astro bundles the script of
 * every component the site has, used or not: on a site whose diagrams were drawn at build time
 * the mermaid loader and its chunks (8 MB at 500 pages) were published for nobody, and the
 * offline copy kept them in every reader's browser. Run when every page is in the output folder;
 * with `built`, its pages as read already (`built-pages.ts`). Returns what it removed, relative to
 * `_astro/`.
 */
export async function removeUnloadedAssets(outDir: string, built?: BuiltPages): Promise<string[]> {
	const assetsDir = join(outDir, '_astro');
	const entries = await readdir(assetsDir, { recursive: true, withFileTypes: true }).catch(
		() => [],
	);
	const assets = entries
		.filter((entry) => entry.isFile())
		.map((entry) => relative(assetsDir, join(entry.parentPath, entry.name)));
	if (assets.length === 0) return [];
	const byName = new Map(assets.map((path) => [basename(path), path]));
	const loaded = new Set<string>();
	const limit = pLimit(16);
	// The bundled files a page's `_astro/` names (`assetInPage`, as written) are.
	const note = (written: Iterable<string>) => {
		for (const each of written) {
			for (const name of namesIn(each)) {
				const path = byName.get(basename(name));
				if (path) loaded.add(path);
			}
		}
	};
	if (built) note(built.assets);
	else {
		const pages = (await readdir(outDir, { recursive: true })).filter((path) =>
			path.endsWith('.html'),
		);
		await Promise.all(
			pages.map((page) =>
				limit(async () =>
					note(
						[...(await readFile(join(outDir, page), 'utf8')).matchAll(assetInPage)].map(
							(match) => match[1] ?? '',
						),
					),
				),
			),
		);
	}
	// What the loaded scripts and stylesheets name, until nothing new is named.
	const names = [...byName.keys()];
	for (const queue = [...loaded]; queue.length > 0;) {
		const path = queue.pop() as string;
		if (!/\.(?:js|mjs|css)$/.test(path)) continue;
		const text = await readFile(join(assetsDir, path), 'utf8');
		for (const name of names) {
			const named = byName.get(name) as string;
			if (!loaded.has(named) && text.includes(name)) {
				loaded.add(named);
				queue.push(named);
			}
		}
	}
	const unloaded = assets.filter(
		(path) => !loaded.has(path) && byName.get(basename(path)) === path,
	);
	await Promise.all(unloaded.map((path) => rm(join(assetsDir, path), { force: true })));
	return unloaded.sort();
}

/**
 * The names a match may be: as written, cut where CSS (`url(…)`) or a `srcset` (`, `) ends a URL,
 * each with HTML's character references (`&#39;`, `&amp;`) read and percent-encoding undone (pages
 * write `caf%C3%A9.B9x.svg`, the disk has it decoded).
 */
function namesIn(written: string): Set<string> {
	const names = new Set<string>();
	for (const cut of [written, written.split(/[),']/)[0] ?? '', written.split(',')[0] ?? '']) {
		const unescaped = cut
			.replace(/&(?:#39|#x27|apos);/gi, "'")
			.replace(/&(?:amp|#38|#x26);/gi, '&');
		for (const name of [cut, unescaped, safeDecode(cut), safeDecode(unescaped)])
			if (name) names.add(name);
	}
	return names;
}
