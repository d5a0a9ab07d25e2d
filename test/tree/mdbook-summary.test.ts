import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { loadGuidebookTree, publishedPages } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// mdBook's sidebar is its `SUMMARY.md`: the chapters in the order it links them, named by the
// link's text; a file it does not link is no chapter (the book has no page for it, and neither
// does the site: it is left out, unchecked, as mdBook leaves it out). Generated books: random
// chapters in random folders, a summary that lists a random part of them in a random order, under
// prefix, part and suffix sections.
const made: string[] = [];
afterAll(async () => Promise.all(made.map(removeFixture)));

const git = promisify(execFile);
const names = ['restore', 'failover', 'rotate keys', 'upgrade', 'workers', 'Émile notes', 'index'];
const folders = ['', 'setup', 'setup/turn', 'ops', 'x y'];

const books = Array.from({ length: 12 }, (_, n) => {
	const random = seededRandom(1000 + n);
	const chapters = new Set<string>();
	while (chapters.size < 10)
		chapters.add(
			[pickItem(random, folders), `${pickItem(random, names)}.md`].filter(Boolean).join('/'),
		);
	const all = [...chapters];
	const listed = all.filter(() => random() < 0.75).sort(() => random() - 0.5);
	const labels = new Map(
		listed.map((path, i) => [
			path,
			`Chapter ${i} ${pickItem(random, ['of the book', '(draft)', 'on *call*'])}`,
		]),
	);
	// mdBook reads `%20` as a space and takes anything else as written.
	const href = (path: string) => (random() < 0.3 ? `./${path}` : path).replaceAll(' ', '%20');
	const lines = ['# Summary', ''];
	listed.forEach((path, i) => {
		const label = labels.get(path) ?? '';
		if (i === 0) lines.push(`[${label}](${href(path)})`, '');
		else if (i === listed.length - 1 && listed.length > 2)
			lines.push('', '---', '', `[${label}](${href(path)})`);
		else {
			if (i % 4 === 1) lines.push('', `# Part ${i}`, '');
			lines.push(`${'  '.repeat(pick(random, 2))}- [${label}](${href(path)})`);
			if (random() < 0.2)
				lines.push(
					`- [A draft chapter]()`,
					`- [Elsewhere](https://example.invalid/${encodeURIComponent(path)})`,
					`- [${label} again](${href(path)})`,
				);
		}
	});
	return { chapters: all, listed, labels, summary: lines.join('\n') + '\n' };
});

test.each(books.map((book, i) => [i + 1, book]))(
	"book %i: the sidebar lists the summary's chapters in its order, by its names, and no other",
	async (_, book) => {
		const dir = await writeFixture({
			'book.toml': '[book]\nsrc = "src"\n',
			'src/SUMMARY.md': book.summary,
			...Object.fromEntries(book.chapters.map((path) => [`src/${path}`, `# ${path}\n`])),
		});
		made.push(dir);
		await git('git', ['init', '--quiet', dir]);
		const tree = await loadGuidebookTree(join(dir, 'src'));
		const listed = [...tree.pages.values()]
			.filter((page) => !page.nav?.hidden)
			.sort((a, b) => (a.nav?.order ?? Infinity) - (b.nav?.order ?? Infinity));
		expect(listed.map((page) => page.path)).toEqual(book.listed);
		// The link's text as Markdown reads it: emphasis is its text.
		expect(listed.map((page) => page.nav?.label)).toEqual(
			book.listed.map((path) => book.labels.get(path)?.replace(/\*(\w+)\*/, '$1')),
		);
		// The summary is the book's table of contents: a page as on the forge, listed in no sidebar.
		expect(tree.pages.get('SUMMARY.md')?.nav?.hidden).toBe(true);
		// Every other file is left out, as mdBook leaves it out; `waymark dev` decides the same.
		const unlisted = book.chapters.filter((path) => !book.listed.includes(path));
		expect([...tree.pages.keys()].sort()).toEqual([...book.listed, 'SUMMARY.md'].sort());
		expect([...tree.excludedPages.keys()].sort()).toEqual(unlisted.sort());
		expect((await publishedPages(join(dir, 'src'), tree.dialect.name)).sort()).toEqual(
			[...book.listed, 'SUMMARY.md'].sort(),
		);
	},
);

test("a root inside the book's `src` keeps its own order: the summary is not its own", async () => {
	const dir = await writeFixture({
		'book.toml': '[book]\nsrc = "src"\n',
		'src/SUMMARY.md': '- [B](ops/b.md)\n',
		'src/ops/a.md': '# A\n',
		'src/ops/b.md': '# B\n',
	});
	made.push(dir);
	await git('git', ['init', '--quiet', dir]);
	const tree = await loadGuidebookTree(join(dir, 'src/ops'));
	expect(tree.dialect.name).toBe('mdbook');
	expect([...tree.pages.values()].map((page) => page.nav?.hidden ?? false)).toEqual([false, false]);
});

test('reads the summary as mdBook does: the first link of an item, reference links, no part title or quote, text without HTML, nothing included', async () => {
	const summary = [
		'# Summary',
		'',
		'[Intro](README.md)',
		'',
		'# [Part one](part.md)',
		'',
		'- [Restore <b>the</b> `db`](restore.md) see also [Other](other.md)',
		'  - [Fail][over]',
		'',
		'> [Quoted](quoted.md)',
		'',
		'- [Draft]()',
		'- {{#include extra.md}}',
		'',
		'[over]: failover.md',
		'',
	].join('\n');
	const pages = [
		'README.md',
		'part.md',
		'restore.md',
		'other.md',
		'failover.md',
		'quoted.md',
		'extra.md',
	];
	const dir = await writeFixture({
		'book.toml': '[book]\nsrc = "src"\n',
		'src/SUMMARY.md': summary,
		'src/extra-list.md': '- [Extra](extra.md)\n',
		...Object.fromEntries(pages.map((path) => [`src/${path}`, `# ${path}\n`])),
	});
	made.push(dir);
	await git('git', ['init', '--quiet', dir]);
	const tree = await loadGuidebookTree(join(dir, 'src'));
	const listed = [...tree.pages.values()]
		.filter((page) => !page.nav?.hidden)
		.sort((a, b) => (a.nav?.order ?? 0) - (b.nav?.order ?? 0));
	expect(listed.map((page) => [page.path, page.nav?.label])).toEqual([
		['README.md', 'Intro'],
		['restore.md', 'Restore the db'],
		['failover.md', 'Fail'],
	]);
});

test.each([
	{ name: 'lists nested ten thousand deep', summary: `${'- '.repeat(10_000)}[Intro](README.md)\n` },
	{
		name: 'emphasis nested in a link',
		summary: `- [${'*_'.repeat(5_000)}Intro${'_*'.repeat(5_000)}](README.md)\n`,
	},
	{ name: 'quotes and lists, line after line', summary: '> - '.repeat(50_000) },
	{ name: 'two hundred thousand items', summary: '- [Intro](README.md)\n'.repeat(200_000) },
])(
	'a hostile summary ($name) never ends the run',
	async ({ summary }) => {
		const dir = await writeFixture({
			'book.toml': '[book]\nsrc = "src"\n',
			'src/SUMMARY.md': summary,
			'src/README.md': '# Intro\n',
		});
		made.push(dir);
		await git('git', ['init', '--quiet', dir]);
		const tree = await loadGuidebookTree(join(dir, 'src'));
		expect(tree.pages.has('README.md')).toBe(true);
	},
	60_000,
);
