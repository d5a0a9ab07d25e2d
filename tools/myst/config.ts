import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { MystEngine } from './ids.ts';
import { dictionary } from '../../core/own.ts';

/** One entry of a MyST table of contents, paths as written (from the config's folder, perhaps without their extension). */
export interface TocEntry {
	file?: string;
	title?: string;
	url?: string;
	/** A glob of files (`pattern:` in `myst.yml`, `glob:` in `_toc.yml`). */
	pattern?: string;
	children: TocEntry[];
}

/** A MyST project as its config says, read without running anything. */
export interface MystSite {
	[key: string]: unknown;
	engine: MystEngine;
	/** The config file, from the repository's top, as messages name it. */
	file: string;
	/** The root's path inside the config's folder, `''` or ending in `/`. */
	rootPath: string;
	title?: string;
	/** The table of contents (`project.toc`, `_toc.yml`); none under Sphinx, whose order is its `toctree`s. */
	toc?: TocEntry[];
	/** The root document without extension (Sphinx `root_doc`, Jupyter Book's `root`), from the config's folder. */
	rootDoc?: string;
	/** Globs of files the engine leaves out (`project.exclude`, `exclude_patterns`), from the config's folder. */
	exclude: string[];
	/** `{{ name }}` values written as strings (MyST-Parser's `myst_substitutions`, mystmd's `project.substitutions`). */
	substitutions: Record<string, string>;
	/** Sphinx's `intersphinx_mapping` keys. */
	intersphinx?: string[];
}

const record = (value: unknown): Record<string, unknown> =>
	value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
const strings = (value: unknown): string[] =>
	Array.isArray(value)
		? value.filter((item): item is string => typeof item === 'string')
		: typeof value === 'string'
			? [value]
			: [];
const slashed = (path: string): string => path.split(sep).join('/');

async function readYaml(file: string): Promise<Record<string, unknown> | undefined> {
	const source = await readFile(file, 'utf8').catch(() => undefined);
	if (source === undefined) return undefined;
	try {
		return record(parseYaml(source));
	} catch {
		return undefined;
	}
}

/**
 * The MyST project whose config is `file` (a `myst.yml`, a Jupyter Book 1 `_toc.yml` beside its
 * `_config.yml`, or a Sphinx `conf.py` that loads MyST-Parser or MyST-NB), for the root `root`
 * inside its folder; `undefined` when the file is not such a config (a `conf.py` of a
 * reStructuredText-only project, a `myst.yml` that is not YAML).
 */
export async function readMystSite(
	file: string,
	root: string,
	boundary: string,
): Promise<MystSite | undefined> {
	const dir = dirname(file);
	const rootPath = slashed(relative(dir, root));
	const base = {
		file: slashed(relative(boundary, file)),
		rootPath: rootPath === '' ? '' : `${rootPath}/`,
	};
	const name = file.slice(dir.length + 1);
	if (name === 'myst.yml') {
		const config = await readMystYml(file);
		return config && { engine: 'mystmd', ...base, ...config };
	}
	if (name === '_toc.yml') {
		const toc = await readYaml(file);
		if (!toc) return undefined;
		const config = (await readYaml(join(dir, '_config.yml'))) ?? {};
		const title = text(config['title']);
		const rootDoc = text(toc['root']);
		return {
			engine: 'sphinx',
			...base,
			...(title && { title }),
			toc: jupyterBookToc(toc),
			...(rootDoc && { rootDoc: rootDoc.replace(/\.(?:md|ipynb|rst)$/, '') }),
			exclude: ['_build', ...strings(config['exclude_patterns'])],
			substitutions: {},
		};
	}
	const source = await readFile(file, 'utf8').catch(() => undefined);
	return source === undefined ? undefined : parseConfPy(source, base);
}

/** `myst.yml` with the local files it `extends` (a `toc.yml`), the nearer one's keys first; a URL it extends is not fetched. */
async function readMystYml(
	file: string,
): Promise<Pick<MystSite, 'title' | 'toc' | 'exclude' | 'substitutions'> | undefined> {
	const config = await readYaml(file);
	if (!config) return undefined;
	let project = record(config['project']);
	let site = record(config['site']);
	for (const extended of strings(config['extends'])) {
		if (/^[a-z][a-z\d+.-]*:/i.test(extended)) continue;
		const more = await readYaml(join(dirname(file), extended));
		if (!more) continue;
		project = { ...record(more['project']), ...project };
		site = { ...record(more['site']), ...site };
	}
	const title =
		text(site['title']) ?? text(project['title']) ?? text(record(site['options'])['logo_text']);
	const toc = Array.isArray(project['toc']) ? mystToc(project['toc']) : undefined;
	const substitutions = Object.fromEntries(
		Object.entries(record(project['substitutions'])).filter(
			(entry): entry is [string, string] => typeof entry[1] === 'string',
		),
	);
	return {
		...(title && { title }),
		...(toc && { toc }),
		exclude: ['_build', ...strings(project['exclude'])],
		substitutions,
	};
}

/** `project.toc` of mystmd: `file`, `title` with `children`, `pattern`, `url`. */
function mystToc(entries: unknown[]): TocEntry[] {
	return entries.flatMap((item): TocEntry[] => {
		const entry = record(item);
		const children = Array.isArray(entry['children']) ? mystToc(entry['children']) : [];
		const file = text(entry['file']);
		const title = text(entry['title']);
		const url = text(entry['url']);
		const pattern = text(entry['pattern']);
		if (!file && !title && !url && !pattern) return [];
		return [
			{
				...(file && { file }),
				...(title && { title }),
				...(url && { url }),
				...(pattern && { pattern }),
				children,
			},
		];
	});
}

