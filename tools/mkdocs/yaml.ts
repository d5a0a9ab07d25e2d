import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

/** `mkdocs.yml` as plain data: `!!python/…` tags as their text, `!ENV` values left out and listed by key path. */
export interface PlainConfig {
	data: Record<string, unknown>;
	/** Dotted key paths (`extra.token`) of values set from the environment. */
	fromEnvironment: string[];
}

/**
 * The options of `name` in a list of `plugins:` or `markdown_extensions:` (names and one-key
 * mappings, or one mapping); `undefined` when it is not listed or says `enabled: false`.
 */
export function entryOptions(entries: unknown, name: string): Record<string, unknown> | undefined {
	const list: unknown[] = Array.isArray(entries)
		? entries
		: entries && typeof entries === 'object'
			? Object.entries(entries).map(([key, value]) => ({ [key]: value as unknown }))
			: [];
	for (const entry of list) {
		if (entry === name) return {};
		if (!entry || typeof entry !== 'object' || !Object.hasOwn(entry, name)) continue;
		const options = (entry as Record<string, unknown>)[name];
		if (!options || typeof options !== 'object') return {};
		return (options as Record<string, unknown>)['enabled'] === false
			? undefined
			: (options as Record<string, unknown>);
	}
	return undefined;
}

/** Nodes a config may expand to through aliases before the rest is left out (a YAML alias bomb stops here). */
const maxNodes = 100_000;

/** `document` as plain data (see `PlainConfig`); `undefined` when it is not a mapping. */
export function plainConfig(document: Document): PlainConfig | undefined {
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
			if (
				typeof value === 'number' &&
				Number.isNaN(value) &&
				source !== undefined &&
				!/^\.nan$/i.test(source)
			)
				return source;
			// Python prints a float as a float (`2.0`), which JavaScript's number forgets.
			if (
				typeof value === 'number' &&
				Number.isInteger(value) &&
				source &&
				/^[-+]?(?:\d[\d_]*)?\.\d*(?:[eE][-+]?\d+)?$/.test(source)
			)
				return `${value}.0`;
			return value ?? null;
		}
		return undefined;
	};
	const data = convert(document.contents, '');
	return data && typeof data === 'object' && !Array.isArray(data)
		? { data: data as Record<string, unknown>, fromEnvironment }
		: undefined;
}
