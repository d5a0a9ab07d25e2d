import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { pagesChangedSince } from '../../checks/changed-since.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// Each test spawns the CLI (a fresh Node process); give it room on a busy 2-core runner.
vi.setConfig({ testTimeout: 60_000 });

const git = async (cwd: string, ...args: string[]) =>
	(await promisify(execFile)('git', args, { cwd })).stdout;
let repo: string;

beforeAll(async () => {
	repo = await writeFixture({
		'guidebooks/README.md': '# Home\n\n[ERP](erp/) · [CRM](crm/README.md)\n',
		'guidebooks/erp/README.md': '# ERP\n\n[Ops](ops.md#verify)\n',
		'guidebooks/erp/ops.md': '# Ops\n\n## Verify\n\n[ERP](README.md)\n',
		'guidebooks/crm/README.md': '# CRM\n\n[Home](../README.md)\n',
		'guidebooks/crm/notes.md': '# Notes\n\n[CRM](README.md)\n',
		'guidebooks/crm/related.md': '---\nrelated: [../erp/ops.md]\n---\n\n# Related\n',
	});
	await git(repo, 'init', '-q', '-b', 'main');
	await git(repo, '-c', 'user.email=t@example.lab', '-c', 'user.name=t', 'add', '.');
	await git(
		repo,
		'-c',
		'user.email=t@example.lab',
		'-c',
		'user.name=t',
		'commit',
		'-q',
		'-m',
		'base',
	);
	// Rename the heading others link to, and add an untracked page.
	await writeFile(
		join(repo, 'guidebooks/erp/ops.md'),
		'# Ops\n\n## Verify the rollout\n\n[ERP](README.md)\n',
	);
	await writeFile(join(repo, 'guidebooks/erp/new.md'), '# New\n\n[Ops](ops.md)\n');
});

afterAll(async () => {
	await removeFixture(repo);
});

test('selects changed and untracked pages plus the pages linking into them, by link or relation', async () => {
	const tree = await loadGuidebookTree(join(repo, 'guidebooks'));
	expect([...(await pagesChangedSince(tree, 'HEAD'))].sort()).toEqual([
		'crm/related.md',
		'erp/README.md',
		'erp/new.md',
		'erp/ops.md',
	]);
});

test('counts a link to a folder as a link into its README', async () => {
	await writeFile(join(repo, 'guidebooks/crm/README.md'), '# CRM hub\n\n[Home](../README.md)\n');
	try {
		const tree = await loadGuidebookTree(join(repo, 'guidebooks'));
		expect([...(await pagesChangedSince(tree, 'HEAD'))].sort()).toEqual([
			'README.md',
			'crm/README.md',
			'crm/notes.md',
			'crm/related.md',
			'erp/README.md',
			'erp/new.md',
			'erp/ops.md',
		]);
	} finally {
		await writeFile(join(repo, 'guidebooks/crm/README.md'), '# CRM\n\n[Home](../README.md)\n');
	}
});

test('selects the pages linking to a page the branch deleted or renamed, and reports their broken links', async () => {
	const top = await writeFixture({
		'docs/README.md': '# Home\n\n[B](b.md) · [C](c.md)\n',
		'docs/b.md': '# B\n',
		'docs/c.md': '# C\n',
		'docs/d.md': '# D\n\n[Home](README.md)\n',
	});
	try {
		await git(top, 'init', '-q', '-b', 'main');
		await git(top, '-c', 'user.email=t@example.lab', '-c', 'user.name=t', 'add', '.');
		await git(
			top,
			'-c',
			'user.email=t@example.lab',
			'-c',
			'user.name=t',
			'commit',
			'-q',
			'-m',
			'base',
		);
		await git(top, 'rm', '-q', 'docs/b.md');
		await git(top, 'mv', 'docs/c.md', 'docs/see.md');
		const tree = await loadGuidebookTree(join(top, 'docs'));
		// README links both; d.md links neither and stays out (control).
		expect([...(await pagesChangedSince(tree, 'HEAD'))].sort()).toEqual(['README.md', 'see.md']);
		const result = await runCli(
			['check', '--root', 'docs', '--changed-since', 'HEAD', '--format', 'json'],
			{ cwd: top },
		);
		expect(result.code).toBe(1);
		const findings = (
			JSON.parse(result.stdout) as { findings: Array<{ file: string; rule: string }> }
		).findings.filter((f) => f.rule === 'internal-links');
		expect(findings.map((f) => f.file)).toEqual(['README.md', 'README.md']);
	} finally {
		await removeFixture(top);
	}
});

test('reports the broken anchor on the page that links in, and says which pages it checked', async () => {
	const result = await runCli(['check', '--root', 'guidebooks', '--changed-since', 'HEAD'], {
		cwd: repo,
	});
	expect(result.code).toBe(1);
	expect(result.stderr).toMatchInlineSnapshot(`
		"Checked 4 page(s) changed since HEAD or linking into them:
		  crm/related.md
		  erp/README.md
		  erp/new.md
		  erp/ops.md
		"
	`);
	expect(result.stdout).toContain(
		'erp/README.md\n  3:1  error    Unexpected link to missing heading `#verify` in `erp/ops.md`, expected one of `#ops`, `#verify-the-rollout`  internal-links\n',
	);
});

