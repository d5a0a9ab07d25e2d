import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { MystContext } from '../../../tools/myst/context.ts';
import { includeState, maxIncludeDepth } from '../../../tools/myst/include-directive.ts';
import { includedPath, mystIncludeRun, type MystIncludes } from '../../../tools/myst/includes.ts';
import { rewriteMyst } from '../../../tools/myst/rewrite.ts';
import { sourceLineOf } from '../../../tools/syntax/line-origins.ts';
import { createPuller } from '../../../tree/pull-file.ts';

const pages = new Set(['guide/page.md']);
const context = (engine: 'mystmd' | 'sphinx' = 'sphinx'): MystContext => ({
	engine,
	labels: {},
	titles: {},
	substitutions: {},
});

/** Reads from `files` (paths from the root); anything else is missing. */
function reads(files: Record<string, string>, pageBudget?: number): MystIncludes {
	return {
		include: (path) =>
			Object.hasOwn(files, path)
				? { text: files[path]!, file: path }
				: { problem: 'not found', tried: [path] },
		...(pageBudget !== undefined && { pageBudget }),
	};
}

function rewrite(
	text: string,
	files: Record<string, string>,
	{
		engine = 'sphinx',
		budget,
		rootPath,
	}: { engine?: 'mystmd' | 'sphinx'; budget?: number; rootPath?: string } = {},
) {
	const path = 'guide/page.md';
	return rewriteMyst(
		text,
		{ path, pages },
		context(engine),
		undefined,
		includeState(path, reads(files, budget), rootPath),
	);
}

describe('{include} pastes the file in as MyST', () => {
	test('an included {note} is a callout; both fence forms; the path is relative to the page', () => {
		const files = { 'guide/parts/note.md': 'Before.\n\n```{note}\nDrain first.\n```\n' };
		for (const page of ['```{include} parts/note.md\n```', ':::{include} parts/note.md\n:::']) {
			const out = rewrite(`# Page\n\n${page}\n\nAfter.`, files);
			expect(out.text).toContain(':::note\nDrain first.\n:::');
			expect(out.text).toContain('Before.');
			expect(out.text).not.toContain('{include}');
			expect(out.text).toMatch(/After\.$/);
			expect(out.notes).toEqual([]);
		}
	});
	test('a path from `/` starts at the project’s source folder', () => {
		expect(includedPath('guide/page.md', '/parts/a.md')).toBe('parts/a.md');
		expect(includedPath('guide/page.md', '../CHANGELOG.md')).toBe('CHANGELOG.md');
		expect(includedPath('page.md', '../CHANGELOG.md')).toBe('../CHANGELOG.md');
		expect(includedPath('guide/page.md', '/docs/a.md', 'docs/')).toBe('a.md');
		expect(includedPath('guide/page.md', '/README.md', 'docs/')).toBe('../README.md');
		const out = rewrite('```{include} /shared/a.md\n```', { 'shared/a.md': 'Shared text.' });
		expect(out.text).toContain('Shared text.');
	});
	test(':start-after: and :end-before: cut the file; :heading-offset: moves its headings down', () => {
		const files = {
			'guide/c.md': '# Changelog\n<!-- start -->\n# 1.0\nFixed.\n<!-- end -->\nOld.',
		};
		const out = rewrite(
			'```{include} c.md\n:start-after: <!-- start -->\n:end-before: <!-- end -->\n:heading-offset: 1\n```',
			files,
		);
		expect(out.text).toContain('## 1.0\nFixed.');
		expect(out.text).not.toContain('Changelog');
		expect(out.text).not.toContain('Old.');
	});
	test(':literal: and :code: show the file as code; literalinclude with :language: and :lines:', () => {
		const files = { 'guide/run.sh': '#!/bin/sh\necho one\necho two\n' };
		expect(rewrite('```{include} run.sh\n:literal:\n```', files).text).toContain(
			'```\n#!/bin/sh\necho one\necho two\n```',
		);
		expect(rewrite('```{include} run.sh\n:code: bash\n```', files).text).toContain(
			'```bash\n#!/bin/sh',
		);
		expect(
			rewrite('```{literalinclude} run.sh\n:language: bash\n:lines: 2-3\n```', files).text,
		).toContain('```bash\necho one\necho two\n```');
		// mystmd: a language alone makes it code.
		expect(
			rewrite('```{include} run.sh\n:lang: bash\n```', files, { engine: 'mystmd' }).text,
		).toContain('```bash\n#!/bin/sh');
	});
	test('an included line holding backticks gets a longer fence', () => {
		const out = rewrite('```{literalinclude} a.md\n```', { 'guide/a.md': '```js\nx\n```' });
		expect(out.text).toContain('````\n```js\nx\n```\n````');
	});
	test('inside an indented block the included lines take its indentation', () => {
		const out = rewrite('- Step:\n\n  ```{include} a.md\n  ```', { 'guide/a.md': 'One.\n\nTwo.' });
		expect(out.text).toContain('  One.\n\n  Two.');
	});
});

