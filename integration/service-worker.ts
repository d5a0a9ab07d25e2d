import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';

/** The worker's file, at the top of the site: its scope is the whole site, and no header has to widen it. */
const serviceWorkerFile = 'sw.js';

/**
 * The files every page may need, which the worker keeps whole (the shell): the bundled styles,
 * scripts and fonts, and the search index. Beside the index's list of shards, since `waymark
 * serve` answers everything under `_waymark/` itself.
 */
const shellList = 'pagefind/waymark-offline.json';

/**
 * The largest shell kept whole in each reader's browser; past it, files are kept only as pages
 * load them. The bundled assets are about 600 KiB, Pagefind's script and WebAssembly about 200 KiB;
 * the rest is the index, which grows with the text.
 */
const shellLimitBytes = 16 * 1024 * 1024;

/**
 * Writes `sw.js`, the copy of the site kept in readers' browsers (config `site.offlineCache`),
 * versioned by what the build wrote: the search index's entries (each shard's names a hash of its
 * pages' text) and the names of the bundled assets (each names a hash of its bytes). A build that changed
 * anything gets a new worker, which deletes the old cache; the same site built twice gives the same
 * bytes. Run after the search index is written.
 */
export async function writeServiceWorker(outDir: string, base: string): Promise<void> {
	const shell = await shellFiles(outDir);
	// Every shard's entry of the search index (`search-shard-plan.ts`), not only the first: an edit names a new hash in its own shard.
	const entries = await Promise.all(
		shell.files
			.filter((file) => basename(file) === 'pagefind-entry.json')
			.map((file) => readFile(join(outDir, file), 'utf8')),
	);
	const version = createHash('sha256')
		.update(entries.join('\n'))
		.update(shell.files.filter((file) => file.startsWith('_astro/')).join('\n'))
		.digest('hex')
		.slice(0, 12);
	const keepShell = shell.bytes > 0 && shell.bytes <= shellLimitBytes;
	if (keepShell) {
		// A site with no search index still has its assets to keep.
		await mkdir(join(outDir, dirname(shellList)), { recursive: true });
		await writeFile(join(outDir, shellList), `${JSON.stringify(shell.files)}\n`);
	}
	await writeFile(
		join(outDir, serviceWorkerFile),
		serviceWorkerScript(
			version,
			base.endsWith('/') ? base : `${base}/`,
			keepShell ? shellList : undefined,
		),
	);
}

/** The bundled assets and every file the search box may load (shards included), relative to the site's base, sorted; and their size. */
async function shellFiles(outDir: string): Promise<{ files: string[]; bytes: number }> {
	const files: string[] = [];
	let bytes = 0;
	for (const folder of ['_astro', 'pagefind']) {
		for (const entry of await readdir(join(outDir, folder), {
			recursive: true,
			withFileTypes: true,
		}).catch(() => [])) {
			if (!entry.isFile() || entry.name === basename(shellList)) continue;
			const path = join(entry.parentPath, entry.name);
			files.push(relative(outDir, path).split(sep).join('/'));
			bytes += (await stat(path)).size;
		}
	}
	return { files: files.sort(), bytes };
}

/**
 * The worker. Pages: network first, for at most 4 s, then the copy, shown with "Offline copy from
 * 08:03" (the time it was kept, in the reader's time zone) in the page's banner
 * (components/OfflineBanner.astro); a page never kept gets a page saying so. Other files (styles,
 * scripts, the search index): the copy first, else the network, kept as they are fetched. Nothing
 * under `_waymark/` (live status, its event stream, alerts) is ever answered from the copy. At most
 * 1,500 entries: the oldest go first. Each page asks the worker to keep it and the files it loaded
 * (the first page a reader opens is loaded before there is a worker) and, with `shellList` (a JSON
 * list of files, relative to `base`), the shell: the bundled assets and the whole search index, in
 * a cache of their own outside that bound. So the first page opened works offline, and a search
 * offline finds every page, not only words searched before.
 */
