import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { expect, test } from 'vitest';
import { parseMarkdown } from '../../tree/parse-markdown.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// Pages are generated from the shapes PHP Markdown Extra's definition lists take (one or more
// terms, one or more definitions, continuation lines, a blank line that makes a definition loose,
// a link inside; the marker indented up to three spaces, as Python-Markdown reads it: Goldmark
// reads only an unindented one) mixed with blocks that hold a `:` at a line's start without
// being one (in code, after a heading, after a list) or a colon elsewhere (a list, a block quote,
// a table, a directive). With definition lists on, every term and every definition is read, and
// nothing of them is left as `: ` text; every link sits at the place it is written; code keeps its
// lines; Sätteri's path and remark's give the same tree. With the definitions escaped, turning
// definition lists on changes nothing, on remark's path, where the extension runs.

interface Generated {
	text: string;
	terms: string[];
	definitions: string[];
	links: string[];
	codeLines: string[];
	/** Lines starting with `: ` that no tool reads as a definition (no paragraph before them): text. */
	textLines: string[];
}

const words = [
	'backup',
	'bucket',
	'dump',
	'restore',
	'vault',
	'unseal',
	'odoo',
	'dolibarr',
	'certbot',
	'renewal',
	'replica',
	'primary',
];
const phrase = (random: Random, n: number) =>
	Array.from({ length: n }, () => pickItem(random, words)).join(' ');

function definitionList(random: Random, page: Generated): string {
	const lines: string[] = [];
	const entries = 1 + pick(random, 3);
	for (let entry = 0; entry < entries; entry++) {
		if (entry > 0) lines.push('');
		for (let t = 0, terms = 1 + pick(random, 2); t < terms; t++) {
			const term = `\`--${phrase(random, 1)}-${page.terms.length}\``;
			page.terms.push(term.slice(1, -1));
			lines.push(term);
		}
		const loose = random() < 0.3;
		if (loose) lines.push('');
		for (let d = 0, definitions = 1 + pick(random, 2); d < definitions; d++) {
			const marker = pickItem(random, [': ', ':   ', ' : ', ':\t']);
			const parts = [`The ${phrase(random, 2)} step ${page.definitions.length}.`];
			let line = `${marker}${parts[0]}`;
			if (random() < 0.4) {
				const link = `[the ${phrase(random, 1)} page](#${phrase(random, 1)}-${page.links.length})`;
				page.links.push(link);
				line += ` See ${link}.`;
				parts.push(`See ${link.slice(1, link.indexOf(']'))}.`);
			}
			lines.push(line);
			if (random() < 0.4) {
				const more = `Then ${phrase(random, 2)}.`;
				lines.push(`${random() < 0.5 ? '    ' : ''}${more}`);
				parts.push(more);
			}
			page.definitions.push(parts.join(' '));
		}
	}
	return lines.join('\n');
}

/** Blocks with a `:` at a line's start that are no definition on any tool. */
function lookAlike(random: Random, page: Generated): string {
	const kind = pick(random, 7);
	if (kind === 0) {
		const line = `: ${phrase(random, 3)}`;
		page.codeLines.push(line);
		return `\`\`\`text\nERROR: ${phrase(random, 2)}\n${line}\n\`\`\``;
	}
	if (kind === 1) return `- ${phrase(random, 2)}: ${phrase(random, 2)}\n- ${phrase(random, 1)}`;
	if (kind === 2) return `> **Note:** ${phrase(random, 3)}`;
	if (kind === 3) return `| flag | meaning |\n| --- | --- |\n| \`-n\` | ${phrase(random, 2)} |`;
	// No paragraph before the colon: no term, so no definition (Goldmark, and micromark's extension).
	if (kind === 5 || kind === 6) {
		const line = `: ${phrase(random, 3)}`;
		page.textLines.push(line);
		return kind === 5
			? `## ${phrase(random, 2)}\n${line}`
			: `- ${phrase(random, 2)}\n- ${phrase(random, 2)}\n\n${line}`;
	}
	return `:::note\n${phrase(random, 4)}\n:::`;
}

function generatePage(random: Random): Generated {
	const page: Generated = {
		text: '',
		terms: [],
		definitions: [],
		links: [],
		codeLines: [],
		textLines: [],
	};
	const blocks = [`# ${phrase(random, 2)}`];
	for (let b = 0, n = 2 + pick(random, 5); b < n; b++) {
		const kind = pick(random, 3);
		blocks.push(
			kind === 0
				? definitionList(random, page)
				: kind === 1
					? lookAlike(random, page)
					: `${phrase(random, 6)}.`,
		);
	}
	page.text = `${blocks.join('\n\n')}\n`;
	return page;
}

function nodesOf(tree: Nodes, type: string): Nodes[] {
	const found: Nodes[] = [];
	const walk = (node: Nodes) => {
		if (node.type === type) found.push(node);
		if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
	};
	walk(tree);
	return found;
}

const pages = Array.from({ length: 400 }, (_, seed) => generatePage(seededRandom(20261126 + seed)));

test('generated pages hold every shape the generator makes', () => {
	const all = pages.map((page) => page.text).join('\n');
	expect(pages.filter((page) => page.terms.length > 0).length).toBeGreaterThan(200);
	for (const shape of [
		/^: /m,
		/^: {3}/m,
		/^ : /m,
		/^:\t/m,
		/^`[^`\n]+`\n`[^`\n]+`\n/m,
		/^`[^`\n]+`\n\n:/m,
		/^ {4}Then /m,
		/^Then /m,
		/^```text\n/m,
		/^:::note/m,
	])
		expect(all).toMatch(shape);
});

