import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { offlineUrl, rewriteCssUrls } from './offline-links.ts';
import { offlinePage, type OfflineStamp } from './offline-page.ts';
import { offlineScript } from './offline-script.ts';
import { unportableEntryName } from './zip-names.ts';
import { searchEntry, searchIndexScript, type OfflineSearchEntry } from './offline-search.ts';

/**
 * Left out of the copy: Pagefind's index (`file://` lets no page fetch it; the copy searches its
 * own, `_waymark/offline-index.js`), the service worker (`file://` runs none), the output folder's
 * marker and the served site's machine files.
 */
const leftOut = [
	/^pagefind\//,
	/^sw\.js$/,
	/^\.waymark-output$/,
	/^_waymark\/(?:probes|alerts)\.json$/,
];

/** Every entry's time: the same site gives the same bytes (zip stores local times, from 1980). */
const entryTime = new Date(1980, 0, 1, 0, 0, 0);
/**
 * Every entry as a Unix file, readable by all (`-rw-r--r--`). With fflate's default (made by
 * MS-DOS), Debian's `unzip` reads a name as the DOS code page despite the UTF-8 flag, and
 * `café/index.html` came out as `caf+�/index.html`: the page and its pictures were lost.
 */
const entryAttributes = { mtime: entryTime, os: 3, attrs: 0o100644 << 16 };

export interface OfflineExport {
	zip: Uint8Array;
	pages: number;
	searchBytes: number;
	/** Files of the site left out because their name cannot be a portable zip entry (`zip-names.ts`), with why. */
	unportable: Array<{ path: string; reason: string }>;
}

/**
 * `waymark export offline`: the built site in `dir` as one zip that works unpacked and opened from
 * disk (`file://`): links name files (`…/index.html`), relative; search runs on an index embedded
 * as a script; every page is stamped (offline-page.ts). Entries are sorted and carry a fixed time,
 * so the same site gives the same bytes.
 */
export async function exportOffline(
	dir: string,
	stamp: OfflineStamp,
	base: string,
): Promise<OfflineExport> {
	const paths = (await readdir(dir, { recursive: true, withFileTypes: true }))
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
		.filter((path) => !leftOut.some((pattern) => pattern.test(path)))
		.sort();
	const unportable = paths.flatMap((path) => {
		const reason = unportableEntryName(path);
		return reason ? [{ path, reason }] : [];
	});
	const portable = paths.filter((path) => !unportableEntryName(path));
	const files = new Set(portable);
	const entries: Zippable = {};
	const index: OfflineSearchEntry[] = [];
	const siteBase = base.endsWith('/') ? base : `${base}/`;
	for (const path of portable) {
		const bytes = await readFile(join(dir, path));
		const rewrite = (url: string) => offlineUrl(url, path, files, siteBase);
		if (path.endsWith('.html')) {
			const html = bytes.toString('utf8');
			const found = searchEntry(path, html);
			if (found) index.push(found);
			entries[path] = [
				new TextEncoder().encode(offlinePage(html, path, stamp, rewrite)),
				entryAttributes,
			];
		} else if (path.endsWith('.css'))
			entries[path] = [
				new TextEncoder().encode(rewriteCssUrls(bytes.toString('utf8'), rewrite)),
				entryAttributes,
			];
		else entries[path] = [new Uint8Array(bytes), entryAttributes];
	}
	const indexScript = new TextEncoder().encode(searchIndexScript(index));
	entries['_waymark/offline-index.js'] = [indexScript, entryAttributes];
	entries['_waymark/offline.js'] = [new TextEncoder().encode(offlineScript), entryAttributes];
	const sorted: Zippable = {};
	for (const name of Object.keys(entries).sort()) sorted[name] = entries[name] as Zippable[string];
	return {
		zip: zipSync(sorted, { level: 9 }),
		pages: index.length,
		searchBytes: indexScript.byteLength,
		unportable,
	};
}
