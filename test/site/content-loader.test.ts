import { lstat, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { guidebookLoader, type ContentLoaderData } from '../../integration/content-loader.ts';
import { htmlFileName } from '../../integration/page-html-files.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// Astro's side of the loader (store, watcher, renderer) is the I/O boundary; the tree is real.
let dir: string;
const stored = new Map<
	string,
	{ digest?: string; rendered?: { html: string; metadata?: Record<string, unknown> } }
>();
let renders = 0;
let context: LoaderContext;
let data: ContentLoaderData;
const handlers = new Map<string, (file: string) => void>();
const reloaded: string[] = [];

beforeAll(async () => {
	dir = await writeFixture({
		'mkdocs.yml': 'site_name: Ops\ndocs_dir: docs\nexclude_docs: |\n  drafts/\n',
		'docs/index.md': '# Ops\n\n!!! note\n    Body.\n',
		'docs/drafts/idea.md': '# Draft\n',
	});
	const root = join(dir, 'docs');
	const tree = await loadGuidebookTree(root);
	context = {
		store: {
			keys: () => [...stored.keys()],
			values: () => [...stored.values()],
			get: (id: string) => stored.get(id),
			set: (entry: { id: string; digest?: string }) => void stored.set(entry.id, entry),
			delete: (id: string) => void stored.delete(id),
			addModuleImport: () => undefined,
		},
		watcher: {
			add: () => undefined,
			on: (event: string, handler: (file: string) => void) => void handlers.set(event, handler),
		},
		config: { root: pathToFileURL(`${dir}/`) },
		logger: {
			info: (line: string) => void reloaded.push(line),
			warn: (line: string) => void reloaded.push(`warn: ${line}`),
			error: (line: string) => void reloaded.push(`error: ${line}`),
		},
		generateDigest: (text: string) => text,
		parseData: ({ data }: { data: unknown }) => Promise.resolve(data),
		renderMarkdown: () => {
			renders += 1;
			return Promise.resolve({
				html: '<p>page</p>',
				metadata: { headings: [], frontmatter: {}, imagePaths: [] },
			});
		},
	} as unknown as LoaderContext;
	data = {
		root,
		pages: [...tree.pages.keys()],
		dialect: tree.dialect.name,
		notices: {},
		frontmatter: {},
		mdx: 'markdown',
		limits: {},
		parser: 'native',
		html: { dir: join(dir, 'html') },
		linkDigests: {},
		pictureKeys: {},
		pulledKeys: {},
		decoded: {},
		pulledFiles: [],
		pullMarkers: [],
	};
	await guidebookLoader(data).load(context);
});

afterAll(async () => {
	await removeFixture(dir);
});

test('loads the pages of the tree and none the dialect leaves out', () => {
	expect([...stored.keys()]).toEqual(['index.md']);
});

test('in dev, a new page the dialect leaves out stays out while a new page beside it is loaded', async () => {
	await writeFile(join(dir, 'docs/drafts/later.md'), '# Later\n');
	await writeFile(join(dir, 'docs/ops.md'), '# Ops page\n');
	handlers.get('add')?.(join(dir, 'docs/drafts/later.md'));
	handlers.get('add')?.(join(dir, 'docs/ops.md'));
	// vi.waitFor gives up after a second by default: a busy machine takes longer to read two pages.
	await vi.waitFor(() => expect(reloaded).toContain('Reloaded ops.md'), { timeout: 15_000 });
	// An edit of the excluded draft, then of a page: once the page is reloaded, the draft's turn has passed.
	handlers.get('change')?.(join(dir, 'docs/drafts/idea.md'));
	handlers.get('change')?.(join(dir, 'docs/index.md'));
	await vi.waitFor(() => expect(reloaded).toContain('Reloaded index.md'), { timeout: 15_000 });
	expect([...stored.keys()].sort()).toEqual(['index.md', 'ops.md']);
	expect(reloaded.filter((line) => line.includes('drafts/'))).toEqual([]);
});

test('keeps a page body in a file of its own, naming it in the entry, not in the store', async () => {
	const entry = stored.get('index.md');
	expect(entry?.rendered?.html).toBe('');
	expect(entry?.rendered?.metadata?.['waymarkHtmlFile']).toBe(htmlFileName('index.md'));
	expect(await readFile(join(dir, 'html', htmlFileName('index.md')), 'utf8')).toBe('<p>page</p>');
	expect(entry).not.toHaveProperty('body');
});

test('renders an unchanged page again when its file is gone, and removes the files of pages no longer in the tree', async () => {
	await writeFile(join(dir, 'html', htmlFileName('gone.md')), '<p>old</p>');
	const before = renders;
	await guidebookLoader(data).load(context);
	expect(renders).toBe(before); // nothing changed: nothing rendered
	await rm(join(dir, 'html', htmlFileName('index.md')));
	await guidebookLoader(data).load(context);
	expect(renders).toBe(before + 1);
	expect((await readdir(join(dir, 'html'))).sort()).toEqual([htmlFileName('index.md')]);
	expect(reloaded.at(-1)).toBe(
		'warn: The rendered body of index.md from the last build failed its check (deleted): it is rendered again.',
	);
});

// A body whose bytes are not those rendered (cut short, edited, a symbolic link to other bytes) is
// rendered again, never read into its page.
test.each([
	['cut short', (file: string) => writeFile(file, '<p>pa')],
	['edited', (file: string) => writeFile(file, '<p>pagE</p>')],
	[
		'a symbolic link',
		async (file: string) => {
			await writeFile(`${file}.other`, '<p>page</p>');
			await rm(file);
			await symlink(`${file}.other`, file);
		},
	],
])('renders an unchanged page again when its body file is %s', async (_, damage) => {
	const file = join(dir, 'html', htmlFileName('index.md'));
	await guidebookLoader(data).load(context);
	const before = renders;
	await guidebookLoader(data).load(context);
	expect(renders).toBe(before);
	await damage(file);
	await guidebookLoader(data).load(context);
	expect(renders).toBe(before + 1);
	expect(reloaded.at(-1)).toMatch(
		/^warn: The rendered body of index\.md from the last build failed its check \((edited or cut short|a symbolic link)/,
	);
	expect(await readFile(file, 'utf8')).toBe('<p>page</p>');
	expect((await lstat(file)).isSymbolicLink()).toBe(false);
	await rm(`${file}.other`, { force: true });
});
