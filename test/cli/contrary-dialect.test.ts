import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// `waymark init` writes the dialect it found into the config at the repository's top; a second
// tree of the repository, pointed at with `--root`, is then read in that dialect whatever its own
// tool is. A new user's trial built an MkDocs tree as Hugo that way, `!!! note` and `=== "Linux"`
// shown as text, with no word of it. Every pairing of a forced dialect with another site
// generator's config beside the tree warns, naming both; a forced dialect that agrees, or a tree
// with no generator's config, says nothing.

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
});
afterAll(() => removeFixture(repo));

const cases = dialects.flatMap((forced) => [...(Object.keys(generators) as Generator[]), 'plain' as const].map((tree) => ({ forced, tree })));

test.each(cases)('`dialect: $forced` on a $tree tree', async ({ forced, tree }) => {
	const root = `${tree}/${tree === 'hugo' ? 'content' : 'docs'}`;
	const result = await runCli(['check', '--root', root, '--config', `waymark-${forced}.yaml`], { cwd: repo, timeoutMs: 60_000 });
	expect(result.code, result.stderr).toBe(0);
	expect(result.stderr).toContain(`(config \`dialect: ${forced}\`)`);
	const warning = result.stderr.split('\n').filter((line) => /^Warning: the config's `dialect/.test(line));
	if (tree === 'plain' || tree === forced) expect(warning).toEqual([]);
	else expect(warning).toEqual([expect.stringMatching(new RegExp(`^Warning: the config's \`dialect: ${forced}\` reads the tree as .+'s, but \`${Object.keys(generators[tree])[0]}\` beside it is .+'s config$`))]);
}, 120_000);
