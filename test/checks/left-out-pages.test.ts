import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pickItem, seededRandom } from '../helpers/seeded-random.ts';

// A Markdown file its tool builds no page for (an mdBook chapter `SUMMARY.md` does not list, a
// MkDocs `exclude_docs` page, a Docusaurus partial, a Hugo or Docusaurus draft) is left out of the
// site: its own links are not checked (kanidm's unlisted template had two false errors), and a
// link to it is broken on the tool's site too, so it is an error that says why, never "missing
// file" for a file that is there. Generated: for each tool, pages linking the left-out one from
// random folders, written as the tool links pages.
const git = promisify(execFile);
const made: string[] = [];
afterAll(async () => Promise.all(made.map(removeFixture)));

interface Tool {
	name: string;
	/** The files of the tree, the root below the fixture, and the left-out file by its path in the root. */
	files: (leftOut: string) => Record<string, string>;
	root: string;
	leftOut: (folder: string) => string;
	why: RegExp;
}

const deadInside = '\n[gone](no-such-page.md)\n';
const tools: Tool[] = [
	{
		name: 'mdBook, a chapter SUMMARY.md does not list',
		root: 'book/src',
		leftOut: (folder) => `${folder}template.md`,
		files: () => ({
			'book/book.toml': '[book]\nsrc = "src"\n',
			'book/src/SUMMARY.md': '# Summary\n\n- [Intro](intro.md)\n- [Restart](ops/restart.md)\n',
		}),
		why: /a Markdown file `SUMMARY\.md` lists as no chapter, which mdBook builds no page for, expected a page or file the site publishes; add it to `SUMMARY\.md`/,
	},
	{
		name: 'MkDocs, exclude_docs',
		root: 'docs',
		leftOut: (folder) => `${folder}drafts/next.md`,
		files: () => ({ 'mkdocs.yml': 'site_name: Ops\nexclude_docs: |\n  drafts/\n' }),
		why: /a page MkDocs leaves out \(`exclude_docs`, `draft_docs`, its defaults such as `templates\/` and dot-files, or the `exclude` plugin\)/,
	},
	{
		name: 'Docusaurus, a partial',
		root: 'docs',
		leftOut: (folder) => `${folder}_snippet.md`,
		files: () => ({ 'docusaurus.config.js': 'export default { title: "Ops" };\n' }),
		why: /a partial \(its name starts with `_`\), which Docusaurus imports into pages and never publishes as one/,
	},
	{
		name: 'Hugo, a draft',
		root: 'content',
		leftOut: (folder) => `${folder}wip.md`,
		files: (leftOut) => ({
			'hugo.toml': 'title = "Ops"\n',
			[`content/${leftOut}`]: '---\ntitle: WIP\ndraft: true\n---\n\n# WIP\n' + deadInside,
		}),
		why: /a draft \(`draft: true`\), which Hugo leaves out of the site/,
	},
];

test.each(
	tools.flatMap((tool) => Array.from({ length: 4 }, (_, n) => [tool.name, n, tool] as const)),
)(
	'%s (tree %i): a link to it says why it is broken; its own links are not checked',
	async (_, n, tool) => {
		const random = seededRandom(4400 + n);
		const folder = pickItem(random, ['', 'ops/', 'ops/db/']);
		const leftOut = tool.leftOut(folder);
		const linkers = ['intro.md', 'ops/restart.md'];
		const files: Record<string, string> = {
			[`${tool.root}/${leftOut}`]: '# Template\n' + deadInside,
			...tool.files(leftOut),
		};
		for (const linker of linkers) {
			const up = '../'.repeat(linker.split('/').length - 1);
			// mdBook links chapters by their published names too.
			const written =
				tool.name.startsWith('mdBook') && random() < 0.5
					? leftOut.replace(/\.md$/, '.html')
					: leftOut;
			files[`${tool.root}/${linker}`] =
				`# ${linker}\n\nSee [the template](${up}${written}) first.\n`;
		}
		const dir = await writeFixture(files);
		made.push(dir);
		await git('git', ['init', '--quiet', dir]);
		const report = await checkTree({
			root: join(dir, tool.root),
			config: parseConfig({}),
			only: ['internal-links'],
		});
		const said = report.findings.map(formatFinding);
		expect(said, said.join('\n')).toHaveLength(linkers.length);
		for (const line of said) {
			expect(line).toMatch(tool.why);
			expect(line).not.toMatch(/missing file/);
		}
		expect(said.join('\n')).not.toMatch(/no-such-page/);
	},
);

// mdBook writes `index.html` at the book's top whatever its chapters are (a copy of the first), so
// a link to it works there even when the tree's README is no chapter, or there is none.
test.each(['listed', 'unlisted', 'absent'] as const)(
	"mdBook: a link to the book's `index.html` works with a README %s",
	async (readme) => {
		const summary = `# Summary\n\n${readme === 'listed' ? '[Home](README.md)\n\n' : ''}- [Intro](intro.md)\n- [Restart](ops/db/restart.md)\n`;
		const dir = await writeFixture({
			'book/book.toml': '[book]\nsrc = "src"\n',
			'book/src/SUMMARY.md': summary,
			...(readme !== 'absent' && { 'book/src/README.md': '# For GitHub\n' }),
			'book/src/intro.md': '# Intro\n\n[Home](index.html), [again](./index.html#top)\n',
			'book/src/ops/db/restart.md': '# Restart\n\n[Home](../../index.html)\n',
		});
		made.push(dir);
		await git('git', ['init', '--quiet', dir]);
		const report = await checkTree({
			root: join(dir, 'book/src'),
			config: parseConfig({}),
			only: ['internal-links'],
		});
		expect(report.findings.map(formatFinding)).toEqual([]);
	},
);
