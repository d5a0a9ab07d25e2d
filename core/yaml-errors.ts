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
export function locateYamlErrors<E extends YAMLError>(text: string, errors: readonly E[]): Array<{ error: E; position: Position }> {
	const lineCounter = new LineCounter();
	const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
	const open = errors.some((error) => unclosedMessage.test(yamlErrorReason(error))) ? unclosedIn(tokens) : [];
	const claimed = new Set<Unclosed>();
	return errors.map((error) => {
		const [, bracket, quote] = unclosedMessage.exec(yamlErrorReason(error)) ?? [];
		const closer = bracket ?? quote;
		const at = error.pos[0];
		// Nested constructs left open end at one offset; the composer reports the inner one first.
		const construct = open.filter((o) => o.closer === closer && !claimed.has(o) && o.start < at && at <= o.end).sort((a, b) => b.start - a.start)[0];
		if (construct) claimed.add(construct);
		const { line, col } = lineCounter.linePos(construct?.start ?? at);
		return { error, position: { line, column: col } };
	});
}

/** Every flow collection and quoted scalar left open in a text's tokens. */
function unclosedIn(tokens: CST.Token[]): Unclosed[] {
	const found: Unclosed[] = [];
	const spanOf = (token: CST.Token): { start: number; end: number } => ({ start: token.offset, end: token.offset + CST.stringify(token).length });
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
				if (token.source.length === 1 || !token.source.endsWith(quote)) found.push({ closer: quote, ...spanOf(token) });
				return;
			}
			default:
				return;
		}
	};
	for (const token of tokens) walk(token);
	return found;
}
