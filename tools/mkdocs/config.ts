import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import { compileGlobs, type GlobList } from '../../core/glob.ts';
import { compileLinearRegex, type LinearRegex } from '../../core/linear-regex.ts';
import type { Position } from '../../core/position.ts';
import { readMkdocsMarkdown, type MkdocsMarkdownConfig } from './markdown.ts';
import { readNavConfig, type NavConfig } from './nav-config.ts';
import { entryOptions, plainConfig } from './yaml.ts';

/** The parts of `mkdocs.yml` Waymark uses. */
export interface MkdocsSite {
	/** The `mkdocs.yml` file, absolute. */
	file: string;
	/** The folder MkDocs runs in (the config file's): `base_path`, `include_dir` and `include_yaml` are relative to it. */
	projectDir: string;
	/** Absolute `docs_dir`. */
	docsDir: string;
	/**
	 * The root's path inside `docs_dir`, `''` or ending in `/` (`docs/` when `docs_dir: .` and Waymark
	 * reads `docs/`): MkDocs names pages by their path from `docs_dir`, which `exclude_docs`,
	 * `not_in_nav` and `nav` are written in.
	 */
	rootPath: string;
	/** `site_name`: the site title when Waymark's config sets none. */
	siteName?: string;
	/** `nav` as written (absent: MkDocs lists every page), and awesome-pages' settings. */
	navigation: NavConfig;
	/** `exclude_docs` and `draft_docs` (gitignore-style), plus MkDocs' defaults: dot-files and `/templates/`. */
	excludeDocs: string[];
	/** `not_in_nav` (gitignore-style): pages published but left out of navigation on purpose. */
	notInNav: string[];
	/** The `exclude` plugin's `glob` and `regex` lists, as tests on the whole relative path (fnmatch: `*` crosses `/`), run in linear time. */
	excludePlugin: LinearRegex[];
	/** Patterns of the `exclude` plugin Waymark does not apply (RE2 cannot run them in linear time), with where they are written. */
	refusedPatterns: RefusedPattern[];
	/** Extensions and plugins that change how pages read. */
	markdown: MkdocsMarkdownConfig;
}

/** A pattern of `mkdocs.yml` left unapplied, why, and where it is written. */
interface RefusedPattern {
	pattern: string;
	reason: string;
	position: Position;
}

/** Reads `mkdocs.yml`; `undefined` when it cannot be read or is not a YAML mapping. */
export async function readMkdocsSite(file: string): Promise<MkdocsSite | undefined> {
	const text = await readFile(file, 'utf8').catch(() => undefined);
	if (text === undefined) return undefined;
	// PyYAML reads YAML 1.1 (`yes` is true), as MkDocs does.
	const lineCounter = new LineCounter();
	const document = parseDocument(text, {
		logLevel: 'silent',
		strict: false,
		version: '1.1',
		lineCounter,
	});
	const plain = document.errors.length === 0 ? plainConfig(document) : undefined;
	if (!plain) return undefined;
	const config = plain.data;
	const projectDir = dirname(file);
	const docsDir = resolve(
		projectDir,
		typeof config['docs_dir'] === 'string' ? config['docs_dir'] : 'docs',
	);
	const site: MkdocsSite = {
		file,
		projectDir,
		docsDir,
		rootPath: '',
		...excludePluginPatterns(entryOptions(config['plugins'], 'exclude'), (pattern) => {
			const { line, col } = lineCounter.linePos(rangeOf(document, pattern)?.[0] ?? 0);
			return { line, column: col };
		}),
		excludeDocs: [
			'.*',
			'/templates/',
			...gitignoreLines(config['exclude_docs']),
			...gitignoreLines(config['draft_docs']),
		],
		notInNav: gitignoreLines(config['not_in_nav']),
		navigation: readNavConfig(config),
		markdown: readMkdocsMarkdown(plain, projectDir, docsDir),
	};
	if (typeof config['site_name'] === 'string' && config['site_name'].trim() !== '')
		site.siteName = config['site_name'].trim();
	return site;
}

function gitignoreLines(value: unknown): string[] {
	return typeof value === 'string'
		? value
				.split('\n')
				.map((line) => line.trim())
				.filter((line) => line !== '' && !line.startsWith('#'))
		: [];
}

/**
 * The `exclude` plugin (`plugins: [{ exclude: { glob: [...], regex: [...] } }]`): each glob (as
 * fnmatch reads it) and each regex (as `re.match`, anchored at the start) becomes a linear-time
 * test; a pattern RE2 cannot run is set aside, located by `locate`.
 */
function excludePluginPatterns(
	options: Record<string, unknown> | undefined,
	locate: (pattern: unknown) => Position,
): Pick<MkdocsSite, 'excludePlugin' | 'refusedPatterns'> {
	const found: Pick<MkdocsSite, 'excludePlugin' | 'refusedPatterns'> = {
		excludePlugin: [],
		refusedPatterns: [],
	};
	const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
	const add = (written: unknown, source: string) => {
		const compiled = compileLinearRegex(source);
		if (compiled.ok) found.excludePlugin.push(compiled.regex);
		else
			found.refusedPatterns.push({
				pattern: String(written),
				reason: compiled.reason,
				position: locate(written),
			});
	};
	for (const glob of list(options?.['glob']))
		if (typeof glob === 'string')
			add(
				glob,
				`^${glob
					.replace(/[.+^${}()|\\]/g, '\\$&')
					.replaceAll('*', '.*')
					.replaceAll('?', '.')}$`,
			);
	for (const regex of list(options?.['regex']))
		if (typeof regex === 'string') add(regex, `^(?:${regex})`);
	return found;
}

/** Where the scalar holding `value` (the string read from it) is written in `document`: the first such. */
function rangeOf(document: Document, value: unknown): [number, number, number] | undefined {
	let range: [number, number, number] | undefined;
	visit(document, {
		Scalar(_, node) {
			if (node.value !== value || !node.range) return undefined;
			range = node.range;
			return visit.BREAK;
		},
	});
	return range;
}

/** A regular expression a tree's config gives, run in linear time; `undefined` when RE2 cannot run it (it then matches nothing). */
export function treeRegex(source: string): LinearRegex | undefined {
	const compiled = compileLinearRegex(source);
	return compiled.ok ? compiled.regex : undefined;
}

/** Whether MkDocs leaves `rootRelative` (a path relative to the root, which is `rootPath` inside `docs_dir`) out: `exclude_docs`, `draft_docs` (gitignore rules: `/x` anchored, `x/` a folder, `!x` re-includes) or the `exclude` plugin. */
export function excludedByMkdocs(
	rootRelative: string,
	site: Pick<MkdocsSite, 'excludeDocs' | 'excludePlugin' | 'rootPath'>,
): boolean {
	const path = site.rootPath + rootRelative;
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
		globs = compileGlobs(
			prefixes.flatMap((glob) => (folderOnly ? [`${glob}/**`] : [glob, `${glob}/**`])),
		);
		gitignoreGlobs.set(pattern, globs);
	}
	return globs.indexOf(path) !== -1;
}
