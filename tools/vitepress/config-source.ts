/**
 * A VitePress config (`.vitepress/config.{js,ts,mjs,mts,cjs,cts}`) read as text, never run (a tree
 * under review may not run code): the object handed to `defineConfig(…)` or exported by default,
 * its keys written as literals. What is computed (a variable, a function's result) is not read and
 * keeps VitePress's default.
 */

/** A literal value as written in the config. */
export type Literal =
	| { kind: 'string'; value: string }
	| { kind: 'boolean'; value: boolean }
	| { kind: 'object'; start: number }
	| { kind: 'array'; start: number }
	| { kind: 'other' };

/** The config's text, and the same text with the insides of strings and comments blanked (quotes kept). */
export interface ConfigSource {
	text: string;
	code: string;
}

export function configSource(text: string): ConfigSource {
	return { text, code: blankStringsAndComments(text) };
}

/** Where the config object opens: `defineConfig({`, `export default {`, `module.exports = {`, else the first object after `=`/`return` holding a VitePress key. */
export function configObject(source: ConfigSource): number | undefined {
	const { code } = source;
	const direct =
		/\b(?:defineConfig|withMermaid|withPwa|withSidebar|defineConfigWithTheme)\s*(?:<[^>]*>)?\s*\(\s*\{|\bexport\s+default\s*\{|module\.exports\s*=\s*\{/.exec(
			code,
		);
	if (direct) return direct.index + direct[0].length - 1;
	for (const match of code.matchAll(/(?:=|\breturn)\s*\{/g)) {
		const start = match.index + match[0].length - 1;
		const keys = objectKeys(source, start);
		if (
			['title', 'srcDir', 'themeConfig', 'base', 'cleanUrls', 'rewrites'].some((key) =>
				keys.has(key),
			)
		)
			return start;
	}
	return undefined;
}

/** The keys directly inside the object opening at `start` (`{`), with their literal values. */
export function objectKeys(source: ConfigSource, start: number): Map<string, Literal> {
	const { text, code } = source;
	const values = new Map<string, Literal>();
	let depth = 0;
	for (let i = start; i < code.length; i++) {
		const c = code[i]!;
		if (c === '{' || c === '[' || c === '(') depth++;
		else if (c === '}' || c === ']' || c === ')') {
			depth--;
			if (depth === 0) break;
		} else if (
			depth === 1 &&
			(c === "'" || c === '"' || /[A-Za-z_$]/.test(c)) &&
			!/[\w$'"]/.test(code[i - 1] ?? '')
		) {
			// A key: `name:`, `'name':`, `"a/b.md":`.
			const quoted =
				c === "'" || c === '"'
					? new RegExp(`^${c}([^${c}\\n]*)${c}\\s*:\\s*`).exec(text.slice(i, i + 400))
					: null;
			const bare = quoted ? null : /^([A-Za-z_$][\w$]*)\s*:\s*/.exec(code.slice(i, i + 200));
			const key = quoted ?? bare;
			if (!key?.[1] && key?.[1] !== '') {
				// A string that is no key (an array's item) is skipped whole.
				if (c === "'" || c === '"') i = code.indexOf(c, i + 1);
				continue;
			}
			const at = i + key[0].length;
			values.set(key[1], literalAt(source, at));
			i = at - 1;
		}
	}
	return values;
}

/** The literal that starts at `at`. */
function literalAt(source: ConfigSource, at: number): Literal {
	const { text, code } = source;
	const first = code[at];
	if (first === "'" || first === '"' || first === '`') {
		const literal = new RegExp(`^${first}([^${first}]*)${first}`).exec(text.slice(at));
		if (literal && !(first === '`' && literal[1]!.includes('${')))
			return { kind: 'string', value: literal[1]! };
		return { kind: 'other' };
	}
	if (code.startsWith('true', at) && !/[\w$]/.test(code[at + 4] ?? ''))
		return { kind: 'boolean', value: true };
	if (code.startsWith('false', at) && !/[\w$]/.test(code[at + 5] ?? ''))
		return { kind: 'boolean', value: false };
	if (first === '{') return { kind: 'object', start: at };
	if (first === '[') return { kind: 'array', start: at };
	return { kind: 'other' };
}

/** The string literals directly inside the array opening at `start`. */
export function arrayStrings(source: ConfigSource, start: number): string[] {
	const end = closingOf(source.code, start);
	return [...source.text.slice(start, end).matchAll(/(['"`])([^'"`\n]*)\1/g)]
		.filter((match) => source.code[start + match.index] === match[1])
		.map((match) => match[2]!);
}

/** The index of the bracket closing the one at `start`. */
export function closingOf(code: string, start: number): number {
	let depth = 0;
	for (let i = start; i < code.length; i++) {
		const c = code[i];
		if (c === '{' || c === '[' || c === '(') depth++;
		else if (c === '}' || c === ']' || c === ')') {
			depth--;
			if (depth === 0) return i;
		}
	}
	return code.length;
}

/** `text` with the insides of strings and comments replaced by spaces (quotes kept), so brackets and keys there are not read. */
function blankStringsAndComments(text: string): string {
	let out = '';
	let i = 0;
	while (i < text.length) {
		const c = text[i] ?? '';
		const next = text[i + 1];
		if (c === '/' && next === '/') {
			const end = text.indexOf('\n', i);
			const stop = end === -1 ? text.length : end;
			out += ' '.repeat(stop - i);
			i = stop;
		} else if (c === '/' && next === '*') {
			const end = text.indexOf('*/', i + 2);
			const stop = end === -1 ? text.length : end + 2;
			out += text.slice(i, stop).replace(/[^\n]/g, ' ');
			i = stop;
		} else if (c === '"' || c === "'" || c === '`') {
			let j = i + 1;
			while (j < text.length && text[j] !== c && !(c !== '`' && text[j] === '\n'))
				j += text[j] === '\\' ? 2 : 1;
			out += c + text.slice(i + 1, j).replace(/[^\n]/g, ' ') + (j < text.length ? c : '');
			i = j + 1;
		} else {
			out += c;
			i++;
		}
	}
	return out;
}
