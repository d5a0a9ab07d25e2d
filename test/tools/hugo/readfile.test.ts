import { expect, test } from 'vitest';
import { expandHugoReadfiles, readfilePaths } from '../../../tools/hugo/readfile.ts';
import { rewriteHugoSource } from '../../../tools/hugo/rewrite.ts';
import { headlessBundles, leafBundleResources } from '../../../tools/hugo/bundles.ts';
import { pastedAt } from '../../../tools/syntax/pasted-lines.ts';
import type { PulledFile } from '../../../tools/syntax/pulled-file.ts';
import type { Reads } from '../../../tools/syntax/recorded-reads.ts';
import type { HugoData } from '../../../tools/hugo/data.ts';
import { pick, pickItem, seededRandom } from '../../helpers/seeded-random.ts';

// A tree at `site/content/docs`, its Hugo site at `site/`.
const places = { site: '../..', content: [{ target: '', folder: '..' }], inContent: 'docs' };

function readsOf(files: Record<string, PulledFile | string>, pageBudget = 4 * 1024 * 1024): Reads {
	return {
		read: (path) => {
			const file = files[path];
			if (file === undefined) return { problem: 'not found' };
			return typeof file === 'string' ? { text: file, file: path } : file;
		},
		pageBudget,
	};
}

test('the path is the page folder in the content, or the path written from `/`, tried in the site folder then the content', () => {
	expect(readfilePaths('ops/restart.md', 'parts/drain.md', places)).toEqual([
		'../../docs/ops/parts/drain.md',
		'../docs/ops/parts/drain.md',
	]);
	expect(readfilePaths('restart.md', '../shared/drain.md', places)).toEqual([
		'../../shared/drain.md',
		'../shared/drain.md',
	]);
	expect(readfilePaths('ops/restart.md', '/includes/drain.md', places)).toEqual([
		'../../includes/drain.md',
		'../includes/drain.md',
	]);
	// A tree that is the content folder itself, its site one folder up.
	expect(
		readfilePaths('restart.md', 'drain.md', {
			site: '..',
			content: [{ target: '', folder: '' }],
			inContent: '',
		}),
	).toEqual(['../drain.md', 'drain.md']);
	// Docsy's own layout: `content/en` mounted onto `content`, a second folder onto `content/shared`, the tree at `content/en/plugins`.
	const mounted = {
		site: '../../..',
		content: [
			{ target: '', folder: '..' },
			{ target: 'shared', folder: '../../../vendor/shared' },
		],
		inContent: 'plugins',
	};
	expect(readfilePaths('a/b.md', '/includes/x.md', mounted)).toEqual([
		'../../../includes/x.md',
		'../includes/x.md',
	]);
	expect(readfilePaths('a/b.md', '/shared/x.md', mounted)).toEqual([
		'../../../shared/x.md',
		'../../../vendor/shared/x.md',
		'../shared/x.md',
	]);
});

test("a file the site folder holds wins over the content folder, and the pasted lines are the file's", () => {
	const reads = readsOf({
		'../../includes/drain.md': 'From the site folder.\n',
		'../includes/drain.md': 'From the content.\n',
	});
	const out = expandHugoReadfiles(
		'# Restart\n\n{{< readfile "/includes/drain.md" >}}\n',
		'restart.md',
		{ reads, places },
	);
	expect(out?.text).toBe('# Restart\n\nFrom the site folder.\n');
	expect(out?.notes).toEqual([]);
	expect(out?.pasted?.[2]).toEqual({
		file: '../../includes/drain.md',
		line: 1,
		text: 'From the site folder.',
	});
});

test('`code="true"` pastes a code block in `lang`, fenced past any backticks in the file', () => {
	const reads = readsOf({ '../docs/restart.sh': 'echo ```\nsystemctl restart hub\n' });
	const out = expandHugoReadfiles(
		'{{< readfile file="restart.sh" code="true" lang="bash" >}}\n',
		'restart.md',
		{ reads, places },
	);
	expect(out?.text).toBe('````bash\necho ```\nsystemctl restart hub\n````\n');
	expect(out?.origins).toEqual([1, 1, 1, 1, 2]);
});

test('a file no place holds is an error at the shortcode, a secret is an error, and each shows a notice', () => {
	const reads = readsOf({
		'../docs/key.md': { problem: 'a file that holds a private key' },
	});
	const out = expandHugoReadfiles(
		'Intro.\n\nSee {{< readfile "gone.md" >}} and\n{{< readfile "key.md" >}}\n',
		'restart.md',
		{ reads, places },
	);
	expect(out?.text).toBe(
		'Intro.\n\nSee *(File “gone.md” is not shown here)* and\n*(File “key.md” is not shown here)*\n',
	);
	expect(out?.notes.map((note) => [note.line, note.column, note.severity])).toEqual([
		[3, 5, 'error'],
		[4, 1, 'error'],
	]);
	expect(out?.notes[0]?.message).toContain(
		'no file at `../../docs/gone.md` or `../docs/gone.md`, expected one there',
	);
	expect(out?.notes[1]?.message).toContain('expected a file that holds no secret');
});

