import { toolNamed } from '../../tools/index.ts';
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { pagesChangedSince } from '../../checks/changed-since.ts';
import { resolvePageHeader } from '../../markdown/page-meta.ts';
import { mdbookChapterHref } from '../../tools/mdbook/links.ts';
import { rewriteHref } from '../../markdown/link-target.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { siteFilesOf } from '../../tree/site-files.ts';
import { commitAt, initRepository } from '../helpers/dated-commits.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// mdBook publishes `a/b.md` as `a/b.html` and a folder's README.md or index.md as its index.html,
// and books link chapters by those names (the corpus: 20 of synapse's links). Generated: a book of
// chapters at random depths, every chapter linked from random chapters by its published name, with
// and without a heading's anchor. With `book.toml` each link must reach the chapter in the checks
// and on the site exactly as its `.md` name does; without it (a GitHub tree), each is a dead link.

const segments = ['ops', 'backup', 'x y', 'v1.2', 'Émile', 'deep'];

interface Book {
	files: Record<string, string>;
	/** Each link as written (`….html`), the chapter's own `.md` href from the same page, and the page. */
	links: Array<{ from: string; html: string; md: string }>;
}

function generateBook(seed: number): Book {
	const random = seededRandom(seed);
	const chapters = new Set<string>(['README.md']);
	while (chapters.size < 40) {
		const folder = Array.from({ length: pick(random, 4) }, () => pickItem(random, segments));
		// No file named like a folder (`x y.md` beside `x y/`): both are one route on the site.
		const name = pickItem(random, [
			'README',
			'readme',
			'index',
			'restore',
			'failover',
			'rotate keys',
		]);
		const path = [...folder, `${name}.md`].join('/');
		// mdBook turns README.md (any case) into index.html: a folder holds one of them, as books do.
		const folderPages = ['README', 'readme', 'index'];
		if (
			folderPages.includes(name) &&
			folderPages.some((other) => chapters.has([...folder, `${other}.md`].join('/')))
		)
			continue;
		chapters.add(path);
	}
	const list = [...chapters];
	const links: Book['links'] = [];
	const bodies = new Map<string, string[]>(list.map((path) => [path, []]));
	for (const target of list) {
		for (let n = 0; n < 2; n++) {
			const from = pickItem(random, list);
			const relative = relativePath(from, target);
			const stem = relative.replace(/\.md$/, '');
			const folderPage = /(?:^|\/)(?:README|readme|index)$/.test(stem);
			const html =
				encode(folderPage ? stem.replace(/(README|readme|index)$/, 'index') : stem) + '.html';
			const hash = random() < 0.5 ? '#steps' : '';
			links.push({ from, html: html + hash, md: encode(relative) + hash });
			bodies.get(from)?.push(`[to ${target}](${html}${hash})`);
		}
	}
	const files: Record<string, string> = {};
	for (const path of list)
		files[`docs/${path}`] = `# ${path}\n\n## Steps\n\n${(bodies.get(path) ?? []).join('\n\n')}\n`;
	return { files, links };
}

function relativePath(from: string, to: string): string {
	const fromParts = from.split('/').slice(0, -1);
	const toParts = to.split('/');
	let shared = 0;
	while (
		shared < fromParts.length &&
		shared < toParts.length - 1 &&
		fromParts[shared] === toParts[shared]
	)
		shared++;
	return [...Array<string>(fromParts.length - shared).fill('..'), ...toParts.slice(shared)].join(
		'/',
	);
}

const encode = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

describe('links to chapters by their published `.html` names (generated books)', () => {
	const book = generateBook(20261125);
	let dir: string;

	beforeAll(async () => {
		dir = await writeFixture({
			...book.files,
			'book.toml': '[book]\ntitle = "Ops book"\nsrc = "docs"\n',
		});
		await promisify(execFile)('git', ['init', '--quiet', dir]);
	});
	afterAll(async () => {
		await removeFixture(dir);
	});

	test('with book.toml: no finding, and each reaches on the site what its `.md` name reaches', async () => {
		const root = join(dir, 'docs');
		const report = await checkTree({ root, config: parseConfig({}), only: ['internal-links'] });
		expect(report.findings.map(formatFinding)).toEqual([]);
		const tree = await loadGuidebookTree(root);
		expect(tree.dialect.name).toBe('mdbook');
		expect(tree.siteName).toBe('Ops book');
		expect(tree.dialect.signals).toContain('`book.toml`');
		const files = siteFilesOf(tree);
		for (const link of book.links) {
			const site = rewriteHref(link.from, link.html, '/', files, {
				...(tree.place && { place: tree.place }),
			});
			expect(site, `${link.html} in ${link.from}`).toBe(
				rewriteHref(link.from, link.md, '/', files, { ...(tree.place && { place: tree.place }) }),
			);
			expect(site).not.toMatch(/\.html/);
		}
		expect(book.links.length).toBe(80);
	});

	test('`check` says the tree is read as an mdBook, and finds nothing', async () => {
		const result = await runCli(['check', '--root', 'docs'], { cwd: dir });
		expect(result.stdout + result.stderr).toContain(
			'Reading docs/ as an mdBook tree (found `book.toml`)',
		);
		expect(result.code, result.stdout).toBe(0);
	});

	test('without book.toml (a GitHub tree), every such link is dead', async () => {
		await rm(join(dir, 'book.toml'));
		try {
			const report = await checkTree({
				root: join(dir, 'docs'),
				config: parseConfig({}),
				only: ['internal-links'],
			});
			expect(report.findings.filter((finding) => finding.severity === 'error')).toHaveLength(
				book.links.length,
			);
		} finally {
			await writeFile(join(dir, 'book.toml'), '[book]\ntitle = "Ops book"\nsrc = "docs"\n');
		}
	});
});

