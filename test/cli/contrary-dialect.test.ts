import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// `waymark init` writes the dialect it found into the config at the repository's top; a second
// tree of the repository, pointed at with `--root`, is then read in that dialect whatever its own
// tool is. A new user's trial built an MkDocs tree as Hugo that way, `!!! note` and `=== "Linux"`
// shown as text, with no word of it. Every pairing of a forced dialect with another site
// generator's config that builds the tree warns, naming both; a forced dialect that agrees, a tree
// with no generator's config, or a config above the tree that builds another folder, says nothing.

const generators = {
	mkdocs: { 'mkdocs.yml': 'site_name: Ops\n' },
	hugo: { 'hugo.toml': 'title = "Ops"\n' },
	docusaurus: { 'docusaurus.config.js': 'export default { title: "Ops" };\n' },
} as const;
type Generator = keyof typeof generators;
const dialects = ['github', 'gitlab', 'mkdocs', 'hugo', 'docusaurus'] as const;

let repo: string;
beforeAll(async () => {
	const files: Record<string, string> = { 'plain/docs/index.md': '# Ops\n' };
	for (const [generator, config] of Object.entries(generators)) {
		for (const [name, text] of Object.entries(config)) files[`${generator}/${name}`] = text;
		files[`${generator}/${generator === 'hugo' ? 'content' : 'docs'}/index.md`] = '# Ops\n';
	}
	for (const dialect of dialects) files[`waymark-${dialect}.yaml`] = `dialect: ${dialect}\n`;
	repo = await writeFixture(files);
	await promisify(execFile)('git', ['init', '--quiet', repo]);
});
afterAll(() => removeFixture(repo));

const cases = dialects.flatMap((forced) =>
	[...(Object.keys(generators) as Generator[]), 'plain' as const].map((tree) => ({ forced, tree })),
);

test.each(cases)(
	'`dialect: $forced` on a $tree tree',
	async ({ forced, tree }) => {
		const root = `${tree}/${tree === 'hugo' ? 'content' : 'docs'}`;
		const result = await runCli(['check', '--root', root, '--config', `waymark-${forced}.yaml`], {
			cwd: repo,
			timeoutMs: 60_000,
		});
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toContain(`(config \`dialect: ${forced}\`)`);
		const warning = result.stderr
			.split('\n')
			.filter((line) => /^Warning: the config's `dialect/.test(line));
		if (tree === 'plain' || tree === forced) expect(warning).toEqual([]);
		else
			expect(warning).toEqual([
				expect.stringMatching(
					new RegExp(
						`^Warning: the config's \`dialect: ${forced}\` reads the tree as .+ does, but .+ builds it \\(\`${tree}/${tree === 'mkdocs' ? 'mkdocs.yml' : ''}\`\\)$`,
					),
				),
			]);
	},
	120_000,
);

// Configs above the tree that build other folders: forcing the dialect is right there, and no warning may say otherwise.
test.each([
	{
		name: 'an mkdocs.yml at the top for docs/, the tree runbooks/ forced github',
		files: {
			'mkdocs.yml': 'site_name: Ops\n',
			'docs/index.md': '# Docs\n',
			'runbooks/README.md': '# Ops\n',
		},
		root: 'runbooks',
		dialect: 'github',
	},
	{
		name: 'a Docusaurus site with an unrelated mkdocs.yml (docs_dir mk) beside its docs',
		files: {
			'website/docusaurus.config.js': 'export default { title: "Ops" };\n',
			'website/mkdocs.yml': 'site_name: Other\ndocs_dir: mk\n',
			'website/mk/index.md': '# Other\n',
			'website/docs/intro.md': '# Ops\n',
		},
		root: 'website/docs',
		dialect: 'docusaurus',
	},
	{
		name: 'an mdBook forced github with hugo.toml at the top',
		files: {
			'hugo.toml': 'title = "Site"\n',
			'content/_index.md': '# Site\n',
			'book/book.toml': '[book]\ntitle = "Ops"\n',
			'book/src/SUMMARY.md': '# Summary\n\n- [Ops](ops.md)\n',
			'book/src/ops.md': '# Ops\n',
		},
		root: 'book/src',
		dialect: 'github',
	},
])(
	'no warning for $name',
	async ({ files, root, dialect }) => {
		const dir = await writeFixture({ ...files, 'waymark.config.yaml': `dialect: ${dialect}\n` });
		try {
			await promisify(execFile)('git', ['init', '--quiet', dir]);
			const result = await runCli(['check', '--root', root], { cwd: dir, timeoutMs: 60_000 });
			expect(result.stderr).toContain(`(config \`dialect: ${dialect}\`)`);
			expect(result.stderr).not.toContain('Warning:');
		} finally {
			await removeFixture(dir);
		}
	},
	120_000,
);
