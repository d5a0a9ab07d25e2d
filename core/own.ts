/**
 * Tables keyed by what a page or a tree's files say: a hint's style, a role's name, a label, an
 * include's file name. A plain object answers every key it inherits (`constructor`, `toString`,
 * `__proto__`) with what every object holds, so a word of a page read as a key wrote a function's
 * source into the page, or threw. `own` reads only a table's own keys; `dictionary` makes a table
 * with nothing to inherit, so writing `__proto__` into it is a key like any other.
 */
export function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
	return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** An empty table with no prototype: every key is its own or missing. */
export function dictionary<T>(): Record<string, T> {
	return Object.create(null) as Record<string, T>;
}
