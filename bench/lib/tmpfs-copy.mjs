// `--tmpfs`: a benchmark run from a copy of this checkout in memory (/dev/shm), so that every side
// writes its files to tmpfs. On the ext4 these machines have (mounted without a journal), creating a
// file searches the inode bitmap past every inode freed or written in the last 30 s (the kernel's
// `recently_deleted`): the same warm Waymark build spent 0.3 to 2.3 s of CPU in its file threads
// depending on what the side before it had deleted and written (bench/HISTORY.md, `## build`,
// 2026-11-25 evening). A build's cost then said more about the previous side than about itself.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Copies the checkout's files (tracked and untracked, not ignored: what `git ls-files` lists) and
 * its `node_modules` and `bench/node_modules` to `/dev/shm/waymark-bench` (Starlight's project and
 * the bare Astro one find their packages by walking up, as in the checkout), runs
 * `bench/<script>` there with `args` under this Node, and returns its exit code. The copy is left
 * in place for a look at its logs; the next `--tmpfs` run replaces it.
 * @param {string} repo the checkout
 * @param {string} script e.g. `build.mjs`
 * @param {string[]} args the benchmark's arguments, without `--tmpfs`
 */
export function runFromTmpfsCopy(repo, script, args) {
	if (!existsSync('/dev/shm')) {
		console.error('Unexpected --tmpfs on a machine without /dev/shm, expected a Linux tmpfs there. Run without --tmpfs.');
		return 2;
	}
	const copy = '/dev/shm/waymark-bench';
	rmSync(copy, { recursive: true, force: true });
	mkdirSync(copy, { recursive: true });
	const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo, maxBuffer: 64 * 2 ** 20 });
	if (files.status !== 0) throw new Error(`git ls-files failed in ${repo}: ${files.stderr}`);
	const tar = spawnSync('sh', ['-c', `tar --null -T - -cf - | tar -xf - -C '${copy}'`], { cwd: repo, input: files.stdout, stdio: ['pipe', 'inherit', 'inherit'] });
	if (tar.status !== 0) throw new Error(`copying the checkout to ${copy} failed`);
	// Copied, not linked: Vite treats a package whose real path is outside the project's as nobody's,
	// and Starlight's build fails on its components (about 20 s for the 1.7 GB).
	for (const modules of ['node_modules', 'bench/node_modules']) {
		if (spawnSync('cp', ['-a', join(repo, modules), join(copy, modules)], { stdio: 'inherit' }).status !== 0) throw new Error(`copying ${modules} to ${copy} failed`);
	}
	console.log(`Running from a copy of the checkout on tmpfs: ${copy}`);
	return spawnSync(process.execPath, [join(copy, 'bench', script), ...args], { cwd: copy, stdio: 'inherit' }).status ?? 1;
}
