import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { compileGlobs, type GlobList } from '../../core/glob.ts';
import { readMkdocsMarkdown, type MkdocsMarkdownConfig } from './mkdocs-markdown.ts';
import { readNavConfig, type NavConfig } from './mkdocs-nav-config.ts';

/** The parts of `mkdocs.yml` Waymark uses. */
export interface MkdocsSite {
	/** The `mkdocs.yml` file, absolute. */
	file: string;
	/** The folder MkDocs runs in (the config file's): `base_path`, `include_dir` and `include_yaml` are relative to it. */
	projectDir: string;
	/** Absolute `docs_dir`. */
	docsDir: string;
	/** `site_name`: the site title when Waymark's config sets none. */
	siteName?: string;
	/** `nav` as written (absent: MkDocs lists every page), and awesome-pages' settings. */
	navigation: NavConfig;
	/** `exclude_docs` and `draft_docs` (gitignore-style), plus MkDocs' defaults: dot-files and `/templates/`. */
	excludeDocs: string[];
	/** `not_in_nav` (gitignore-style): pages published but left out of navigation on purpose. */
	notInNav: string[];
	/** The `exclude` plugin's `glob` and `regex` lists, as tests on the whole relative path (fnmatch: `*` crosses `/`). */
	excludePlugin: RegExp[];
	/** Extensions and plugins that change how pages read. */
	markdown: MkdocsMarkdownConfig;
}

/** `mkdocs.yml` as plain data: `!!python/…` tags as their text, `!ENV` values left out and listed by key path. */
export interface PlainConfig {
	data: Record<string, unknown>;
	/** Dotted key paths (`extra.token`) of values set from the environment. */
	fromEnvironment: string[];
}

/** Reads `mkdocs.yml`; `undefined` when it cannot be read or is not a YAML mapping. */
export async function readMkdocsSite(file: string): Promise<MkdocsSite | undefined> {
	const text = await readFile(file, 'utf8').catch(() => undefined);
	if (text === undefined) return undefined;
	// PyYAML reads YAML 1.1 (`yes` is true), as MkDocs does.
	const document = parseDocument(text, { logLevel: 'silent', strict: false, version: '1.1' });
	const plain = document.errors.length === 0 ? plainConfig(document) : undefined;
	if (!plain) return undefined;
	const config = plain.data;
	const projectDir = dirname(file);
	const docsDir = resolve(projectDir, typeof config['docs_dir'] === 'string' ? config['docs_dir'] : 'docs');
	const site: MkdocsSite = {
		file,
		projectDir,
		docsDir,
		excludePlugin: excludePluginPatterns(entryOptions(config['plugins'], 'exclude')),
		excludeDocs: ['.*', '/templates/', ...gitignoreLines(config['exclude_docs']), ...gitignoreLines(config['draft_docs'])],
		notInNav: gitignoreLines(config['not_in_nav']),
		navigation: readNavConfig(config),
		markdown: readMkdocsMarkdown(plain, projectDir, docsDir),
	};
	if (typeof config['site_name'] === 'string' && config['site_name'].trim() !== '') site.siteName = config['site_name'].trim();
	return site;
}

/**
 * The options of `name` in a list of `plugins:` or `markdown_extensions:` (names and one-key
 * mappings, or one mapping); `undefined` when it is not listed or says `enabled: false`.
 */
export function entryOptions(entries: unknown, name: string): Record<string, unknown> | undefined {
	const list: unknown[] = Array.isArray(entries) ? entries : entries && typeof entries === 'object' ? Object.entries(entries).map(([key, value]) => ({ [key]: value as unknown })) : [];
	for (const entry of list) {
		if (entry === name) return {};
		if (!entry || typeof entry !== 'object' || !Object.hasOwn(entry, name)) continue;
		const options = (entry as Record<string, unknown>)[name];
		if (!options || typeof options !== 'object') return {};
		return (options as Record<string, unknown>)['enabled'] === false ? undefined : (options as Record<string, unknown>);
	}
	return undefined;
}

