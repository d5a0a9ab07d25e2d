import type { TabbedSettings } from '../../markdown/content-tabs.ts';
import { pulledBudget, type PulledFile } from '../syntax/pulled-file.ts';

/**
 * What a MkDocs site's `mkdocs.yml` says about how its pages read, as plain data (it is part of
 * the site's config digest, so a change to it renders every page again). Read by
 * `markdown.ts`; an extension or plugin the file does not enable is absent.
 */
export interface MkdocsMarkdown {
	/** `pymdownx.tabbed`: `=== "Title"` content tabs. */
	tabbed?: TabbedSettings;
	/** `pymdownx.snippets`: `--8<-- "file"`. */
	snippets?: { autoAppend: string[]; dedentSubsections: boolean };
	/** `pymdownx.emoji`: `:books:` emoji; `icons` with Material's index (`:material-…:`, `:fontawesome-…:`, `:octicons-…:`, `:simple-…:`). */
	emoji?: { icons: boolean };
	/** The `macros` plugin (mkdocs-macros). */
	macros?: MacrosSettings;
	/** Python-Markdown's `abbr`: `*[SLO]: Service level objective` definitions. */
	abbr?: true;
	/** Python-Markdown's `attr_list`: `{ .class }` after an element sets its attributes. */
	attrList?: true;
	/** Python-Markdown's `footnotes` (or `extra`): footnote ids are `fn:<label>` and `fnref:<label>`. */
	footnotes?: true;
	/** Python-Markdown's `def_list` (or `extra`): a term, then `:   its definition`. */
	defList?: true;
	/** The `include-markdown` plugin: `{% include-markdown "file" %}`, and `{% include "file" %}` where the macros plugin does not own the tag. */
	includeMarkdown?: IncludeMarkdownSettings;
	/** The `mkdocstrings` plugin: `::: package.module.Object` blocks, references it writes from the code. */
	autodoc?: true;
	/** `use_directory_urls: false`: pages are served as `about/ibm.html`, not at the folder URL `about/ibm/`. */
	directoryUrls?: false;
}

/** The include-markdown plugin's settings, as `mkdocs.yml` gives them. */
export interface IncludeMarkdownSettings {
	/** Whether `include` is its directive: not when the macros plugin runs first and owns the tag. */
	ownsInclude: boolean;
	/** `opening_tag` and `closing_tag`. @default '{%', '%}' */
	opening: string;
	closing: string;
	/** `directives`: the names the two directives go by. */
	names: { 'include-markdown': string; include: string };
	/** Where `docs_dir` is from the root (`..` for a root inside it): paths not starting with `./` or `../` are read from there. */
	docsDir: string;
	/** The plugin's own defaults for the directives' arguments (`rewrite-relative-urls: 'false'`). */
	defaults: Record<string, string>;
}

/** The macros plugin's settings, and the variables its templates see. */
export interface MacrosSettings {
	delimiters: { variable: [string, string]; block: [string, string]; comment: [string, string] };
	/** `render_by_default`: `false` renders only pages with `render_macros: true` or in `forcedPages`. */
	renderByDefault: boolean;
	/** Pages `force_render_paths` names, relative to the root. */
	forcedPages: string[];
	/** `extra:`, `config` and the `include_yaml` files, merged as the plugin merges them; values set from the environment left out. */
	variables: Record<string, unknown>;
	/** Dotted paths of values `mkdocs.yml` sets from environment variables (`!ENV`), which Waymark never reads. */
	fromEnvironment: string[];
}

/** What the MkDocs rewrite may read beyond the page: files by the name the page gives, icons by shortcode name. */
export interface MkdocsInputs {
	markdown: MkdocsMarkdown;
	/** A `--8<--` snippet, by the path as written (resolved against `base_path`). */
	snippet(path: string): PulledFile;
	/** A macros `{% include %}` template, by its name (resolved against `include_dir`). */
	include(name: string): PulledFile;
	/** A file an `include-markdown` directive names, by its path from the root (`includes/promo.md`, `../README.md`). */
	markdownInclude(path: string): PulledFile;
	/** An icon's SVG by shortcode name (`material-cloud`), or `undefined` when no icon set has it. */
	icon(name: string): string | undefined;
	/** Characters snippets, and templates, may each add to one page (`pulledBudget`). @default 4 MB */
	pageBudget?: number;
}

/** `MkdocsInputs` as plain data, for the site: what the tree's run read, by the same keys. */
export interface MkdocsRecorded {
	markdown: MkdocsMarkdown;
	snippets: Record<string, PulledFile>;
	includes: Record<string, PulledFile>;
	/** What `include-markdown` directives read, by path from the root (with the plugin only). */
	markdownIncludes?: Record<string, PulledFile>;
	icons: Record<string, string>;
	/** Characters snippets, and templates, may each add to one page of the tree (`pulledBudget`). @default 4 MB */
	pageBudget?: number;
}

/** Inputs that answer from what a run recorded; a name the run never asked for reads as missing. */
export function inputsFromRecord(recorded: MkdocsRecorded): MkdocsInputs {
	const missing = { problem: 'not found' };
	return {
		markdown: recorded.markdown,
		snippet: (path) =>
			Object.hasOwn(recorded.snippets, path) ? (recorded.snippets[path] ?? missing) : missing,
		include: (name) =>
			Object.hasOwn(recorded.includes, name) ? (recorded.includes[name] ?? missing) : missing,
		markdownInclude: (path) =>
			recorded.markdownIncludes && Object.hasOwn(recorded.markdownIncludes, path)
				? (recorded.markdownIncludes[path] ?? missing)
				: missing,
		icon: (name) => (Object.hasOwn(recorded.icons, name) ? recorded.icons[name] : undefined),
		get pageBudget() {
			return recorded.pageBudget ?? pulledBudget(1);
		},
	};
}
