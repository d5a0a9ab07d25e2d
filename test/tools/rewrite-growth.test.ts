import '../helpers/load-tools.ts';
import { expect, test, vi } from 'vitest';
import { toolNames } from '../../tools/index.ts';
import { growthRatio } from '../helpers/growth.ts';
import { toolFixtureLines } from '../helpers/tool-fixture-lines.ts';
import { rewriteAs } from '../helpers/tool-reading.ts';

vi.setConfig({ testTimeout: 120_000 });

// Every build and check rewrites each page in its tool's syntax, a branch under review's too, so a
// page may not cost more than its length. Each tool's own rewrite had patterns that did: a tag
// opened and never closed (`{% include x`, `{{ value`, `![x](`), scanned from every opener to the
// end of its line, or a block never closed, scanned from every opener to the end of the page; a
// run of backticks, tried at every length. Hostile shapes are generated from the tool's own
// fixture pages rather than listed: every line that holds syntax, and each of its prefixes that
// ends in punctuation (an opener cut short), repeated on one line glued or spaced, or on a line
// each. A shape whose rewrite at 8 times the size costs a noticeable time must grow about 8-fold
// (linear), not 64-fold (quadratic).

/** A tool's syntax lines, and their prefixes that stop after punctuation (an opener cut short). */
function syntaxOf(tool: string): string[] {
	const shapes = new Set<string>();
	for (const line of toolFixtureLines(tool)) {
		// Words are kept: a tag's name is syntax (`<figcaption>`, `{% content-ref`).
		const shape = line.replace(/[ \t]+/g, ' ');
		shapes.add(shape);
		for (let i = 1; i < shape.length; i++)
			if (/[^\w\s]/.test(shape[i - 1]!) && /[\w\s]/.test(shape[i]!)) shapes.add(shape.slice(0, i));
	}
	return [...shapes];
}

const layouts = {
	glued: (line: string, n: number) => Array(n).fill(line).join(''),
	spaced: (line: string, n: number) => Array(n).fill(line).join(' '),
	'a line each': (line: string, n: number) => Array(n).fill(line).join('\n'),
	// Every closer after a separator `.` does not cross: an opener may not scan to it and fail.
	'closed past U+2028': (line: string, n: number) =>
		`${Array(n).fill(line).join('')}\u2028\r %} }} } ) ] > -->`,
};

const cpuMs = (): number => {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
};

test.each(toolNames)('%s: no line of its syntax, repeated, costs more than its length', (tool) => {
	const shapes = syntaxOf(tool);
	expect(shapes.length, 'fixture lines to make shapes of').toBeGreaterThan(20);
	expect(slowShapes(tool, shapes)).toEqual([]);
});

// Every tool's page may hold any other tool's syntax, which one shared pass turns into notices
// (`tools/syntax/foreign-syntax.ts`): a GitHub tree reads all of it as foreign.
test("github: no line of any tool's syntax, repeated, costs more than its length", () => {
	// Only shapes the pass looks at: a brace, a container's colons, a target's `)=`, a tag.
	const shapes = [
		...new Set(toolNames.filter((tool) => tool !== 'github').flatMap(syntaxOf)),
	].filter((shape) => /\{|:::|\)=|<[A-Za-z]/.test(shape));
	expect(slowShapes('github', shapes)).toEqual([]);
});

/** The shapes whose rewrite as `tool`'s grows faster than linearly, each with its layout and growth. */
function slowShapes(tool: string, shapes: readonly string[]): string[] {
	const rewrite = (text: string) =>
		rewriteAs(`# Page\n\n${text}\n`, {
			dialect: tool,
			path: 'ops/page.md',
			pages: new Set(['ops/page.md']),
		});
	const slow: string[] = [];
	for (const line of shapes)
		for (const [layout, repeat] of Object.entries(layouts)) {
			// About 6 kB and 48 kB: linear work at 48 kB takes a few milliseconds, quadratic work tens to thousands.
			const n = Math.max(8, Math.ceil(6000 / (line.length + 1)));
			const started = cpuMs();
			rewrite(repeat(line, 8 * n));
			if (cpuMs() - started < 20) continue;
			const ratio = growthRatio((size) => rewrite(repeat(line, size)), n, 8 * n, 2);
			// Quadratic work grows about 64-fold; 30 leaves room for a 48 kB page's cache effects.
			if (ratio > 30) slow.push(`${JSON.stringify(line)} ${layout}: ${ratio.toFixed(0)}×`);
		}
	return slow;
}
