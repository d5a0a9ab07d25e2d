#!/usr/bin/env node
// Diagram errors a person can act on (issue 54, item 6). Broken variants are generated from
// mermaid's own examples (every `mermaid` block of its syntax docs, as the peer suite keeps them:
// one page per doc, e.g. ../shared/peers/mermaid-syntax, or a folder of mermaid's
// packages/mermaid/src/docs/syntax/*.md), each with one known mistake on one known line:
//   unclosed-bracket  the last `]`, `)` or `}` of a node's line removed (flowchart, block, mindmap)
//   unknown-arrow     `-->` written `-=>`, `->>` written `~>>` (flowchart, state, class, sequence)
//   missing-end       the last `end` removed; the broken line is the `subgraph`/`loop`/… it closed
//   dropped-character one character of a content line removed (every diagram type; seeded): no
//                     hint aims at it, so it measures where plain parser errors land
// Each variant mermaid rejects is parsed by Waymark's parser (the worker `check` uses) and
// described as `check` and the page's notice describe it; a variant is placed right when the line
// reported is the broken one. Also counted: messages that still name a parser token
// (`PIPE`, `DIAMOND_STOP`) instead of words.
// Usage: node bench/diagram-errors.mjs [--examples DIR] [--per-block 3] [--seed 54] [--show 0]
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeMermaidError } from '../diagrams/diagram-errors.ts';
import { parseDiagrams } from '../diagrams/parse-diagrams.ts';
import { createRandom } from './lib/prng.mjs';
import { renderTable } from './lib/report.mjs';

const { values: args } = parseArgs({
	options: {
		examples: { type: 'string', default: '../shared/peers/mermaid-syntax' },
		'per-block': { type: 'string', default: '3' },
		show: { type: 'string', default: '0' },
		seed: { type: 'string', default: '54' },
	},
});
const random = createRandom(Number(args.seed));
const perBlock = Number(args['per-block']);

/** Every ```mermaid block of every page in `dir`, in order. */
async function examples(dir) {
	const blocks = [];
	for (const name of (await readdir(dir)).filter((file) => file.endsWith('.md')).sort()) {
		const text = await readFile(join(dir, name), 'utf8');
		for (const match of text.matchAll(/^```mermaid(?:-example)?\n([\s\S]*?)\n```$/gm))
			blocks.push({ page: name, source: match[1] });
	}
	return blocks;
}

const typeOf = (source) =>
	(
		/^\s*(?:%%.*\n|\s*\n)*?(?:---\n[\s\S]*?\n---\n)?\s*([\w-]+)/m.exec(source)?.[1] ?? ''
	).toLowerCase();
/** Lines that are diagram content (after front matter and the header, not comments). */
function contentLines(source) {
	const lines = source.split('\n');
	let start = 0;
	if (lines[0]?.trim() === '---') start = lines.indexOf('---', 1) + 1;
	while (
		start < lines.length &&
		(lines[start].trim() === '' || lines[start].trim().startsWith('%%'))
	)
		start++;
	return lines
		.map((text, index) => ({ text, index }))
		.filter(
			({ text, index }) => index > start && text.trim() !== '' && !text.trim().startsWith('%%'),
		);
}
/** Up to `perBlock` of `candidates`: the first, the last and one between. */
const spread = (candidates) =>
	[...new Set([0, candidates.length - 1, Math.floor(candidates.length / 2)])]
		.filter((i) => i >= 0 && i < candidates.length)
		.slice(0, perBlock)
		.map((i) => candidates[i]);
const withLine = (source, index, text) =>
	source
		.split('\n')
		.map((line, i) => (i === index ? text : line))
		.join('\n');

