import { readFileSync } from 'node:fs';
import type { Element, Nodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { drawingBundle, type BundlePatches } from '../../diagrams/mermaid-bundle.ts';
import { mermaidPackage } from '../../diagrams/mermaid-config.ts';
import { createDiagramRenderer } from '../../diagrams/render-page.ts';
import { browserForFile } from '../helpers/browser.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// Waymark draws labels as SVG text; mermaid's default, the reference, draws them as HTML. For
// generated labels of what runbooks write (comparisons, redirections, entity codes, tags, line
// breaks), each label must read the same both ways.

const browser = browserForFile();

const words = ['db', 'p99', '2s', 'restore', 'api-01', 'x', '90%', 'tee', 'WAL', 'cmd'];
const operators = [
	'>',
	'<',
	'>=',
	'<=',
	'=>',
	'->',
	'2>&1',
	'|',
	'&',
	'&&',
	'>>',
	'< 5',
	'a<b',
	'x>y',
	'<x',
];
// Long words that hold an operator: the wrapping width must fit them whole, or mermaid cuts them.
const identifiers = [
	'replication_lag_seconds>30',
	'pg_stat_replication.replay_lag>=30s',
	'/var/log/postgresql/main.log>/tmp/pg.log',
];
// Written references decode once: `&amp;lt;` shows `&lt;`.
const entities = [
	'#quot;',
	'#35;',
	'#9829;',
	'&amp;',
	'&lt;',
	'&gt;',
	'&quot;',
	'&nbsp;',
	'#lt;',
	'#gt;',
	'&amp;lt;',
	'&amp;quot;',
	'#38;gt;',
];
const tags = [
	'<b>bold</b>',
	'<i>it</i>',
	'<strong>s</strong>',
	'<em>e</em>',
	'<br>',
	'<br/>',
	'<span>sp</span>',
	'<u>u</u>',
	'<code>c</code>',
	'<sub>2</sub>',
	'<div>d</div>',
	'<p>p</p>',
];

const emphasis = ['**bold**', '_it_', '*em*', '__strong__'];

/** A label of what runbooks write; a Markdown string (mermaid's `"\`...\`"`) takes Markdown's emphasis for tags. */
function generatedLabel(random: Random, markdown = false): string {
	const pieces = Array.from({ length: 1 + pick(random, 5) }, () =>
		pickItem(
			random,
			pickItem(random, [
				words,
				words,
				operators,
				identifiers,
				entities,
				markdown ? emphasis : tags,
			]),
		),
	);
	// Mostly spaced, sometimes touching (`p99>2s`, `a<b>c</b>`, `WAL**bold**`). Markdown's
	// emphasis touches words only: mermaid hands a Markdown label's HTML label its text with `>` as
	// `&gt;`, and the SVG text `>`, which can change where emphasis closes (`__a__>`).
	const spaced = (before: string, after: string): boolean =>
		markdown &&
		(emphasis.includes(before) || emphasis.includes(after)) &&
		!(words.includes(before) || words.includes(after));
	return pieces.reduce(
		(label, piece, i) =>
			label + (random() < 0.8 || spaced(pieces[i - 1] ?? '', piece) ? ' ' : '') + piece,
	);
}

/** A flowchart of eight nodes and seven labelled edges, and its labels in drawing order. */
function generatedChart(random: Random, markdown = false): { source: string; labels: string[] } {
	const labels = Array.from({ length: 15 }, () =>
		markdown ? `\`${generatedLabel(random, true)}\`` : generatedLabel(random),
	);
	const lines = [
		'flowchart LR',
		...labels.slice(0, 8).map((label, i) => `  n${i}["${label}"]`),
		...labels.slice(8).map((label, i) => `  n${i} -->|"${label}"| n${i + 1}`),
	];
	return { source: lines.join('\n'), labels };
}

const htmlLabels = '%%{init: {"htmlLabels": true, "flowchart": {"htmlLabels": true}}}%%\n';

const isElement = (node: Nodes): node is Element => node.type === 'element';
const classes = (node: Element): string[] => {
	const value = node.properties['className'];
	return Array.isArray(value) ? value.map(String) : [];
};

// Bold and italic runs, marked in what `shown` gives.
const [boldOpen, boldClose, italicOpen, italicClose] = ['\u2045', '\u2046', '\u27E8', '\u27E9'];
const blocks = new Set(['p', 'div', 'li', 'ul', 'ol']);
// Where one line of SVG text ends and the next begins.
const lineMark = '\u2063';

/** The text a reader sees, bold and italic runs marked, line breaks as spaces. */
function shown(
	node: Nodes,
	style: { bold: boolean; italic: boolean } = { bold: false, italic: false },
): string {
	if (node.type === 'text')
		return `${style.bold ? boldOpen : ''}${style.italic ? italicOpen : ''}${node.value}${style.italic ? italicClose : ''}${style.bold ? boldClose : ''}`;
	if (!isElement(node))
		return 'children' in node ? node.children.map((child) => shown(child, style)).join('') : '';
	if (node.tagName === 'br') return ' ';
	const inner = {
		bold:
			style.bold ||
			node.tagName === 'b' ||
			node.tagName === 'strong' ||
			node.properties['fontWeight'] === 'bold',
		italic:
			style.italic ||
			node.tagName === 'i' ||
			node.tagName === 'em' ||
			node.properties['fontStyle'] === 'italic',
	};
	const text = node.children.map((child) => shown(child, inner)).join('');
	if (classes(node).includes('text-outer-tspan')) return `${lineMark}${text}${lineMark}`;
	return blocks.has(node.tagName) ? ` ${text} ` : text;
}

/** `text` with white space collapsed, and runs of one style merged with the white space between them outside. */
function normalized(text: string): string {
	let out = text;
	for (const [open, close] of [
		[boldOpen, boldClose],
		[italicOpen, italicClose],
	] as const) {
		out = out
			.replace(new RegExp(`${open}([\\t\\n\\f\\r ]+)`, 'g'), `$1${open}`)
			.replace(new RegExp(`([\\t\\n\\f\\r ]+)${close}`, 'g'), `${close}$1`);
		out = out
			.replace(new RegExp(`${close}([\\t\\n\\f\\r ]*)${open}`, 'g'), '$1')
			.replace(new RegExp(`${open}${close}`, 'g'), '');
	}
	return out.replace(/[\t\n\f\r ]+/g, ' ').trim();
}

/** Each node's and edge's label as shown, in the drawing's order. */
function labelsShown(svg: string): string[] {
	const out: string[] = [];
	const walk = (node: Nodes): void => {
		if (
			isElement(node) &&
			(classes(node).includes('label') || classes(node).includes('edgeLabel')) &&
			!classes(node).includes('edgeLabels')
		) {
			out.push(shown(node).replace(new RegExp(`${lineMark}+`, 'g'), lineMark));
			return;
		}
		if ('children' in node) for (const child of node.children) walk(child);
	};
	walk(fromHtml(svg, { fragment: true, space: 'svg' }));
	return out;
}

/**
 * Whether SVG text whose lines are marked reads as `reference`: each line ends at a space of the
 * reference, or inside a word too wide for its line, which mermaid cuts (an edge label's width is
 * fixed at 200 px).
 */
function readsAs(svg: string, reference: string): boolean {
	const parts = svg.split(lineMark);
	const want = normalized(reference);
	const joins = 2 ** Math.max(0, parts.length - 1);
	for (let mask = 0; mask < joins; mask++) {
		const text = parts.reduce(
			(joined, part, i) => joined + ((mask >> (i - 1)) & 1 ? ' ' : '') + part,
		);
		if (normalized(text) === want) return true;
	}
	return false;
}

async function draw(sources: string[], bundle: () => Promise<BundlePatches>): Promise<string[][]> {
	const renderer = await createDiagramRenderer(browser(), parseConfig({}).diagrams, 1, { bundle });
	try {
		const outcomes = await renderer.render(sources.map((source, i) => ({ id: `d${i}`, source })));
		return outcomes.map((outcome, i) => {
			if (!outcome.ok) throw new Error(`${sources[i]}\n${outcome.error.message}`);
			return labelsShown(outcome.svg);
		});
	} finally {
		await renderer.close();
	}
}

test("every generated label reads the same as SVG text as in mermaid's HTML label", async () => {
	const random = seededRandom(7016);
	const charts = Array.from({ length: 16 }, (_, i) => generatedChart(random, i >= 12));
	const sources = charts.map((chart) => chart.source);
	const [svgText, reference] = [
		await draw(sources, drawingBundle),
		await draw(
			sources.map((source) => htmlLabels + source),
			drawingBundle,
		),
	];
	// Positive controls: every label was found, and some read differently as the published bundle draws them.
	for (const [i, labels] of reference.entries()) expect(labels.length, sources[i]).toBe(15);
	expect(reference.flat().filter((label) => /[<>&"]/.test(label)).length).toBeGreaterThan(60);
	expect(reference.flat().some((label) => label.includes(lineMark))).toBe(false);
	for (const [i, labels] of svgText.entries())
		expect(
			labels.flatMap((label, j) =>
				readsAs(label, reference[i]?.[j] ?? '')
					? []
					: [[label.split(lineMark).join(' | '), reference[i]?.[j]]],
			),
			sources[i],
		).toEqual([]);
	const published: BundlePatches = {
		text: readFileSync(mermaidPackage.browserBundle, 'utf8'),
		fastConfigCopy: false,
		actorCounterReset: false,
		labelText: false,
		problems: [],
	};
	const unpatched = await draw(sources, () => Promise.resolve(published));
	expect(
		unpatched.flat().filter((label, i) => !readsAs(label, reference.flat()[i] ?? '')).length,
	).toBeGreaterThan(20);
}, 120_000);

test('a label keeps its line breaks, and bold and italics, as SVG text', async () => {
	const source =
		'flowchart LR\n  a["restore<br>then <b>verify</b> <i>twice</i><br>"] --> b["one\\ntwo"] --> c["<b>Note</b>: ok"]';
	const renderer = await createDiagramRenderer(browser(), parseConfig({}).diagrams, 1);
	try {
		const [outcome] = await renderer.render([{ id: 'd0', source }]);
		if (!outcome?.ok) throw new Error('not drawn');
		const lines =
			outcome.svg.match(
				/<tspan[^>]*class="text-outer-tspan[^"]*"[^>]*>.*?<\/tspan><\/tspan>(?=<tspan[^>]*class="text-outer|<\/text>)/g,
			) ?? [];
		const text = lines.map((line) => line.replace(/<[^>]+>/g, ''));
		// Mermaid may wrap the second line of the first label; the breaks written stay breaks.
		// The trailing `<br>` adds no empty line, as in HTML.
		expect([text[0], text.slice(1, -3).join(' '), ...text.slice(-3)]).toEqual([
			'restore',
			'then verify twice',
			'one',
			'two',
			'Note:ok'.replace(':', ': '),
		]);
		expect(outcome.svg).toMatch(/font-weight="bold"[^>]*> ?verify</);
		expect(outcome.svg).toMatch(/font-style="italic"[^>]*> ?twice</);
		// Bold up to the colon, which touches it: no space between them.
		expect(outcome.svg).toMatch(
			/font-weight="bold">Note<\/tspan><tspan [^>]*font-weight="normal">: ok?<|font-weight="bold">Note<\/tspan><tspan [^>]*font-weight="normal">:<\/tspan><tspan [^>]*> ok</,
		);
	} finally {
		await renderer.close();
	}
}, 60_000);
