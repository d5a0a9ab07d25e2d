import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { compileGlobs, type GlobList } from '../../core/glob.ts';

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
	/** The `exclude` plugin's `glob` and `regex` lists, as tests on the whole relative path (fnmatch: `*` crosses `/`). */
	excludePlugin: RegExp[];
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
	const site: MkdocsSite = { docsDir, excludePlugin: [], excludeDocs: ['.*', '/templates/', ...exclude.map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'))] };
	site.excludePlugin = excludePluginPatterns(config['plugins']);
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

/** The `exclude` plugin (`plugins: [{ exclude: { glob: [...], regex: [...] } }]`). */
function excludePluginPatterns(plugins: unknown): RegExp[] {
	const entry = Array.isArray(plugins) ? plugins.find((p): p is { exclude: unknown } => !!p && typeof p === 'object' && 'exclude' in p) : undefined;
	const options = entry?.exclude as { glob?: unknown; regex?: unknown } | undefined;
	const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
	const patterns: RegExp[] = list(options?.glob).map((glob) => new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.')}$`));
	for (const regex of list(options?.regex)) {
		try {
			patterns.push(new RegExp(`^(?:${regex})`));
		} catch {
			// A pattern JavaScript cannot read excludes nothing.
		}
	}
	return patterns;
}

/** Whether MkDocs leaves `path` (relative to `docs_dir`) out: `exclude_docs` (gitignore rules: `/x` anchored, `x/` a folder, `!x` re-includes) or the `exclude` plugin. */
export function excludedByMkdocs(path: string, site: Pick<MkdocsSite, 'excludeDocs' | 'excludePlugin'>): boolean {
	if (site.excludePlugin.some((pattern) => pattern.test(path))) return true;
	const patterns = site.excludeDocs;
	let excluded = false;
	for (const raw of patterns) {
		const negated = raw.startsWith('!');
		const pattern = negated ? raw.slice(1) : raw;
		if (matchesGitignore(path, pattern)) excluded = !negated;
	}
	return excluded;
}

/** One `exclude_docs` line as globs, compiled once per line. */
const gitignoreGlobs = new Map<string, GlobList>();

function matchesGitignore(path: string, pattern: string): boolean {
	let globs = gitignoreGlobs.get(pattern);
	if (!globs) {
		const folderOnly = pattern.endsWith('/');
		const body = pattern.replace(/^\//, '').replace(/\/$/, '');
		const anchored = pattern.startsWith('/') || body.includes('/');
		const prefixes = body === '' ? [] : anchored ? [body] : [body, `**/${body}`];
		globs = compileGlobs(prefixes.flatMap((glob) => (folderOnly ? [`${glob}/**`] : [glob, `${glob}/**`])));
		gitignoreGlobs.set(pattern, globs);
	}
	return globs.indexOf(path) !== -1;
}
