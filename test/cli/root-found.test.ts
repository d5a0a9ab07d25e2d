import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// Without a config file every command says in one line which folder it reads, and why: an
// mdBook's source folder because book.toml names it (before the usual folders), else the first
// of the usual folders with Markdown.
const chapter = { 'SUMMARY.md': '- [Intro](README.md)\n', 'README.md': '# Intro\n\nRestart it.\n' };
const trees = {
	'an mdBook (book.toml, src/)': {
		'book.toml': '[book]\ntitle = "Ops"\n',
		...prefixed('src', chapter),
		'docs/other.md': '# Not the book\n',
	},
	'an mdBook whose book.toml names its source folder': {
		'book.toml': '[book]\nsrc = "chapters"\n',
		...prefixed('chapters', chapter),
	},
	'a repository with docs/ (the control)': { 'docs/README.md': '# Docs\n\nRestart it.\n' },
};
const dirs: Record<string, string> = {};

function prefixed(folder: string, files: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(files).map(([name, text]) => [`${folder}/${name}`, text]),
	);
}

beforeAll(async () => {
	for (const [name, files] of Object.entries(trees)) dirs[name] = await writeFixture(files);
});
afterAll(async () => {
	for (const dir of Object.values(dirs)) await removeFixture(dir);
});

test.each([
	[
		'an mdBook (book.toml, src/)',
		"No waymark.config.yaml: reading src/, the book's source folder (book.toml); `waymark init` writes a config.",
	],
	[
		'an mdBook whose book.toml names its source folder',
		"No waymark.config.yaml: reading chapters/, the book's source folder (book.toml); `waymark init` writes a config.",
	],
	[
		'a repository with docs/ (the control)',
		'No waymark.config.yaml: reading docs/, the first of guidebooks/, runbooks/, docs/, doc/, documentation/, content/, website/docs/ with Markdown in it; `waymark init` writes a config.',
	],
])('check in %s says which folder it reads and why', async (name, line) => {
	const result = await runCli(['check'], { cwd: dirs[name] ?? '' });
	expect(result.code, result.stderr).toBe(0);
	expect(result.stderr.split('\n')).toContain(line);
});
