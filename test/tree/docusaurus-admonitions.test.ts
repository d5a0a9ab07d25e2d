import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { expect, test } from 'vitest';
import { rewriteDocusaurusAdmonitions } from '../../tools/docusaurus/admonitions.ts';
import type { SourceNote } from '../../tools/syntax/source-note.ts';
import { walkMdast } from '../../markdown/walk-mdast.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// "Never closed, the rest of the page is inside it" must say what Docusaurus' parser does: its
// admonitions are remark-directive containers. Generated pages of nested and sequential openers
// and closing fences of 3 to 5 colons; for each, the openers the check reports are exactly those
// whose container, as micromark reads the page, runs to its end. Found by the corpus (RKE2's docs):
// `:::note`, `:::tip`, one `:::` closes both on Docusaurus, and the check called the note unclosed.

const types = ['note', 'tip', 'warning', 'danger', 'info'];

function page(random: () => number): string[] {
	const lines: string[] = [];
	for (let n = 3 + pick(random, 10); n > 0; n--) {
		const roll = random();
		if (roll < 0.35) lines.push(`${':'.repeat(3 + pick(random, 3))}${pickItem(random, types)}`);
		else if (roll < 0.65) lines.push(':'.repeat(3 + pick(random, 3)));
		else lines.push(`Step ${lines.length} of the runbook.`);
		lines.push('');
	}
	// The page ends with text, so a container that runs to the end is told from one a fence closed.
	lines.push('The last line of the page.', '');
	return lines;
}

/** The lines (1-based) of the openers whose container runs to the end of the page, as micromark parses it. */
function runToEnd(text: string): number[] {
	const tree = unified().use(remarkParse).use(remarkDirective).parse(text);
	const end = text.trimEnd().length;
	const lines: number[] = [];
	walkMdast(tree, (node) => {
		if (node.type === 'containerDirective' && (node.position?.end.offset ?? 0) >= end)
			lines.push(node.position?.start.line ?? 0);
	});
	return lines.sort((a, b) => a - b);
}

test('reports as never closed exactly the admonitions that run to the end of the page on Docusaurus (500 generated pages)', () => {
	const random = seededRandom(20261125);
	let reported = 0;
	for (let n = 0; n < 500; n++) {
		const lines = page(random);
		const text = lines.join('\n');
		const notes: SourceNote[] = [];
		rewriteDocusaurusAdmonitions(
			[...lines],
			lines.map(() => false),
			notes,
		);
		reported += notes.length;
		expect(
			notes.map((note) => note.line).sort((a, b) => a - b),
			text,
		).toEqual(runToEnd(text));
	}
	// Both answers occur: pages with an admonition left open, and pages without.
	expect(reported).toBeGreaterThan(50);
});

test('the page RKE2 has: a tip inside a note, one fence for both', () => {
	const lines = [
		':::note',
		'As-is.',
		'',
		':::tip',
		'Not ServiceLB.',
		':::',
		'',
		'## Prerequisites',
		'',
	];
	const notes: SourceNote[] = [];
	rewriteDocusaurusAdmonitions(
		lines,
		lines.map(() => false),
		notes,
	);
	expect(notes).toEqual([]);
	expect(runToEnd(lines.join('\n'))).toEqual([]);
});
