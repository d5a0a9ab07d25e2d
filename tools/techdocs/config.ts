import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';
import { isInside } from '../../core/path-inside.ts';
import type { MkdocsSite } from '../mkdocs/config.ts';
import { readMkdocsMarkdown } from '../mkdocs/markdown.ts';
import { entryOptions, plainConfig } from '../mkdocs/yaml.ts';

/** An entity of the repository's catalog: its folder (of its `catalog-info.yaml`, from the repository's top) and where the portal serves its docs. */
export interface CatalogEntity {
	name: string;
	kind: string;
	namespace: string;
	dir: string;
}

/** The Backstage entity a TechDocs site documents, from its `catalog-info.yaml`. */
export interface TechdocsEntity {
	name: string;
	title?: string;
	kind: string;
	namespace: string;
	/** The catalog file, from the repository's top. */
	file: string;
}

/** An MkDocs site built by TechDocs: `mkdocs.yml` with `techdocs-core`, its entity, and the portal its links to other entities reach. */
export interface TechdocsSite extends MkdocsSite {
	entity?: TechdocsEntity;
	/** The Backstage app's `app.baseUrl` (`app-config.yaml` in the repository), written as a URL. */
	portal?: string;
	/** The entities of the repository's `catalog-info.yaml` files, whose docs a link may leave `docs_dir` for. */
	entities?: CatalogEntity[];
	/** The root, from the repository's top, `''` or ending in `/`. */
	rootInRepo?: string;
}

const slashed = (path: string): string => path.split(sep).join('/');
const record = (value: unknown): Record<string, unknown> =>
	value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * The Markdown extensions `techdocs-core` adds to every site it builds (`techdocs_core/core.py`,
 * `on_config`), with the options it gives them; an extension the config lists keeps its own
 * options, as the plugin merges them over its own (`pymdownx.snippets` keeps `restrict_base_path`).
 */
const techdocsExtensions: Array<[string, Record<string, unknown>]> = [
	['toc', { permalink: true }],
	['admonition', {}],
	['pymdownx.details', {}],
	['pymdownx.tabbed', { alternate_style: true }],
	['pymdownx.caret', {}],
	['pymdownx.critic', {}],
	['pymdownx.emoji', {}],
	['pymdownx.inlinehilite', {}],
	['pymdownx.magiclink', {}],
	['pymdownx.mark', {}],
	['pymdownx.smartsymbols', {}],
	['pymdownx.snippets', { restrict_base_path: true }],
	['pymdownx.highlight', { linenums: true, pygments_lang_class: true }],
	['pymdownx.extra', {}],
	['pymdownx.tasklist', { custom_checkbox: true }],
	['pymdownx.tilde', {}],
	['markdown_inline_graphviz', {}],
	['plantuml_markdown', {}],
	['mdx_truly_sane_lists', {}],
];

/** Whether `mkdocs.yml`'s `plugins` list `techdocs-core` (TechDocs' own builds add it when it is missing; Waymark reads a tree as TechDocs' only when it says so). */
function usesTechdocsCore(config: Record<string, unknown>): boolean {
	return entryOptions(config['plugins'], 'techdocs-core') !== undefined;
}

/** `mkdocs.yml` read as MkDocs reads it, with the extensions `techdocs-core` adds; `undefined` when it does not use the plugin. */
export async function techdocsMarkdown(site: MkdocsSite): Promise<MkdocsSite | undefined> {
	const source = await readFile(site.file, 'utf8').catch(() => undefined);
	if (source === undefined) return undefined;
	const document = parseDocument(source, { logLevel: 'silent', strict: false, version: '1.1' });
	const plain = document.errors.length === 0 ? plainConfig(document) : undefined;
	if (!plain || !usesTechdocsCore(plain.data)) return undefined;
	const written = Array.isArray(plain.data['markdown_extensions'])
		? (plain.data['markdown_extensions'] as unknown[])
		: Object.entries(record(plain.data['markdown_extensions'])).map(([key, value]) => ({
				[key]: value,
			}));
	const extensions = [...written];
	for (const [name, options] of techdocsExtensions) {
		const own = entryOptions(written, name);
		if (own === undefined) extensions.push({ [name]: options });
		else if (name === 'pymdownx.snippets')
			extensions[
				extensions.findIndex((entry) => entry === name || Object.hasOwn(record(entry), name))
			] = { [name]: { ...own, restrict_base_path: true } };
	}
	return {
		...site,
		markdown: readMkdocsMarkdown(
			{ ...plain, data: { ...plain.data, markdown_extensions: extensions } },
			site.projectDir,
			site.docsDir,
		),
	};
}

