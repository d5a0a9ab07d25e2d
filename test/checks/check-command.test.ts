import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { runCheck } from '../../cli/commands/check.ts';
import { commitAt, initRepository, writeEdits } from '../helpers/dated-commits.ts';
import { removeFixture, repoRoot, runCli, writeFixture } from '../helpers/fixture.ts';
import { testTerminal } from '../helpers/terminal.ts';

// Each test runs the CLI; give it room on a busy 2-core runner.
vi.setConfig({ testTimeout: 60_000 });

let clean: string;
let broken: string;

const normalise = (text: string, root: string): string =>
	stripVTControlCharacters(text).replaceAll(`${root}/`, '<root>/').replaceAll(root, '<root>');

beforeAll(async () => {
	clean = await writeFixture({
		'README.md': '# Home\n\n[Ops](ops.md#verify)\n',
		'ops.md': '# Ops\n\n## Verify\n\n[Home](README.md)\n',
	});
	broken = await writeFixture({
		'README.md': '# Home\n\n[Ops](ops.md#rollback)\n\n[Gone](gone.md)\n',
		'ops.md': '---\nstatus: done\n---\n\n# Ops\n\n## Roll back\n\n## Verify\n\n[Home](README.md)\n',
		// A page with a status Waymark reads: the tree uses Waymark's `status`, so `done` is a typo (an error).
		'orphan.md': '---\nstatus: draft\n---\n\n# Orphan\n',
		// Orphans are off by default; on here for a warning among the errors.
		'waymark.config.yaml': 'root: .\nchecks:\n  rules:\n    orphan-pages: warn\n',
	});
});

afterAll(async () => {
	await removeFixture(clean);
	await removeFixture(broken);
});

