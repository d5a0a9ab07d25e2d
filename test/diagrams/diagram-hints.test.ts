import { expect, test } from 'vitest';
import { describeMermaidError } from '../../diagrams/diagram-errors.ts';
import { parseDiagrams } from '../../diagrams/parse-diagrams.ts';

// Runbook diagrams as authors write them; each mistake below is made on every line it fits, and
// the error must name that line (or, for a missing `end`, the block it leaves open) in words.
const seeds = [
	'flowchart TD\n  alert[Alert fires] --> check{Replica healthy?}\n  check -->|yes| promote[(Promote replica)]\n  check -->|no| page((Page the DBA))\n  subgraph cutover [Cutover]\n    promote --> dns[Move DNS]\n    dns --> verify>Verify writes]\n  end\n  verify --> done([Done])',
	'graph LR\n  lb[Load balancer] --> web1(Web 1)\n  lb --> web2(Web 2)\n  subgraph data\n    web1 --> db[(Primary)]\n    web2 --> db\n  end\n  db -.-> replica[(Replica)]',
	'sequenceDiagram\n  participant ops as On-call\n  participant db as Database\n  ops->>db: stop writes\n  loop until lag is zero\n    ops->>db: check lag\n    db-->>ops: lag\n  end\n  alt lag is zero\n    ops->>db: promote\n  else still lagging\n    ops->>ops: wait\n  end\n  db-->>ops: ok',
	'stateDiagram-v2\n  [*] --> Healthy\n  Healthy --> Degraded: replica lag\n  state Degraded {\n    [*] --> Lagging\n    Lagging --> CatchingUp: writes stop\n  }\n  Degraded --> Healthy: caught up',
];

interface Variant {
	kind: string;
	source: string;
	/** 1-based line of the mistake. */
	line: number;
}

function* variantsOf(source: string): Generator<Variant> {
	const lines = source.split('\n');
	const replaced = (index: number, text: string) =>
		lines.map((line, i) => (i === index ? text : line)).join('\n');
	const flowchart = /^(flowchart|graph)\b/.test(source);
	for (const [index, text] of lines.entries()) {
		if (index === 0) continue;
		if (flowchart && /\w[[({]/.test(text) && !/^\s*(subgraph|end)\b/.test(text)) {
			const at = Math.max(text.lastIndexOf(']'), text.lastIndexOf(')'), text.lastIndexOf('}'));
			yield {
				kind: 'unclosed bracket',
				source: replaced(index, text.slice(0, at) + text.slice(at + 1)),
				line: index + 1,
			};
		}
		const [arrow, wrong] = source.startsWith('sequenceDiagram') ? ['->>', '~>>'] : ['-->', '-=>'];
		if (text.includes(arrow) && !text.includes(`${arrow}|`))
			yield {
				kind: 'unknown arrow',
				source: replaced(index, text.replace(arrow, wrong)),
				line: index + 1,
			};
	}
	// Each block's `end` (or `}`) left out: the mistake is the block it leaves open.
	const open: number[] = [];
	for (const [index, text] of lines.entries()) {
		if (/^\s*(subgraph|loop|alt)\b|\{\s*$/.test(text)) open.push(index);
		else if (/^\s*(end|\})\s*$/.test(text)) {
			const opener = open.pop() as number;
			yield {
				kind: 'missing end',
				source: lines.filter((_, i) => i !== index).join('\n'),
				line: opener + 1,
			};
		}
	}
}

const generated = seeds.flatMap((seed) => [...variantsOf(seed)]);
// Mermaid lets some through (a bracket left open at the end of a line it reads as text): those are
// no error to place.
const outcomes = await parseDiagrams(generated.map((variant) => variant.source));
const variants = generated.flatMap((variant, i) => {
	const outcome = outcomes[i];
	return outcome && !outcome.ok ? [{ ...variant, error: outcome.error }] : [];
});
/** A parser token's name (`PIPE`, `DIAMOND_STOP`) outside the quoted parts of a message. */
const namesToken = (message: string): boolean =>
	/\b[A-Z]{2,}(?:_[A-Z]+)*\b/.test(message.replace(/`[^`]*`/g, ''));

test('the seeds parse, and mermaid refuses each kind of mistake more than twice', async () => {
	expect((await parseDiagrams(seeds)).every((outcome) => outcome.ok)).toBe(true);
	const kinds = Map.groupBy(variants, (variant) => variant.kind);
	for (const kind of ['unclosed bracket', 'unknown arrow', 'missing end'])
		expect(kinds.get(kind)?.length ?? 0, kind).toBeGreaterThan(2);
	expect(variants.length).toBeGreaterThan(generated.length * 0.8);
	// The control: what the check said of a token name before.
	expect(namesToken('Unexpected `|`, expected one of DIAMOND_STOP, TAGEND')).toBe(true);
});

test.each(variants.map((variant) => [variant.kind, variant.line, variant] as const))(
	'a %s on line %i is reported at that line, in words',
	(_kind, line, variant) => {
		const problem = describeMermaidError(variant.error, variant.source);
		expect(problem.line, `${problem.message}\n${variant.source}`).toBe(line);
		expect(namesToken(problem.message), problem.message).toBe(false);
		expect(problem.message).toMatch(/^Unexpected .+, expected /);
	},
);

test('says what to do: the bracket to close, the arrows there are, the `end` to add', async () => {
	const cases = [
		'flowchart TD\n  A[Start] --> B{Is it?\n  B -->|Yes| C[OK]',
		'flowchart TD\n  A -=> B',
		'sequenceDiagram\n  loop Every minute\n    A->>B: ping',
	];
	const problems = (await parseDiagrams(cases)).map((outcome, i) =>
		outcome.ok ? undefined : describeMermaidError(outcome.error, cases[i] as string),
	);
	expect(problems).toEqual([
		{
			ruleId: 'mermaid-syntax',
			line: 2,
			column: 17,
			message:
				'Unexpected unclosed `{` in `B{Is it?`, expected `}` to close the shape on the same line',
		},
		{
			ruleId: 'mermaid-syntax',
			line: 2,
			column: 5,
			message:
				'Unexpected arrow `-=>`, expected one of `-->`, `---`, `-.->`, `==>`, `--x`, `--o`, `<-->` or `~~~`',
		},
		{
			ruleId: 'mermaid-syntax',
			line: 2,
			column: 3,
			message:
				'Unexpected `loop Every minute` never closed, expected an `end` line after its last line (mermaid reached the end of the diagram looking for it)',
		},
	]);
});
