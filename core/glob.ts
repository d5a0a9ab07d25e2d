import picomatch from 'picomatch';

/** A list of glob patterns compiled once; `indexOf` answers which pattern matched first. */
export interface GlobList {
	readonly patterns: readonly string[];
	/** Index of the first pattern `text` matches, or -1. */
	indexOf(text: string): number;
}

export interface GlobOptions {
	/** Letters match either case: for URLs and host names. @default false */
	nocase?: boolean;
}

const compiled = new WeakMap<readonly string[], Map<string, GlobList>>();

/**
 * Compiles `patterns` with picomatch: `*` matches within one `/`-separated segment, `**` across
 * them, and `?`, `[abc]` and `{a,b}` work as in a shell. Dot names match like any other, since
 * `checks.ignore: [drafts/**]` means every file under drafts/. The same array compiles once (a
 * config's lists are compiled on first use and reused by every later run).
 */
export function compileGlobs(patterns: readonly string[], options: GlobOptions = {}): GlobList {
	const key = options.nocase ? 'nocase' : 'case';
	const forList = compiled.get(patterns) ?? new Map<string, GlobList>();
	compiled.set(patterns, forList);
	const known = forList.get(key);
	if (known) return known;
	const matchers = patterns.map((pattern) => picomatch(pattern, { dot: true, nocase: options.nocase ?? false }));
	const list: GlobList = { patterns, indexOf: (text) => matchers.findIndex((matches) => matches(text)) };
	forList.set(key, list);
	return list;
}
