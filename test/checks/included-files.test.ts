import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { reporters } from '../../checks/report/index.ts';
import { rules } from '../../checks/rules/index.ts';

// A file a tool pastes into pages is judged where it is pasted, and a finding on one of its lines
// is reported at that line of the file, naming the page that includes it: `waymark check` on a
// tree of each tool that pulls files in, with a dead link in the included file.
const git = promisify(execFile);
const made: string[] = [];
afterAll(async () => Promise.all(made.map(removeFixture)));

async function check(files: Record<string, string>, root: string): Promise<string[]> {
	const dir = await writeFixture(files);
	made.push(dir);
	await git('git', ['init', '--quiet', dir]);
	const report = await checkTree({
		root: join(dir, root),
		config: parseConfig({}),
		only: ['internal-links'],
	});
	return report.findings.map(formatFinding);
}

const included = '## Before you start\n\nDrain the node.\n\nThen see [the runbook](gone.md).\n';

// One page includes the file once: the finding is at the file's line, naming the page and its line.
const pastedOnce: Array<[string, Record<string, string>, string, string]> = [
	[
		'mdBook `{{#include}}`',
		{
			'book/book.toml': '[book]\nsrc = "src"\n',
			'book/src/SUMMARY.md': '# Summary\n\n- [Restart](ops/restart.md)\n',
			'book/src/ops/restart.md': '# Restart\n\nIntro.\n\n{{#include ../parts/drain.md}}\n\nDone.\n',
			'book/src/parts/drain.md': included,
		},
		'book/src',
		'parts/drain.md:5:10',
	],
	[
		'Jekyll `{% include %}`',
		{
			'docs/_config.yml': 'title: Ops\n',
			'docs/index.md': '# Ops\n\n- [Restart](ops/restart.md)\n',
			'docs/ops/restart.md': '# Restart\n\nIntro.\n\n  {% include drain.md %}\n\nDone.\n',
			'docs/_includes/drain.md': included,
		},
		'docs',
		'_includes/drain.md:5:10',
	],
	[
		'VitePress `<!--@include:-->`, nested one file deep',
		{
			'docs/.vitepress/config.mts': 'export default { title: "Ops", srcExclude: ["parts/**"] }\n',
			'docs/index.md': '# Ops\n\n- [Restart](ops/restart.md)\n',
			'docs/ops/restart.md': '# Restart\n\nIntro.\n\n<!--@include: ../parts/outer.md-->\n\nDone.\n',
			'docs/parts/outer.md': '## Outer\n\n<!--@include: ./drain.md{3,}-->\n',
			'docs/parts/drain.md': included,
		},
		'docs',
		'parts/drain.md:5:10',
	],
	[
		"Hugo `readfile`, from the page's folder in the content",
		{
			'site/hugo.toml': 'title = "Ops"\n',
			'site/content/_index.md': '# Ops\n\n- [Restart](ops/restart.md)\n',
			'site/content/ops/restart.md':
				'# Restart\n\nIntro.\n\n{{< readfile file="parts/drain.md" >}}\n\nDone.\n',
			// Docsy's way to keep pasted files out of the site: a headless bundle.
			'site/content/ops/parts/index.md': '---\nheadless: true\n---\n',
			'site/content/ops/parts/drain.md': included,
		},
		'site/content',
		'ops/parts/drain.md:5:10',
	],
	[
		"Hugo `readfile` written from `/`, found in the site's folder",
		{
			'site/hugo.toml': 'title = "Ops"\n',
			'site/content/_index.md': '# Ops\n\n- [Restart](ops/restart.md)\n',
			'site/content/ops/restart.md':
				'# Restart\n\nIntro.\n\n{{% readfile "/includes/drain.md" %}}\n\nDone.\n',
			'site/includes/drain.md':
				'## Before you start\n\nDrain the node.\n\nThen see [the runbook](../ops/gone.md).\n',
		},
		'site/content',
		'../includes/drain.md:5:10',
	],
];

test.each(pastedOnce)(
	'%s: a dead link in the pasted file is reported at its line, naming the page',
	async (_, files, root, at) => {
		const said = await check(files, root);
		const link = at.startsWith('../') ? '../ops/gone.md' : 'gone.md';
		expect(said).toEqual([
			`${at}: Unexpected link to missing file \`${link}\`, expected an existing file (in ops/restart.md, included at line 5) (internal-links)`,
		]);
	},
);

test('MkDocs: a dead link in a snippet is reported at its line, once for the pages that include it alike', async () => {
	const said = await check(
		{
			'mkdocs.yml':
				'site_name: Ops\nmarkdown_extensions:\n  - admonition\n  - pymdownx.snippets:\n      base_path: [snippets]\n',
			'docs/index.md': '# Ops\n\n- [Restart](ops/restart.md)\n',
			'docs/ops/restart.md': '# Restart\n\nIntro.\n\n--8<-- "drain.md"\n\nDone.\n',
			'docs/ops/upgrade.md': '# Upgrade\n\n!!! warning\n    Read first.\n\n    --8<-- "drain.md"\n',
			'docs/db/failover.md': '# Failover\n\n--8<-- "drain.md:3:5"\n',
			'snippets/drain.md': included,
		},
		'docs',
	);
	expect(said).toMatchInlineSnapshot(`
		[
		  "../snippets/drain.md:5:10: Unexpected link to missing file \`gone.md\`, expected an existing file (in db/failover.md, included at line 3; also included by ops/restart.md:5 and ops/upgrade.md:6) (internal-links)",
		]
	`);
});

