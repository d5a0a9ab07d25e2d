import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

// A book's examples live beside its source, elsewhere in the repository: kanidm's book (root
// `book/src`) includes `../../examples/server_container.toml` in its operations pages, and
// MkDocs' snippets are read from the project folder by default. A trusted build shows the file
// where the tool shows it, and follows it from build to build; a branch under review (`--untrusted`)
// reads its root only, so the directive stays as written, with a warning.
const tools = [
	{
		name: 'mdBook',
		root: 'book/src',
		files: {
			'book/book.toml': '[book]\ntitle = "IDM"\nsrc = "src"\n',
			'book/src/README.md':
				'# Server configuration\n\n```toml\n{{#rustdoc_include ../../examples/server_container.toml}}\n```\n',
			'book/src/calm.md': '# Calm\n',
		},
		example: 'examples/server_container.toml',
		// Shown by an untrusted build in its place, and never by a trusted one.
		untrustedShows: '{{#rustdoc_include ../../examples/server_container.toml}}',
		warning:
			/Unexpected `\{\{#rustdoc_include \.\.\/\.\.\/examples\/server_container\.toml\}\}`: outside the root \(`\.\.\/\.\.\/examples\/server_container\.toml`\), which Waymark never reads/,
	},
	{
		name: 'MkDocs',
		root: 'docs',
		files: {
			'mkdocs.yml': 'site_name: IDM\nmarkdown_extensions:\n  - pymdownx.snippets\n',
			'docs/index.md':
				'# Server configuration\n\n```toml\n--8<-- "examples/server_container.toml"\n```\n',
			'docs/calm.md': '# Calm\n',
		},
		example: 'examples/server_container.toml',
		untrustedShows: '*(Snippet `examples/server_container.toml` is not shown here)*',
		warning:
			/Unexpected snippet `examples\/server_container\.toml`: outside the root \(`examples\/server_container\.toml`\), which Waymark never reads/,
	},
];

describe.each(tools)('$name', (tool) => {
	let dir: string;
	const builds: Array<CliResult & { html: string }> = [];

	beforeAll(async () => {
		dir = await writeFixture({ ...tool.files, [tool.example]: 'domain = "idm.first.example"\n' });
		const git = (...args: string[]) =>
			promisify(execFile)(
				'git',
				['-c', 'user.name=Ops', '-c', 'user.email=ops@example.invalid', ...args],
				{ cwd: dir },
			);
		await git('init', '--quiet');
		await git('add', '--all');
		await git('commit', '--quiet', '-m', 'book');
		const env = { WAYMARK_LOG_LEVEL: 'info', WAYMARK_CHROMIUM: '/nonexistent' };
		const build = async (...flags: string[]) => {
			const result = await runCli(['build', '--root', tool.root, '--out', 'dist', ...flags], {
				cwd: dir,
				env,
			});
			builds.push({ ...result, html: await readFile(join(dir, 'dist/index.html'), 'utf8') });
		};
		await build();
		// Edited and not committed: the next build reads the file as it is on disk.
		await writeFile(join(dir, tool.example), 'domain = "idm.second.example"\n');
		await build();
		await build('--untrusted');
	});

	afterAll(async () => {
		await removeFixture(dir);
	});

	test('a trusted build shows the example from outside the root, and shows it again after it is edited', () => {
		const [first, second] = builds;
		expect(builds.map((b) => b.code)).toEqual([0, 0, 0]);
		expect(first?.html).toContain('idm.first.example');
		expect(first?.stdout).not.toMatch(tool.warning);
		expect(first?.html).not.toContain(tool.untrustedShows);
		expect(second?.html).toContain('idm.second.example');
		expect(second?.html).not.toContain('idm.first.example');
		expect(second?.stdout).toMatch(
			/Only page bodies changed since the last build: 1 page republished in place|Rendered 1 of 2 guidebook pages again/,
		);
	});

	test('an untrusted build leaves the directive as written, with a warning saying it is outside the root', () => {
		const untrusted = builds[2];
		expect(untrusted?.html).not.toContain('idm.');
		expect(untrusted?.html).toContain(tool.untrustedShows);
		expect(untrusted?.stdout).toMatch(tool.warning);
	});
});
