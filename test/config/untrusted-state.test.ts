import { execFile } from 'node:child_process';
import { mkdir, readdir, realpath, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { loadConfig, type LoadedConfig } from '../../config/load-config.ts';
import { isInside } from '../../core/path-inside.ts';
import { commitAt, initRepository, writeEdits } from '../helpers/dated-commits.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

const exec = promisify(execFile);

// A branch under review may put files where the state folder or one of its caches is: committed,
// in a submodule (whose files the parent's file list does not name), behind a symbolic link, or
// simply by naming the place in its config. An untrusted run keeps every state path outside the
// repository whatever the branch does, and says so for each key the config writes.
const keys = [
	{
		key: 'stateDir',
		line: 'stateDir: ${place}',
		file: 'astro/docs-0/cache/incremental-build.json',
	},
	{ key: 'diagrams.cacheDir', line: 'diagrams:\n  cacheDir: ${place}', file: 'verdicts.json' },
	{ key: 'links.cache.dir', line: 'links:\n  cache:\n    dir: ${place}', file: 'links.json' },
	{
		key: 'status.database',
		line: 'status:\n  database: ${place}/status.sqlite',
		file: 'status.sqlite',
	},
] as const;
const placements = [
	'committed',
	'submodule',
	'untracked',
	'symlink to elsewhere in the repository',
	'default',
] as const;
const statePaths = (loaded: LoadedConfig) => [
	loaded.stateDir,
	loaded.config.diagrams.cacheDir ?? '',
	loaded.config.links.cache.dir,
	loaded.config.status.database,
];

const projects: string[] = [];
afterAll(() => Promise.all(projects.map((project) => removeFixture(project))));

async function project(files: Record<string, string>): Promise<string> {
	const dir = await realpath(await writeFixture(files));
	projects.push(dir);
	await initRepository(dir);
	return dir;
}

test.each(keys.flatMap((k) => placements.map((placement) => ({ ...k, placement }))))(
	'$key $placement: every state path of an untrusted run lies outside the repository',
	async ({ key, line, file, placement }) => {
		const place = placement === 'submodule' ? 'vendor/state' : 'cache/state';
		const config =
			placement === 'default' ? 'root: docs\n' : `root: docs\n${line.replace('${place}', place)}\n`;
		const dir = await project({ 'waymark.config.yaml': config, 'docs/README.md': '# Home\n' });
		if (placement === 'committed')
			await commitAt(dir, '2026-11-20', { [`${place}/${file}`]: '{}\n' });
		if (placement === 'untracked') await writeEdits(dir, { [`${place}/${file}`]: '{}\n' });
		if (placement === 'submodule') {
			// A repository of its own, added to the parent as a gitlink: `git ls-files` of the parent
			// names `vendor`, never the files in it.
			await mkdir(join(dir, 'vendor'), { recursive: true });
			await initRepository(join(dir, 'vendor'));
			await commitAt(join(dir, 'vendor'), '2026-11-19', { [`state/${file}`]: '{}\n' });
			await commitAt(dir, '2026-11-20', {});
			expect((await exec('git', ['-C', dir, 'ls-files'])).stdout.split('\n')).toContain('vendor');
		}
		if (placement === 'symlink to elsewhere in the repository') {
			await commitAt(dir, '2026-11-20', { [`planted/${file}`]: '{}\n' });
			await mkdir(join(dir, 'cache'), { recursive: true });
			await symlink(join(dir, 'planted'), join(dir, place));
		}
		const trusted = await loadConfig({ cwd: dir, trust: 'trusted' });
		const untrusted = await loadConfig({ cwd: dir, trust: 'untrusted' });
		// The control: a trusted run keeps its state where the config says, inside the project.
		expect(statePaths(trusted).every((path) => isInside(path, dir))).toBe(true);
		expect(statePaths(untrusted).filter((path) => isInside(path, dir))).toEqual([]);
		expect(untrusted.setAside.map((s) => s.key)).toEqual(placement === 'default' ? [] : [key]);
		if (placement !== 'default')
			expect(untrusted.setAside[0]?.reason).toMatch(
				/^places Waymark's state \(`[^`]+`\), which a branch under review may not choose: .* its state lives outside the tree \(`[^`]+`\)$/,
			);
	},
);

// `waymark init` writes the default out (`stateDir: .waymark`), and the README's first `preview`
// then warned about a line Waymark wrote itself. The default, however spelled, chooses nothing.
test.each(['.waymark', './.waymark', '.waymark/', 'docs/../.waymark'])(
	'an untrusted config that writes the default state folder as `%s` is not warned about',
	async (written) => {
		const dir = await project({
			'waymark.config.yaml': `root: docs\nstateDir: ${written}\n`,
			'docs/README.md': '# Home\n',
		});
		const untrusted = await loadConfig({ cwd: dir, trust: 'untrusted' });
		expect(untrusted.setAside).toEqual([]);
		expect(isInside(untrusted.stateDir, dir)).toBe(false);
	},
);

test('an untrusted run of the same checkout finds its own state again, and another checkout another', async () => {
	const a = await project({ 'docs/README.md': '# Home\n' });
	const b = await project({ 'docs/README.md': '# Home\n' });
	const [first, again, other] = await Promise.all([
		loadConfig({ cwd: a, trust: 'untrusted' }),
		loadConfig({ cwd: a, trust: 'untrusted' }),
		loadConfig({ cwd: b, trust: 'untrusted' }),
	]);
	expect(first.stateDir).toBe(again.stateDir);
	expect(other.stateDir).not.toBe(first.stateDir);
});

test("--state-dir of an untrusted run is the operator's outside the repository, and refused inside it", async () => {
	const dir = await project({ 'docs/README.md': '# Home\n' });
	const outside = await writeFixture({});
	projects.push(outside);
	await expect(
		loadConfig({ cwd: dir, trust: 'untrusted', stateDir: join(outside, 'state') }),
	).resolves.toMatchObject({ stateDir: join(outside, 'state'), setAside: [] });
	await expect(loadConfig({ cwd: dir, trust: 'untrusted', stateDir: 'ci-state' })).rejects.toThrow(
		/`--state-dir` is `.*\/ci-state`, inside `.*`, the tree under review/,
	);
	// A link inside the repository leading out is followed: where the state really is counts.
	await symlink(outside, join(dir, 'linked'));
	await expect(
		loadConfig({ cwd: dir, trust: 'untrusted', stateDir: 'linked/state' }),
	).resolves.toMatchObject({ trust: 'untrusted' });
	await expect(
		loadConfig({ cwd: dir, trust: 'trusted', stateDir: 'ci-state' }),
	).resolves.toMatchObject({ stateDir: join(dir, 'ci-state') });
});

test('check --untrusted reports the state folder its config names, and writes nothing into the tree', async () => {
	const dir = await project({
		'waymark.config.yaml': 'root: docs\nstateDir: vendor/state\n',
		'docs/README.md': '# Home\n',
	});
	await commitAt(dir, '2026-11-20', { 'vendor/state/planted.json': '{}\n' });
	const run = await runCli(['check', '--untrusted', '--format', 'json'], { cwd: dir });
	const findings = (
		JSON.parse(run.stdout) as { findings: Array<{ file: string; rule: string; message: string }> }
	).findings;
	expect(findings.map((f) => [f.file, f.rule, f.message.replace(/\(`[^`]+`\)$/, '')])).toEqual([
		[
			'../waymark.config.yaml',
			'untrusted-content',
			"Unexpected `stateDir` in an untrusted tree's config: it places Waymark's state (`" +
				join(dir, 'vendor/state') +
				'`), which a branch under review may not choose: an untrusted run reads nothing the branch could have written as its own results, so its state lives outside the tree ',
		],
	]);
	expect(await readdir(join(dir, 'vendor/state'))).toEqual(['planted.json']);
	expect((await readdir(dir)).sort()).toEqual(['.git', 'docs', 'vendor', 'waymark.config.yaml']);
});
