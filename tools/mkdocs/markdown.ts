import { resolve } from 'node:path';
import type { IncludeMarkdownSettings, MacrosSettings, MkdocsMarkdown } from './settings.ts';
import { entryOptions, type PlainConfig } from './yaml.ts';

/** What `mkdocs.yml` enables that changes how pages read, with paths made absolute. */
export interface MkdocsMarkdownConfig {
	tabbed?: MkdocsMarkdown['tabbed'];
	emoji?: MkdocsMarkdown['emoji'];
	abbr?: true;
	attrList?: true;
	footnotes?: true;
	defList?: true;
	autodoc?: true;
	directoryUrls?: false;
	includeMarkdown?: Omit<IncludeMarkdownSettings, 'docsDir'>;
	snippets?: NonNullable<MkdocsMarkdown['snippets']> & {
		/** `base_path`, absolute: a snippet is looked for under each in turn. */
		basePaths: string[];
		/** `restrict_base_path` (on by default): a snippet may not leave its base path. */
		restrictBasePath: boolean;
	};
	macros?: Omit<MacrosSettings, 'forcedPages'> & {
		/** `force_render_paths`, gitignore-style, relative to `docs_dir`. */
		forceRenderPaths: string[];
		/** `include_dir`, absolute (`docs_dir` when unset): where `{% include %}` looks. */
		includeDir: string;
		/** `include_yaml`: files of variables, absolute, each under its key when one is given. */
		includeYaml: Array<{ file: string; written: string; key?: string }>;
	};
}

/** Python-Markdown's `extra`, and pymdown's, which bundle `abbr`, `attr_list`, `def_list` and `footnotes` (with `md_in_html` and `tables`). */
const extraBundles = ['extra', 'markdown.extensions.extra', 'pymdownx.extra'];

/** Whether `markdown_extensions` enables the Python-Markdown extension `name`: by its short name, its module path, or a bundle holding it. */
function enablesExtension(
	extensions: unknown,
	name: 'abbr' | 'attr_list' | 'def_list' | 'footnotes',
): boolean {
	return [name, `markdown.extensions.${name}`, ...extraBundles].some(
		(entry) => entryOptions(extensions, entry) !== undefined,
	);
}

/** Reads `markdown_extensions` and the plugins that change how pages read (macros, include-markdown, mkdocstrings) from `mkdocs.yml`. */
export function readMkdocsMarkdown(
	plain: PlainConfig,
	projectDir: string,
	docsDir: string,
): MkdocsMarkdownConfig {
	const config = plain.data;
	const markdown: MkdocsMarkdownConfig = {};
	const tabbed = entryOptions(config['markdown_extensions'], 'pymdownx.tabbed');
	if (tabbed) {
		const slugify = slugifyCase(tabbed['slugify']);
		markdown.tabbed = {
			...(slugify && { slugify: { case: slugify } }),
			combineHeaderSlug: tabbed['combine_header_slug'] === true,
			separator: typeof tabbed['separator'] === 'string' ? tabbed['separator'] : '-',
		};
	}
	const emoji = entryOptions(config['markdown_extensions'], 'pymdownx.emoji');
	if (emoji)
		markdown.emoji = {
			icons:
				typeof emoji['emoji_index'] === 'string' &&
				/material(?:x)?\.extensions\.emoji\.twemoji|materialx\.emoji\.twemoji/.test(
					emoji['emoji_index'],
				),
		};
	if (enablesExtension(config['markdown_extensions'], 'abbr')) markdown.abbr = true;
	if (enablesExtension(config['markdown_extensions'], 'attr_list')) markdown.attrList = true;
	if (enablesExtension(config['markdown_extensions'], 'footnotes')) markdown.footnotes = true;
	if (enablesExtension(config['markdown_extensions'], 'def_list')) markdown.defList = true;
	const snippets = entryOptions(config['markdown_extensions'], 'pymdownx.snippets');
	if (snippets) {
		const base = snippets['base_path'];
		const bases = (Array.isArray(base) ? base : [base ?? '.']).filter(
			(b): b is string => typeof b === 'string',
		);
		markdown.snippets = {
			basePaths: bases.map((b) => resolve(projectDir, b)),
			restrictBasePath: snippets['restrict_base_path'] !== false,
			autoAppend: strings(snippets['auto_append']),
			dedentSubsections: snippets['dedent_subsections'] === true,
		};
	}
	const macros = entryOptions(config['plugins'], 'macros');
	if (macros) markdown.macros = macrosSettings(macros, plain, projectDir, docsDir);
	if (entryOptions(config['plugins'], 'mkdocstrings')) markdown.autodoc = true;
	if (config['use_directory_urls'] === false) markdown.directoryUrls = false;
	const includeMarkdown = entryOptions(config['plugins'], 'include-markdown');
	// Its `{% include %}` is the macros plugin's when both are on and macros runs first.
	if (includeMarkdown)
		markdown.includeMarkdown = includeMarkdownSettings(
			includeMarkdown,
			!macros ||
				pluginIndex(config['plugins'], 'include-markdown') <
					pluginIndex(config['plugins'], 'macros'),
		);
	return markdown;
}

