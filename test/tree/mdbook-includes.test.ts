import '../helpers/load-tools.ts';
import { posix } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
	expandMdbookLinks,
	includesFiles,
	mdbookInputsFromRecord,
	type MdbookRecorded,
} from '../../tools/mdbook/includes.ts';
import { growthRatio } from '../helpers/growth.ts';
import { rewriteAs } from '../helpers/tool-reading.ts';
import { sourceColumnOf, sourceLineOf } from '../../tools/syntax/line-origins.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// mdBook's `links` preprocessor replaces `{{#include file}}` before the chapter is read as Markdown,
// in code as in prose (synapse's sample configs are `{{#include}}`d inside ```yaml blocks).

const recorded = (
	files: Record<string, string | { problem: string }>,
	pageBudget = 4 * 1024 * 1024,
): MdbookRecorded => ({
	pageBudget,
	files: Object.fromEntries(
		Object.entries(files).map(([path, value]) => [
			path,
			typeof value === 'string' ? { text: value, file: path } : value,
		]),
	),
});
const expand = (
	text: string,
	files: Record<string, string | { problem: string }>,
	page = 'page.md',
) => expandMdbookLinks(text, page, mdbookInputsFromRecord(recorded(files)));

describe('line ranges and anchors (generated)', () => {
	// mdBook's documented meaning, written apart from the code: lines counted from 1, both ends
	// included; `:N` is line N alone, `:A:` from A to the end, `::B` from the first to B; 0 reads as 1.
	const documented = (
		lines: string[],
		from: number | undefined,
		to: number | undefined | 'end',
	) => {
		const first = Math.max(1, from ?? 1);
		const last = to === 'end' ? lines.length : to === undefined ? first : to;
		return lines.filter((_, i) => i + 1 >= first && i + 1 <= last);
	};
	const random = seededRandom(20261126);
	const cases = Array.from({ length: 200 }, () => {
		const lines = Array.from({ length: 1 + pick(random, 12) }, (_, i) => `line ${i + 1}`);
		const from = random() < 0.25 ? undefined : pick(random, 15);
		const to =
			random() < 0.3
				? ('end' as const)
				: random() < 0.2 && from !== undefined
					? undefined
					: pick(random, 15);
		const spec =
			from === undefined && to === undefined
				? ''
				: `:${from ?? ''}${to === undefined ? '' : `:${to === 'end' ? '' : to}`}`;
		return {
			lines,
			from: from === undefined && to === undefined ? 1 : from,
			to: from === undefined && to === undefined ? ('end' as const) : to,
			spec,
			trailing: random() < 0.5,
		};
	});

	test.each(cases.map((c, i) => [i + 1, c]))('case %i: includes the documented lines', (_, c) => {
		const out = expand(`{{#include lines.txt${c.spec}}}`, {
			'lines.txt': c.lines.join('\n') + (c.trailing ? '\n' : ''),
		});
		expect(out.text, c.spec).toBe(documented(c.lines, c.from, c.to).join('\n'));
	});

	test('takes the lines between `ANCHOR:` and `ANCHOR_END:`, other anchors left out, whatever comes before the marker', () => {
		const file =
			'use std::io;\n// ANCHOR: main\nfn main() {\n    # ANCHOR: inner\n    run();\n    # ANCHOR_END: inner\n}\n// ANCHOR_END: main\n';
		expect(expand('{{#include main.rs:main}}', { 'main.rs': file }).text).toBe(
			'fn main() {\n    run();\n}',
		);
		expect(expand('{{#include main.rs:inner}}', { 'main.rs': file }).text).toBe('    run();');
		const missing = expand('x {{#include main.rs:nope}}', { 'main.rs': file });
		expect(missing.text).toBe('x ');
		expect(missing.notes).toEqual([
			{
				line: 1,
				column: 3,
				severity: 'warning',
				message:
					'Unexpected `{{#include main.rs:nope}}`, expected a line `ANCHOR: nope` in `main.rs`: nothing is included, as on the book',
				atInclude: true,
			},
		]);
	});

	test('`rustdoc_include` shows every section of its anchor; anchors are named as Rust reads a word', () => {
		const file =
			'// ANCHOR: x\none();\n// ANCHOR_END: x\nskip();\n// ANCHOR: x\ntwo();\n// ANCHOR_END: x\n// ANCHOR: cafe\u0301\ncafé();\n// ANCHOR_END: cafe\u0301\n';
		expect(expand('{{#rustdoc_include a.rs:x}}|{{#include a.rs:x}}', { 'a.rs': file }).text).toBe(
			'one();\ntwo();|one();',
		);
		expect(expand('{{#include a.rs:cafe\u0301}}', { 'a.rs': file }).text).toBe('café();');
	});

	test('spaces as Rust reads them, as many as there are', () => {
		const files = { 'a.txt': 'A' };
		expect(expand(`{{${' '.repeat(300)}#include a.txt}}`, files).text).toBe('A');
		expect(expand('{{#include\u0085a.txt}} {{#include\uFEFFa.txt}}', files).text).toBe(
			'A {{#include\uFEFFa.txt}}',
		);
	});

	test('one note per link and reason, however many copies the includes made', () => {
		const out = expand('{{#include a.txt}}', {
			'a.txt': `{{#include a.txt}}{{#include a.txt}}${'{{#include missing.txt}}'.repeat(20)}`,
		});
		expect(out.notes.map((note) => note.message.slice(0, 40)).sort()).toEqual([
			'Unexpected `{{#include a.txt}}` more tha',
			'Unexpected `{{#include missing.txt}}`: n',
		]);
	});

	test('`rustdoc_include` shows the lines the book shows; `playground` is a Rust block', () => {
		const file = 'use a;\n// ANCHOR: body\nrun();\n// ANCHOR_END: body\n';
		expect(
			expand('{{#rustdoc_include main.rs:body}}|{{#rustdoc_include main.rs:3}}', {
				'main.rs': file,
			}).text,
		).toBe('run();|run();');
		expect(
			expand('{{#playground main.rs editable ignore}}', { 'main.rs': 'fn main() {}' }).text,
		).toBe('```rust,editable,ignore\nfn main() {}\n```\n');
		expect(expand('{{#playpen main.rs}}', { 'main.rs': 'fn main() {}\n' }).text).toBe(
			'```rust\nfn main() {}\n```\n',
		);
	});
});

