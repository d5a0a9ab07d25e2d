import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { pagesChangedSince } from '../../checks/changed-since.ts';
import { defaultBase, listPageChanges, readBaseFiles } from '../../preview/git.ts';
import { readLastCommitDates } from '../../tree/git-dates.ts';
import { locateRoot } from '../../tree/repository.ts';
import { runCli } from '../helpers/fixture.ts';
import {
	plantings,
	writePlantedRepository,
	type PlantedRepository,
} from '../helpers/planted-git.ts';

// A branch under review plants git configuration that names programs (test/helpers/planted-git.ts:
// a repository at every depth, attributes choosing the user's drivers); nothing Waymark does with
// git may start one, from whichever folder it is run and whichever root it is given.
vi.setConfig({ testTimeout: 60_000 });

const exec = promisify(execFile);
let planted: PlantedRepository;

beforeAll(async () => {
	planted = await writePlantedRepository();
}, 60_000);
afterAll(() => planted.remove());

describe('the attack is real (positive controls)', () => {
	test('git run inside a planted repository starts its fsmonitor', async () => {
		await exec('git', ['status'], {
			cwd: join(planted.repo, 'docs/runbooks'),
			timeout: 30_000,
		}).catch(() => undefined);
		expect((await planted.fired()).some((name) => name.endsWith('-fsmonitor'))).toBe(true);
		await planted.clearMarkers();
	});

	test('a plain `git diff` from the top sends the tree’s pages through the user’s filter', async () => {
		await exec('git', ['diff', '--stat', 'main', '--', 'docs'], {
			cwd: planted.repo,
			timeout: 30_000,
		}).catch(() => undefined);
		expect((await planted.fired()).some((name) => name.startsWith('user-filter-'))).toBe(true);
		await planted.clearMarkers();
	});
});

describe.each(['docs', 'docs/runbooks'])('with the root at %s', (rootPath) => {
	const root = () => join(planted.repo, rootPath);

	test('every git-reading function names the real repository and starts no program', async () => {
		const place = await locateRoot(root());
		const { found, ...named } = place.repository ?? { gitDir: '', workTree: '' };
		expect(named).toEqual({ gitDir: join(planted.repo, '.git'), workTree: planted.repo });
		expect(found).toMatchObject({
			objects: join(planted.repo, '.git/objects'),
			shallow: join(planted.repo, '.git/shallow'),
		});
		expect(found?.head).toMatch(/^[0-9a-f]{40}$/);
		const tree = await loadGuidebookTree(root());
		const changes = await listPageChanges(root(), 'main');
		expect(changes.changes.map((c) => `${c.status} ${c.path}`)).toContain(
			`changed ${rootPath === 'docs' ? 'runbooks/erp/ops.md' : 'erp/ops.md'}`,
		);
		await pagesChangedSince(tree, 'main');
		await readBaseFiles(root(), changes.commit, [...tree.pages.keys()]);
		await readLastCommitDates(place);
		expect(await defaultBase(root())).toBe('main');
		expect(await planted.fired()).toEqual([]);
	});

	test.each([
		['the work tree top', ''],
		['the root', rootPath],
		['a folder inside the root', `${rootPath}/${rootPath === 'docs' ? 'runbooks/erp' : 'erp'}`],
	])(
		'`check --changed-since main` run from %s starts no program and reports every planted repository',
		async (_where, cwd) => {
			const result = await runCli(
				['check', '--root', root(), '--changed-since', 'main', '--format', 'json'],
				{ cwd: join(planted.repo, cwd) },
			);
			expect(await planted.fired()).toEqual([]);
			const findings = (
				JSON.parse(result.stdout) as { findings: { file: string; message: string }[] }
			).findings;
			const reported = findings
				.filter((f) => f.message.includes('git repository ('))
				.map((f) => f.file);
			const expected = plantings
				.filter((p) => p === rootPath || p.startsWith(`${rootPath}/`))
				.map((p) => p.slice(rootPath.length + 1) || '.');
			expect(reported.sort()).toEqual(expected.sort());
		},
	);
});

test('`--changed-since` given an option for a ref stops before git and truncates nothing', async () => {
	const victim = join(planted.repo, 'docs/runbooks/README.md');
	const before = await readFile(victim, 'utf8');
	const result = await runCli(['check', '--root', 'docs', `--changed-since=--output=${victim}`], {
		cwd: planted.repo,
	});
	expect(result.code).toBe(2);
	expect(result.stderr).toContain('is not a branch, tag or commit name');
	expect(await readFile(victim, 'utf8')).toBe(before);
});