function gitignoreLines(value: unknown): string[] {
	return typeof value === 'string' ? value.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#')) : [];
}

/** The `exclude` plugin (`plugins: [{ exclude: { glob: [...], regex: [...] } }]`). */
function excludePluginPatterns(options: Record<string, unknown> | undefined): RegExp[] {
	const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
	const patterns: RegExp[] = list(options?.['glob']).map((glob) => new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.')}$`));
	for (const regex of list(options?.['regex'])) {
		const pattern = treeRegex(`^(?:${regex})`);
		if (pattern) patterns.push(pattern);
	}
	return patterns;
}

/** A regular expression a tree's config gives, or `undefined` when JavaScript cannot read it (it then matches nothing). */
export function treeRegex(source: string): RegExp | undefined {
	try {
		return new RegExp(source);
	} catch {
		return undefined;
	}
}

/** Whether MkDocs leaves `path` (relative to `docs_dir`) out: `exclude_docs`, `draft_docs` (gitignore rules: `/x` anchored, `x/` a folder, `!x` re-includes) or the `exclude` plugin. */
export function excludedByMkdocs(path: string, site: Pick<MkdocsSite, 'excludeDocs' | 'excludePlugin'>): boolean {
	if (site.excludePlugin.some((pattern) => pattern.test(path))) return true;
	return matchesGitignoreList(path, site.excludeDocs);
}

/** Whether gitignore-style `patterns` (later lines win, `!` re-includes) select `path`. */
export function matchesGitignoreList(path: string, patterns: readonly string[]): boolean {
	let matched = false;
	for (const raw of patterns) {
		const negated = raw.startsWith('!');
		const pattern = negated ? raw.slice(1) : raw;
		if (matchesGitignore(path, pattern)) matched = !negated;
	}
	return matched;
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

/** Nodes a config may expand to through aliases before the rest is left out (a YAML alias bomb stops here). */
const maxNodes = 100_000;

function plainConfig(document: Document): PlainConfig | undefined {
	const fromEnvironment: string[] = [];
	let budget = maxNodes;
	const convert = (node: unknown, path: string): unknown => {
		if (--budget < 0) return undefined;
		if (isAlias(node)) return convert(node.resolve(document), path);
		if (!node || typeof node !== 'object') return node ?? null;
		const tag = (node as Node).tag;
		if (tag === '!ENV') {
			fromEnvironment.push(path);
			return undefined;
		}
		if (isMap(node)) {
			const object: Record<string, unknown> = {};
			for (const pair of node.items) {
				const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
				const value = convert(pair.value, path ? `${path}.${key}` : key);
				if (value !== undefined) object[key] = value;
			}
			return object;
		}
		if (isSeq(node)) return node.items.map((item, i) => convert(item, `${path}.${i}`) ?? null);
		if (isScalar(node)) {
			if (tag?.includes('python/')) return `!!${tag.replace(/^tag:yaml\.org,2002:/, '')}`;
			const { value, source } = node as { value: unknown; source?: string };
			// `yaml`'s YAML 1.1 reads a lone `.` as a float; PyYAML, as MkDocs, reads text.
			if (typeof value === 'number' && Number.isNaN(value) && source !== undefined && !/^\.nan$/i.test(source)) return source;
			// Python prints a float as a float (`2.0`), which JavaScript's number forgets.
			if (typeof value === 'number' && Number.isInteger(value) && source && /^[-+]?(?:\d[\d_]*)?\.\d*(?:[eE][-+]?\d+)?$/.test(source)) return `${value}.0`;
			return value ?? null;
		}
		return undefined;
	};
	const data = convert(document.contents, '');
	return data && typeof data === 'object' && !Array.isArray(data) ? { data: data as Record<string, unknown>, fromEnvironment } : undefined;
}