/** Jupyter Book 1's `_toc.yml`: `root`, then `chapters` (each with `sections`), `parts` (a `caption` over chapters), or `sections`. */
function jupyterBookToc(toc: Record<string, unknown>): TocEntry[] {
	const entries = (items: unknown): TocEntry[] =>
		Array.isArray(items)
			? items.flatMap((item): TocEntry[] => {
					const entry = record(item);
					const children = entries(entry['sections'] ?? entry['chapters']);
					const file = text(entry['file']);
					const title = text(entry['title']) ?? text(entry['caption']);
					const url = text(entry['url']);
					const pattern = text(entry['glob']);
					if (!file && !url && !pattern)
						return title || children.length > 0 ? [{ ...(title && { title }), children }] : [];
					return [
						{
							...(file && { file }),
							...(title && { title }),
							...(url && { url }),
							...(pattern && { pattern }),
							children,
						},
					];
				})
			: [];
	const root = text(toc['root']);
	const rest = Array.isArray(toc['parts'])
		? toc['parts'].map((part) => ({
				...(text(record(part)['caption']) && { title: text(record(part)['caption'])! }),
				children: entries(record(part)['chapters']),
			}))
		: entries(toc['chapters'] ?? toc['sections']);
	return [...(root ? [{ file: root, children: [] }] : []), ...rest];
}

/** A Python string literal's value: `"x"`, `'x'`, `r"x"`, `f"x"` without braces. */
function pythonString(literal: string): string | undefined {
	const match =
		/^[rRuU]?(["'])(.*)\1$/s.exec(literal.trim()) ?? /^[fF](["'])([^{}]*)\1$/s.exec(literal.trim());
	return match?.[2];
}

/** The value assigned at the top level to `name` (the last assignment), as written up to the end of its bracket or line. */
function assigned(source: string, name: string): string | undefined {
	let found: string | undefined;
	for (const match of source.matchAll(new RegExp(`^(?:[\\w ]+=\\s*)*${name}\\s*=\\s*`, 'gm'))) {
		const start = match.index + match[0].length;
		const open = source[start];
		if (open === '[' || open === '{' || open === '(') {
			const close = { '[': ']', '{': '}', '(': ')' }[open];
			let depth = 0;
			let quote: string | undefined;
			for (let i = start; i < source.length; i++) {
				const char = source[i]!;
				if (quote) {
					if (char === '\\') i++;
					else if (char === quote) quote = undefined;
				} else if (char === '"' || char === "'") quote = char;
				else if (char === '#') while (i < source.length && source[i] !== '\n') i++;
				else if (char === open) depth++;
				else if (char === close && --depth === 0) {
					found = source.slice(start, i + 1);
					break;
				}
			}
		} else
			found = source
				.slice(start)
				.split('\n')[0]!
				.replace(/\s+#.*$/, '');
	}
	return found;
}

/** The string literals of a Python list, tuple or set as written. */
const pythonStrings = (written: string | undefined): string[] =>
	written
		? [...written.matchAll(/[rRuU]?("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g)].flatMap(
				(match) => pythonString(match[0]) ?? [],
			)
		: [];

/**
 * A Sphinx `conf.py` read as text, never run: a project of MyST's when `extensions` names
 * `myst_parser` or `myst_nb`; its `html_title` (else `project`), `root_doc` (else `master_doc`,
 * else `index`), `exclude_patterns`, and `myst_substitutions` written as string literals.
 */
export function parseConfPy(
	source: string,
	base: { file: string; rootPath: string },
): MystSite | undefined {
	const extensions = pythonStrings(assigned(source, 'extensions'));
	if (
		!extensions.some((name) => name === 'myst_parser' || name === 'myst_nb') &&
		!/extensions\s*(?:\+=|\.append|\.extend)[^\n]*myst_(?:parser|nb)/.test(source)
	)
		return undefined;
	const literal = (name: string) => {
		const written = assigned(source, name);
		return written === undefined ? undefined : pythonString(written);
	};
	const title = literal('html_title') ?? literal('project');
	const rootDoc = literal('root_doc') ?? literal('master_doc') ?? 'index';
	const substitutions = dictionary<string>();
	const written = assigned(source, 'myst_substitutions');
	if (written?.startsWith('{'))
		for (const match of written.matchAll(
			/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*:\s*([rRuU]?(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'))\s*[,}]/g,
		)) {
			const key = pythonString(match[1]!);
			const value = pythonString(match[2]!);
			if (key !== undefined && value !== undefined) substitutions[key] = value;
		}
	const mapping = assigned(source, 'intersphinx_mapping');
	const intersphinx = mapping?.startsWith('{')
		? [...mapping.matchAll(/["']([\w.-]+)["']\s*:\s*[({[]/g)].map((match) => match[1]!)
		: [];
	return {
		engine: 'sphinx',
		...base,
		...(title?.trim() && { title: title.trim() }),
		...(intersphinx.length > 0 && { intersphinx }),
		rootDoc,
		exclude: pythonStrings(assigned(source, 'exclude_patterns')),
		substitutions,
	};
}