test('MyST: a dead link in a file an `{include}` shows, inside a callout too, is reported at its line, naming the page', async () => {
	const said = await check(
		{
			'docs/myst.yml':
				'version: 1\nproject:\n  title: Ops\n  exclude: [parts/**]\n  toc:\n    - file: index.md\n    - file: ops/restart.md\n',
			'docs/index.md': '# Ops\n\n- [Restart](ops/restart.md)\n',
			'docs/ops/restart.md':
				'# Restart\n\nIntro.\n\n```{include} ../parts/drain.md\n```\n\nDone.\n\n:::{note}\n```{include} ../parts/drain.md\n:start-line: 2\n```\n:::\n',
			'docs/parts/drain.md': included,
		},
		'docs',
	);
	expect(said).toMatchInlineSnapshot(`
		[
		  "parts/drain.md:5:10: Unexpected link to missing file \`gone.md\`, expected an existing file (in ops/restart.md, included at line 5; also included by ops/restart.md:11) (internal-links)",
		]
	`);
});

test.each([
	[
		'include-markdown',
		'plugins:\n  - include-markdown\n',
		'{% include-markdown "../../partials/drain.md" %}',
		// The plugin rewrites the link for the page.
		'../../docs/gone.md',
	],
	[
		'macros',
		'plugins:\n  - macros:\n      include_dir: partials\n',
		'{% include "drain.md" %}',
		'../docs/gone.md',
	],
])(
	'MkDocs %s: a dead link in an included file is reported at its line, naming the page',
	async (_, plugins, tag, shown) => {
		const said = await check(
			{
				'mkdocs.yml': `site_name: Ops\n${plugins}`,
				'docs/index.md': '# Ops\n\n- [Restart](ops/restart.md)\n',
				'docs/ops/restart.md': `# Restart\n\nIntro.\n\n${tag}\n\nDone.\n`,
				'partials/drain.md':
					'## Before you start\n\nDrain the node.\n\nThen see [the runbook](../docs/gone.md).\n',
			},
			'docs',
		);
		expect(said).toEqual([
			`../partials/drain.md:5:10: Unexpected link to missing file \`${shown}\`, expected an existing file (in ops/restart.md, included at line 5) (internal-links)`,
		]);
	},
);

// The other half: a file its tool pastes in and does not publish is no page of the site, so its
// links are judged only where it is pasted (from its own folder, `upgrade.md` is not there). One the
// tool publishes as well (an MkDocs page in `docs_dir`) is checked as a page too.
const mkdocsPulling = (plugins: string, exclude: boolean) =>
	`site_name: Ops\n${plugins}${exclude ? 'exclude_docs: |\n  partials/\n' : ''}`;
// include-markdown rewrites a pasted link for the page (`rewrite-relative-urls`): its links are the file's.
const pulling: Array<[string, Record<string, string>, string, string, string]> = [
	[
		'mdBook, a file SUMMARY.md does not list',
		{
			'book/book.toml': '[book]\nsrc = "src"\n',
			'book/src/SUMMARY.md':
				'# Summary\n\n- [Restart](ops/restart.md)\n- [Upgrade](ops/upgrade.md)\n',
			'book/src/ops/restart.md': '# Restart\n\n{{#include ../partials/drain.md}}\n',
		},
		'book/src',
		'partials/drain.md',
		'upgrade.md',
	],
	[
		'Jekyll, an _includes/ file',
		{
			'docs/_config.yml': 'title: Ops\n',
			'docs/ops/restart.md': '# Restart\n\n{% include drain.md %}\n',
		},
		'docs',
		'_includes/drain.md',
		'upgrade.md',
	],
	[
		'Hugo, a file of a headless bundle',
		{
			'site/hugo.toml': 'title = "Ops"\n',
			'site/content/ops/restart.md': '# Restart\n\n{{< readfile file="parts/drain.md" >}}\n',
			'site/content/ops/parts/index.md': '---\nheadless: true\n---\n',
		},
		'site/content',
		'ops/parts/drain.md',
		'upgrade.md',
	],
	[
		'VitePress, a file srcExclude leaves out',
		{
			'docs/.vitepress/config.mts': 'export default { srcExclude: ["parts/**"] }\n',
			'docs/ops/restart.md': '# Restart\n\n<!--@include: ../parts/drain.md-->\n',
		},
		'docs',
		'parts/drain.md',
		'upgrade.md',
	],
	...(
		[
			[
				'snippets',
				'markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs/partials]\n',
				'--8<-- "drain.md"',
			],
			[
				'macros',
				'plugins:\n  - macros:\n      include_dir: docs/partials\n',
				'{% include "drain.md" %}',
			],
			[
				'include-markdown',
				'plugins:\n  - include-markdown\n',
				'{% include-markdown "../partials/drain.md" %}',
			],
		] as const
	).map(([name, plugins, tag]): [string, Record<string, string>, string, string, string] => [
		`MkDocs ${name}, in a folder exclude_docs leaves out`,
		{
			'mkdocs.yml': mkdocsPulling(plugins, true),
			'docs/ops/restart.md': `# Restart\n\n${tag}\n`,
		},
		'docs',
		'partials/drain.md',
		name === 'include-markdown' ? '../ops/upgrade.md' : 'upgrade.md',
	]),
];