test('past the page budget a file is a notice and a warning; escaped and code-block shortcodes are left alone', () => {
	const reads = readsOf({ '../docs/big.md': 'x'.repeat(100), '../docs/small.md': 'ok' }, 50);
	const text =
		'{{< readfile "big.md" >}}\n{{< readfile "small.md" >}}\n{{</* readfile "small.md" */>}}\n```\n{{< readfile "small.md" >}}\n```\n';
	const out = expandHugoReadfiles(text, 'restart.md', { reads, places });
	expect(out?.text.split('\n').slice(0, 2)).toEqual(['*(File “big.md” is not shown here)*', 'ok']);
	expect(out?.text.split('\n').slice(2).join('\n')).toBe(text.split('\n').slice(2).join('\n'));
	expect(out?.notes.map((note) => note.severity)).toEqual(['warning']);
});

test('through the whole rewrite: a page pastes, its own shortcodes are drawn, and what it read is noted', () => {
	const data = {
		headingIds: { kind: 'goldmark' },
		links: { style: 'url' },
		definitionLists: true,
		readfile: { places },
	} as unknown as HugoData;
	const reads = readsOf({
		'../docs/parts/drain.md': '{{< hint warning >}}\nDrain first.\n{{< /hint >}}\n',
	});
	const out = rewriteHugoSource(
		'# Restart\n\n{{< readfile file="parts/drain.md" >}}\n\nDone.\n',
		{ path: 'restart.md', pages: new Set(['restart.md']) },
		data,
		reads,
	);
	expect(out.text).toBe('# Restart\n\n:::warning\nDrain first.\n:::\n\nDone.\n');
	expect(out.pulled).toEqual(['../docs/parts/drain.md']);
	expect(out.origins).toEqual([1, 2, 3, 3, 3, 4, 5, 6]);
	expect(pastedAt(4, out.pasted)).toEqual({ file: '../docs/parts/drain.md', line: 2, shift: 0 });
});

// Generated: pages whose lines are their own or a `readfile` of one of a few files (any of the
// shortcode's spellings, alone, indented, in a list item or a quote), the files with LF or CRLF
// line ends, ending in a newline or not. Every pasted line is its file's line behind the
// container's marks, placed at that line, and every own line is the page's.
test("generated pages: every pasted line is its file's line, every line its page line", () => {
	for (let seed = 1; seed <= 200; seed++) {
		const random = seededRandom(seed);
		const files: Record<string, string> = {};
		const fileLines: Record<string, string[]> = {};
		for (let f = 0; f < 4; f++) {
			const name = `../docs/parts/f${f}.md`;
			fileLines[name] = Array.from(
				{ length: 1 + pick(random, 6) },
				(_, n) => `f${f} line ${n + 1}`,
			);
			const end = pickItem(random, ['\n', '\r\n']);
			files[name] = fileLines[name].join(end) + (random() < 0.5 ? end : '');
		}
		const pageLines: string[] = [];
		const expected: Array<
			{ own: number } | { file: string; line: number; shown: string; placed: boolean }
		> = [];
		for (let n = 0; n < 1 + pick(random, 12); n++) {
			if (random() < 0.6) {
				pageLines.push(`own ${n}`);
				expected.push({ own: pageLines.length });
				continue;
			}
			const f = pick(random, 4);
			const [marker, rest] = pickItem(random, [
				['', ''],
				['  ', '  '],
				['- ', '  '],
				['10. ', '    '],
				['> ', '> '],
			] as const);
			const call = pickItem(random, [
				`{{< readfile file="parts/f${f}.md" >}}`,
				`{{% readfile "parts/f${f}.md" %}}`,
				`{{<readfile file="parts/f${f}.md" markdown="true">}}`,
			]);
			pageLines.push(marker + call);
			const file = `../docs/parts/f${f}.md`;
			// A first line behind a list marker or a quote's `>` shares its line with the page's text: the page's line.
			fileLines[file]!.forEach((text, i) =>
				expected.push({
					file,
					line: i + 1,
					shown: (i === 0 ? marker : rest) + text,
					placed: i > 0 || marker.trim() === '',
				}),
			);
		}
		const out = expandHugoReadfiles(pageLines.join('\n'), 'restart.md', {
			reads: readsOf(files),
			places,
		});
		if (!out) {
			expect(expected.every((line) => 'own' in line)).toBe(true);
			continue;
		}
		const lines = out.text.split('\n');
		expect(lines).toHaveLength(expected.length);
		expected.forEach((want, i) => {
			const place = out.pasted?.[i];
			if ('own' in want) {
				expect(place).toBeUndefined();
				expect(lines[i]).toBe(pageLines[want.own - 1]);
				expect(out.origins[i]).toBe(want.own);
			} else {
				if (want.placed) expect(place).toMatchObject({ file: want.file, line: want.line });
				else expect(place).toBeUndefined();
				expect(lines[i]).toBe(want.shown);
			}
		});
	}
});