function serviceWorkerScript(version: string, base: string, shellList: string | undefined): string {
	return `// Written by waymark build (integration/service-worker.ts); config site.offlineCache turns it off.
const CACHE = ${JSON.stringify(`waymark-${version}`)};
const SHELL_CACHE = CACHE + '-shell';
const SHELL_LIST = ${JSON.stringify(shellList ?? null)};
const BASE = ${JSON.stringify(base)};
const LIMIT = 1500;
const TIMEOUT_MS = 4000;
const KEPT_AT = 'x-waymark-kept-at';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
	event.waitUntil(caches.keys().then((names) => Promise.all(names.filter((name) => name.startsWith('waymark-') && name !== CACHE && name !== SHELL_CACHE).map((name) => caches.delete(name)))).then(() => self.clients.claim()));
});

// Sent by every page once the worker is active (scripts/service-worker.ts), with the files it loaded.
let keepingShell;
self.addEventListener('message', (event) => {
	const data = event.data;
	if (!data || data.type !== 'keep' || !event.source || !('url' in event.source)) return;
	const work = [keepOpened(event.source.url, Array.isArray(data.files) ? data.files : []).catch(() => undefined)];
	if (SHELL_LIST) work.push(keepingShell ??= keepShell().catch(() => undefined).finally(() => { keepingShell = undefined; }));
	event.waitUntil(Promise.all(work));
});

/** The page at url and the files it loaded, unless kept: the worker saw none of them go by. */
async function keepOpened(url, files) {
	const request = new Request(url.split('#')[0], { headers: { accept: 'text/html' } });
	if (ours(new URL(request.url)) && !(await caches.match(request, { cacheName: CACHE, ignoreSearch: true }))) {
		const response = await fetch(request);
		if (response.ok && (response.headers.get('content-type') || '').includes('text/html')) await keep(request, response);
	}
	for (const file of files) {
		if (typeof file !== 'string' || !URL.canParse(file) || !ours(new URL(file)) || (await kept(file))) continue;
		const response = await fetch(file).catch(() => undefined);
		if (response && response.ok) await keep(new Request(file), response);
	}
}

/** A file of this site the copy may answer: never live status, alerts or the worker itself. */
function ours(url) {
	return url.origin === self.location.origin && url.pathname.startsWith(BASE) && !url.pathname.startsWith(BASE + '_waymark/') && url.pathname !== BASE + 'sw.js';
}

/** Every file of the shell list, then the list itself: once the list is kept, so is every file it names. */
async function keepShell() {
	const cache = await caches.open(SHELL_CACHE);
	const list = BASE + SHELL_LIST;
	if (await cache.match(list)) return;
	const response = await fetch(list);
	if (!response.ok) return;
	const files = await response.clone().json();
	let next = 0;
	const fetchEach = async () => {
		while (next < files.length) {
			const url = BASE + files[next++];
			if (await cache.match(url)) continue;
			const file = await fetch(url);
			if (!file.ok) throw new Error(url + ': ' + file.status);
			await cache.put(url, file);
		}
	};
	await Promise.all([fetchEach(), fetchEach(), fetchEach(), fetchEach()]);
	await cache.put(list, response);
}

/** The kept copy of a request: among the files kept as loaded, else in the shell. */
async function kept(request, options) {
	return (await caches.match(request, { ...options, cacheName: CACHE })) || (await caches.match(request, { ...options, cacheName: SHELL_CACHE }));
}

self.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	// Live status, its event stream and alerts: from the network or not at all, never as kept.
	if (request.method !== 'GET' || !ours(url)) return;
	if (request.mode === 'navigate' || (request.headers.get('accept') || '').includes('text/html')) event.respondWith(page(request));
	else event.respondWith(file(request));
});

async function page(request) {
	try {
		const response = await withTimeout(fetch(request), TIMEOUT_MS);
		if (response.ok && (response.headers.get('content-type') || '').includes('text/html')) await keep(request, response.clone());
		return response;
	} catch {
		const kept = await caches.match(request, { cacheName: CACHE, ignoreSearch: true });
		if (kept) return stamped(kept);
		return notKept(request);
	}
}

async function file(request) {
	const copy = await kept(request);
	if (copy) return copy;
	try {
		const response = await fetch(request);
		if (response.ok && response.type === 'basic') await keep(request, response.clone());
		return response;
	} catch (error) {
		// Pagefind asks for its entry file with a cache-busting query: any copy of the file will do.
		const any = await kept(request, { ignoreSearch: true });
		if (any) return any;
		throw error;
	}
}

async function keep(request, response) {
	const headers = new Headers(response.headers);
	headers.set(KEPT_AT, String(Date.now()));
	const body = await response.arrayBuffer();
	const cache = await caches.open(CACHE);
	await cache.put(request, new Response(body, { status: response.status, statusText: response.statusText, headers }));
	const keys = await cache.keys();
	for (const old of keys.slice(0, Math.max(0, keys.length - LIMIT))) await cache.delete(old);
}

function withTimeout(promise, ms) {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('timeout')), ms);
		promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
	});
}

function localTime(ms) {
	return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
}

function escapeHtml(text) {
	return text.replace(/[&<>"]/g, (c) => '&#' + c.charCodeAt(0) + ';');
}

/** The kept page with its banner filled in: when it was kept, and that live status is not shown. */
async function stamped(kept) {
	const at = Number(kept.headers.get(KEPT_AT)) || Date.now();
	const text = 'Offline copy from ' + localTime(at) + ' (' + new Date(at).toDateString() + '): the network is unreachable, so this page and its status may be out of date.';
	// Shown, its other attributes kept: the page's script still finds the worker it names there.
	const html = (await kept.text()).replace(/(<p class="wm-offline-banner"[^>]*?) hidden([^>]*)><\\/p>/, (_, before, after) => before + after + ' data-kept-at="' + new Date(at).toISOString() + '">' + escapeHtml(text) + '</p>');
	const headers = new Headers(kept.headers);
	headers.delete(KEPT_AT);
	return new Response(html, { status: 200, headers });
}

async function notKept(request) {
	const cache = await caches.open(CACHE);
	const pages = (await cache.keys()).filter((key) => !/\\.[a-z0-9]+$/i.test(new URL(key.url).pathname) || key.url.endsWith('.html'));
	const list = pages.map((key) => '<li><a href="' + escapeHtml(new URL(key.url).pathname) + '">' + escapeHtml(decodeURI(new URL(key.url).pathname)) + '</a></li>').join('');
	const body = '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline: page not kept</title></head><body><main><h1>You are offline</h1><p>' + escapeHtml(decodeURI(new URL(request.url).pathname)) + ' was not opened on this device before the network went, so there is no offline copy of it.</p>' + (list ? '<p>Pages kept on this device:</p><ul>' + list + '</ul>' : '') + '</main></body></html>';
	return new Response(body, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" } });
}
`;
}
