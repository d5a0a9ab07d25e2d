import { CST, LineCounter, Parser, type YAMLError } from 'yaml';
import type { Position } from './position.ts';

/** A flow collection or quoted scalar that its text never closes, by the character that would. */
interface Unclosed {
	closer: string;
	start: number;
	end: number;
}

// What `yaml` says of a construct left open (compose/resolve-flow-collection.js, resolve-flow-scalar.js).
const unclosedMessage = /(?:end with a ([\]}])|^Missing closing (["'])quote)$/;

/**
 * What a YAML error says, without the position `yaml` adds with `prettyErrors` (`… at line 4,
 * column 1:` and the lines drawn), which is where it gave up: say `locateYamlErrors`' instead.
 */
export function yamlErrorReason(error: YAMLError): string {
	return (error.message.split('\n', 1)[0] ?? '').replace(/ at line \d+, column \d+:$/, '');
}

/**
 * Each of `errors` (the errors of `text`'s documents, as `yaml` reports them) with where it starts
 * in `text`, 1-based.
 * `yaml` places most errors at the token at fault, but a flow collection or quoted scalar left
 * open (`owner: [platform`, `title: "Restore`) at the point it gave up: the end of the text or
 * the next key's line. The reader needs the `[`, `{` or quote that was never closed, so such an
 * error is placed there instead.
 */
export function locateYamlErrors<E extends YAMLError>(
	text: string,
	errors: readonly E[],
): Array<{ error: E; position: Position }> {
	const lineCounter = new LineCounter();
	const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
	// By start: the innermost construct around an offset is the last one starting before it.
	const open = errors.some((error) => unclosedMessage.test(yamlErrorReason(error)))
		? unclosedIn(tokens).sort((a, b) => a.start - b.start)
		: [];
	const claimed = new Set<Unclosed>();
	return errors.map((error) => {
		const [, bracket, quote] = unclosedMessage.exec(yamlErrorReason(error)) ?? [];
		const closer = bracket ?? quote;
		const at = error.pos[0];
		// Nested constructs left open end at one offset; the composer reports the inner one first.
		let construct: Unclosed | undefined;
		if (closer !== undefined)
			for (let i = lastStartingBefore(open, at); i >= 0 && !construct; i--) {
				const o = open[i]!;
				if (o.closer === closer && !claimed.has(o) && at <= o.end) construct = o;
			}
		if (construct) claimed.add(construct);
		const { line, col } = lineCounter.linePos(construct?.start ?? at);
		return { error, position: { line, column: col } };
	});
}

/** The index of the last of `open` (sorted by start) that starts before `offset`, or -1. */
function lastStartingBefore(open: readonly Unclosed[], offset: number): number {
	let low = 0;
	let high = open.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (open[mid]!.start < offset) low = mid + 1;
		else high = mid;
	}
	return low - 1;
}

/** Every flow collection and quoted scalar left open in a text's tokens. */
function unclosedIn(tokens: CST.Token[]): Unclosed[] {
	const found: Unclosed[] = [];
	const spanOf = (token: CST.Token): { start: number; end: number } => ({
		start: token.offset,
		end: token.offset + CST.stringify(token).length,
	});
	const walk = (token: CST.Token | undefined): void => {
		switch (token?.type) {
			case 'document':
				return walk(token.value);
			case 'block-map':
			case 'block-seq':
			case 'flow-collection':
				for (const item of token.items) {
					if ('key' in item) walk(item.key ?? undefined);
					walk(item.value);
				}
				if (token.type === 'flow-collection') {
					const closer = token.start.source === '[' ? ']' : '}';
					if (token.end[0]?.source !== closer) found.push({ closer, ...spanOf(token) });
				}
				return;
			case 'single-quoted-scalar':
			case 'double-quoted-scalar': {
				const quote = token.source[0] ?? '"';
				// Open as the composer judges it (resolve-flow-scalar.js).
				if (token.source.length === 1 || !token.source.endsWith(quote))
					found.push({ closer: quote, ...spanOf(token) });
				return;
			}
			default:
				return;
		}
	};
	for (const token of tokens) walk(token);
	return found;
}
