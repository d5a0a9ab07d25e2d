import { readFile, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';

/**
 * @typedef {{ pages: number; missing: string[]; htmlBytes: number; jsBytes: number; cssBytes: number; fontBytes: number; inlineJsBytes: number; diagramsSvg: number }} SiteBytes
 */

/**
 * What a reader downloads per page of a built static site, averaged over `routes`:
 * - HTML: the page's `index.html`;
 * - JS: every script the page references (`<script src>`, `<link rel="modulepreload">`) plus the
 *   modules they import statically, plus inline scripts; each file counted once per page.
 *   Dynamic `import()` (e.g. the search UI loaded when search opens) is not counted;
 * - CSS: `<link rel="stylesheet">` files and `<style>` elements, each file once per page;
 * - fonts: files the page preloads (`<link rel="preload" as="font">`).
 * `diagramsSvg` counts pages carrying a Mermaid-rendered SVG.
 * @param {string} outDir
 * @param {readonly string[]} routes e.g. `/billing/erp-00/`
 * @returns {Promise<SiteBytes>}
 */
export async function measureSiteBytes(outDir, routes) {
	/** @type {Map<string, Promise<string | undefined>>} */
	const files = new Map();
	const read = (/** @type {string} */ url) => {
		let text = files.get(url);
		if (!text) {
			text = readFile(join(outDir, decodeURI(url)), 'utf8').catch(() => undefined);
			files.set(url, text);
		}
		return text;
	};
	/** @type {Map<string, Promise<number | undefined>>} */
	const sizes = new Map();
	const readBytes = (/** @type {string} */ url) => {
		let size = sizes.get(url);
		if (!size) {
			size = stat(join(outDir, decodeURI(url))).then(
				(s) => s.size,
				() => undefined,
			);
			sizes.set(url, size);
		}
		return size;
	};
	const totals = {
		pages: 0,
		htmlBytes: 0,
		jsBytes: 0,
		cssBytes: 0,
		fontBytes: 0,
		inlineJsBytes: 0,
		diagramsSvg: 0,
	};
	/** @type {string[]} */
	const missing = [];
	for (const route of routes) {
		const html = await read(`${route}index.html`);
		if (html === undefined) {
			missing.push(route);
			continue;
		}
		totals.pages++;
		totals.htmlBytes += Buffer.byteLength(html);
		if (/<svg[^>]*aria-roledescription="(?:flowchart|sequence|class|state)/.test(html))
			totals.diagramsSvg++;

		/** @type {Set<string>} */
		const js = new Set();
		/** @type {string[]} */
		const queue = [];
		for (const [, attrs = '', body = ''] of html.matchAll(
			/<script\b([^>]*)>([\s\S]*?)<\/script>/gi,
		)) {
			const type = /\btype=["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
			if (type && !['module', 'text/javascript', 'application/javascript'].includes(type)) continue;
			const src = attribute(attrs, 'src');
			if (src) queue.push(resolveUrl(route, src));
			else {
				totals.inlineJsBytes += Buffer.byteLength(body);
				totals.jsBytes += Buffer.byteLength(body);
				queue.push(...staticImports(body).map((spec) => resolveUrl(route, spec)));
			}
		}
		for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
			const rel = attribute(tag, 'rel');
			const href = attribute(tag, 'href');
			if (!href || /^[a-z]+:\/\//i.test(href)) continue;
			if (rel === 'modulepreload') queue.push(resolveUrl(route, href));
			if (rel === 'preload' && attribute(tag, 'as') === 'font')
				totals.fontBytes += (await readBytes(resolveUrl(route, href))) ?? 0;
			if (rel === 'stylesheet')
				totals.cssBytes += Buffer.byteLength((await read(resolveUrl(route, href))) ?? '');
		}
		for (const [, css = ''] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi))
			totals.cssBytes += Buffer.byteLength(css);
		while (queue.length) {
			const url = /** @type {string} */ (queue.pop());
			if (js.has(url) || /^[a-z]+:\/\//i.test(url)) continue;
			js.add(url);
			const code = await read(url);
			if (code === undefined) continue;
			totals.jsBytes += Buffer.byteLength(code);
			queue.push(...staticImports(code).map((spec) => resolveUrl(url, spec)));
		}
	}
	return { ...totals, missing };
}

/** @param {string} tag @param {string} name */
function attribute(tag, name) {
	return new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
		.exec(tag)
		?.slice(1)
		.find((v) => v !== undefined);
}

/** Specifiers of `import … from "x"`, `import "x"` and `export … from "x"`; not `import("x")`. */
function staticImports(/** @type {string} */ code) {
	const specs = [];
	for (const match of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g))
		specs.push(match[1]);
	for (const match of code.matchAll(
		/\bexport\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*["']([^"']+)["']/g,
	))
		specs.push(match[1]);
	return /** @type {string[]} */ (
		specs.filter((spec) => spec && (spec.startsWith('/') || spec.startsWith('.')))
	);
}

/** Resolves `href` against the URL of the page or module it appears in; site-relative result. */
function resolveUrl(/** @type {string} */ base, /** @type {string} */ href) {
	const path = href.split(/[?#]/)[0] ?? '';
	if (path.startsWith('/')) return path;
	const from = base.endsWith('/') ? base : posix.dirname(base) + '/';
	return posix.normalize(from + path);
}
