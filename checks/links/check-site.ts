import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { LinkChecker, LinkState, type LinkResult } from 'linkinator';
import { createLocator } from '../../core/position.ts';
import { createHtmlReader } from './html-reader.ts';
import { routeForPath, safeDecode } from '../../markdown/routes.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import type { Config } from '../../config/load-config.ts';
import { SiteDirNotFound, raise } from '../../core/errors.ts';
import { startServer } from '../../core/static-site.ts';
import type { Finding } from '../finding.ts';
import type { UrlOccurrence } from './link-outcome.ts';

export interface SiteCheck {
	/** Dead internal links in the rendered pages (`site-links`), one per URL with every page. */
	findings: Finding[];
	/** External URLs in the rendered HTML, for the external checker (file = page route). */
	external: UrlOccurrence[];
}

/**
 * `waymark check --site DIR`: serves a built site on loopback under `site.base` (the same static server as `waymark serve`), maps the
 * production `site.url` origin onto it, and crawls it with linkinator (internal links and their
 * fragments only) to catch dead links that only rendering creates (navigation, layouts, components).
 */
export async function checkBuiltSite(
	dir: string,
	config: Config,
	options: { tree?: GuidebookTree; onServerError?: (line: string) => void } = {},
): Promise<SiteCheck> {
	if (config.checks.rules['site-links'] === 'off') return { findings: [], external: [] };
	if (!(await stat(join(dir, 'index.html')).catch(() => undefined))?.isFile())
		throw raise(SiteDirNotFound, dir);
	const base = config.site.base.endsWith('/') ? config.site.base : `${config.site.base}/`;
	const server = await startServer({
		dir,
		port: 0,
		host: '127.0.0.1',
		base,
		sitePage404: false,
		onError: options.onServerError ?? (() => undefined),
	});
	const { origin } = new URL(server.url);
	const production = config.site.url ? new URL(config.site.url).origin : undefined;
	const checker = new LinkChecker();
	try {
		const { links } = await checker.check({
			path: `${origin}${base}`,
			recurse: true,
			checkFragments: true,
			concurrency: config.network.concurrency,
			timeout: config.network.timeoutMs,
			// Internal only: anything not on the local server (or the production origin, rewritten onto it
			// after this test) is for the external checker.
			linksToSkip: (href) =>
				Promise.resolve(
					!href.startsWith(`${origin}/`) && !(production && href.startsWith(`${production}/`)),
				),
			...(production && {
				urlRewriteExpressions: [
					{ pattern: new RegExp(`^${RegExp.escape(production)}(?=/|$)`), replacement: origin },
				],
			}),
		});
		const sourceByRoute = new Map(
			[...(options.tree?.pages.keys() ?? [])].map((path) => [
				`${base.slice(0, -1)}${routeForPath(path)}`,
				path,
			]),
		);
		const pageName = (parent: string | undefined): string => {
			const path = decodePath(parent ? new URL(parent).pathname : base);
			return sourceByRoute.get(path) ?? path;
		};
		const severity: Finding['severity'] =
			config.checks.rules['site-links'] === 'warning' ? 'warning' : 'error';
		const findings = groupBroken(
			links.filter((l) => l.state === LinkState.BROKEN),
			origin,
			pageName,
		).map((f) => ({ ...f, severity }));
		return { findings, external: await collectExternal(dir, base, production) };
	} finally {
		await server.close();
	}
}

function groupBroken(
	broken: LinkResult[],
	origin: string,
	pageName: (parent: string | undefined) => string,
): Finding[] {
	const byUrl = new Map<string, LinkResult[]>();
	for (const result of broken) byUrl.set(result.url, [...(byUrl.get(result.url) ?? []), result]);
	const findings: Finding[] = [];
	for (const [url, results] of byUrl) {
		const files = [...new Set(results.map((r) => pageName(r.parent)))].sort();
		const [file = '.', ...rest] = files;
		const shown = url.startsWith(origin) ? url.slice(origin.length) : url;
		const fragmentMissing = results.some((r) =>
			r.failureDetails?.some((d) => d instanceof Error && /Fragment identifier/.test(d.message)),
		);
		const observed = fragmentMissing
			? `missing fragment on ${shown}`
			: `status ${results[0]?.status || 'no response'} for ${shown}`;
		const expected = fragmentMissing
			? 'an element with that id on the rendered page'
			: 'a page or file in the built site';
		findings.push({
			ruleId: 'site-links',
			severity: 'error',
			file,
			message: `Unexpected ${observed} in the rendered page, expected ${expected}${rest.length > 0 ? ` (also on ${rest.join(', ')})` : ''}`,
			actual: observed,
			expected,
			...(rest.length > 0 && { related: rest.map((f) => ({ file: f })) }),
		});
	}
	return findings;
}

/** External URLs (any URL attribute, every `srcset` candidate) in every HTML file, with the page route as file. */
async function collectExternal(
	dir: string,
	base: string,
	production: string | undefined,
): Promise<UrlOccurrence[]> {
	const found: UrlOccurrence[] = [];
	for (const file of await htmlFiles(dir)) {
		const rel = relative(dir, file).split(sep).join('/');
		const route = `${base}${rel.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '/')}`;
		const text = await readFile(file, 'utf8');
		const locate = createLocator(text);
		const reader = createHtmlReader({
			url({ url, at }) {
				if (!/^(?:https?:)?\/\//i.test(url) || (production && url.startsWith(production))) return;
				found.push({ url, file: route, position: locate(at) });
			},
		});
		reader.write(text);
		reader.end();
	}
	return found;
}

async function htmlFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true });
	return entries
		.filter((e) => e.isFile() && e.name.endsWith('.html'))
		.map((e) => join(e.parentPath, e.name))
		.sort();
}

/** A URL path with every escape decoded, segment by segment (`/c%2B%2B/` → `/c++/`). */
function decodePath(path: string): string {
	return path
		.split('/')
		.map((segment) => safeDecode(segment))
		.join('/');
}
