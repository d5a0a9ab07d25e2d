import { compileLinearRegex, type LinearRegex } from '../../core/linear-regex.ts';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';

/** What Waymark reads of a Jekyll site's `_config.yml` (statically: the YAML, never Ruby). */
export interface JekyllConfig {
	title?: string;
	/** `baseurl` without its trailing slash: `/ops`, or `''`. */
	baseurl: string;
	/** `url` (the site's host), if set. */
	url: string;
	/** `exclude` and `include`, as written (Jekyll matches them from the site's source folder). */
	exclude: string[];
	include: string[];
	/** `permalink: pretty` (or `/:path/`): pages' URLs end in `/`, not `.html`. */
	pretty: boolean;
	/** `defaults`: front matter values given to the pages under a path. */
	defaults: Array<{ path: string; values: Record<string, unknown> }>;
	/** just-the-docs' `callouts`: class → title and colour. */
	callouts: Record<string, { title?: string; color?: string }>;
	/** Collections whose documents Jekyll publishes (`output: true`), by their folder `_<name>`. */
	collections: string[];
	/** Those collections' `permalink` patterns (`/:collection/:path/`), by folder. */
	collectionPermalinks: Record<string, string>;
	/** The config's scalar values by key path (`title`, `github.repo`), what `{{ site.x }}` reads. */
	site: Record<string, string>;
}

/** `_config.yml`'s text as a Jekyll site reads it; `undefined` when it is no YAML mapping. */
export function parseJekyllConfig(text: string): JekyllConfig | undefined {
	let data: unknown;
	try {
		data = parseYaml(text, { maxAliasCount: 100 });
	} catch {
		return undefined;
	}
	if (data === null || data === undefined) data = {};
	if (typeof data !== 'object' || Array.isArray(data)) return undefined;
	const config = data as Record<string, unknown>;
	const strings = (value: unknown): string[] =>
		Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
	const text_ = (value: unknown): string | undefined =>
		typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
	const baseurl = (text_(config['baseurl']) ?? '').trim().replace(/\/+$/, '');
	const permalink = text_(config['permalink']) ?? '';
	const defaults: JekyllConfig['defaults'] = [];
	for (const entry of Array.isArray(config['defaults']) ? config['defaults'] : []) {
		if (!entry || typeof entry !== 'object') continue;
		const { scope, values } = entry as { scope?: { path?: unknown }; values?: unknown };
		if (!values || typeof values !== 'object') continue;
		defaults.push({
			path: typeof scope?.path === 'string' ? scope.path.replace(/^\.?\/+|\/+$/g, '') : '',
			values: values as Record<string, unknown>,
		});
	}
	const callouts: JekyllConfig['callouts'] = {};
	if (config['callouts'] && typeof config['callouts'] === 'object') {
		for (const [name, value] of Object.entries(config['callouts'] as Record<string, unknown>)) {
			const entry = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
			const title = text_(entry['title']);
			const color = text_(entry['color']);
			callouts[name] = {
				...(title !== undefined && { title }),
				...(color !== undefined && { color }),
			};
		}
	}
	const collections: string[] = [];
	const collectionPermalinks: Record<string, string> = {};
	if (
		config['collections'] &&
		typeof config['collections'] === 'object' &&
		!Array.isArray(config['collections'])
	) {
		for (const [name, value] of Object.entries(config['collections'] as Record<string, unknown>)) {
			if (
				!value ||
				typeof value !== 'object' ||
				(value as Record<string, unknown>)['output'] !== true
			)
				continue;
			collections.push(`_${name}`);
			const pattern = (value as Record<string, unknown>)['permalink'];
			if (typeof pattern === 'string') collectionPermalinks[`_${name}`] = pattern;
		}
	}
	const title = text_(config['title']);
	return {
		...(title !== undefined && title.trim() !== '' && { title: title.trim() }),
		baseurl: baseurl === '/' ? '' : baseurl,
		url: (text_(config['url']) ?? '').replace(/\/+$/, ''),
		exclude: strings(config['exclude']),
		include: strings(config['include']),
		pretty: permalink === 'pretty' || /\/$/.test(permalink),
		defaults,
		callouts,
		collections,
		collectionPermalinks,
		site: scalars(config),
	};
}

