/**
 * A small PromQL highlighter for the alerts panel (Shiki has no PromQL grammar): splits an
 * expression into tokens with a kind; the text of all tokens joined is the expression unchanged.
 */
type PromqlToken = {
	text: string;
	kind:
		| 'metric'
		| 'function'
		| 'keyword'
		| 'label'
		| 'string'
		| 'number'
		| 'duration'
		| 'operator'
		| 'comment'
		| 'text';
};

const keywords = new Set([
	'by',
	'without',
	'on',
	'ignoring',
	'group_left',
	'group_right',
	'offset',
	'bool',
	'and',
	'or',
	'unless',
	'atan2',
]);
/** Keywords followed by a parenthesised list of label names. */
const grouping = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const aggregations = new Set([
	'sum',
	'min',
	'max',
	'avg',
	'group',
	'stddev',
	'stdvar',
	'count',
	'count_values',
	'bottomk',
	'topk',
	'quantile',
	'limitk',
	'limit_ratio',
]);

const tokenPattern =
	/(#[^\n]*)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)|(\[[^\]]*\])|(\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:ms|s|m|h|d|w|y)?)|([A-Za-z_:][A-Za-z0-9_:]*)|(==|!=|>=|<=|=~|!~|[-+*/%^<>=])|(\s+|.)/g;

function tokenizePromql(expr: string): PromqlToken[] {
	const tokens: PromqlToken[] = [];
	let depth = 0;
	let labelList: 'next' | 'open' | undefined;
	for (const match of expr.matchAll(tokenPattern)) {
		const [text, comment, string, range, number, word, operator] = match;
		let kind: PromqlToken['kind'] = 'text';
		if (comment) kind = 'comment';
		else if (string) kind = 'string';
		else if (range) kind = 'duration';
		else if (number) kind = /[a-z]$/.test(number) ? 'duration' : 'number';
		else if (word) {
			const next = expr.slice((match.index ?? 0) + word.length).trimStart()[0];
			if (depth > 0 || labelList === 'open') kind = 'label';
			else if (keywords.has(word)) kind = 'keyword';
			else kind = next === '(' || aggregations.has(word) ? 'function' : 'metric';
			if (grouping.has(word) && kind === 'keyword') labelList = 'next';
		} else if (operator) kind = 'operator';
		if (text === '(' && labelList === 'next') labelList = 'open';
		else if (text === ')' && labelList === 'open') labelList = undefined;
		if (text === '{') depth++;
		if (text === '}') depth = Math.max(0, depth - 1);
		const last = tokens.at(-1);
		if (last && last.kind === kind && kind === 'text') last.text += text;
		else tokens.push({ text, kind });
	}
	return tokens;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** The expression as HTML: each token but plain text in `<span class="pq-KIND">`, everything escaped. */
export function promqlHtml(expr: string): string {
	return tokenizePromql(expr)
		.map(({ text, kind }) => {
			const escaped = text.replace(/[&<>"]/g, (c) => escapes[c] ?? c);
			return kind === 'text' ? escaped : `<span class="pq-${kind}">${escaped}</span>`;
		})
		.join('');
}
