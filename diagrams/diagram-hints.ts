import { distance } from 'fastest-levenshtein';
import { diagramHeader } from './diagram-source.ts';

/** Where the mistake behind a parse error is, in the author's lines (1-based), and what to do. */
export interface DiagramHint {
	line: number;
	column: number;
	message: string;
}

/**
 * The real mistake behind a mermaid parse error, when the source shows it: mermaid's parsers
 * report where they gave up, which for an unclosed bracket is the next line and for a missing
 * `end` the end of the diagram. In order: a block (`subgraph`, `loop`, `alt`, `state … {`) never
 * closed, when the parser ran out of diagram; a shape bracket left open on a line at or before
 * the error (flowchart, block, mindmap); an arrow the diagram type has not, on the error's line.
 * `errorLine` is the author's line of the error; `atEnd` says the parser met the end of the text.
 */
export function findMistake(
	source: string,
	errorLine: number,
	atEnd: boolean,
): DiagramHint | undefined {
	const type = diagramHeader(source).word.toLowerCase();
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	const header = diagramHeader(source).line;
	const content = lines
		.map((text, index) => ({ text, line: index + 1 }))
		.filter(({ text, line }) => line > header && !text.trim().startsWith('%%'));
	const lastContent = content.filter(({ text }) => text.trim() !== '').at(-1)?.line ?? header;
	// A parser that ran out of diagram gave up after the last line, whatever line it names.
	const gaveUp = atEnd ? lastContent : errorLine;
	if (atEnd || errorLine >= lastContent) {
		const block = unclosedBlock(type, content);
		if (block) return block;
	}
	// A sequence diagram's `box` holds participants only: a message there means its `end` is missing.
	if (
		type === 'sequencediagram' &&
		!/^\s*(participant|actor|create|destroy|end)\b/.test(lines[errorLine - 1] ?? '')
	) {
		const box = unclosedBlock(
			type,
			content.filter(({ line }) => line <= errorLine),
		);
		if (box && (box.line === errorLine || /^\s*box\b/.test(lines[box.line - 1] ?? ''))) return box;
	}
	if (/^(flowchart|graph|block-beta|block|mindmap)$/.test(type)) {
		const bracket = openBrackets(content.filter(({ line }) => line <= gaveUp)).at(-1);
		if (bracket) return bracket;
	}
	return (
		unknownArrow(type, lines[gaveUp - 1] ?? '', gaveUp) ??
		messageWithoutColon(type, lines[gaveUp - 1] ?? '', gaveUp)
	);
}

/** A sequence diagram's message line without the `:` before its text (`ops->>db promote`). */
function messageWithoutColon(type: string, text: string, line: number): DiagramHint | undefined {
	if (type !== 'sequencediagram' || text.includes(':')) return undefined;
	const message =
		/^(\s*)([^\s>-][^>]*?)\s*((?:<<)?--?(?:>>?|x|\)))\s*([+-]?[^\s]+)\s+(.+?)\s*$/.exec(text);
	if (!message) return undefined;
	const [, indent = '', from = '', arrow = '', to = '', words = ''] = message;
	return {
		line,
		column: indent.length + from.length + arrow.length + to.length + 2,
		message: `Unexpected message text without a \`:\` before it, expected \`${from}${arrow}${to}: ${words}\``,
	};
}

const blockOpeners: Record<string, RegExp> = {
	flowchart: /^\s*subgraph\b/,
	graph: /^\s*subgraph\b/,
	sequencediagram: /^\s*(loop|alt|opt|par|par_over|critical|break|rect|box)\b/,
};