function macrosSettings(
	options: Record<string, unknown>,
	plain: PlainConfig,
	projectDir: string,
	docsDir: string,
): NonNullable<MkdocsMarkdownConfig['macros']> {
	const text = (key: string, fallback: string) =>
		typeof options[key] === 'string' && options[key] !== '' ? options[key] : fallback;
	const extra =
		plain.data['extra'] && typeof plain.data['extra'] === 'object'
			? (plain.data['extra'] as Record<string, unknown>)
			: {};
	const includeYaml = (
		Array.isArray(options['include_yaml']) ? options['include_yaml'] : []
	).flatMap((entry): Array<{ file: string; written: string; key?: string }> => {
		if (typeof entry === 'string') return [{ file: resolve(projectDir, entry), written: entry }];
		const [pair] =
			entry && typeof entry === 'object' ? Object.entries(entry as Record<string, unknown>) : [];
		return pair && typeof pair[1] === 'string'
			? [{ file: resolve(projectDir, pair[1]), written: pair[1], key: pair[0] }]
			: [];
	});
	return {
		delimiters: {
			variable: [text('j2_variable_start_string', '{{'), text('j2_variable_end_string', '}}')],
			block: [text('j2_block_start_string', '{%'), text('j2_block_end_string', '%}')],
			comment: [text('j2_comment_start_string', '{#'), text('j2_comment_end_string', '#}')],
		},
		renderByDefault: options['render_by_default'] !== false,
		forceRenderPaths:
			typeof options['force_render_paths'] === 'string'
				? options['force_render_paths']
						.split('\n')
						.map((line) => line.trim())
						.filter(Boolean)
				: [],
		includeDir:
			typeof options['include_dir'] === 'string' && options['include_dir'] !== ''
				? resolve(projectDir, options['include_dir'])
				: docsDir,
		includeYaml,
		variables: { extra, config: plain.data, ...extra },
		fromEnvironment: plain.fromEnvironment.flatMap((path) =>
			path.startsWith('extra.')
				? [path, path.slice('extra.'.length), `config.${path}`]
				: [`config.${path}`],
		),
	};
}

/**
 * `pymdownx.tabbed`'s `slugify`: `!!python/object/apply:pymdownx.slugs.slugify` with `kwds: { case }`,
 * or one of the older named slugifiers; `undefined` when tabs keep their numbered ids.
 */
function slugifyCase(value: unknown): 'none' | 'lower' | 'lower-ascii' | 'fold' | undefined {
	if (value === undefined || value === null || value === false || value === 0 || value === '')
		return undefined;
	if (typeof value === 'object') {
		const kwds = (value as { kwds?: { case?: unknown } }).kwds;
		const letterCase = kwds?.case;
		return letterCase === 'lower' || letterCase === 'lower-ascii' || letterCase === 'fold'
			? letterCase
			: 'none';
	}
	if (typeof value === 'string') {
		if (/uslugify_cased/.test(value)) return 'none';
		if (/\bgfm\b/.test(value)) return 'lower-ascii';
		return 'lower';
	}
	return 'lower';
}

const strings = (value: unknown): string[] =>
	Array.isArray(value)
		? value.filter((v): v is string => typeof v === 'string')
		: typeof value === 'string'
			? [value]
			: [];

/** Where plugin `name` stands in the `plugins` list (or mapping), for the order MkDocs runs them in. */
function pluginIndex(entries: unknown, name: string): number {
	const list: unknown[] = Array.isArray(entries)
		? entries
		: entries && typeof entries === 'object'
			? Object.keys(entries)
			: [];
	return list.findIndex(
		(entry) =>
			entry === name || (!!entry && typeof entry === 'object' && Object.hasOwn(entry, name)),
	);
}

/** The plugin's tags, directive names and the defaults it gives the directives' arguments. */
function includeMarkdownSettings(
	options: Record<string, unknown>,
	ownsInclude: boolean,
): Omit<IncludeMarkdownSettings, 'docsDir'> {
	const text = (key: string, fallback: string) =>
		typeof options[key] === 'string' && options[key] !== '' ? options[key] : fallback;
	const directives =
		options['directives'] && typeof options['directives'] === 'object'
			? (options['directives'] as Record<string, unknown>)
			: {};
	const named = (name: 'include-markdown' | 'include') =>
		typeof directives[name] === 'string' && directives[name] !== '' ? directives[name] : name;
	const defaults: Record<string, string> = {};
	for (const key of [
		'preserve_includer_indent',
		'dedent',
		'trailing_newlines',
		'comments',
		'rewrite_relative_urls',
		'heading_offset',
		'start',
		'end',
		'recursive',
	]) {
		const value = options[key];
		if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
			defaults[key.replaceAll('_', '-')] = String(value);
	}
	return {
		ownsInclude,
		opening: text('opening_tag', '{%'),
		closing: text('closing_tag', '%}'),
		names: { 'include-markdown': named('include-markdown'), include: named('include') },
		defaults,
	};
}