/**
 * The entity whose `backstage.io/techdocs-ref` (`dir:<folder>`) names the folder of `mkdocs.yml`,
 * from the first `catalog-info.yaml` (or `.yml`) found from that folder up to the repository's
 * top; else the file's first entity that has the annotation. Its `metadata.title`, else its
 * `metadata.name`, is the site's title in the portal.
 */
export async function readEntity(
	mkdocsDir: string,
	boundary: string,
	isFile: (file: string) => Promise<boolean>,
): Promise<TechdocsEntity | undefined> {
	for (let dir = mkdocsDir; isInside(dir, boundary); dir = dirname(dir)) {
		for (const name of ['catalog-info.yaml', 'catalog-info.yml']) {
			const file = join(dir, name);
			if (!(await isFile(file))) continue;
			const source = await readFile(file, 'utf8').catch(() => '');
			const entities = parseAllDocuments(source, { logLevel: 'silent' }).flatMap((document) =>
				'errors' in document && document.errors.length === 0 ? [record(document.toJSON())] : [],
			);
			const documented = entities.filter((entity) =>
				text(record(record(entity['metadata'])['annotations'])['backstage.io/techdocs-ref']),
			);
			const own = documented.find((entity) => {
				const ref = text(
					record(record(entity['metadata'])['annotations'])['backstage.io/techdocs-ref'],
				)!;
				return ref.startsWith('dir:') && resolve(dir, ref.slice(4)) === mkdocsDir;
			});
			const entity = own ?? documented[0];
			if (!entity) continue;
			const metadata = record(entity['metadata']);
			const entityName = text(metadata['name']);
			if (!entityName) continue;
			const title = text(metadata['title']);
			return {
				name: entityName,
				...(title && { title }),
				kind: (text(entity['kind']) ?? 'component').toLowerCase(),
				namespace: text(metadata['namespace']) ?? 'default',
				file: slashed(relative(boundary, file)),
			};
		}
		if (dir === boundary) break;
	}
	return undefined;
}

/** The Backstage app's `app.baseUrl` from an `app-config.yaml` at the repository's top, when written as an http(s) URL (not `${…}` from the environment). */
export async function readPortal(
	boundary: string,
	isFile: (file: string) => Promise<boolean>,
): Promise<string | undefined> {
	for (const name of ['app-config.production.yaml', 'app-config.yaml']) {
		const file = join(boundary, name);
		if (!(await isFile(file))) continue;
		const source = await readFile(file, 'utf8').catch(() => '');
		const document = parseDocument(source, { logLevel: 'silent' });
		const url = text(record(record(document.toJSON())['app'])['baseUrl']);
		if (url && /^https?:\/\/[^\s${}]+$/.test(url)) return url.replace(/\/+$/, '');
	}
	return undefined;
}

/** The entities of `catalog-info.yaml` files (each document of each), with the folder of their file from the repository's top. */
export async function readCatalogEntities(
	files: readonly string[],
	boundary: string,
): Promise<CatalogEntity[]> {
	const entities: CatalogEntity[] = [];
	for (const file of files) {
		const source = await readFile(file, 'utf8').catch(() => '');
		for (const document of parseAllDocuments(source, { logLevel: 'silent' })) {
			if (!('errors' in document) || document.errors.length > 0) continue;
			const entity = record(document.toJSON());
			const metadata = record(entity['metadata']);
			const name = text(metadata['name']);
			if (name)
				entities.push({
					name,
					kind: (text(entity['kind']) ?? 'component').toLowerCase(),
					namespace: text(metadata['namespace']) ?? 'default',
					dir: slashed(relative(boundary, dirname(file))),
				});
		}
	}
	return entities;
}