test("a leaf bundle's other files are its resources, a bundle inside one too; the root's own index is no bundle", () => {
	expect(
		leafBundleResources([
			'index.md',
			'guide.md',
			'ops/_index.md',
			'ops/restart/index.md',
			'ops/restart/drain.md',
			'ops/restart/more/index.md',
			'ops/restart/more/notes.md',
			'ops/upgrade.md',
			// A folder with both is a section: its `index.md` is one of its pages.
			'db/_index.md',
			'db/index.md',
			'db/failover.md',
		]).map((group) => group.paths),
	).toEqual([['ops/restart/drain.md', 'ops/restart/more/index.md', 'ops/restart/more/notes.md']]);
	const page = (path: string, headless: unknown) =>
		({ path, route: '', frontmatter: { data: { headless } } }) as never;
	expect(
		headlessBundles([
			page('includes/index.md', true),
			page('ops/index.md', 'true'),
			page('x/_index.md', true),
			page('y/index.md', false),
			page('t/index.md', 't'),
		]).paths,
	).toEqual(['includes/index.md', 'ops/index.md', 't/index.md']);
	// Hugo's current spelling of the same: `build` (or `_build`) with `render: never`.
	const built = (path: string, build: unknown) =>
		({ path, route: '', frontmatter: { data: { _build: build } } }) as never;
	expect(
		headlessBundles([
			built('a/index.md', { render: 'never' }),
			built('b/index.md', { render: false }),
			built('c/index.md', { render: 'always' }),
		]).paths,
	).toEqual(['a/index.md', 'b/index.md']);
});

test('a `readfile` indented in a list item pastes every line at its indent, so the code stays in the item', () => {
	const reads = readsOf({ '../docs/agent.yaml': 'kind: Service\nspec:\n  port: 8080\n' });
	const out = expandHugoReadfiles(
		'1. Apply it:\n\n   {{< readfile file="agent.yaml" code="true" lang="yaml" >}}\n',
		'restart.md',
		{ reads, places },
	);
	expect(out?.text).toBe(
		'1. Apply it:\n\n   ```yaml\n   kind: Service\n   spec:\n     port: 8080\n   ```\n',
	);
	expect(out?.pasted?.[5]).toEqual({ file: '../docs/agent.yaml', line: 3, text: '  port: 8080' });
});

test('a paste stays in the list item or quote it stands in, and a fence the file leaves open ends with it', () => {
	const reads = readsOf({
		'../docs/steps.md': 'Drain the node.\n\nThen restart it.\n',
		'../docs/open.md': '```sh\nsystemctl restart hub\n',
	});
	const expand = (text: string) => expandHugoReadfiles(text, 'restart.md', { reads, places })?.text;
	expect(expand('- {{< readfile "steps.md" >}}\n')).toBe(
		'- Drain the node.\n\n  Then restart it.\n',
	);
	expect(expand('1. {{% readfile "steps.md" %}}\n')).toBe(
		'1. Drain the node.\n\n   Then restart it.\n',
	);
	expect(expand('> {{< readfile "steps.md" >}}\n')).toBe(
		'> Drain the node.\n> \n> Then restart it.\n',
	);
	expect(expand('{{< readfile "open.md" >}}\n\n# After\n')).toBe(
		'```sh\nsystemctl restart hub\n```\n\n# After\n',
	);
});

test("a pasted file pastes its own files from the page's folder, as Hugo renders it; one that pastes itself is a notice", () => {
	const reads = readsOf({
		'../docs/outer.md': 'Outer.\n{{< readfile "inner.md" >}}\n',
		'../docs/inner.md': 'Inner [link](gone.md).\n',
		'../docs/loop.md': 'Loop.\n{{< readfile "loop.md" >}}\n',
	});
	const outer = expandHugoReadfiles('{{< readfile "outer.md" >}}\n', 'restart.md', {
		reads,
		places,
	});
	expect(outer?.text).toBe('Outer.\nInner [link](gone.md).\n');
	expect(outer?.pasted?.slice(0, 2)).toEqual([
		{ file: '../docs/outer.md', line: 1, text: 'Outer.' },
		{ file: '../docs/inner.md', line: 1, text: 'Inner [link](gone.md).' },
	]);
	const loop = expandHugoReadfiles('{{< readfile "loop.md" >}}\n', 'restart.md', {
		reads,
		places,
	});
	expect(loop?.text).toBe('Loop.\n*(File “loop.md” is not shown here)*\n');
	expect(loop?.notes.map((note) => [note.line, note.message])).toEqual([
		[1, expect.stringContaining('a file that pastes itself')],
	]);
});
