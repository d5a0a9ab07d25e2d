import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfPy, readMystSite } from '../../../tools/myst/config.ts';
import { resolveToc, tocHome, toctreeToc } from '../../../tools/myst/toc.ts';

const base = { file: 'docs/conf.py', rootPath: '' };

describe('conf.py, read as text', () => {
	test('a project of MyST-Parser: its title, root document, excludes and substitutions', () => {
		const site = parseConfPy(
			[
				'import os',
				'extensions = [',
				'    "myst_parser",  # Markdown',
				"    'sphinx_copybutton',",
				']',
				'project = "Site Reliability Guide"',
				'root_doc = master_doc = "start"',
				'exclude_patterns = ["_build", "drafts/**"]',
				'myst_substitutions = {"version": "4.1.0", "computed": os.environ["X"]}',
			].join('\n'),
			base,
		);
		expect(site).toMatchObject({
			engine: 'sphinx',
			title: 'Site Reliability Guide',
			rootDoc: 'start',
			exclude: ['_build', 'drafts/**'],
			substitutions: { version: '4.1.0' },
		});
	});

	test('html_title before project; index by default', () => {
		expect(
			parseConfPy('extensions = ["myst_nb"]\nproject = "P"\nhtml_title = "Ops"\n', base),
		).toMatchObject({ title: 'Ops', rootDoc: 'index' });
	});

	test('a reStructuredText project is none of MyST', () => {
		expect(
			parseConfPy('extensions = ["sphinx.ext.autodoc"]\nproject = "P"\n', base),
		).toBeUndefined();
	});
});

describe('myst.yml and _toc.yml', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'myst-config-'));
		await mkdir(join(dir, 'site'));
		await writeFile(
			join(dir, 'site/myst.yml'),
			'version: 1\nextends:\n  - https://example.org/shared.yml\n  - ./toc.yml\nproject:\n  exclude: [drafts/*]\nsite:\n  options:\n    logo_text: Infrastructure Guide\n',
		);
		await writeFile(
			join(dir, 'site/toc.yml'),
			'version: 1\nproject:\n  title: From toc.yml\n  toc:\n    - file: index.md\n    - title: SRE guide\n      children:\n        - file: sre/index.md\n          children:\n            - pattern: sre/runbooks/*.md\n',
		);
		await mkdir(join(dir, 'book'));
		await writeFile(
			join(dir, 'book/_toc.yml'),
			'format: jb-book\nroot: intro\nparts:\n  - caption: Operations\n    chapters:\n      - file: ops/restore\n        sections:\n          - file: ops/restore-db\n',
		);
		await writeFile(join(dir, 'book/_config.yml'), 'title: Hub Book\n');
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	test('myst.yml takes the toc of the file it extends, its title and excludes', async () => {
		const site = await readMystSite(join(dir, 'site/myst.yml'), join(dir, 'site'), dir);
		expect(site).toMatchObject({
			engine: 'mystmd',
			file: 'site/myst.yml',
			title: 'From toc.yml',
			exclude: ['_build', 'drafts/*'],
		});
		const pages = new Set([
			'index.md',
			'sre/index.md',
			'sre/runbooks/b.md',
			'sre/runbooks/a.md',
			'other.md',
		]);
		const toc = resolveToc(site!.toc!, '', pages);
		expect(tocHome(toc)).toBe('index.md');
		expect(toc[1]).toEqual({
			title: 'SRE guide',
			children: [
				{
					path: 'sre/index.md',
					children: [
						{ path: 'sre/runbooks/a.md', children: [] },
						{ path: 'sre/runbooks/b.md', children: [] },
					],
				},
			],
		});
	});

	test("Jupyter Book 1: _config.yml's title, the root first, parts as sections", async () => {
		const site = await readMystSite(join(dir, 'book/_toc.yml'), join(dir, 'book'), dir);
		expect(site).toMatchObject({ engine: 'sphinx', title: 'Hub Book', rootDoc: 'intro' });
		const toc = resolveToc(
			site!.toc!,
			'',
			new Set(['intro.md', 'ops/restore.md', 'ops/restore-db.md']),
		);
		expect(toc).toEqual([
			{ path: 'intro.md', children: [] },
			{
				title: 'Operations',
				children: [
					{ path: 'ops/restore.md', children: [{ path: 'ops/restore-db.md', children: [] }] },
				],
			},
		]);
	});
});

test("Sphinx's order: the root document's toctrees, depth first, captions as sections", () => {
	const texts = new Map([
		[
			'index.md',
			'# Home\n\n```{toctree}\n:caption: Guide\n:maxdepth: 2\nops/index\nAbout us <about.md>\n```\n',
		],
		['ops/index.md', '# Ops\n\n```{toctree}\n:glob:\n*\n```\n'],
		['ops/b.md', '# B'],
		['ops/a.md', '# A'],
		['about.md', '# About'],
	]);
	const toc = toctreeToc('index', texts, new Set(texts.keys()));
	expect(toc).toEqual([
		{ path: 'index.md', children: [] },
		{
			title: 'Guide',
			children: [
				{
					path: 'ops/index.md',
					children: [
						{ path: 'ops/a.md', children: [] },
						{ path: 'ops/b.md', children: [] },
					],
				},
				{ path: 'about.md', title: 'About us', children: [] },
			],
		},
	]);
});