describe('what cannot be included is a notice and a warning at the directive’s line', () => {
	test('a missing file: the warning names the file and why; the page keeps the rest', () => {
		const out = rewrite('# Page\n\n```{include} ../tmp/hub-table.md\n```\nAfter.', {});
		expect(out.text).toContain('*(Included file “../tmp/hub-table.md” is not shown here)*');
		expect(out.text).toContain('After.');
		expect(out.notes).toHaveLength(1);
		expect(out.notes[0]!.message).toContain(
			'`{include} ../tmp/hub-table.md` (`tmp/hub-table.md`): not found',
		);
		expect(sourceLineOf(out.notes[0]!.line, out.origins)).toBe(3);
	});
	test('a cut whose marker the file lacks (Sphinx: nothing included)', () => {
		const out = rewrite('```{include} a.md\n:start-after: nope\n```', { 'guide/a.md': 'Text.' });
		expect(out.text).not.toContain('Text.');
		expect(out.notes[0]!.message).toContain('holds no `nope`');
	});
	test('a file outside the tree is refused before it is read', () => {
		const top = mkdtempSync(join(tmpdir(), 'myst-include-'));
		const root = join(top, 'docs');
		mkdirSync(join(root, 'guide'), { recursive: true });
		writeFileSync(join(top, 'private.md'), 'Private text.');
		writeFileSync(join(root, 'guide', 'inside.md'), 'Inside text.');
		const { inputs } = mystIncludeRun(root, 1, createPuller(root, new Map()));
		const out = rewriteMyst(
			'```{include} ../../private.md\n```\n```{include} inside.md\n```',
			{ path: 'guide/page.md', pages },
			context(),
			undefined,
			includeState('guide/page.md', inputs),
		);
		expect(out.text).not.toContain('Private text.');
		expect(out.text).toContain('Inside text.');
		expect(out.notes).toHaveLength(1);
		expect(out.notes[0]!.message).toContain('outside the root');
	});
	test('findings in included lines map back to the directive’s line', () => {
		const out = rewrite('# Page\n\nText.\n\n```{include} a.md\n```\n', {
			'guide/a.md': 'One.\n\n```{unknown-plugin}\nBody.\n```\n\n{eval}`x`\n',
		});
		expect(out.notes.length).toBe(2);
		for (const note of out.notes) {
			expect(note.message).toMatch(/^In `guide\/a\.md`: /);
			expect(sourceLineOf(note.line, out.origins)).toBe(5);
		}
		expect(out.text).toContain('Body.');
	});
});

describe('nested includes are bounded', () => {
	test('included files include in turn, from their own folder', () => {
		const out = rewrite('```{include} parts/a.md\n```', {
			'guide/parts/a.md': 'A.\n```{include} ../../shared/b.md\n```',
			'shared/b.md': 'B.',
		});
		expect(out.text).toContain('A.');
		expect(out.text).toContain('B.');
		expect(out.notes).toEqual([]);
	});
	test('a file that includes itself stops at once', () => {
		const out = rewrite('```{include} a.md\n```', { 'guide/a.md': 'A.\n```{include} a.md\n```' });
		expect(out.text.match(/A\./g)).toHaveLength(1);
		expect(out.notes[0]!.message).toContain('includes itself');
	});
	test(`a chain deeper than ${maxIncludeDepth} stops with a warning`, () => {
		const files: Record<string, string> = {};
		for (let n = 0; n < 30; n++)
			files[`guide/${n}.md`] = `Level ${n}.\n\`\`\`{include} ${n + 1}.md\n\`\`\``;
		const out = rewrite('```{include} 0.md\n```', files);
		expect(out.text).toContain(`Level ${maxIncludeDepth - 1}.`);
		expect(out.text).not.toContain(`Level ${maxIncludeDepth + 1}.`);
		expect(out.notes.filter((note) => note.message.includes('includes deep'))).toHaveLength(1);
	});
	test('a file included many times by files included many times stays within the page’s budget', () => {
		const big = 'x'.repeat(1000);
		const files = {
			'guide/a.md': '```{include} b.md\n```\n'.repeat(10),
			'guide/b.md': '```{include} c.md\n```\n'.repeat(10),
			'guide/c.md': big,
		};
		const out = rewrite('```{include} a.md\n```\n'.repeat(10), files, { budget: 20_000 });
		expect(out.text.length).toBeLessThan(30_000);
		expect(out.notes.some((note) => note.message.includes('of included files on one page'))).toBe(
			true,
		);
	});
});

describe('an included file is read on its own', () => {
	test('a block it leaves open closes with it, not with the page', () => {
		const out = rewrite('```{include} a.md\n```\nAfter.', {
			'guide/a.md': '::::{tip}\n```{note}\nInside.\n\n```bash\necho',
		});
		expect(out.text).toMatch(
			/(:{3,})tip\n(:{3,})note\nInside\.\n\n```bash\necho\n```\n\2\n\1\n[\s\S]*After\.$/,
		);
	});
});

describe('callouts around an include', () => {
	test('take more colons than any callout the included file holds', () => {
		const out = rewrite('````{tip}\n```{include} a.md\n```\n````\nAfter.', {
			'guide/a.md': '::::{note}\n:::{warning}\nDeep.\n:::\n::::\n',
		});
		const lines = out.text.split('\n');
		const colons = (kind: string) =>
			/^:*/.exec(lines.find((line) => line.endsWith(kind)) ?? '')![0].length;
		expect(colons('warning')).toBeGreaterThanOrEqual(3);
		expect(colons('note')).toBeGreaterThan(colons('warning'));
		expect(colons('tip')).toBeGreaterThan(colons('note'));
		expect(out.text).toMatch(/After\.$/);
	});
});