test.each(['native', 'remark'] as const)(
	'with the %s parser, every term and definition of a generated page is read as one, and nothing of them is left as text',
	(parser) => {
		for (const page of pages) {
			const tree = parseMarkdown(page.text, parser, { definitionLists: true });
			const where = `\n--- page ---\n${page.text}`;
			expect(
				nodesOf(tree, 'defListTerm').map((node) => toString(node)),
				where,
			).toEqual(page.terms);
			expect(
				nodesOf(tree, 'defListDescription').map((node) =>
					toString(node).replace(/\s+/g, ' ').trim(),
				),
				where,
			).toEqual(page.definitions);
			const paragraphs = nodesOf(tree, 'paragraph').filter(
				(node) =>
					!nodesOf(tree, 'defListDescription').some((dd) =>
						(dd as { children: Nodes[] }).children.includes(node),
					),
			);
			expect(
				paragraphs
					.map((node) => toString(node))
					.filter((text) => /(?:^|\n)[ \t]*:[ \t]/.test(text)),
				where,
			).toEqual(page.textLines);
		}
	},
);

test('every link inside a definition is where the page writes it, and code keeps its lines', () => {
	for (const page of pages) {
		const tree = parseMarkdown(page.text, 'native', { definitionLists: true });
		const links = nodesOf(tree, 'link').map((node) =>
			page.text.slice(node.position?.start.offset, node.position?.end.offset),
		);
		expect(links).toEqual(page.links);
		const code = nodesOf(tree, 'code').flatMap((node) =>
			(node as { value: string }).value.split('\n'),
		);
		for (const line of page.codeLines) expect(code).toContain(line);
	}
});

const withoutPositions = (tree: Root) =>
	JSON.stringify(tree, (key, value: unknown) => (key === 'position' ? undefined : value));

/** `text` with every `:` that starts a line's text outside code fences written `\:`: the same colon to every reader, and no definition. */
function escapeDefinitions(text: string): string {
	let inCode = false;
	return text
		.split('\n')
		.map((line) => {
			if (line.startsWith('```')) inCode = !inCode;
			return inCode ? line : line.replace(/^([ \t]*):(?=[ \t]|$)/, '$1\\:');
		})
		.join('\n');
}

test("Sätteri's path and remark's read every generated page alike, a `:` alone on its line too", () => {
	// Each page as generated, and the page with its definitions escaped but one `:` alone after a
	// paragraph, which micromark's extension reads as a definition: the only line that could send
	// that page to remark.
	const alone = (page: Generated, n: number) =>
		`${escapeDefinitions(page.text)}\n${phrase(seededRandom(n), 2)}\n:\n    ${phrase(seededRandom(n + 1), 3)}\n`;
	for (const text of pages.flatMap((page, n) => [page.text, alone(page, n)])) {
		expect(parseMarkdown(text, 'native', { definitionLists: true }), text).toEqual(
			parseMarkdown(text, 'remark', { definitionLists: true }),
		);
	}
});

test("with every definition escaped, turning definition lists on changes nothing on remark's path, where the extension runs", () => {
	const escaped = pages.map((page) => escapeDefinitions(page.text));
	expect(escaped.filter((text) => /^[ \t]*\\:/m.test(text)).length).toBeGreaterThan(200);
	for (const text of escaped)
		expect(withoutPositions(parseMarkdown(text, 'remark', { definitionLists: true })), text).toBe(
			withoutPositions(parseMarkdown(text, 'remark')),
		);
});