test('lists the checked pages in JSON', async () => {
	const result = await runCli(
		['check', '--root', 'guidebooks', '--changed-since', 'HEAD', '--format', 'json'],
		{ cwd: repo },
	);
	expect((JSON.parse(result.stdout) as { checked: string[] }).checked).toEqual([
		'crm/related.md',
		'erp/README.md',
		'erp/new.md',
		'erp/ops.md',
	]);
	expect(result.stderr).toBe('');
});

test('exits 2 with the fix when the ref does not exist', async () => {
	const result = await runCli(['check', '--root', 'guidebooks', '--changed-since', 'no-such-ref'], {
		cwd: repo,
	});
	expect(result.code).toBe(2);
	expect(result.stderr).toMatchInlineSnapshot(`
		"\`--changed-since no-such-ref\` needs git, and git said: bad revision 'no-such-ref'
		Hint: Run inside a git checkout and pass a ref that exists, e.g. \`--changed-since origin/main\` (in CI, fetch it first: \`git fetch origin main\`).
		"
	`);
});

describe('outside a git repository', () => {
	let plain: string;
	beforeAll(async () => {
		// Under the system temp folder: the test fixtures folder is itself inside this repository.
		plain = await mkdtemp(join(tmpdir(), 'waymark-no-git-'));
		await mkdir(join(plain, 'guidebooks'));
		await writeFile(join(plain, 'guidebooks/README.md'), '# Home\n');
	});
	afterAll(() => removeFixture(plain));

	test('exits 2 saying the folder is not in a git repository', async () => {
		const result = await runCli(['check', '--root', 'guidebooks', '--changed-since', 'main'], {
			cwd: plain,
		});
		expect(result.code).toBe(2);
		expect(result.stderr.replaceAll(plain, '<tmp>')).toMatchInlineSnapshot(`
			"\`<tmp>/guidebooks\` is not inside a git repository, so there is no git history to compare with.
			Hint: Run the command inside a clone of your guidebooks repository, or leave out \`--changed-since\` and \`--base\`. In CI, check out the repository with its history first (e.g. \`actions/checkout\` with \`fetch-depth: 0\`).
			"
		`);
	});

	test('checks every page without --changed-since (the control)', async () => {
		const result = await runCli(['check', '--root', 'guidebooks'], { cwd: plain });
		expect(result.code).toBe(0);
	});
});

test('exits 2 saying git is missing when git is not on PATH', async () => {
	const result = await runCli(['check', '--root', 'guidebooks', '--changed-since', 'HEAD'], {
		cwd: repo,
		env: { PATH: join(repo, 'no-bin') },
		process: true,
	});
	expect(result.code).toBe(2);
	expect(result.stderr).toMatchInlineSnapshot(`
		"Cannot run \`git\`: git was not found on PATH.
		Hint: Install git and make sure it is on PATH: \`--changed-since\`, \`--base\`, \`waymark preview\` and page dates read the git history.
		"
	`);
});

// What the walk leaves out with a problem is a file of the branch like a page: `--changed-since`,
// the gate on a pull request, once let a branch add a link out of the tree with `✓ 0 errors`.
test('reports each file the branch added that the site leaves out (a link out of the tree, a broken link, a name no URL can carry) as a full check does, and none the base had', async () => {
	const dir = await writeFixture({ 'docs/README.md': '# Home\n', 'outside.md': '# Outside\n' });
	try {
		const { symlink } = await import('node:fs/promises');
		await git(dir, 'init', '-q', '-b', 'main');
		await symlink('gone-before.md', join(dir, 'docs/old-broken.md'));
		await git(dir, 'add', '.');
		await git(
			dir,
			'-c',
			'user.email=t@example.lab',
			'-c',
			'user.name=t',
			'commit',
			'-q',
			'-m',
			'base',
		);
		await symlink('../outside.md', join(dir, 'docs/out.md'));
		await symlink(join(dir, 'outside.md'), join(dir, 'docs/out-absolute.md'));
		await symlink('gone.md', join(dir, 'docs/broken.md'));
		await mkdir(join(dir, 'docs/a\tfolder'));
		await writeFile(join(dir, 'docs/a\tfolder/page.md'), '# Tab\n');
		await writeFile(join(dir, 'docs/line\nbreak.md'), '# Break\n');
		const files = async (args: string[]) => {
			const result = await runCli(['check', '--root', 'docs', '--format', 'json', ...args], {
				cwd: dir,
			});
			return (JSON.parse(result.stdout) as { findings: { rule: string; file: string }[] }).findings
				.filter((f) => f.rule === 'readable-files')
				.map((f) => f.file)
				.sort();
		};
		const added = ['a\\tfolder', 'broken.md', 'line\\nbreak.md', 'out-absolute.md', 'out.md'];
		// The control: a full check reports them all, and the base's own broken link.
		expect(await files([])).toEqual([...added, 'old-broken.md'].sort());
		expect(await files(['--changed-since', 'main'])).toEqual(added);
	} finally {
		await removeFixture(dir);
	}
});
