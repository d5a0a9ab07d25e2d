/** A request target made safe to route on: one decoded, dot-free path, re-encoded one way. */
export type RequestTarget = { path: string; search: string } | { error: string };

/**
 * Normalises `req.url` once, before any handler sees it: percent-decodes each segment (malformed
 * encoding is an error), resolves `.` and `..` (never above the root), collapses `//`, refuses
 * control characters, keeps an encoded `/` as part of its name, then encodes each segment again. So
 * `/%5Fwaymark/probes.json` and `/_waymark/probes.json` reach the handlers as the same path,
 * and no spelling of a path reaches a file another spelling would not.
 */
export function normalizeRequestTarget(url: string): RequestTarget {
	let raw = url;
	if (!raw.startsWith('/')) {
		// Absolute form (`GET http://host/path`), which proxies send.
		try {
			const parsed = new URL(raw);
			if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
				return { error: 'the request target is not a path' };
			raw = `${parsed.pathname}${parsed.search}`;
		} catch {
			return { error: 'the request target is not a path' };
		}
	}
	const queryAt = raw.indexOf('?');
	const rawPath = queryAt >= 0 ? raw.slice(0, queryAt) : raw;
	const search = queryAt >= 0 ? raw.slice(queryAt) : '';
	if (rawPath.includes('#')) return { error: 'the path contains `#`' };
	const segments: string[] = [];
	const parts = rawPath.split('/');
	for (const part of parts.slice(1)) {
		let segment: string;
		try {
			segment = decodeURIComponent(part);
		} catch {
			return { error: `malformed percent-encoding in \`${part.slice(0, 80)}\`` };
		}
		// eslint-disable-next-line no-control-regex -- control characters are what this refuses
		if (/[\u0000-\u001f\u007f]/.test(segment))
			return { error: 'the path contains a control character' };
		// An encoded `/` stays encoded, as static hosts keep it: a name no file has, never a folder.
		if (segment.includes('/')) segment = part;
		if (segment === '' || segment === '.') continue;
		if (segment === '..') {
			if (segments.pop() === undefined) return { error: 'the path leaves the site' };
			continue;
		}
		segments.push(segment);
	}
	const last = parts.at(-1);
	const folder = segments.length > 0 && (last === '' || last === '.' || last === '..');
	return { path: `/${segments.map(encodeURIComponent).join('/')}${folder ? '/' : ''}`, search };
}
