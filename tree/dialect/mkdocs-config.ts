import { readFile } from 'node:fs/promises';
import { matchesGlob, resolve } from 'node:path';
import { parseDocument } from 'yaml';

/** The parts of `mkdocs.yml` Waymark uses. */
export interface MkdocsSite {
	/** Absolute `docs_dir`. */
	docsDir: string;
	/** `site_name`: the site title when Waymark's config sets none. */
	siteName?: string;
	/** `nav`, flattened in reading order: pages (relative to `docs_dir`) with the title the nav gives them. */
	nav?: Array<{ path: string; title?: string }>;
	/** `exclude_docs` (gitignore-style), plus MkDocs' defaults: dot-files and `/templates/`. */
	excludeDocs: string[];
}

/** Reads `mkdocs.yml`; `undefined` when it cannot be read or is not a YAML mapping. Unknown tags (`!!python/name:…`, `!ENV`) are read as text. */
export async function readMkdocsSite(file: string): Promise<MkdocsSite | undefined> {
	const text = await readFile(file, 'utf8').catch(() => undefined);
	if (text === undefined) return undefined;
	const document = parseDocument(text, { logLevel: 'silent', strict: false });
	const data = document.errors.length === 0 ? (document.toJS() as unknown) : undefined;
	if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
	const config = data as Record<string, unknown>;
	const docsDir = resolve(file, '..', typeof config['docs_dir'] === 'string' ? config['docs_dir'] : 'docs');
	const exclude = typeof config['exclude_docs'] === 'string' ? config['exclude_docs'].split('\n') : [];
	const site: MkdocsSite = { docsDir, excludeDocs: ['.*', '/templates/', ...exclude.map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'))] };
	if (typeof config['site_name'] === 'string' && config['site_name'].trim() !== '') site.siteName = config['site_name'].trim();
	if (Array.isArray(config['nav'])) site.nav = flattenNav(config['nav']);
	return site;
}

function flattenNav(items: unknown[]): Array<{ path: string; title?: string }> {
	const pages: Array<{ path: string; title?: string }> = [];
	for (const item of items) {
		if (typeof item === 'string') {
			if (!isExternal(item)) pages.push({ path: item });
			continue;
		}
		if (!item || typeof item !== 'object') continue;
		for (const [title, value] of Object.entries(item as Record<string, unknown>)) {
			if (typeof value === 'string' && !isExternal(value)) pages.push({ path: value, title });
			else if (Array.isArray(value)) pages.push(...flattenNav(value));
		}
	}
	return pages.map((page) => ({ ...page, path: page.path.replace(/^\.?\//, '') }));
}

const isExternal = (href: string): boolean => /^[a-z][a-z\d+.-]*:/i.test(href);

/** `exclude_docs` as a test on a path relative to `docs_dir` (gitignore rules: `/x` anchored, `x/` a folder, `!x` re-includes). */
export function excludedByMkdocs(path: string, patterns: readonly string[]): boolean {
	let excluded = false;
	for (const raw of patterns) {
		const negated = raw.startsWith('!');
		const pattern = negated ? raw.slice(1) : raw;
		if (matchesGitignore(path, pattern)) excluded = !negated;
	}
	return excluded;
}

function matchesGitignore(path: string, pattern: string): boolean {
	const folderOnly = pattern.endsWith('/');
	const body = pattern.replace(/^\//, '').replace(/\/$/, '');
	if (body === '') return false;
	const anchored = pattern.startsWith('/') || body.includes('/');
	const prefixes = anchored ? [body] : [body, `**/${body}`];
	return prefixes.some((glob) => (!folderOnly && matchesGlob(path, glob)) || matchesGlob(path, `${glob}/**`));
}
