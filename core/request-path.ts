import type { IncomingMessage } from 'node:http';

/**
 * Makes sirv (behind `waymark serve` and `check --site`) find files whose names hold reserved
 * characters. sirv decodes a request path with `decodeURI`, which leaves `%23`, `%3F`, `%2B` and
 * the other reserved escapes encoded, so `/a%23b/` misses `a#b/index.html` and
 * `/funky%2Bpath.html` misses `funky+path.html`, while static hosts (nginx,
 * `python3 -m http.server`, GitHub Pages) decode every escape. This decodes each segment fully and
 * hands the result to sirv through the parsed-URL memo of its URL parser (@polka/url keeps the
 * parse of `req.url` in `req._parsedUrl` and reuses it while `raw` equals `req.url`). `%` goes in
 * as `%25`, which sirv's `decodeURI` turns back into `%`. An encoded `/` stays encoded: it never
 * crosses into another folder.
 */
export function decodePathForSirv(req: IncomingMessage): void {
	const raw = req.url ?? '/';
	const end = raw.search(/[?#]/);
	const pathname = end === -1 ? raw : raw.slice(0, end);
	if (!pathname.includes('%')) return;
	const decoded = pathname
		.split('/')
		.map((segment) => {
			try {
				const value = decodeURIComponent(segment);
				return value.includes('/') ? segment : value;
			} catch {
				return segment;
			}
		})
		.join('/');
	(req as IncomingMessage & { _parsedUrl?: unknown })._parsedUrl = { pathname: decoded.replaceAll('%', '%25'), search: '', query: undefined, hash: undefined, raw };
}