test.each(pulling)(
	'%s: is no page, and a link that works where it is pasted is no finding',
	async (_, files, root, partial, link) => {
		const dir = await writeFixture({
			...files,
			[`${root}/ops/upgrade.md`]: '# Upgrade\n',
			[`${root}/${partial}`]: `## Drain\n\nThen see [the upgrade](${link}).\n`,
		});
		made.push(dir);
		await git('git', ['init', '--quiet', dir]);
		const report = await checkTree({
			root: join(dir, root),
			config: parseConfig({}),
			only: ['internal-links'],
		});
		expect(report.checked).toContain('ops/restart.md');
		expect(report.checked).not.toContain(partial);
		expect(report.findings.map(formatFinding)).toEqual([]);
	},
);

test('MkDocs: a partial in docs_dir that nothing leaves out is a page too, its links judged from its folder', async () => {
	const dir = await writeFixture({
		'mkdocs.yml': mkdocsPulling('plugins:\n  - macros:\n      include_dir: docs/partials\n', false),
		'docs/ops/restart.md': '# Restart\n\n{% include "drain.md" %}\n',
		'docs/ops/upgrade.md': '# Upgrade\n',
		'docs/partials/drain.md': '## Drain\n\nThen see [the upgrade](upgrade.md).\n',
	});
	made.push(dir);
	await git('git', ['init', '--quiet', dir]);
	const report = await checkTree({
		root: join(dir, 'docs'),
		config: parseConfig({}),
		only: ['internal-links'],
	});
	expect(report.checked).toContain('partials/drain.md');
	expect(report.findings.map(formatFinding)).toEqual([
		'partials/drain.md:3:10: Unexpected link to missing file `upgrade.md`, expected an existing file; did you mean `../ops/upgrade.md` (internal-links)',
	]);
});

test('machine-readable reports name the included file, from the repository as each format does', async () => {
	const dir = await writeFixture({
		'mkdocs.yml':
			'site_name: Ops\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [snippets]\n',
		'docs/ops/restart.md': '# Restart\n\n--8<-- "drain.md"\n',
		'snippets/drain.md': included,
	});
	made.push(dir);
	await git('git', ['init', '--quiet', dir]);
	const root = join(dir, 'docs');
	const report = await checkTree({ root, config: parseConfig({}), only: ['internal-links'] });
	const context = { root, cwd: dir, color: false, rules: Object.values(rules) };
	const json = JSON.parse(reporters.json(report, context)) as {
		findings: Array<{ file: string; line: number; column: number }>;
	};
	expect(json.findings).toMatchObject([{ file: '../snippets/drain.md', line: 5, column: 10 }]);
	expect(reporters.github(report, context)).toMatch(
		/^::error file=snippets\/drain\.md,line=5,col=10,title=waymark\(internal-links\)::.*\(in ops\/restart\.md, included at line 3\)/m,
	);
	const sarif = JSON.parse(reporters.sarif(report, context)) as {
		runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: unknown }> }> }>;
	};
	expect(sarif.runs[0]?.results[0]?.locations[0]?.physicalLocation).toMatchObject({
		artifactLocation: { uri: 'snippets/drain.md' },
		region: { startLine: 5, startColumn: 10 },
	});
});

test("a problem with an include inside an included file stays at the page's include, where its notice is", async () => {
	const dir = await writeFixture({
		'book/book.toml': '[book]\nsrc = "src"\n',
		'book/src/SUMMARY.md': '# Summary\n\n- [Restart](ops/restart.md)\n',
		'book/src/ops/restart.md': '# Restart\n\n{{#include ../parts/drain.md}}\n',
		'book/src/parts/drain.md': '## Drain\n\n{{#include nowhere.md}}\n',
	});
	made.push(dir);
	await git('git', ['init', '--quiet', dir]);
	const report = await checkTree({
		root: join(dir, 'book/src'),
		config: parseConfig({}),
		only: ['dialect-syntax'],
	});
	expect(report.findings.map(formatFinding)).toEqual([
		'ops/restart.md:3:1: Unexpected `{{#include nowhere.md}}`: not found; expected a file inside the root. It is shown as written, as on the book (dialect-syntax)',
	]);
});
