import { readFileSync } from 'node:fs';
import type { Element, Nodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { drawingBundle, type BundlePatches } from '../../diagrams/mermaid-bundle.ts';
import { mermaidPackage } from '../../diagrams/mermaid-config.ts';
import { createDiagramRenderer } from '../../diagrams/render-page.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// Waymark draws labels as SVG text; mermaid's default, the reference, draws them as HTML. For
// generated labels of what runbooks write (comparisons, redirections, entity codes, tags, line
// breaks), each label must read the same both ways.

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
	await browser?.close();
});

const words = ['db', 'p99', '2s', 'restore', 'api-01', 'x', '90%', 'tee', 'WAL', 'cmd'];
const operators = ['>', '<', '>=', '<=', '=>', '->', '2>&1', '|', '&', '&&', '>>', '< 5', 'a<b', 'x>y', '<x'];
const entities = ['#quot;', '#35;', '#9829;', '&amp;', '&lt;', '&gt;', '&quot;', '&nbsp;', '#lt;', '#gt;'];
const tags = ['<b>bold</b>', '<i>it</i>', '<strong>s</strong>', '<em>e</em>', '<br>', '<br/>', '<span>sp</span>', '<u>u</u>', '<code>c</code>', '<sub>2</sub>'];

const emphasis = ['**bold**', '_it_', '*em*', '__strong__'];

/** A label of what runbooks write; a Markdown string (mermaid's `"\`...\`"`) takes Markdown's emphasis for tags. */
function generatedLabel(random: Random, markdown = false): string {
	const pieces = Array.from({ length: 1 + pick(random, 5) }, () => pickItem(random, pickItem(random, [words, words, operators, entities, markdown ? emphasis : tags])));
	// Mostly spaced, sometimes touching (`p99>2s`, `a<b>c</b>`). Markdown's emphasis is spaced:
	// mermaid's words for a Markdown label part at each style (`WAL**bold**` is drawn `WAL bold`).
	return pieces.reduce((label, piece) => label + (random() < 0.8 || (markdown && (emphasis.includes(piece) || emphasis.some((style) => label.endsWith(style)))) ? ' ' : '') + piece);
}

/** A flowchart of eight nodes and seven labelled edges, and its labels in drawing order. */
function generatedChart(random: Random, markdown = false): { source: string; labels: string[] } {
	const labels = Array.from({ length: 15 }, () => (markdown ? `\`${generatedLabel(random, true)}\`` : generatedLabel(random)));
	const lines = ['flowchart LR', ...labels.slice(0, 8).map((label, i) => `  n${i}["${label}"]`), ...labels.slice(8).map((label, i) => `  n${i} -->|"${label}"| n${i + 1}`)];
	return { source: lines.join('\n'), labels };
}

const htmlLabels = '%%{init: {"htmlLabels": true, "flowchart": {"htmlLabels": true}}}%%\n';

const isElement = (node: Nodes): node is Element => node.type === 'element';
const classes = (node: Element): string[] => {
	const value = node.properties['className'];
	return Array.isArray(value) ? value.map(String) : [];
};

/** The text a reader sees, line breaks as spaces, white space collapsed. */
function shown(node: Nodes): string {
	if (node.type === 'text') return node.value;
	if (isElement(node) && node.tagName === 'br') return ' ';
	if (isElement(node) && classes(node).includes('text-outer-tspan')) return ` ${node.children.map(shown).join('')} `;
	return 'children' in node ? node.children.map(shown).join('') : '';
}

/** Each node's and edge's label as shown, in the drawing's order. */
function labelsShown(svg: string): string[] {
	const out: string[] = [];
	const walk = (node: Nodes): void => {
		if (isElement(node) && (classes(node).includes('label') || classes(node).includes('edgeLabel')) && !classes(node).includes('edgeLabels')) {
			out.push(shown(node).replace(/[\t\n\f\r ]+/g, ' ').trim());
			return;
		}
		if ('children' in node) for (const child of node.children) walk(child);
	};
	walk(fromHtml(svg, { fragment: true, space: 'svg' }));
	return out;
}

async function draw(sources: string[], bundle: () => Promise<BundlePatches>): Promise<string[][]> {
	const renderer = await createDiagramRenderer(browser, parseConfig({}).diagrams, 1, { bundle });
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

test('every generated label reads the same as SVG text as in mermaid\'s HTML label', async () => {
	const random = seededRandom(7016);
	const charts = Array.from({ length: 16 }, (_, i) => generatedChart(random, i >= 12));
	const sources = charts.map((chart) => chart.source);
	const [svgText, reference] = [await draw(sources, drawingBundle), await draw(sources.map((source) => htmlLabels + source), drawingBundle)];
	// Positive controls: every label was found, and some read differently as the published bundle draws them.
	for (const [i, labels] of reference.entries()) expect(labels.length, sources[i]).toBe(15);
	expect(reference.flat().filter((label) => /[<>&"]/.test(label)).length).toBeGreaterThan(60);
	for (const [i, labels] of svgText.entries()) expect(labels, sources[i]).toEqual(reference[i]);
	const published: BundlePatches = { text: readFileSync(mermaidPackage.browserBundle, 'utf8'), fastConfigCopy: false, actorCounterReset: false, labelText: false, problems: [] };
	const unpatched = await draw(sources, () => Promise.resolve(published));
	expect(unpatched.flat().filter((label, i) => label !== reference.flat()[i]).length).toBeGreaterThan(20);
}, 120_000);

test('a label keeps its line breaks, and bold and italics, as SVG text', async () => {
	const source = 'flowchart LR\n  a["restore<br>then <b>verify</b> <i>twice</i>"] --> b["one\\ntwo"]';
	const renderer = await createDiagramRenderer(browser, parseConfig({}).diagrams, 1);
	try {
		const [outcome] = await renderer.render([{ id: 'd0', source }]);
		if (!outcome?.ok) throw new Error('not drawn');
		const lines = outcome.svg.match(/<tspan[^>]*class="text-outer-tspan[^"]*"[^>]*>.*?<\/tspan><\/tspan>(?=<tspan[^>]*class="text-outer|<\/text>)/g) ?? [];
		const text = lines.map((line) => line.replace(/<[^>]+>/g, ''));
		// Mermaid may wrap the second line of the first label; the breaks written stay breaks.
		expect([text[0], text.slice(1, -2).join(' '), ...text.slice(-2)]).toEqual(['restore', 'then verify twice', 'one', 'two']);
		expect(outcome.svg).toMatch(/font-weight="bold"[^>]*> ?verify</);
		expect(outcome.svg).toMatch(/font-style="italic"[^>]*> ?twice</);
	} finally {
		await renderer.close();
	}
}, 60_000);