/** The innermost block opened and never closed: an `end` line (or a `}` for a state) is missing. */
function unclosedBlock(
	type: string,
	content: Array<{ text: string; line: number }>,
): DiagramHint | undefined {
	const state = /^statediagram(-v2)?$/.test(type);
	const opener = blockOpeners[type];
	if (!opener && !state) return undefined;
	const open: Array<{ text: string; line: number }> = [];
	for (const entry of content) {
		const text = entry.text.trim();
		if (state ? /\{\s*$/.test(text) : opener?.test(text)) open.push(entry);
		else if (state ? text === '}' : text === 'end') open.pop();
	}
	const innermost = open.at(-1);
	if (!innermost) return undefined;
	const what = innermost.text.trim().replace(/\s*\{\s*$/, '');
	// A word alone on a line after it, one letter from `end` (`nd`, `ned`, `edn`): the `end`, misspelt.
	const misspelt = state
		? undefined
		: content.find(
				({ text, line }) =>
					line > innermost.line &&
					/^[a-z]{2,4}$/i.test(text.trim()) &&
					text.trim() !== 'end' &&
					(distance(text.trim().toLowerCase(), 'end') <= 1 ||
						[...text.trim().toLowerCase()].sort().join('') === 'den'),
			);
	if (misspelt)
		return {
			line: misspelt.line,
			column: misspelt.text.search(/\S/) + 1,
			message: `Unexpected \`${misspelt.text.trim()}\`, expected \`end\` to close \`${what}\``,
		};
	return {
		line: innermost.line,
		column: innermost.text.search(/\S/) + 1,
		message: `Unexpected \`${what}\` never closed, expected ${state ? 'a `}`' : 'an `end`'} line after its last ${state ? 'state' : 'line'} (mermaid reached the end of the diagram looking for it)`,
	};
}

const closerOf: Record<string, string> = { '[': ']', '(': ')', '{': '}' };

/**
 * Each line's node-shape bracket left open at its end (or closed by the wrong bracket), skipping
 * quoted text, which may run over several lines (a Markdown string), and edge labels.
 */
function openBrackets(content: Array<{ text: string; line: number }>): DiagramHint[] {
	const found: DiagramHint[] = [];
	let quoted = false;
	let stack: Array<{ bracket: string; at: number; text: string; line: number }> = [];
	for (const { text, line } of content) {
		const trimmed = text.trim();
		if (
			!quoted &&
			(trimmed === '' ||
				/^(subgraph|end|style|classDef|class|linkStyle|click|direction)\b/.test(trimmed))
		)
			continue;
		let label = false;
		let wrong: DiagramHint | undefined;
		for (let i = 0; i < text.length && !wrong; i++) {
			const c = text[i] as string;
			if (c === '"') quoted = !quoted;
			if (quoted) continue;
			// An edge label `-->|text|` holds text, not shapes.
			if (c === '|' && stack.length === 0) label = !label;
			if (label) continue;
			if (c in closerOf) stack.push({ bracket: c, at: i, text, line });
			else if (c === ']' || c === ')' || c === '}') {
				const top = stack.at(-1);
				if (top && closerOf[top.bracket] === c) stack.pop();
				else if (top) wrong = shapeHint(top, c);
				// `id>text]`, the asymmetric shape, opens with `>`.
				else if (!(c === ']' && /\w>/.test(text.slice(0, i))))
					wrong = {
						line,
						column: i + 1,
						message: `Unexpected \`${c}\` with no bracket before it to close, expected a shape such as \`id[text]\`, \`id(text)\` or \`id{text}\``,
					};
			}
		}
		if (wrong) found.push(wrong);
		// A shape's text may go on over lines only inside quotes.
		if (quoted) continue;
		const left = stack[0];
		// A shape opened by two brackets (`[[`, `([`, `{{`) closes with both.
		const run = stack.filter(
			(entry, i) => entry.line === left?.line && entry.at === (left?.at ?? 0) + i,
		);
		if (left) found.push(shapeHint(left, undefined, run.map((entry) => entry.bracket).join('')));
		stack = [];
	}
	return found;
}

function shapeHint(
	open: { bracket: string; at: number; text: string; line: number },
	wrong?: string,
	opened = open.bracket,
): DiagramHint {
	const { text, line } = open;
	const closer = [...opened]
		.reverse()
		.map((bracket) => closerOf[bracket])
		.join('');
	const node = /[\w-]*$/.exec(text.slice(0, open.at))?.[0] ?? '';
	const shape = `${node}${text.slice(open.at).trim()}`;
	const shown = shape.length > 40 ? `${shape.slice(0, 37)}…` : shape;
	return {
		line,
		column: open.at + 1,
		message: wrong
			? `Unexpected \`${wrong}\` closing the \`${open.bracket}\` of \`${shown}\`, expected \`${closer}\`: a shape closes with the bracket it opens with`
			: `Unexpected unclosed \`${opened}\` in \`${shown}\`, expected \`${closer}\` to close the shape on the same line`,
	};
}

const arrows: Record<string, { valid: RegExp; shown: string }> = {
	flowchart: {
		valid: /^(?:[<xo])?(?:-{2,}|={2,}|-\.+-|~{3,})(?:>|[xo])?$/,
		shown: '`-->`, `---`, `-.->`, `==>`, `--x`, `--o`, `<-->` or `~~~`',
	},
	sequencediagram: {
		valid: /^(?:<<)?--?(?:>>?|x|\))$/,
		shown: '`->>`, `-->>`, `->`, `-->`, `-x`, `--x`, `-)` or `<<->>`',
	},
	statediagram: { valid: /^-->$/, shown: '`-->`' },
};
arrows['graph'] = arrows['flowchart'] as (typeof arrows)[string];
arrows['statediagram-v2'] = arrows['statediagram'] as (typeof arrows)[string];

/** Something on the line written as an arrow that the diagram type has not (`-=>`, `~>>`). */
function unknownArrow(type: string, text: string, line: number): DiagramHint | undefined {
	const kind = arrows[type];
	if (!kind) return undefined;
	// Only where arrows are written: not a message or label after `:`, not an edge's `|label|`.
	const colon = type === 'flowchart' || type === 'graph' ? -1 : text.indexOf(':');
	const written = (colon === -1 ? text : text.slice(0, colon)).replace(/\|[^|]*\|/g, (label) =>
		' '.repeat(label.length),
	);
	// Runs of arrow characters: two or more of `-=.~`, or one dash or tilde with a head.
	const candidates = /(?:<<|[<xo](?=[-=.~]))?[-=.~]{2,}(?:>>|[>xo)])?|(?:<<)?[-~](?:>>|[>x)])/g;
	for (const match of written.matchAll(candidates)) {
		const quoted = (written.slice(0, match.index).match(/"/g)?.length ?? 0) % 2 === 1;
		if (quoted || kind.valid.test(match[0]) || /^\.+$/.test(match[0])) continue;
		return {
			line,
			column: match.index + 1,
			message: `Unexpected arrow \`${match[0]}\`, expected one of ${kind.shown}`,
		};
	}
	return undefined;
}
