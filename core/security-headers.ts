import { createHash } from 'node:crypto';
import { extname } from 'node:path';

/**
 * Headers on every response of `waymark serve`, errors included. Each response also gets a
 * Content-Security-Policy: pages get `pageCsp` (their own inline scripts by hash), scripts get
 * `scriptCsp` (Pagefind's worker runs under it), everything else `otherCsp`, so an SVG or an
 * extension-less file opened directly runs no script on the site's origin.
 */
export const securityHeaders: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'same-origin',
	'cross-origin-opener-policy': 'same-origin',
};

// `'wasm-unsafe-eval'`: Pagefind's search index runs as WebAssembly, in the page and in its worker.
const siteDirectives = [
	"default-src 'self'",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data: blob: https: http:",
	"font-src 'self' data:",
	"connect-src 'self'",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
	"frame-ancestors 'none'",
];

export const otherCsp =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; sandbox; frame-ancestors 'none'";
export const scriptCsp = [...siteDirectives, "script-src 'self' 'wasm-unsafe-eval'"].join('; ');

const executable =
	/^(?:|module|text\/javascript|application\/javascript|text\/ecmascript|application\/ecmascript)$/i;

/**
 * The policy for one HTML page: scripts from the site and the page's own inline scripts (the
 * theme script in `<head>`, Astro's inlined modules), each allowed by its SHA-256; styles from
 * the site and inline (syntax highlighting and diagrams use `style` attributes). Inline event
 * handlers and `javascript:` URLs never run.
 */
export function pageCsp(html: string): string {
	const hashes = new Set<string>();
	for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
		const attributes = match[1] ?? '';
		if (/\bsrc\s*=/i.test(attributes)) continue;
		const type = /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1] ?? '';
		if (!executable.test(type)) continue;
		hashes.add(
			`'sha256-${createHash('sha256')
				.update(match[2] ?? '')
				.digest('base64')}'`,
		);
	}
	return [...siteDirectives, ["script-src 'self' 'wasm-unsafe-eval'", ...hashes].join(' ')].join(
		'; ',
	);
}

const types: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.htm': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.xml': 'application/xml; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.md': 'text/markdown; charset=utf-8',
	'.csv': 'text/csv; charset=utf-8',
	'.yaml': 'text/yaml; charset=utf-8',
	'.yml': 'text/yaml; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.gif': 'image/gif',
	'.webp': 'image/webp',
	'.avif': 'image/avif',
	'.ico': 'image/x-icon',
	'.woff': 'font/woff',
	'.woff2': 'font/woff2',
	'.ttf': 'font/ttf',
	'.otf': 'font/otf',
	'.pdf': 'application/pdf',
	'.wasm': 'application/wasm',
	'.mp4': 'video/mp4',
	'.webm': 'video/webm',
};

/** The type by extension; anything unknown, extension-less files included, is a download. */
export function contentTypeFor(file: string): string {
	return types[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Hashed build assets never change; everything else is revalidated (ETag) on every use. */
export function cacheControlFor(path: string): string {
	return path.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}
