// `--tmpfs`: a benchmark run from a copy of this checkout in memory (/dev/shm), so that every side
// writes its files to tmpfs. On the ext4 these machines have (mounted without a journal), creating a
// file searches the inode bitmap past every inode freed or written in the last 30 s (the kernel's
// `recently_deleted`): the same warm Waymark build spent 0.3 to 2.3 s of CPU in its file threads
// depending on what the side before it had deleted and written (bench/HISTORY.md, `## build`,
// 2026-11-25 evening). A build's cost then said more about the previous side than about itself.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './process-alive.mjs';

const copy = '/dev/shm/waymark-bench';
const lock = `${copy}.lock`;

/**
 * Copies the checkout's files (tracked and untracked, not ignored, as they are on disk) and its
 * `node_modules` and `bench/node_modules` to `/dev/shm/waymark-bench` (Starlight's project and the
 * bare Astro one find their packages by walking up, as in the checkout), runs `bench/<script>`
 * there with `args` under this Node, copies what it wrote to `bench/.tmp/` back, removes the copy
 * (1.7 GB of memory) and returns its exit code. One `--tmpfs` run at a time.
 * @param {string} repo the checkout
 * @param {string} script e.g. `build.mjs`
 * @param {string[]} args the benchmark's arguments, without `--tmpfs`
 */
export function runFromTmpfsCopy(repo, script, args) {
	if (!existsSync('/dev/shm')) {
		console.error(
			'Unexpected --tmpfs on a machine without /dev/shm, expected a Linux tmpfs there. Run without --tmpfs.',
		);
		return 2;
	}
	const holder = Number(existsSync(lock) ? readFileSync(lock, 'utf8') : '');
	if (holder && isAlive(holder)) {
		console.error(
			`Unexpected second --tmpfs run: process ${holder} is running one in ${copy}, expected one at a time. Wait for it, or end it.`,
		);
		return 2;
	}
	writeFileSync(lock, String(process.pid));
	try {
		rmSync(copy, { recursive: true, force: true });
		mkdirSync(copy, { recursive: true });
		const listed = spawnSync(
			'git',
			['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
			{ cwd: repo, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
		);
		if (listed.status !== 0) throw new Error(`git ls-files failed in ${repo}: ${listed.stderr}`);
		// A tracked file deleted from the working tree is not there to copy.
		const files = listed.stdout.split('\0').filter((file) => file && existsSync(join(repo, file)));
		const tar = spawnSync('sh', ['-c', `tar --null -T - -cf - | tar -xf - -C '${copy}'`], {
			cwd: repo,
			input: files.join('\0'),
			stdio: ['pipe', 'inherit', 'inherit'],
		});
		if (tar.status !== 0) throw new Error(`copying the checkout to ${copy} failed`);
		// Copied, not linked: Vite treats a package whose real path is outside the project's as nobody's,
		// and Starlight's build fails on its components (about 20 s for the 1.7 GB).
		for (const modules of ['node_modules', 'bench/node_modules']) {
			if (
				spawnSync('cp', ['-a', join(repo, modules), join(copy, modules)], { stdio: 'inherit' })
					.status !== 0
			)
				throw new Error(`copying ${modules} to ${copy} failed`);
		}
		console.log(`Running from a copy of the checkout on tmpfs: ${copy}`);
		const status =
			spawnSync(process.execPath, [join(copy, 'bench', script), ...args], {
				cwd: copy,
				stdio: 'inherit',
			}).status ?? 1;
		// The runs' figures and logs, where a run from the checkout leaves them; not the trees and sites
		// they were measured on (build.mjs's, incremental.mjs's `project-<pages>`).
		if (existsSync(join(copy, 'bench/.tmp')))
			cpSync(join(copy, 'bench/.tmp'), join(repo, 'bench/.tmp/tmpfs'), {
				recursive: true,
				filter: (path) =>
					!/\/(?:tree|starlight|astro|waymark-out|\.waymark|diagram-cache|project-\d+)(?:\/|$)/.test(
						path,
					),
			});
		return status;
	} finally {
		rmSync(copy, { recursive: true, force: true });
		rmSync(lock, { force: true });
	}
}