/** Scalar values by dotted key path, two levels deep (what a page's `{{ site.x }}` may print). */
function scalars(config: Record<string, unknown>): Record<string, string> {
	const found: Record<string, string> = {};
	const visit = (value: unknown, path: string, depth: number) => {
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
			found[path] = String(value);
		else if (value && typeof value === 'object' && !Array.isArray(value) && depth < 3)
			for (const [key, inner] of Object.entries(value))
				visit(inner, path ? `${path}.${key}` : key, depth + 1);
	};
	visit(config, '', 0);
	return found;
}

export async function readJekyllConfig(file: string): Promise<JekyllConfig | undefined> {
	const text = await readFile(file, 'utf8').catch(() => undefined);
	return text === undefined ? undefined : parseJekyllConfig(text);
}

/** Files and folders Jekyll leaves out whatever the config says (its `exclude` default). */
const defaultExcludes = [
	'.sass-cache',
	'.jekyll-cache',
	'gemfiles',
	'Gemfile',
	'Gemfile.lock',
	'node_modules',
	'vendor/bundle',
	'vendor/cache',
	'vendor/gems',
	'vendor/ruby',
];

/**
 * Whether Jekyll leaves `path` (relative to the site's source) out of its site (`EntryFilter`):
 * a name starting with `.`, `_`, `#` or `~` (or ending in `~`) anywhere in it, unless `include`
 * names it; a path `exclude` names, or one inside a folder it names (`fnmatch` globs included).
 * `kept` folders (`_posts`, collections with `output: true`) are the site's.
 */
export function excludedByJekyll(
	path: string,
	config: Pick<JekyllConfig, 'exclude' | 'include' | 'collections'>,
): boolean {
	const segments = path.split('/');
	const included = (name: string, at: string) =>
		config.include.some(
			(entry) =>
				globMatch(entry.replace(/^\/+|\/+$/g, ''), at) || entry.replace(/^\/+|\/+$/g, '') === name,
		);
	for (let i = 0; i < segments.length; i++) {
		const name = segments[i]!;
		const at = segments.slice(0, i + 1).join('/');
		if (
			i === 0 &&
			i < segments.length - 1 &&
			(name === '_posts' || config.collections.includes(name))
		)
			continue;
		if (/^[._#~]|~$/.test(name) && !included(name, at)) return true;
	}
	for (const entry of [...defaultExcludes, ...config.exclude]) {
		const pattern = entry.replace(/^\/+|\/+$/g, '');
		if (pattern === '') continue;
		for (let i = 1; i <= segments.length; i++)
			if (globMatch(pattern, segments.slice(0, i).join('/'))) return true;
	}
	return false;
}

/**
 * Ruby's `File.fnmatch` as Jekyll calls it: `*` and `?` within a segment, `**` across, `[…]` classes
 * (`[!…]` negated); else the path itself. The patterns come from the tree's `_config.yml`, a branch
 * under review's included, so they run on RE2's linear-time engine (`*a*a*a*a*a*a*b` took seconds a
 * name on JavaScript's), and a pattern it cannot compile (`[z-a]`) matches nothing.
 */
export function globMatch(pattern: string, path: string): boolean {
	if (!/[*?[]/.test(pattern)) return pattern === path;
	let compiled = globs.get(pattern);
	if (!compiled) {
		const result = compileLinearRegex(`^${globSource(pattern)}$`);
		compiled = result.ok ? result.regex : undefined;
		globs.set(pattern, compiled ?? null);
	}
	return compiled ? compiled.test(path) : false;
}

const globs = new Map<string, LinearRegex | null | undefined>();

function globSource(pattern: string): string {
	let source = '';
	for (let i = 0; i < pattern.length; i++) {
		const char = pattern[i]!;
		if (char === '*' && pattern[i + 1] === '*') {
			source += '.*';
			i++;
			if (pattern[i + 1] === '/') i++;
		} else if (char === '*') source += '[^/]*';
		else if (char === '?') source += '[^/]';
		else if (char === '[') {
			const end = pattern.indexOf(']', i + 2);
			if (end === -1) source += '\\[';
			else {
				const inside = pattern.slice(i + 1, end);
				const negated = /^[!^]/.test(inside);
				source += `[${negated ? '^' : ''}${(negated ? inside.slice(1) : inside).replace(/[\\\]^[]/g, '\\$&')}]`;
				i = end;
			}
		} else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
	}
	return source;
}