describe('which book.toml makes a tree an mdBook', () => {
	const cases: Array<{
		name: string;
		files: Record<string, string>;
		root: string;
		mdbook: boolean;
		title?: string;
	}> = [
		{
			name: 'src defaults to `src`',
			files: {
				'book.toml': '[book]\ntitle = "Runbooks"\n',
				'src/README.md': '# Top\n\n[a](a.html)\n',
				'src/a.md': '# A\n',
			},
			root: 'src',
			mdbook: true,
			title: 'Runbooks',
		},
		{
			name: 'a book of another folder',
			files: {
				'book.toml': '[book]\nsrc = "guide"\n',
				'docs/README.md': '# Top\n\n[a](a.html)\n',
				'docs/a.md': '# A\n',
			},
			root: 'docs',
			mdbook: false,
		},
		{
			name: 'a root inside the book',
			files: {
				'book.toml': '[book]\nsrc = "docs"\n',
				'docs/ops/README.md': '# Ops\n\n[a](a.html) ·\n',
				'docs/ops/a.md': '# A\n',
				'docs/index.md': '# Top\n',
			},
			root: 'docs/ops',
			mdbook: true,
		},
		{
			name: 'a book.toml that is not TOML (mdBook refuses it too)',
			files: {
				'book.toml': '[book\nsrc = docs\n',
				'docs/README.md': '# Top\n\n[a](a.html)\n',
				'docs/a.md': '# A\n',
			},
			root: 'docs',
			mdbook: false,
		},
	];
	for (const c of cases) {
		test(c.name, async () => {
			const dir = await writeFixture(c.files);
			try {
				await promisify(execFile)('git', ['init', '--quiet', dir]);
				const root = join(dir, c.root);
				const tree = await loadGuidebookTree(root);
				expect(tree.dialect.name === 'mdbook').toBe(c.mdbook);
				if (c.title) expect(tree.siteName).toBe(c.title);
				const report = await checkTree({ root, config: parseConfig({}), only: ['internal-links'] });
				const errors = report.findings.filter((finding) => finding.severity === 'error');
				if (c.mdbook) expect(errors.map(formatFinding)).toEqual([]);
				else expect(errors.length).toBeGreaterThan(0);
			} finally {
				await removeFixture(dir);
			}
		});
	}
});

test('names mdBook never publishes stay as written: `README.html`, `.HTML`, a name no chapter has, a real file', () => {
	const files = {
		pages: new Set(['README.md', 'ops/README.md', 'ops/restore.md']),
		assets: new Set(['ops/report.html']),
	};
	const reach = (href: string) => mdbookChapterHref('README.md', href, files);
	expect(
		[
			'ops/README.html',
			'ops/restore.HTML',
			'ops/Index.html',
			'ops/gone.html',
			'ops/report.html',
			'https://example.invalid/x.html',
			'//cdn.invalid/a.html',
		].map(reach),
	).toEqual([
		'ops/README.html',
		'ops/restore.HTML',
		'ops/Index.html',
		'ops/gone.html',
		'ops/report.html',
		'https://example.invalid/x.html',
		'//cdn.invalid/a.html',
	]);
	expect(
		['ops/index.html?x=1#steps', 'ops/restore.html#steps', './ops/index.html', 'index.html'].map(
			reach,
		),
	).toEqual(['ops/README.md?x=1#steps', 'ops/restore.md#steps', './ops/README.md', 'README.md']);
});

test('front matter relations by `.html` name are the chapters, titled, on the site', () => {
	const titles: Record<string, string> = { 'backup.md': 'Backup', 'ops/readme.md': 'Operations' };
	const input = {
		path: 'ops/restore.md',
		data: { related: ['../backup.html', 'index.html#steps'] },
		meta: undefined,
		base: '/',
		titleOf: (path: string) => titles[path],
	};
	// As the site index gives them: each relation as mdBook reads it.
	const written = toolNamed('mdbook').bind({}).links.written;
	const hrefs = Object.fromEntries(
		input.data.related.map((href) => [
			href,
			written?.(input.path, href, { pages: new Set(Object.keys(titles)), assets: new Set() }) ??
				href,
		]),
	);
	expect(resolvePageHeader({ ...input, hrefs }).related).toEqual([
		{ text: 'Backup', href: '/backup/' },
		{ text: 'Operations', href: '/ops/#steps' },
	]);
	expect(resolvePageHeader(input).related.map((link) => link.text)).toEqual([
		'../backup.html',
		'index.html#steps',
	]);
});

test('`--changed-since`: a page linking a deleted chapter by its `.html` name is judged', async () => {
	const dir = await writeFixture({});
	try {
		await initRepository(dir);
		await commitAt(dir, '2026-11-20', {
			'book.toml': '[book]\nsrc = "docs"\n',
			'docs/README.md': '# Top\n\n[Upgrade](upgrade.html)\n',
			'docs/other.md': '# Other\n\n[Upgrade](upgrade.md)\n',
			'docs/upgrade.md': '# Upgrade\n',
			'docs/calm.md': '# Calm\n',
		});
		await commitAt(dir, '2026-11-21', { 'docs/upgrade.md': null });
		const tree = await loadGuidebookTree(join(dir, 'docs'));
		expect([...(await pagesChangedSince(tree, 'HEAD~1'))].sort()).toEqual([
			'README.md',
			'other.md',
		]);
	} finally {
		await removeFixture(dir);
	}
});
