/**
 * The part of Jinja's expression language Waymark evaluates: a variable path (`extra.team`,
 * `config['site_name']`), string and number literals, `~` to join them and the filters below.
 * Nothing else: a call, an operator or an unknown filter is `unsupported`, and the caller shows a
 * notice. This is a reader of data, never an interpreter: no name reaches code.
 */
import { own } from '../../core/own.ts';
export type Evaluated = { value: unknown } | { undefinedName: string } | { unsupported: string };

type Token = { kind: 'name' | 'string' | 'number' | 'punct'; text: string };

const filters: Record<string, (value: unknown, args: unknown[]) => unknown> = {
	upper: (value) => pythonStr(value).toUpperCase(),
	lower: (value) => pythonStr(value).toLowerCase(),
	capitalize: (value) => {
		const text = pythonStr(value);
		return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
	},
	title: (value) =>
		pythonStr(value).replace(
			/[A-Za-z]+/g,
			(word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase(),
		),
	trim: (value) => pythonStr(value).trim(),
	string: (value) => pythonStr(value),
};

/** Evaluates `source` against `scope`; never throws. */
export function evaluateJinja(source: string, scope: Readonly<Record<string, unknown>>): Evaluated {
	const tokens = tokenize(source);
	if (!tokens) return { unsupported: source };
	let at = 0;
	const peek = () => tokens[at];
	const take = () => tokens[at++];
	const isPunct = (text: string) => peek()?.kind === 'punct' && peek()?.text === text;

	const literal = (): unknown => {
		const token = take();
		if (token?.kind === 'string') return token.text;
		if (token?.kind === 'number') return Number(token.text);
		return undefined;
	};

	const primary = (): Evaluated => {
		const token = peek();
		if (token?.kind === 'string' || token?.kind === 'number') return { value: literal() };
		if (token?.kind !== 'name') return { unsupported: source };
		take();
		if (isPunct('(')) return { unsupported: source };
		let name = token.text;
		let value: unknown = Object.hasOwn(scope, token.text) ? scope[token.text] : missing;
		for (;;) {
			let key: unknown;
			if (isPunct('.')) {
				take();
				const next = take();
				if (next?.kind !== 'name') return { unsupported: source };
				key = next.text;
			} else if (isPunct('[')) {
				take();
				key = literal();
				if (key === undefined || !isPunct(']')) return { unsupported: source };
				take();
			} else break;
			if (isPunct('(')) return { unsupported: source };
			name += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
			value =
				value !== missing &&
				value !== null &&
				typeof value === 'object' &&
				Object.hasOwn(value, String(key))
					? (value as Record<string, unknown>)[String(key)]
					: missing;
		}
		return value === missing ? { undefinedName: name } : { value };
	};

	const filtered = (): Evaluated => {
		let result = primary();
		while (isPunct('|')) {
			take();
			const name = take();
			if (name?.kind !== 'name') return { unsupported: source };
			const args: unknown[] = [];
			if (isPunct('(')) {
				take();
				while (!isPunct(')')) {
					const value = literal();
					if (value === undefined) return { unsupported: source };
					args.push(value);
					if (isPunct(',')) take();
					else if (!isPunct(')')) return { unsupported: source };
				}
				take();
			}
			if (name.text === 'default' || name.text === 'd') {
				if ('undefinedName' in result) result = { value: args[0] ?? '' };
				continue;
			}
			const filter = own(filters, name.text);
			if (!filter || 'unsupported' in result) return { unsupported: source };
			if ('undefinedName' in result) return result;
			result = { value: filter(result.value, args) };
		}
		return result;
	};

	let result = filtered();
	while (isPunct('~')) {
		take();
		const right = filtered();
		if (!('value' in right)) return right;
		if ('value' in result) result = { value: pythonStr(result.value) + pythonStr(right.value) };
	}
	return at === tokens.length ? result : { unsupported: source };
}

const missing = Symbol('missing');

/** A value as Python's `str()` prints it; lists and mappings are not text a page shows. */
export function pythonStr(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return value ? 'True' : 'False';
	if (value === null || value === undefined) return 'None';
	if (typeof value === 'number') return String(value);
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	return JSON.stringify(value);
}

function tokenize(source: string): Token[] | undefined {
	const tokens: Token[] = [];
	let i = 0;
	while (i < source.length) {
		const char = source[i] ?? '';
		if (/\s/.test(char)) {
			i++;
			continue;
		}
		if (char === '"' || char === "'") {
			let text = '';
			let j = i + 1;
			for (; j < source.length && source[j] !== char; j++) {
				if (source[j] === '\\' && j + 1 < source.length) j++;
				text += source[j];
			}
			if (j >= source.length) return undefined;
			tokens.push({ kind: 'string', text });
			i = j + 1;
			continue;
		}
		const name = /^[A-Za-z_][\w]*/.exec(source.slice(i, i + 200));
		if (name) {
			tokens.push({ kind: 'name', text: name[0] });
			i += name[0].length;
			continue;
		}
		const number = /^-?\d+(?:\.\d+)?/.exec(source.slice(i, i + 60));
		if (number) {
			tokens.push({ kind: 'number', text: number[0] });
			i += number[0].length;
			continue;
		}
		tokens.push({ kind: 'punct', text: char });
		i++;
	}
	return tokens;
}
