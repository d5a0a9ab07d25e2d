import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commitAt, initRepository } from '../helpers/dated-commits.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

// A pull request's check is untrusted (`--untrusted`, `--changed-since`): the branch under review
// must not decide which of its findings are known. Each way a branch could write its own new
// finding into the baseline is tried; the check goes by the base branch's baseline every time.

let repo: string;

beforeAll(async () => {
	repo = await writeFixture({
		'.gitignore': '/.waymark/\n',
		'waymark.config.yaml': 'root: docs\n',
		'docs/README.md': '# Runbooks\n\nSee [the old page](gone.md).\n',
		'docs/restore.md': '# Restore\n\nStop the workers, then restore the dump.\n',
	});
	await initRepository(repo);
	// The base branch records its one finding, the link to gone.md.
	expect((await runCli(['baseline'], { cwd: repo })).code).toBe(0);
	await commitAt(repo, '2026-03-01', {}, 'runbooks and their baseline');
}, 60_000);

afterAll(async () => {
	await removeFixture(repo);
});

/** The ways a branch could record its new finding (a link to missing.md) as known. */
const loosenings: Array<[string, () => Promise<void>]> = [
	[
		'runs `waymark baseline` again',
		async () => void expect((await runCli(['baseline'], { cwd: repo })).code).toBe(0),
	],
	[
		'replaces the file with a link to a baseline of its own',
		async () => {
			expect((await runCli(['baseline', '--baseline', 'mine.json'], { cwd: repo })).code).toBe(0);
			await rm(join(repo, 'waymark.baseline.json'));
			await symlink('mine.json', join(repo, 'waymark.baseline.json'));
		},
	],
];

describe.each(loosenings)('a branch that adds a broken link and %s', (_, loosen) => {
	beforeAll(async () => {
		await exec('git', ['-C', repo, 'checkout', '--quiet', '-B', 'review', 'main']);
		await writeFile(
			join(repo, 'docs/restore.md'),
			'# Restore\n\nStop the workers, then see [the steps](missing.md).\n',
		);
		await loosen();
		await commitAt(repo, '2026-03-02', {}, 'the branch');
	});

	afterAll(async () => {
		await exec('git', ['-C', repo, 'checkout', '--quiet', '--force', 'main']);
		await exec('git', ['-C', repo, 'clean', '--quiet', '-fd']);
	});

	test.each([
		['--untrusted --baseline-ref main', ['check', '--untrusted', '--baseline-ref', 'main']],
		['--changed-since main', ['check', '--changed-since', 'main']],
	])('fails an untrusted check (%s) on the new finding, and knows the old one', async (_, args) => {
		const result = await runCli(args, { cwd: repo });
		expect(result.code, result.stderr).toBe(1);
		expect(result.stdout).toMatch(
			/restore\.md\n +3:\d+ +error +Unexpected link to missing file `missing\.md`/,
		);
		expect(result.stdout).toContain('✖ 1 new error, 0 new warnings');
		if (args.includes('--baseline-ref'))
			expect(result.stdout).toMatch(
				/Known findings, recorded in waymark\.baseline\.json as of main \(they do not fail the run\):\n\ndocs\/README\.md\n +3:\d+ +error +Unexpected link to missing file `gone\.md`/,
			);
	});

	test("fails an untrusted check without a ref, and says the branch's baseline is not gone by", async () => {
		const result = await runCli(['check', '--untrusted'], { cwd: repo });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(
			"waymark.baseline.json is the branch's own, which an untrusted check does not go by",
		);
	});

	test("a trusted check goes by the work tree's baseline (the control)", async () => {
		expect((await runCli(['check'], { cwd: repo })).code).toBe(0);
	});
});

test('a ref that is no commit, or holds a baseline that is not one, stops the check with the place and the fix', async () => {
	const missing = await runCli(['check', '--untrusted', '--baseline-ref', 'no-such-branch'], {
		cwd: repo,
	});
	expect(missing.code).toBe(2);
	expect(missing.stderr).toContain(
		'waymark.baseline.json cannot be read as of `no-such-branch`, which is no commit here (fetch it first)',
	);
	await exec('git', ['-C', repo, 'checkout', '--quiet', '-B', 'broken', 'main']);
	try {
		await commitAt(
			repo,
			'2026-03-03',
			{ 'waymark.baseline.json': '{"version": 1, "findings": [\n' },
			'a conflict left in it',
		);
		const broken = await runCli(['check', '--untrusted', '--baseline-ref', 'broken'], {
			cwd: repo,
		});
		expect(broken.code).toBe(2);
		expect(broken.stderr).toMatch(/waymark\.baseline\.json as of broken:2:1 is not JSON/);
		expect(await readFile(join(repo, 'waymark.baseline.json'), 'utf8')).toContain('"findings": [');
	} finally {
		await exec('git', ['-C', repo, 'checkout', '--quiet', '--force', 'main']);
	}
});