describe('links as the preprocessor finds them', () => {
	test('an escaped link loses its backslash, to the last `}}` of its line; a title goes; other kinds and broken links stay', () => {
		const files = { 'a.txt': 'A' };
		expect(
			expand('\\{{#include a.txt}} and {{#include a.txt}}\n{{#include a.txt}}', files).text,
		).toBe('{{#include a.txt}} and {{#include a.txt}}\nA');
		expect(expand('{{#title Database failover}}# Failover', files).text).toBe('# Failover');
		// `\s+([^}]+)`: the spaces give one back to an otherwise empty title.
		expect(expand('{{#title  }}x {{#title }}y', files).text).toBe('x {{#title }}y');
		expect(
			expand('{{#if draft}} {{ #include a.txt }} {{#include a.txt} {{#include   }}', files).text,
		).toBe('{{#if draft}} A {{#include a.txt} {{#include   }}');
		expect(expand('{{{#include a.txt}}}', files).text).toBe('{A}');
		expect(expand('{{#include\na.txt}}', files).text).toBe('A');
	});

	test('`{{#title}}` names the tab: the last one read wins, in an included file too; a blank one, or an escaped one, names nothing', () => {
		const files = { 'intro.md': 'Intro {{#title From the include}}', 'plain.md': 'Plain' };
		expect(expand('{{#title Database failover}}# Failover', files).title).toBe('Database failover');
		expect(expand('{{#title First}} {{#include intro.md}}', files).title).toBe('From the include');
		expect(expand('{{#include intro.md}} {{#title Last}}', files).title).toBe('Last');
		expect(expand('{{#title   Spaced out  }}', files).title).toBe('Spaced out');
		expect(expand('{{#title Kept}} {{#title  }}', files).title).toBe('Kept');
		for (const text of [
			'# Failover',
			'\\{{#title Escaped}}',
			'{{#include plain.md}}',
			'{{#title  }}',
		])
			expect(expand(text, files).title).toBeUndefined();
	});

	test('a file that cannot be shown leaves the link as written, with a note at its line and column', () => {
		const out = expand(
			'# Restore\n\n```yaml\n  {{#include secrets/.env}}\n```\n\nThen {{#include nested.md}}.\n',
			{
				'secrets/.env': {
					problem: 'a file that holds environment variables (`.env`), which Waymark never shows',
				},
				'nested.md': 'see {{#include ../../out.txt}}',
			},
		);
		expect(out.text).toBe(
			'# Restore\n\n```yaml\n  {{#include secrets/.env}}\n```\n\nThen see {{#include ../../out.txt}}.\n',
		);
		expect(out.notes.map((note) => `${note.line}:${note.column} ${note.message}`)).toEqual([
			'4:3 Unexpected `{{#include secrets/.env}}`: a file that holds environment variables (`.env`), which Waymark never shows; expected a file that holds no secret: mdBook would publish it, so remove the reference or pull in a copy without the secret. Waymark shows the link as written',
			'7:6 Unexpected `{{#include ../../out.txt}}`: not found; expected a file inside the root. It is shown as written, as on the book',
		]);
	});

	test('the rewrite reads the page with its files in, and findings on included lines go to the link', () => {
		const page = parsePage(
			'ops/restore.md',
			'# Restore\n\n```yaml\n{{#include ../samples/app.yaml}}\n```\n\n{{#include steps.md}}\n\n[Next](next.md)\n',
			{
				dialect: 'mdbook',
				inputs: mdbookInputsFromRecord(
					recorded({
						'samples/app.yaml': 'port: 8008\nworkers: 4',
						'ops/steps.md': '## Steps\n\n1. Stop [the service](../service.md).',
					}),
				),
			},
		);
		expect(page.codeBlocks.map((block) => block.value)).toEqual(['port: 8008\nworkers: 4']);
		expect(page.headings.map((heading) => heading.text)).toEqual(['Restore', 'Steps']);
		expect(
			page.links.map(
				(link) => `${link.url}@${page.sourceLines?.[link.position.line - 1] ?? link.position.line}`,
			),
		).toEqual(['../service.md@7', 'next.md@9']);
		expect(page.pulled).toEqual(['ops/steps.md', 'samples/app.yaml']);
	});

	test("a page that includes a file is told from one that only has braces (a chart's `{{ .Values }}`)", () => {
		expect(
			[
				'{{ .Values.image }}',
				'{{#title Ops}}',
				'\\{{#include a.md}}',
				'{{#if x}}',
				'{{#include   }}',
				'{{#include a.md}}',
				'{{ #rustdoc_include a.rs:2 }}',
				'{{#playpen a.rs}}',
			].map(includesFiles),
		).toEqual([false, false, false, false, false, true, true, true]);
	});

	test('without mdBook, nothing is replaced', () => {
		expect(
			rewriteAs('{{#include a.txt}}', { dialect: 'github', path: 'p.md', pages: new Set() }).text,
		).toBe('{{#include a.txt}}');
	});

	test('finds links in time linear in the text', () => {
		for (const unit of [
			'{{#include a ',
			'\\{{#',
			'\\{{#\n',
			'\\{{#x}\n',
			'{{ ',
			'{{#include a}',
			'{',
			'{{#x\n',
			'{{   ',
		]) {
			// CPU time, fastest of several tries (`growthRatio`): a wall clock took a GC pause or
			// another process's turn for quadratic time (a flake in CI). 20 times the text: linear
			// work about 20 times the time, quadratic about 400.
			const growth = growthRatio((n) => expand(unit.repeat(n / unit.length), {}), 20_000, 400_000);
			expect(growth, unit).toBeLessThan(40);
		}
	});
});

