import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { entryOptions } from './yaml.ts';

/** One entry of a MkDocs `nav` (or an awesome-pages `.pages` `nav`). */
export type NavEntry =
	| { kind: 'page'; path: string; title?: string }
	| { kind: 'section'; title: string; children: NavEntry[] }
	/** awesome-pages `...`: the items no other entry names, optionally filtered (`... | flat | glob=*.md`). */
	| { kind: 'rest'; filter?: { glob: string } | { regex: string }; flat: boolean }
	| { kind: 'link'; title: string; url: string };

/** How items of a folder are sorted (awesome-pages `order`, `sort_type`, `order_by`, `ignore_case`). */
export interface NavSorting {
	order?: 'asc' | 'desc';
	natural?: boolean;
	orderBy?: 'title' | 'filename';
	ignoreCase?: boolean;
}

/** `nav` from `mkdocs.yml`, and the awesome-pages plugin's settings when it is enabled. */
export interface NavConfig {
	nav?: NavEntry[];
	awesomePages?: NavSorting & { filename: string };
}

/** A `.pages` file of awesome-pages. */
export interface PagesMeta extends NavSorting {
	title?: string;
	nav?: NavEntry[];
	hide?: boolean;
}

export function readNavConfig(config: Record<string, unknown>): NavConfig {
	const navigation: NavConfig = {};
	if (Array.isArray(config['nav'])) navigation.nav = navEntries(config['nav']);
	const awesome = entryOptions(config['plugins'], 'awesome-pages');
	if (awesome)
		navigation.awesomePages = {
			filename: typeof awesome['filename'] === 'string' ? awesome['filename'] : '.pages',
			...sorting(awesome),
		};
	return navigation;
}

/** Every folder's `.pages` file (or the `filename` awesome-pages is told to read), by folder; none without the plugin. A file that cannot be read or parsed counts as absent. */
export async function readPagesFiles(
	root: string,
	folders: readonly string[],
	navigation: NavConfig,
): Promise<Map<string, PagesMeta>> {
	const files = new Map<string, PagesMeta>();
	const name = navigation.awesomePages?.filename;
	if (!name || name.includes('/')) return files;
	await Promise.all(
		folders.map(async (folder) => {
			const text = await readFile(join(root, folder, name), 'utf8').catch(() => undefined);
			const meta = text === undefined ? undefined : parsePagesFile(text);
			if (meta) files.set(folder, meta);
		}),
	);
	return files;
}

/** A `.pages` file's text as awesome-pages reads it; `undefined` when it is not a YAML mapping. `arrange` is `nav` with a rest entry at its end when it has none. */
function parsePagesFile(text: string): PagesMeta | undefined {
	let data: unknown;
	try {
		data = parseYaml(text, { logLevel: 'silent', version: '1.1' }) ?? {};
	} catch {
		return undefined;
	}
	if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
	const meta = data as Record<string, unknown>;
	const pages: PagesMeta = { ...sorting(meta) };
	if (typeof meta['title'] === 'string') pages.title = meta['title'];
	if (meta['hide'] === true) pages.hide = true;
	if (Array.isArray(meta['nav'])) pages.nav = navEntries(meta['nav']);
	else if (Array.isArray(meta['arrange'])) {
		pages.nav = navEntries(meta['arrange']);
		if (!pages.nav.some((entry) => entry.kind === 'rest' && !entry.filter))
			pages.nav.push({ kind: 'rest', flat: false });
	}
	return pages;
}

const restEntry = /^\.{3}\s*(?:\|\s*(flat)\s*)?\s*(?:\|\s*(?:(regex|glob)=)?(.*))?$/;

function navEntries(items: unknown[]): NavEntry[] {
	const entries: NavEntry[] = [];
	for (const item of items) {
		if (typeof item === 'string') {
			const rest = restEntry.exec(item.trim());
			if (rest) {
				const pattern = rest[3]?.trim();
				entries.push({
					kind: 'rest',
					flat: rest[1] !== undefined,
					...(pattern && { filter: rest[2] === 'regex' ? { regex: pattern } : { glob: pattern } }),
				});
			} else if (!isUrl(item)) entries.push({ kind: 'page', path: normalise(item) });
			continue;
		}
		if (!item || typeof item !== 'object') continue;
		for (const [title, value] of Object.entries(item as Record<string, unknown>)) {
			if (typeof value === 'string')
				entries.push(
					isUrl(value)
						? { kind: 'link', title, url: value }
						: { kind: 'page', path: normalise(value), title },
				);
			else if (Array.isArray(value))
				entries.push({ kind: 'section', title, children: navEntries(value) });
		}
	}
	return entries;
}

function sorting(options: Record<string, unknown>): NavSorting {
	return {
		...((options['order'] === 'asc' || options['order'] === 'desc') && { order: options['order'] }),
		...(options['sort_type'] === 'natural' && { natural: true }),
		...((options['order_by'] === 'title' || options['order_by'] === 'filename') && {
			orderBy: options['order_by'],
		}),
		...(options['ignore_case'] === true && { ignoreCase: true }),
	};
}

const isUrl = (href: string): boolean => /^[a-z][a-z\d+.-]*:/i.test(href);
const normalise = (path: string): string => path.replace(/^\.?\//, '');
