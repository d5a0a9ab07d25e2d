import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { listWorkTreeChanges } from '../../core/git-changes.ts';
import { findRepository, git, type Repository } from '../../core/git.ts';
import { commitAt, initRepository, writeEdits, type FileEdits } from '../helpers/dated-commits.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// `within` only narrows what git lists: for any work tree, the changes are those of a listing of
// the whole repository, as long as `keep` accepts nothing outside `within`. The work trees are
// generated: edits, additions, removals and moves on both sides of the root's boundary.

let dir: string;
let repo: Repository;
let head: string;

const files = [
	'docs/README.md',
	'docs/db/backup.md',
	'docs/db/restore.md',
	'docs/net/vpn.md',
	'scripts/backup.sh',
	'scripts/other.sh',
	'ops/queue/config.yml',
	'ops/queue/notes.txt',
	'ops/unrelated.txt',
	'src/app.ts',
];
// What a judgement reads outside the root: a file and a folder.
const cited = ['scripts/backup.sh', 'ops/queue'];
const keep = (path: string) =>
	path.startsWith('docs/') ||
	cited.some((source) => path === source || path.startsWith(`${source}/`));

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'waymark-git-changes-'));
	await initRepository(dir);
	await commitAt(
		dir,
		'2026-01-05',
		Object.fromEntries(files.map((path, i) => [path, `line ${i}\n`.repeat(20)])),
	);
	repo = (await findRepository(dir))!;
	head = (await git(repo, ['rev-parse', 'HEAD'])).trim();
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** One generated work tree: a few edits of the committed files, each put back before the next tree. */
function workTree(random: () => number): FileEdits {
	const edits: FileEdits = {};
	for (let n = 1 + pick(random, 4); n > 0; n--) {
		const path = pickItem(random, files);
		const kind = pick(random, 4);
		if (kind === 0) edits[path] = `changed ${pick(random, 1000)}\n`;
		else if (kind === 1) edits[path] = null;
		else if (kind === 2)
			edits[
				`${pickItem(random, ['docs/new', 'scripts', 'ops/queue', 'tmp'])}/added-${pick(random, 100)}.md`
			] = 'new\n';
		else {
			// Moved whole: git finds it again by its content (`-M`), across the boundary or not.
			edits[path] = null;
			edits[
				`${pickItem(random, ['docs/moved', 'scripts/moved', 'elsewhere'])}/${pick(random, 100)}.txt`
			] = `line ${files.indexOf(path)}\n`.repeat(20);
		}
	}
	return edits;
}

test('lists the changes a whole listing finds, for 40 generated work trees', async () => {
	const random = seededRandom(20261129);
	const within = ['docs/', ...cited];
	for (let round = 0; round < 40; round++) {
		const edits = workTree(random);
		await writeEdits(dir, edits);
		const whole = await listWorkTreeChanges(repo, head, '', keep);
		const narrowed = await listWorkTreeChanges(repo, head, '', keep, within);
		expect(narrowed, JSON.stringify(edits)).toEqual(whole);
		// The whole folder named as `''` is the whole listing too.
		expect(await listWorkTreeChanges(repo, head, '', keep, ['', 'docs/'])).toEqual(whole);
		await git(repo, ['checkout', '--quiet', '--', '.']);
		await git(repo, ['clean', '--quiet', '-fd']);
	}
});

test('finds nothing in a clean checkout, and asks nothing of an empty list', async () => {
	expect(await listWorkTreeChanges(repo, head, '', keep, ['docs/', ...cited])).toEqual([]);
	await writeEdits(dir, { 'docs/README.md': 'changed\n' });
	expect(await listWorkTreeChanges(repo, head, '', keep, [])).toEqual([]);
	expect(await listWorkTreeChanges(repo, head, '', keep, ['docs/'])).toEqual([
		{ status: 'M', path: 'docs/README.md' },
	]);
	await git(repo, ['checkout', '--quiet', '--', '.']);
});
