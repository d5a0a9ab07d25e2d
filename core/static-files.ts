import { createReadStream, type Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { manifestPath } from './status-snapshot.ts';
import {
	cacheControlFor,
	contentTypeFor,
	otherCsp,
	pageCsp,
	scriptCsp,
} from './security-headers.ts';
import { ifRangeHolds, noneMatchHolds } from './conditional-request.ts';

/** Pages up to this size are read whole, to hash their inline scripts for the CSP. */
const maxHashedPage = 8 * 1024 * 1024;

/** Rewrites a page as it is sent; `key` names the file's version (path, size, time), `query` is the request's query string (`?…`, or `''`). */
export type PageTransform = (html: string, key: string, query: string) => string;

interface Found {
	file: string;
	stats: Stats;
}

/**
 * Serves a built site as a static host would: files as they are, `/x/` from `/x/index.html` (and
 * `/x` from `x.html` or `x/index.html`), and the site's own `404.html` (status 404) for anything
 * else (a bare `Not found` without `sitePage404`), including paths outside `base`. Files are found
 * by their names fully decoded, so `/a%23b/` is `a#b/index.html`. Never serves a
 * file whose real path (symlinks followed) leaves the site folder, a dotfile, or the probe manifest
 * (`/_waymark/probes.json`, for the server only; previews and `status.json` under `/_waymark/` are
 * served).
 * Single byte ranges are honoured, under `If-Range` only when it holds (RFC 9110 §13.1.5, strong
 * comparison; `conditional-request.ts`); a malformed range is ignored, an unsatisfiable one is 416.
 * With `transform`, pages are sent as it rewrites them: a page it changes is sent whole, with
 * `no-store` and no validators, since its body changes with every request.
 */
export function createStaticHandler(
	dir: string,
	base = '/',
	sitePage404 = true,
	transform?: PageTransform,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
	const prefix = base.replace(/\/?$/, '/');
	let root: Promise<string> | undefined;
	const pages = new Map<string, { key: string; csp: string }>();

	const find = async (path: string): Promise<Found | undefined> => {
		// Read on the first request (a server may listen before its site is written), and kept.
		root ??= realpath(dir).catch((error: unknown) => {
			root = undefined;
			throw error;
		});
		const top = await root;
		const candidates = path.endsWith('/')
			? [`${path}index.html`]
			: [path, `${path}.html`, `${path}/index.html`];
		for (const candidate of candidates) {
			const file = await realpath(join(top, candidate)).catch(() => undefined);
			if (!file || (file !== top && !file.startsWith(top + sep))) continue;
			const stats = await stat(file).catch(() => undefined);
			if (stats?.isFile()) return { file, stats };
		}
		return undefined;
	};

	const cspFor = (found: Found, html: Buffer): string => {
		const key = `${found.stats.size}:${found.stats.mtimeMs}`;
		const cached = pages.get(found.file);
		if (cached?.key === key) return cached.csp;
		const csp = pageCsp(html.toString('utf8'));
		if (pages.size > 10_000) pages.clear();
		pages.set(found.file, { key, csp });
		return csp;
	};

	const send = async (
		req: IncomingMessage,
		res: ServerResponse,
		found: Found,
		status: number,
		path: string,
	): Promise<void> => {
		const query = /\?[^#]*/.exec(req.url ?? '')?.[0] ?? '';
		const type = contentTypeFor(found.file);
		const isPage = type.startsWith('text/html');
		// Strong: a range of it may be joined to a range sent earlier (If-Range takes strong tags only).
		const etag = `"${found.stats.size.toString(16)}-${Math.floor(found.stats.mtimeMs).toString(16)}"`;
		const validators = { etag, lastModified: found.stats.mtime };
		res.setHeader('content-type', type);
		res.setHeader('cache-control', status === 200 ? cacheControlFor(path) : 'no-cache');
		res.setHeader('etag', etag);
		res.setHeader('last-modified', found.stats.mtime.toUTCString());
		res.setHeader('accept-ranges', 'bytes');
		const page =
			isPage && found.stats.size <= maxHashedPage ? await readFile(found.file) : undefined;
		// The policy is the built page's: a transform adds no script that runs.
		res.setHeader(
			'content-security-policy',
			page
				? cspFor(found, page)
				: type.startsWith('text/javascript')
					? scriptCsp
					: isPage
						? pageCsp('')
						: otherCsp,
		);
		const painted = page && transform ? transformed(page, found, transform, query) : undefined;
		if (painted) {
			res.removeHeader('etag');
			res.removeHeader('last-modified');
			res.removeHeader('accept-ranges');
			res.setHeader('cache-control', 'no-store');
			res.setHeader('content-length', painted.length);
			res.statusCode = status;
			res.end(req.method === 'HEAD' ? undefined : painted);
			return;
		}
		if (status === 200 && noneMatchHolds(req.headers['if-none-match'], validators)) {
			res.writeHead(304).end();
			return;
		}
		const size = found.stats.size;
		// With an If-Range that does not hold (the client's copy is of another version), the Range is
		// ignored and the whole file sent, never a part of this version to join to a part of that one.
		const ifRange = req.headers['if-range'];
		const rangeHolds =
			ifRange === undefined || ifRangeHolds(String(ifRange), validators, new Date());
		const range = status === 200 && rangeHolds ? parseRange(req.headers.range, size) : undefined;
		if (range === 'unsatisfiable') {
			res
				.writeHead(416, {
					'content-range': `bytes */${size}`,
					'content-type': 'text/plain; charset=utf-8',
				})
				.end('Range not satisfiable\n');
			return;
		}
		const [start, end] = range ?? [0, size - 1];
		res.statusCode = range ? 206 : status;
		if (range) res.setHeader('content-range', `bytes ${start}-${end}/${size}`);
		res.setHeader('content-length', Math.max(0, end - start + 1));
		if (req.method === 'HEAD' || size === 0) {
			res.end();
			return;
		}
		if (page) {
			res.end(page.subarray(start, end + 1));
			return;
		}
		await pipeline(createReadStream(found.file, { start, end }), res);
	};

	return async (req, res) => {
		let path: string | undefined = (req.url ?? '/').split('?')[0] ?? '/';
		// A site built with `site.base: /runbooks/` links to `/runbooks/…` but is written without it;
		// a path outside the base is as dead here as in production.
		if (prefix !== '/') {
			if (path === prefix.slice(0, -1)) path = prefix;
			path = path.startsWith(prefix) ? path.slice(prefix.length - 1) : undefined;
		}
		const decoded = path?.split('/').map(decodeURIComponent).join('/');
		const found = decoded !== undefined && isPublic(decoded) ? await find(decoded) : undefined;
		if (found && decoded !== undefined) return send(req, res, found, 200, decoded);
		const notFound = sitePage404 ? await find('/404.html') : undefined;
		if (notFound) return send(req, res, notFound, 404, '/404.html');
		res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
	};
}

/** The page as `transform` rewrites it, or undefined when it leaves it as built. */
function transformed(
	page: Buffer,
	found: Found,
	transform: PageTransform,
	query: string,
): Buffer | undefined {
	const html = page.toString('utf8');
	const out = transform(html, `${found.file}:${found.stats.size}:${found.stats.mtimeMs}`, query);
	return out === html ? undefined : Buffer.from(out);
}

/** Files the build writes for the server alone: never sent, in any spelling of their path. */
const serverOnly = new Set([`/${manifestPath}`]);

/** Dotfiles (but `/.well-known/`) and the server's own files are never served. */
function isPublic(path: string): boolean {
	if (serverOnly.has(path.toLowerCase())) return false;
	return !path.split('/').some((segment) => segment.startsWith('.') && segment !== '.well-known');
}

/** One `bytes=` range as `[start, end]`; `undefined` to ignore the header (absent, malformed, several ranges). */
function parseRange(
	header: string | undefined,
	size: number,
): [number, number] | 'unsatisfiable' | undefined {
	const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!match || (match[1] === '' && match[2] === '')) return undefined;
	const [, first = '', last = ''] = match;
	if (first === '') {
		const suffix = Number(last);
		if (suffix === 0) return 'unsatisfiable';
		return size === 0 ? 'unsatisfiable' : [Math.max(0, size - suffix), size - 1];
	}
	const start = Number(first);
	const end = last === '' ? Infinity : Number(last);
	// `bytes=2-1` is not a range at all (RFC 9110 §14.1.1): ignore it and send the whole file.
	if (end < start || !Number.isSafeInteger(start) || (last !== '' && !Number.isSafeInteger(end)))
		return undefined;
	if (start >= size) return 'unsatisfiable';
	return [start, Math.min(end, size - 1)];
}
