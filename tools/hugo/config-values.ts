/** Values of a Hugo config once parsed (keys in any case, as Hugo reads them), apart from its parsers: the descriptor's detection reads them too. */
/** `config.a.b…`, each key matched whatever its case, as Hugo does. */
export function configValue(config: unknown, ...path: string[]): unknown {
	let value = config;
	for (const key of path) {
		if (!isTable(value)) return undefined;
		const lower = key.toLowerCase();
		value = Object.entries(value).find(([name]) => name.toLowerCase() === lower)?.[1];
	}
	return value;
}

export function isTable(value: unknown): value is Record<string, unknown> {
	return !!value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/** A string or a list of strings as a list (`staticDir`, `theme`). */
export function stringList(value: unknown): string[] {
	if (typeof value === 'string') return value.trim() === '' ? [] : [value];
	return Array.isArray(value)
		? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '')
		: [];
}
