/**
 * Gatus's `pat()`: Go's `filepath.Match` (`*`, `?`, `[a-z]`, `[^0-9]`, `\` escapes) after removing
 * every `/` from both sides, so `*` also spans what would be path separators. A malformed pattern
 * matches nothing.
 */
export function matchPattern(pattern: string, text: string): boolean {
	if (pattern === '*') return true;
	return match(Array.from(pattern.replaceAll('/', '')), Array.from(text.replaceAll('/', '')));
}

class BadPattern extends Error {}

function match(patternChars: string[], nameChars: string[]): boolean {
	let pattern = patternChars;
	let name = nameChars;
	try {
		next: while (pattern.length > 0) {
			const { star, chunk, rest } = scanChunk(pattern);
			pattern = rest;
			if (star && chunk.length === 0) return true;
			const here = matchChunk(chunk, name);
			if (here !== undefined && (here.length === 0 || pattern.length > 0)) {
				name = here;
				continue;
			}
			if (star) {
				for (let i = 0; i < name.length; i++) {
					const skipped = matchChunk(chunk, name.slice(i + 1));
					if (skipped !== undefined) {
						if (pattern.length === 0 && skipped.length > 0) continue;
						name = skipped;
						continue next;
					}
				}
			}
			// Go checks that the rest of the pattern is well formed before answering false.
			while (pattern.length > 0) {
				const later = scanChunk(pattern);
				pattern = later.rest;
				matchChunk(later.chunk, []);
			}
			return false;
		}
		return name.length === 0;
	} catch (error) {
		if (error instanceof BadPattern) return false;
		throw error;
	}
}

function scanChunk(pattern: string[]): { star: boolean; chunk: string[]; rest: string[] } {
	let star = false;
	let start = 0;
	while (pattern[start] === '*') {
		start++;
		star = true;
	}
	let inRange = false;
	let i = start;
	scan: for (; i < pattern.length; i++) {
		switch (pattern[i]) {
			case '\\':
				if (i + 1 < pattern.length) i++;
				break;
			case '[':
				inRange = true;
				break;
			case ']':
				inRange = false;
				break;
			case '*':
				if (!inRange) break scan;
		}
	}
	return { star, chunk: pattern.slice(start, i), rest: pattern.slice(i) };
}

/** The rest of `s` after `chunk` matched its start, or `undefined`; throws `BadPattern`. */
function matchChunk(chunkChars: string[], sChars: string[]): string[] | undefined {
	let chunk = chunkChars;
	let s = sChars;
	let failed = false;
	while (chunk.length > 0) {
		if (!failed && s.length === 0) failed = true;
		const c = chunk[0];
		if (c === '[') {
			let r = '';
			if (!failed) {
				r = s[0]!;
				s = s.slice(1);
			}
			chunk = chunk.slice(1);
			const negated = chunk[0] === '^';
			if (negated) chunk = chunk.slice(1);
			let matched = false;
			let ranges = 0;
			for (;;) {
				if (chunk[0] === ']' && ranges > 0) {
					chunk = chunk.slice(1);
					break;
				}
				const lo = escaped(chunk);
				chunk = lo.rest;
				let hi = lo;
				if (chunk[0] === '-') {
					hi = escaped(chunk.slice(1));
					chunk = hi.rest;
				}
				if (
					!failed &&
					lo.char.codePointAt(0)! <= r.codePointAt(0)! &&
					r.codePointAt(0)! <= hi.char.codePointAt(0)!
				)
					matched = true;
				ranges++;
			}
			if (matched === negated) failed = true;
		} else if (c === '?') {
			if (!failed) s = s.slice(1);
			chunk = chunk.slice(1);
		} else {
			if (c === '\\') {
				chunk = chunk.slice(1);
				if (chunk.length === 0) throw new BadPattern();
			}
			if (!failed) {
				if (chunk[0] !== s[0]) failed = true;
				s = s.slice(1);
			}
			chunk = chunk.slice(1);
		}
	}
	return failed ? undefined : s;
}

function escaped(chunkChars: string[]): { char: string; rest: string[] } {
	let chunk = chunkChars;
	if (chunk.length === 0 || chunk[0] === '-' || chunk[0] === ']') throw new BadPattern();
	if (chunk[0] === '\\') {
		chunk = chunk.slice(1);
		if (chunk.length === 0) throw new BadPattern();
	}
	const rest = chunk.slice(1);
	if (rest.length === 0) throw new BadPattern();
	return { char: chunk[0]!, rest };
}
