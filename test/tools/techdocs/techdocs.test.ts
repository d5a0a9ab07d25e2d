import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readMkdocsSite } from '../../../tools/mkdocs/config.ts';
import { readEntity, readPortal, techdocsMarkdown } from '../../../tools/techdocs/config.ts';
import { rewritePymdownInline } from '../../../tools/techdocs/inline.ts';
import type { CatalogEntity } from '../../../tools/techdocs/config.ts';
import {
	climbingOut,
	portalHref,
	rewriteSiblingLinks,
	siblingLinks,
	siblingOf,
} from '../../../tools/techdocs/siblings.ts';

const isFile = (file: string) =>
	import('node:fs/promises').then(({ stat }) =>
		stat(file).then(
			(s) => s.isFile(),
			() => false,
		),
	);

describe('the site TechDocs builds', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'techdocs-'));
		await mkdir(join(dir, 'svc/docs'), { recursive: true });
		await writeFile(
			join(dir, 'svc/mkdocs.yml'),
			'site_name: svc docs\nplugins:\n  - techdocs-core\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [snippets]\n      restrict_base_path: false\n',
		);
		await writeFile(join(dir, 'plain.yml'), 'site_name: plain\nplugins:\n  - search\n');
		await writeFile(
			join(dir, 'svc/catalog-info.yaml'),
			[
				'apiVersion: backstage.io/v1alpha1',
				'kind: System',
				'metadata:',
				'  name: platform',
				'---',
				'apiVersion: backstage.io/v1alpha1',
				'kind: Component',
				'metadata:',
				'  name: payments-api',
				'  namespace: money',
				'  title: Payments API',
				'  annotations:',
				'    backstage.io/techdocs-ref: dir:.',
				'',
			].join('\n'),
		);
		await writeFile(
			join(dir, 'app-config.yaml'),
			'app:\n  baseUrl: https://backstage.example.org/\n',
		);
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	test("techdocs-core's extensions are on, the config's own options kept but snippets' base path restricted", async () => {
		const site = await techdocsMarkdown((await readMkdocsSite(join(dir, 'svc/mkdocs.yml')))!);
		expect(site?.markdown).toMatchObject({
			abbr: true,
			attrList: true,
			footnotes: true,
			defList: true,
			tabbed: { combineHeaderSlug: false },
			emoji: { icons: false },
			snippets: { basePaths: [join(dir, 'svc/snippets')], restrictBasePath: true },
		});
	});

	test('an mkdocs.yml without the plugin is no TechDocs site', async () => {
		expect(await techdocsMarkdown((await readMkdocsSite(join(dir, 'plain.yml')))!)).toBeUndefined();
	});

	test('the entity whose techdocs-ref names the folder, its title, kind and namespace', async () => {
		expect(await readEntity(join(dir, 'svc'), dir, isFile)).toEqual({
			name: 'payments-api',
			title: 'Payments API',
			kind: 'component',
			namespace: 'money',
			file: 'svc/catalog-info.yaml',
		});
	});

	test("the portal is the Backstage app's baseUrl", async () => {
		expect(await readPortal(dir, isFile)).toBe('https://backstage.example.org');
	});

	test("links out of docs_dir to another entity of the catalog are that entity's docs; to the repository's files or to nothing known, the repository's", async () => {
		await writeFile(join(dir, 'svc/README.md'), '# svc');
		const texts = new Map([
			[
				'index.md',
				'[a](../ledger/index.md) [b](../README.md) [c](guide.md) `[d](../ledger/x.md)` [f](../nowhere.md)\n\n[e]: ../../auth/docs/runbook.md\n',
			],
		]);
		const found = await siblingLinks(join(dir, 'svc/docs'), texts, own, entities, 'svc/docs/');
		expect(found['index.md']?.map((link) => [link.href, link.entity.name, link.rest])).toEqual([
			['../ledger/index.md', 'ledger', ''],
			['../../auth/docs/runbook.md', 'auth', 'runbook/'],
		]);
	});
});