describe('books whose files include each other (generated)', () => {
	// Files in random folders include random others by relative paths, cycles and all. The model,
	// written from mdBook's documentation: a link reads its file from the including file's folder;
	// links ten files deep are left out.
	const folders = ['', 'ops', 'ops/db', 'shared', 'shared/snippets'];
	const model = (files: Map<string, string[]>, path: string, depth: number): string[] =>
		(files.get(path) ?? []).flatMap((line) => {
			const target = /^\{\{#include (.+)\}\}$/.exec(line)?.[1];
			if (target === undefined) return [line];
			const inner =
				depth >= 10 ? [] : model(files, posix.join(posix.dirname(path), target), depth + 1);
			// A link replaced by nothing leaves its line, empty.
			return inner.length > 0 ? inner : [''];
		});

	const random = seededRandom(7);
	const books = Array.from({ length: 30 }, () => {
		const paths = Array.from({ length: 2 + pick(random, 6) }, (_, i) =>
			posix.join(pickItem(random, folders), `part${i}.md`),
		);
		const files = new Map<string, string[]>();
		for (const path of paths) {
			const lines = Array.from({ length: 1 + pick(random, 3) }, (_, i) => `${path} line ${i + 1}`);
			// Few links per file, so a cycle ten deep stays small.
			if (random() < 0.7)
				lines.splice(
					pick(random, lines.length + 1),
					0,
					`{{#include ${posix.relative(posix.dirname(path), pickItem(random, paths)) || '.'}}}`,
				);
			files.set(path, lines);
		}
		const page = `page${pick(random, 100)}.md`;
		const pageFolder = pickItem(random, folders);
		const pageLines = [
			'# Page',
			...paths
				.filter(() => random() < 0.5)
				.map((path) => `{{#include ${posix.relative(pageFolder, path)}}}`),
			'End.',
		];
		return { files, page: posix.join(pageFolder, page), pageLines };
	});

	test.each(books.map((book, i) => [i + 1, book]))(
		'book %i: every file in where the book puts it, each line from its link',
		(_, book) => {
			const texts = Object.fromEntries(
				[...book.files].map(([path, lines]) => [path, lines.join('\n') + '\n']),
			);
			const out = expand(book.pageLines.join('\n'), texts, book.page);
			const expected = book.pageLines.flatMap((line, i) => {
				const target = /^\{\{#include (.+)\}\}$/.exec(line)?.[1];
				const lines =
					target === undefined
						? [line]
						: model(book.files, posix.join(posix.dirname(book.page), target), 1);
				// A link that includes nothing leaves its line, empty.
				return (lines.length > 0 ? lines : ['']).map((text) => ({ text, origin: i + 1 }));
			});
			expect(out.text.split('\n')).toEqual(expected.map((line) => line.text));
			expect(out.origins).toEqual(expected.map((line) => line.origin));
		},
	);
});

describe('positions on a page with files included (generated)', () => {
	// Lines of prose, each with text before and after any number of links, and links of its own;
	// the included files hold links too, and some are missing. A link the page wrote is found at its
	// own line and column; one an included file holds, and the note on a missing file, at the include's.
	const random = seededRandom(41);
	const cases = Array.from({ length: 60 }, (_, n) => {
		const files: Record<string, string> = {};
		const expected: Array<{ url: string; line: number; column: number }> = [];
		const lines: string[] = [];
		for (let l = 0; l < 1 + pick(random, 5); l++) {
			let line = pickItem(random, ['', 'Run ', '- Then ', '1. Check ']);
			for (let k = 0; k < 1 + pick(random, 3); k++) {
				const choice = random();
				if (choice < 0.2) {
					// A file that is not there: its note at the link.
					const url = `missing-${n}-${l}-${k}.md`;
					expected.push({ url: `note:${url}`, line: l + 1, column: line.length + 1 });
					line += `{{#include ${url}}} `;
				} else if (choice < 0.6) {
					const url = `own-${n}-${l}-${k}.md`;
					expected.push({ url, line: l + 1, column: line.length + 1 });
					line += `[own](${url}) `;
				} else {
					const file = `part-${n}-${l}-${k}.md`;
					const url = `in-${file}`;
					const inner = Array.from({ length: pick(random, 3) }, (_, i) => `line ${i}`);
					inner.splice(pick(random, inner.length + 1), 0, `see [it](${url}) here`);
					files[file] = inner.join(random() < 0.5 ? '\n' : '\n\n') + (random() < 0.5 ? '\n' : '');
					expected.push({ url, line: l + 1, column: line.length + 1 });
					line += `{{#include ${file}}} `;
				}
				line += pickItem(random, ['and ', '', 'or then ']);
			}
			lines.push(line);
		}
		return {
			text: lines.join('\n\n'),
			files,
			expected: expected.map((e) => ({ ...e, line: 2 * e.line - 1 })),
		};
	});

	test.each(cases.map((c, i) => [i + 1, c]))(
		'page %i: every link and note where the file has it',
		(_, c) => {
			const page = parsePage('page.md', c.text, {
				dialect: 'mdbook',
				inputs: mdbookInputsFromRecord(recorded(c.files)),
			});
			const found = [
				...page.links.map((link) => ({ url: link.url, position: link.position })),
				...page.dialectNotes.map((note) => ({
					url: `note:${/`\{\{#include ([^}]+)\}\}`/.exec(note.message)?.[1] ?? ''}`,
					position: note,
				})),
			].map(({ url, position }) => ({
				url,
				line: sourceLineOf(position.line, page.sourceLines),
				column: sourceColumnOf(position, page.sourceColumns),
			}));
			expect(found.sort((a, b) => a.url.localeCompare(b.url))).toEqual(
				[...c.expected].sort((a, b) => a.url.localeCompare(b.url)),
			);
		},
	);
});