function* variants({ page, source }) {
	const type = typeOf(source);
	const lines = contentLines(source);
	if (/^(flowchart|graph|block-beta|block|mindmap)$/.test(type)) {
		for (const { text, index } of spread(
			lines.filter(
				({ text }) =>
					/[\w\s]([[({])[^\n]*[\])}]\s*;?\s*$/.test(text) &&
					!/^\s*(subgraph|style|classDef|class|linkStyle|click)\b/.test(text),
			),
		)) {
			const at = Math.max(text.lastIndexOf(']'), text.lastIndexOf(')'), text.lastIndexOf('}'));
			yield {
				kind: 'unclosed-bracket',
				page,
				source: withLine(source, index, text.slice(0, at) + text.slice(at + 1)),
				line: index + 1,
			};
		}
	}
	if (/^(flowchart|graph|statediagram|statediagram-v2|classdiagram|sequencediagram)$/.test(type)) {
		const [from, to] = type === 'sequencediagram' ? ['->>', '~>>'] : ['-->', '-=>'];
		for (const { text, index } of spread(lines.filter(({ text }) => text.includes(from))))
			yield {
				kind: 'unknown-arrow',
				page,
				source: withLine(source, index, text.replace(from, to)),
				line: index + 1,
			};
	}
	if (/^(flowchart|graph|sequencediagram)$/.test(type)) {
		const openers =
			type === 'sequencediagram'
				? /^\s*(loop|alt|opt|par|critical|break|rect|box)\b/
				: /^\s*subgraph\b/;
		const stack = [];
		let last;
		for (const { text, index } of lines) {
			if (openers.test(text)) stack.push(index);
			else if (text.trim() === 'end') last = { opener: stack.pop(), end: index };
		}
		if (last?.opener !== undefined)
			yield {
				kind: 'missing-end',
				page,
				source: source
					.split('\n')
					.filter((_, i) => i !== last.end)
					.join('\n'),
				line: last.opener + 1,
			};
	}
	const visible = lines.filter(({ text }) => /\S/.test(text));
	if (visible.length > 0) {
		const { text, index } = visible[random.int(0, visible.length - 1)];
		const chars = [...text].map((c, i) => (/\s/.test(c) ? -1 : i)).filter((i) => i >= 0);
		const at = chars[random.int(0, chars.length - 1)];
		yield {
			kind: 'dropped-character',
			page,
			source: withLine(source, index, text.slice(0, at) + text.slice(at + 1)),
			line: index + 1,
		};
	}
}

const dir = resolve(args.examples);
const blocks = await examples(dir);
const all = blocks.flatMap((block) => [...variants(block)]);
const outcomes = await parseDiagrams(all.map((variant) => variant.source));
const tokenName =
	/\b(?:[A-Z]{2,}_[A-Z_]+|PIPE|TAGEND|TAGSTART|SQE|SQS|PE|PS|TXT|STR|EOF|NEWLINE|SEMI|AMP|ALPHA|LINK|ARROW\w*)\b/;
const rows = new Map();
const shown = [];
for (const [i, variant] of all.entries()) {
	const outcome = outcomes[i];
	const row = rows.get(variant.kind) ?? {
		kind: variant.kind,
		variants: 0,
		rejected: 0,
		right: 0,
		tokens: 0,
	};
	rows.set(variant.kind, row);
	row.variants++;
	if (!outcome || outcome.ok) continue;
	row.rejected++;
	const problem = describeMermaidError(outcome.error, variant.source);
	if (problem.line === variant.line) row.right++;
	if (tokenName.test(problem.message)) row.tokens++;
	if (shown.length < Number(args.show) && problem.line !== variant.line)
		shown.push(
			`${variant.page} ${variant.kind}: broken ${variant.line}, reported ${problem.line}: ${problem.message}\n${variant.source}\n`,
		);
}
const total = [...rows.values()].reduce(
	(sum, row) => ({
		kind: 'all',
		variants: sum.variants + row.variants,
		rejected: sum.rejected + row.rejected,
		right: sum.right + row.right,
		tokens: sum.tokens + row.tokens,
	}),
	{ variants: 0, rejected: 0, right: 0, tokens: 0 },
);
const percent = (part, whole) => `${whole === 0 ? 0 : ((part / whole) * 100).toFixed(1)} %`;
process.stdout.write(`${blocks.length} example blocks from ${dir}\n\n`);
process.stdout.write(
	renderTable(
		[
			'mistake',
			'variants',
			'rejected by mermaid',
			'reported at the broken line',
			'messages naming a parser token',
		],
		[...rows.values(), total].map((row) => [
			row.kind,
			String(row.variants),
			String(row.rejected),
			`${row.right} (${percent(row.right, row.rejected)})`,
			`${row.tokens} (${percent(row.tokens, row.rejected)})`,
		]),
	),
);
for (const line of shown) process.stdout.write(`\n${line}`);
process.exit(0);