const own = {
	name: 'payments-api',
	kind: 'component',
	namespace: 'default',
	file: 'svc/catalog-info.yaml',
};
const entities: CatalogEntity[] = [
	{ name: 'payments-api', kind: 'component', namespace: 'default', dir: 'svc' },
	{ name: 'ledger', kind: 'component', namespace: 'default', dir: 'ledger' },
	{ name: 'auth', kind: 'component', namespace: 'default', dir: 'auth' },
];

test('climbingOut: only links that leave the root', () => {
	expect(climbingOut('guide/a.md', '../b.md')).toBeUndefined();
	expect(climbingOut('guide/a.md', '../../other/b.md')).toBe('../other/b.md');
	expect(climbingOut('a.md', 'https://x/../y')).toBeUndefined();
});

test("a sibling's URL in the portal is where the reader serves it", () => {
	const at = (from: string, href: string) =>
		portalHref('https://portal.example', siblingOf(from, href, own, entities, 'svc/docs/')!);
	expect(at('index.md', '../ledger/index.md')).toBe(
		'https://portal.example/docs/default/component/ledger/',
	);
	expect(at('guide/run.md', '../../ledger/ops.md#restart')).toBe(
		'https://portal.example/docs/default/component/ledger/ops/#restart',
	);
	expect(at('guide/run.md', '../../../ledger/docs/ops/index.md')).toBe(
		'https://portal.example/docs/default/component/ledger/ops/',
	);
	expect(siblingOf('index.md', '../nowhere/x.md', own, entities, 'svc/docs/')).toBeUndefined();
});

describe('links to other entities in a page', () => {
	const page = 'See [the ledger](../ledger/index.md).\n\n```\n[x](../ledger/index.md)\n```\n';
	const siblings = [siblingOf('index.md', '../ledger/index.md', own, entities, 'svc/docs/')!];
	test('with a portal: its URL', () => {
		const out = rewriteSiblingLinks({ text: page, notes: [] }, siblings, 'https://p.example');
		expect(out.text).toBe(
			'See [the ledger](https://p.example/docs/default/component/ledger/).\n\n```\n[x](../ledger/index.md)\n```\n',
		);
		expect(out.notes).toEqual([]);
	});
	test('without one: its text, a notice and a warning that says what it is', () => {
		const out = rewriteSiblingLinks({ text: page, notes: [] }, siblings, undefined);
		expect(out.text.split('\n')[0]).toBe(
			'See the ledger *(link to the TechDocs of “ledger” is not shown here)*.',
		);
		expect(out.notes.map((note) => [note.line, note.column, note.severity])).toEqual([
			[1, 5, 'warning'],
		]);
		expect(out.notes[0]?.message).toContain("another entity's TechDocs (`ledger`)");
	});
});

test("pymdown's inline syntax as its HTML, code left alone", () => {
	const out = rewritePymdownInline({
		text: '==mark== ^^ins^^ H~2~O 2^10^ {++add++} {--cut--} (c) -->\n`==code==`\n<!-- a\ncomment -->\n[^1] ~/.bashrc',
		notes: [],
	});
	expect(out.text).toBe(
		'<mark>mark</mark> <ins>ins</ins> H<sub>2</sub>O 2<sup>10</sup> <ins>add</ins> <del>cut</del> © →\n`==code==`\n<!-- a\ncomment -->\n[^1] ~/.bashrc',
	);
});

// A link's URL keeps every character, parentheses in it too (Wikipedia's titles), and an opener
// never closed is not scanned from again and again.
test.each([
	'[C](https://en.wikipedia.org/wiki/Copyright_(c)_notice)',
	'[notes](https://host.example/~alice/notes_(draft)/~bob)',
	'[a](https://host.example/a==b==c)',
])('a URL keeps what pymdown would rewrite in text: %s', (link) => {
	expect(rewritePymdownInline({ text: `See ${link} (c).`, notes: [] }).text).toBe(`See ${link} ©.`);
});
