import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readLastCommitDates } from '../../tree/git-dates.ts';
import { locateRoot } from '../../tree/repository.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const run = promisify(execFile);
let repo: string;

async function commit(dir: string, date: string, message: string): Promise<void> {
	const env = {
		...process.env,
		GIT_AUTHOR_DATE: date,
		GIT_COMMITTER_DATE: date,
		GIT_AUTHOR_NAME: 't',
		GIT_AUTHOR_EMAIL: 't@example.invalid',
		GIT_COMMITTER_NAME: 't',
		GIT_COMMITTER_EMAIL: 't@example.invalid',
	};
	await run('git', ['-C', dir, 'add', '-A'], { env });
	await run('git', ['-C', dir, 'commit', '-q', '-m', message], { env });
}

beforeAll(async () => {
	repo = await writeFixture({
		'guidebooks/README.md': '# Home\n',
		'guidebooks/erp/ops.md': '# Ops\n',
		'guidebooks/café.md': '# Café\n',
		'other.md': '# Elsewhere\n',
	});
	await run('git', ['-C', repo, 'init', '-q']);
	await commit(repo, '2026-01-02T10:00:00+00:00', 'first');
	const { writeFile } = await import('node:fs/promises');
	await writeFile(`${repo}/guidebooks/erp/ops.md`, '# Ops, revised\n');
	await writeFile(`${repo}/guidebooks/untracked.md`, '# New\n');
	await commit(repo, '2026-03-04T12:30:00+00:00', 'second');
	await writeFile(`${repo}/guidebooks/never-committed.md`, '# Draft\n');
});

afterAll(async () => {
	await removeFixture(repo);
});

test('reads every file’s last commit date from one git log, relative to the root', async () => {
	const dates = await readLastCommitDates(await locateRoot(`${repo}/guidebooks`));
	expect(Object.fromEntries(dates)).toEqual({
		'README.md': '2026-01-02T10:00:00+00:00',
		'café.md': '2026-01-02T10:00:00+00:00',
		'erp/ops.md': '2026-03-04T12:30:00+00:00',
		'untracked.md': '2026-03-04T12:30:00+00:00',
	});
});

test('returns no dates outside a git work tree', async () => {
	const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
	const { tmpdir } = await import('node:os');
	const plain = await mkdtemp(`${tmpdir()}/waymark-nogit-`);
	try {
		await writeFile(`${plain}/a.md`, '# A\n');
		expect((await readLastCommitDates(await locateRoot(plain))).size).toBe(0);
	} finally {
		await rm(plain, { recursive: true, force: true });
	}
});
