/** Where JSON text stops being JSON: 1-based line and column, and what was found there. */
export interface JsonErrorPosition {
	line: number;
	column: number;
	/** The offending character, or `end of file`. */
	found: string;
}

class SyntaxAt extends Error {
	readonly offset: number;
	constructor(offset: number) {
		super(`JSON syntax error at ${offset}`);
		this.offset = offset;
	}
}

const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/**
 * The position of the first JSON syntax error in `text`, or `undefined` when it is valid JSON.
 * V8's `JSON.parse` messages give a position only for some errors (not for an unexpected token),
 * so a user can be pointed at the exact place in every case.
 */
export function jsonErrorPosition(text: string): JsonErrorPosition | undefined {
	let i = 0;
	const fail = (): never => {
		throw new SyntaxAt(i);
	};
	const space = (): void => {
		while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
	};
	const string = (): void => {
		i++;
		while (i < text.length) {
			const c = text.charAt(i);
			if (c === '"') return void i++;
			if (c < ' ') fail();
			if (c === '\\') {
				i++;
				if (!'"\\/bfnrtu'.includes(text.charAt(i)) || text.charAt(i) === '') fail();
				if (text.charAt(i) === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
					i += 4;
				}
			}
			i++;
		}
		fail();
	};
	const sequence = (close: string, item: () => void): void => {
		i++;
		space();
		if (text.charAt(i) === close) return void i++;
		for (;;) {
			item();
			space();
			if (text.charAt(i) === ',') i++;
			else if (text.charAt(i) === close) return void i++;
			else fail();
		}
	};
	const value = (): void => {
		space();
		const c = text.charAt(i);
		if (c === '{')
			return sequence('}', () => {
				space();
				if (text.charAt(i) !== '"') fail();
				string();
				space();
				if (text.charAt(i) !== ':') fail();
				i++;
				value();
			});
		if (c === '[') return sequence(']', value);
		if (c === '"') return string();
		literal.lastIndex = i;
		const match = literal.exec(text);
		if (!match) fail();
		else i += match[0].length;
	};
	try {
		value();
		space();
		if (i < text.length) fail();
		return undefined;
	} catch (error) {
		if (!(error instanceof SyntaxAt)) throw error;
		const before = text.slice(0, error.offset).split('\n');
		const found = error.offset < text.length ? `\`${text.charAt(error.offset)}\`` : 'end of file';
		return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, found };
	}
}
