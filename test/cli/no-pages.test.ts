import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeFound } from '../../tree/no-pages.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

// A Middleman tree (`.html.md.erb` templates) and an empty folder: nothing to publish or check.
let project: string;
const runs: Record<string, CliResult> = {};

beforeAll(async () => {
	project = await writeFixture({
		'source/index.html.md.erb': '---\ntitle: Home\n---\n# Home\n',
		'source/incidents/paging.html.md.erb': '# Paging\n',
		'source/incidents/index.html.md.erb': '# Incidents\n',
		'source/images/topology.png': 'png',
		'source/stylesheets/screen.css.scss': 'body {}',
		'docs/README.md': '# Home\n',
	});
	await mkdir(join(project, 'empty'));
	const [build, check, emptyBuild, emptyCheck] = await Promise.all([
		runCli(['build', '--root', 'source', '--out', 'dist'], { cwd: project }),
		runCli(['check', '--root', 'source'], { cwd: project }),
		runCli(['build', '--root', 'empty', '--out', 'dist'], { cwd: project }),
		runCli(['check', '--root', 'empty'], { cwd: project }),
	]);
	Object.assign(runs, { build, check, emptyBuild, emptyCheck });
}, 60_000);

afterAll(async () => {
	await removeFixture(project);
});

test.each(['build', 'check'])('%s exits 2 naming what a tree of templates holds', (command) => {
	const run = runs[command] as CliResult;
	expect(run.code).toBe(2);
	expect(run.stdout).toBe('');
	expect(run.stderr).toMatchInlineSnapshot(`
		"No Markdown pages in \`source/\`: found 3 \`.html.md.erb\` files (Middleman templates are not Markdown pages), 1 \`.png\` file and 1 \`.scss\` file.
		Hint: Waymark reads \`.md\`, \`.mdx\` and \`.html.md\` pages. Point \`--root\` at the folder with your .md files (or set \`root\` in waymark.config.yaml).
		"
	`);
});

test.each(['emptyBuild', 'emptyCheck'])('%s exits 2 saying the folder is empty', (run) => {
	expect(runs[run]?.code).toBe(2);
	expect(runs[run]?.stderr).toMatch(/^The guidebook root `empty\/` is empty\.\n/);
});

test('checks a tree with one page (the control)', async () => {
	const check = await runCli(['check', '--root', 'docs'], { cwd: project });
	expect(check.code, check.stderr).toBe(0);
});

test('counts what is not a page, pages it cannot read included', async () => {
	const tree = await writeFixture({
		'a.rst': 'A',
		'b.rst': 'B',
		'c.markdown': '# C',
		'd.md': Buffer.from([0x23, 0x00]),
		e: 'x',
		'f.png': 'p',
		'g.jpg': 'j',
		'h.txt': 't',
	});
	try {
		expect(describeFound(await loadGuidebookTree(tree))).toBe(
			'1 page it cannot read (`d.md`: the file is binary (it contains NUL bytes), not Markdown), 2 `.rst` files (reStructuredText is not Markdown), 1 `.jpg` file, 1 `.markdown` file (rename them to `.md`), 1 `.png` file and 2 other files',
		);
	} finally {
		await removeFixture(tree);
	}
});