describe('waymark check', () => {
	test('exits 0 and says so on a clean tree', async () => {
		const result = await runCli(['check', '--root', clean]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatchInlineSnapshot(`
			"✓ 0 errors, 0 warnings in 2 files checked
			"
		`);
	});

	test('exits 1 and prints every finding grouped by file', async () => {
		const result = await runCli(['check'], { cwd: broken });
		expect(result.code).toBe(1);
		expect(normalise(result.stdout, broken)).toMatchInlineSnapshot(`
			"ops.md
			  2:1  error    Unexpected \`done\` for \`status\`, expected one of \`active\`, \`draft\`, \`deprecated\`, \`archived\`. Use one of \`active\`, \`draft\`, \`deprecated\`, \`archived\`.  frontmatter

			orphan.md
			  1:1  warning  Unexpected orphan page that no other page links to, expected a link from a page such as its folder page \`README.md\`  orphan-pages

			README.md
			  3:1  error    Unexpected link to missing heading \`#rollback\` in \`ops.md\`, expected one of \`#ops\`, \`#roll-back\`, \`#verify\`; did you mean \`#roll-back\`  internal-links
			  5:1  error    Unexpected link to missing file \`gone.md\`, expected an existing file  internal-links

			✖ 3 errors, 1 warning in 3 files checked
			"
		`);
	});

	test('exits 1 on warnings only with --fail-on warning', async () => {
		const tree = await writeFixture({
			'README.md': '# Home\n',
			'orphan.md': '# Orphan\n',
			'waymark.config.yaml': 'root: .\nchecks:\n  rules:\n    orphan-pages: warning\n',
		});
		try {
			expect((await runCli(['check'], { cwd: tree })).code).toBe(0);
			expect((await runCli(['check', '--fail-on', 'warning'], { cwd: tree })).code).toBe(1);
			// `warn` is accepted for `warning`, as in the config.
			expect((await runCli(['check', '--fail-on', 'warn'], { cwd: tree })).code).toBe(1);
		} finally {
			await removeFixture(tree);
		}
	});

	test('writes the report to --output and keeps the exit code', async () => {
		const result = await runCli(['check', '--format', 'json', '--output', 'report.json'], {
			cwd: broken,
		});
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		const { readFile } = await import('node:fs/promises');
		const report = JSON.parse(await readFile(`${broken}/report.json`, 'utf8')) as Record<
			string,
			unknown
		>;
		expect(Object.keys(report).slice(0, 3)).toEqual(['version', 'findings', 'summary']);
		expect(report['summary']).toEqual({ errors: 3, warnings: 1, files: 3 });
		expect((report['findings'] as unknown[])[0]).toEqual({
			rule: 'frontmatter',
			severity: 'error',
			file: 'ops.md',
			line: 2,
			column: 1,
			message:
				'Unexpected `done` for `status`, expected one of `active`, `draft`, `deprecated`, `archived`. Use one of `active`, `draft`, `deprecated`, `archived`.',
		});
	});

	test('cuts a markdown report longer than a pull-request comment may be at a line, saying what it left out; --markdown-limit 0 keeps it whole', async () => {
		// 2,000 dead links: about 260 KB of Markdown.
		const links = Array.from(
			{ length: 2000 },
			(_, i) => `- [page ${i}](missing-page-number-${i}.md)`,
		).join('\n');
		const tree = await writeFixture({ 'guidebooks/README.md': `# Many links\n\n${links}\n` });
		try {
			const cut = await runCli(['check', '--format', 'markdown'], { cwd: tree });
			expect(cut.code).toBe(1);
			expect(Buffer.byteLength(cut.stdout)).toBeLessThanOrEqual(65_536);
			const shown = cut.stdout.match(/^- \*\*error\*\* /gm)?.length ?? 0;
			expect(shown).toBeGreaterThan(300);
			expect(cut.stdout.trimEnd().split('\n').at(-1)).toBe(
				`*Not shown, to keep this report under 65,536 bytes: ${(2000 - shown).toLocaleString('en')} of 2,000 findings. Run \`npx waymark check\` for every finding.*`,
			);
			const whole = await runCli(['check', '--format', 'markdown', '--markdown-limit', '0'], {
				cwd: tree,
			});
			expect(whole.stdout.match(/^- \*\*error\*\* /gm)).toHaveLength(2000);
			// With another format beside it, the note says where every finding is. (Written beside the root: a page in it would change the findings.)
			const beside = await runCli(
				['check', '--format', 'github', '--report', 'markdown=comment.md'],
				{ cwd: tree },
			);
			expect(beside.stdout.match(/^::error /gm)).toHaveLength(2000);
			expect(
				(await readFile(join(tree, 'comment.md'), 'utf8')).trimEnd().split('\n').at(-1),
			).toMatch(
				/ of 2,000 findings\. Every finding is in the log of the run that wrote this report\.\*$/,
			);
			const tiny = await runCli(['check', '--format', 'markdown', '--markdown-limit', '100'], {
				cwd: tree,
			});
			expect([tiny.code, tiny.stderr]).toEqual([
				2,
				"error: option '--markdown-limit <bytes>' argument '100' is invalid. Expected 0 (no limit) or a whole number of bytes from 1024, e.g. 65536.\n",
			]);
		} finally {
			await removeFixture(tree);
		}
	});

	test('writes more formats of the same run with --report FORMAT=FILE, each to its file', async () => {
		const result = await runCli(
			[
				'check',
				'--format',
				'github',
				'--report',
				'markdown=summary.txt',
				'--report',
				'json=report.json',
			],
			{ cwd: broken },
		);
		expect(result.code).toBe(1);
		expect(result.stdout.match(/^::error /gm)).toHaveLength(3);
		const { readFile } = await import('node:fs/promises');
		const summary = await readFile(`${broken}/summary.txt`, 'utf8');
		expect(summary).toMatch(/^### ❌ Waymark check: 3 errors, 1 warning\n/);
		expect(summary).toContain(
			'- **error** 5:1 Unexpected link to missing file `gone.md`, expected an existing file',
		);
		expect(
			(JSON.parse(await readFile(`${broken}/report.json`, 'utf8')) as { summary: unknown }).summary,
		).toEqual({ errors: 3, warnings: 1, files: 3 });
	});

	test.each(['markdown', 'xml=report.xml', 'markdown='])(
		'exits 2 on --report %s',
		async (value) => {
			const result = await runCli(['check', '--report', value], { cwd: clean });
			expect([result.code, result.stderr]).toEqual([
				2,
				`error: option '--report <format=file>' argument '${value}' is invalid. Expected FORMAT=FILE with FORMAT one of pretty, json, junit, sarif, github, markdown, e.g. markdown=summary.md.\n`,
			]);
		},
	);

	test('exits 2 on an unknown flag', async () => {
		const result = await runCli(['check', '--colour']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatchInlineSnapshot(`
			"error: unknown option '--colour'
			"
		`);
	});

	test('exits 2 on an unknown format', async () => {
		const result = await runCli(['check', '--format', 'xml']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(
			"argument 'xml' is invalid. Allowed choices are pretty, json, junit, sarif, github, markdown.",
		);
	});

	test('exits 2 listing every bad key path of an invalid config', async () => {
		const tree = await writeFixture({
			'README.md': '# Home\n',
			'waymark.config.yaml':
				'root: .\nchecks:\n  rules:\n    orphan-page: off\n    internal-links: loud\n  lint:\n    final-newlin: off\n',
		});
		try {
			const result = await runCli(['check'], { cwd: tree });
			expect(result.code).toBe(2);
			// Each key carries its place in the file; the reference is the copy shipped in the package.
			expect(normalise(result.stderr, tree).replaceAll(repoRoot, '<package>/'))
				.toMatchInlineSnapshot(`
				"waymark.config.yaml has 3 invalid keys:
				  ! waymark.config.yaml:4:5: checks.rules.orphan-page: Unexpected rule \`orphan-page\`, expected a known rule; did you mean \`orphan-pages\`
				  ! waymark.config.yaml:5:5: checks.rules.internal-links: Unexpected \`"loud"\`, expected one of \`error\`, \`warning\`, \`off\`
				  ! waymark.config.yaml:7:5: checks.lint.final-newlin: Unexpected remark-lint rule \`final-newlin\`, expected a known remark-lint rule; did you mean \`final-newline\`
				Hint: Fix each key listed above. Every key, its type and its default are in the configuration reference: <package>/guidebooks/configuration.md.
				"
			`);
		} finally {
			await removeFixture(tree);
		}
	});

	test('with --untrusted, reports a picture the branch does not commit once, at its link (a picture not there as missing), and checks a page not committed', async () => {
		const repo = await writeFixture({});
		try {
			await initRepository(repo);
			await commitAt(repo, '2026-11-02', {
				'docs/README.md': '# Home\n\n[Deploy](web/deploy.md)\n',
				'docs/web/deploy.md': '# Deploy\n\n![Diagram](../img/new.png)\n\n![Old](../img/old.png)\n',
			});
			await writeEdits(repo, {
				'docs/img/new.png': 'png',
				'docs/new.md': '# New\n\n[Home](README.md)\n',
			});
			const result = await runCli(
				['check', '--root', 'docs', '--untrusted', '--format', 'github'],
				{ cwd: repo },
			);
			expect(result.stdout).toMatchInlineSnapshot(`
				"::warning file=docs/web/deploy.md,line=3,col=1,title=waymark(readable-files)::Unexpected link to \`../img/new.png\`, a file the branch does not hold (git does not track it), expected a file the branch commits. Commit what it should show: a branch under review is built from its own files, never from what else is on the machine.
				::error file=docs/web/deploy.md,line=5,col=1,title=waymark(internal-links)::Unexpected link to missing image \`../img/old.png\`, expected an existing file
				"
			`);
			// The page git does not track is checked (work in progress on the machine), beside the committed ones.
			const json = JSON.parse(
				(
					await runCli(['check', '--root', 'docs', '--untrusted', '--format', 'json'], {
						cwd: repo,
					})
				).stdout,
			) as { checked: string[] };
			expect(json.checked).toEqual(
				expect.arrayContaining(['README.md', 'web/deploy.md', 'new.md']),
			);
		} finally {
			await removeFixture(repo);
		}
	});

	test('exits 2 when the root does not exist', async () => {
		const result = await runCli(['check', '--root', 'no/such/folder'], { cwd: clean });
		expect(result.code).toBe(2);
		expect(normalise(result.stderr, clean)).toMatchInlineSnapshot(`
			"The guidebook root \`<root>/no/such/folder\` does not exist or is not a folder.
			Hint: Pass the folder that holds your Markdown with \`--root DIR\`, set \`WAYMARK_ROOT\`, or set \`root\` in waymark.config.yaml.
			"
		`);
	});

	test('lists its exit codes in --help', async () => {
		const result = await runCli(['check', '--help']);
		expect(result.stdout).toContain(
			'Exit codes:\n  0  no finding at or above --fail-on\n  1  findings at or above --fail-on\n  2  usage, configuration or internal error',
		);
	});
});

describe('runCheck', () => {
	test('keeps exit code 1 and warns when the reporter throws', async () => {
		const terminal = testTerminal({ cwd: repoRoot, env: {} });
		const code = await runCheck(
			{ root: broken, config: `${broken}/waymark.config.yaml`, format: 'json', failOn: 'error' },
			terminal,
			{
				reporters: {
					json: () => {
						throw new Error('disk full');
					},
				},
			},
		);
		expect(code).toBe(1);
		expect(terminal.err()).toBe(
			'Warning: the json reporter failed (disk full); 3 error(s) and 1 warning(s) were found.\n',
		);
	});
});

describe('colour', () => {
	const run = async (isTTY: boolean, env: Record<string, string>) => {
		const terminal = testTerminal({ cwd: repoRoot, env, isTTY });
		await runCheck(
			{ root: broken, config: `${broken}/waymark.config.yaml`, format: 'pretty', failOn: 'error' },
			terminal,
		);
		return terminal.out();
	};

	test('colours the pretty report on a TTY', async () => {
		const text = await run(true, {});
		expect(text).not.toBe(stripVTControlCharacters(text));
	});

	test('prints plain text when NO_COLOR is set or stdout is not a TTY', async () => {
		for (const text of [await run(true, { NO_COLOR: '1' }), await run(false, {})]) {
			expect(text).toBe(stripVTControlCharacters(text));
			expect(text).toContain('✖ 3 errors, 1 warning in 3 files checked');
		}
	});
});
