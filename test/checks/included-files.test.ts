import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

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

test('mdBook: a dead link in a file `{{#include}}` pastes is reported at its line, naming the chapter', async () => {
	const said = await check(
		{
			'book/book.toml': '[book]\nsrc = "src"\n',
			'book/src/SUMMARY.md': '# Summary\n\n- [Restart](ops/restart.md)\n',
			'book/src/ops/restart.md': '# Restart\n\nIntro.\n\n{{#include ../parts/drain.md}}\n\nDone.\n',
			'book/src/parts/drain.md': included,
		},
		'book/src',
	);
	expect(said).toMatchInlineSnapshot(`
		[
		  "parts/drain.md:5:10: Unexpected link to missing file \`gone.md\`, expected an existing file (in ops/restart.md, included at line 5) (internal-links)",
		]
	`);
});

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

test('Jekyll: a dead link in an `{% include %}` file is reported at its line, naming the page', async () => {
	const said = await check(
		{
			'docs/_config.yml': 'title: Ops\n',
			'docs/index.md': '# Ops\n\n- [Restart](ops/restart.md)\n',
			'docs/ops/restart.md': '# Restart\n\nIntro.\n\n  {% include drain.md %}\n\nDone.\n',
			'docs/_includes/drain.md': included,
		},
		'docs',
	);
	expect(said).toMatchInlineSnapshot(`
		[
		  "_includes/drain.md:5:10: Unexpected link to missing file \`gone.md\`, expected an existing file (in ops/restart.md, included at line 5) (internal-links)",
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
