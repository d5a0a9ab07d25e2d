import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	chmod,
	lstat,
	mkdir,
	mkdtemp,
	readdir,
	readFile,
	rm,
	stat,
	utimes,
	writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { copyPackage } from '../helpers/package-copy.ts';

// A team installs the packed Waymark into its own repository, as a new user would, and runs
// init, build, check and serve there. The installed package is made read-only first, and root
// (as CI runs) loses its power to write past permissions: nothing may be written under
// node_modules, and the tree of node_modules is the same before and after.
const run = promisify(execFile);
const asUser =
	process.getuid?.() === 0
		? [
				'setpriv',
				'--bounding-set=-dac_override,-dac_read_search',
				'--inh-caps=-dac_override,-dac_read_search',
				'--',
			]
		: [];
let work: string;
let project: string;
let before: string;

/** Every path under `dir` with its kind, size and modification time, hashed: any write shows. */
async function treeDigest(dir: string): Promise<{ digest: string; entries: number }> {
	const hash = createHash('sha256');
	let entries = 0;
	for (const name of (await readdir(dir, { recursive: true })).sort()) {
		const stat = await lstat(join(dir, name));
		hash.update(
			`${name}\0${stat.isDirectory() ? 'd' : stat.isSymbolicLink() ? 'l' : 'f'}\0${stat.size}\0${stat.mtimeMs}\n`,
		);
		entries++;
	}
	return { digest: hash.digest('hex'), entries };
}

async function waymark(
	args: string[],
	timeout = 300_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
	const [command = process.execPath, ...rest] = [
		...asUser,
		process.execPath,
		join(project, 'node_modules/waymark/bin/waymark.mjs'),
		...args,
	];
	try {
		const { stdout, stderr } = await run(command, rest, {
			cwd: project,
			timeout,
			env: { ...process.env, NO_COLOR: '1', WAYMARK_LOG_LEVEL: 'silent' },
			maxBuffer: 64 * 1024 * 1024,
		});
		return { code: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code?: number; stdout?: string; stderr?: string };
		return {
			code: typeof e.code === 'number' ? e.code : -1,
			stdout: e.stdout ?? '',
			stderr: e.stderr ?? '',
		};
	}
}

beforeAll(async () => {
	// Outside this repository, so that nothing resolves from its node_modules.
	work = await mkdtemp(join(tmpdir(), 'waymark-consumer-'));
	// Packed from a copy of the package: `npm pack` in the checkout writes dist-cli/ there for a
	// while, and every test that starts bin/waymark.mjs meanwhile would run that half-written CLI.
	const source = join(work, 'source');
	await copyPackage(source);
	const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: source,
		timeout: 300_000,
	});
	const tarball = join(work, stdout.trim().split('\n').at(-1) ?? '');
	project = join(work, 'project');
	const files: Record<string, string> = {
		'package.json': '{ "name": "team-runbooks", "private": true }\n',
		'.gitignore': 'node_modules\n',
		'docs/README.md':
			'# Team runbooks\n\nStart with [the database](db/failover.md#promote-the-replica).\n',
		'docs/db/failover.md':
			'# Database failover\n\n## Promote the replica\n\nPromote it.\n\n```mermaid\nflowchart LR\n  primary --> replica\n```\n',
	};
	for (const [path, text] of Object.entries(files)) {
		await mkdir(join(project, path, '..'), { recursive: true });
		await writeFile(join(project, path), text);
	}
	await mkdir(join(project, '.github'));
	await run('git', ['init', '--quiet', project]);
	await run(
		'npm',
		['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', tarball],
		{ cwd: project, timeout: 600_000 },
	);
	await chmod(join(project, 'node_modules'), 0o555);
	await run('chmod', ['-R', 'a-w', join(project, 'node_modules')]);
	before = (await treeDigest(join(project, 'node_modules'))).digest;
}, 900_000);

afterAll(async () => {
	if (!work) return;
	await run('chmod', ['-R', 'u+w', work]).catch(() => undefined);
	await rm(work, { recursive: true, force: true });
});

test('init, build, check and serve work from a read-only install and write nothing under node_modules', async () => {
	const init = await waymark(['init']);
	expect(init.code).toBe(0);
	expect(init.stdout).toContain('Found the Markdown in docs/');
	expect(init.stdout).toMatch(
		/Next:\n {2}npx waymark check\n {2}npx waymark build\n {2}npx waymark serve\n$/,
	);
	expect(await readFile(join(project, '.gitignore'), 'utf8')).toBe(
		'node_modules\n\n# Waymark: state, built site and packages (waymark init)\n/.waymark/\n/dist/\n',
	);
	expect(await readFile(join(project, 'waymark.config.yaml'), 'utf8')).toMatch(
		/^# node_modules\/waymark\/guidebooks\/configuration\.md$/m,
	);
	await expect(readFile(join(project, '.github/workflows/waymark.yml'), 'utf8')).resolves.toContain(
		'npx waymark check --untrusted --state-dir \\"$RUNNER_TEMP/waymark-state\\" --baseline-ref \\"origin/$BASE_REF\\" --format github',
	);

	const build = await waymark(['build']);
	expect([build.code, build.stderr]).toEqual([0, '']);
	expect(build.stdout).toMatch(
		/^Built 2 guidebook pages, plus the status and 404 pages, into dist\/$/m,
	);
	expect(await readFile(join(project, 'dist/db/failover/index.html'), 'utf8')).toContain(
		'Promote it.',
	);
	expect(await readFile(join(project, 'dist/index.html'), 'utf8')).toContain(
		'href="/db/failover/#promote-the-replica"',
	);
	// The state is in the project: one store for the tree, the drawn diagrams.
	expect(
		(await readdir(join(project, '.waymark/astro'))).map((name) =>
			name.replace(/-[0-9a-f]{12}$/, ''),
		),
	).toEqual(['docs']);
	// …and git ignores it and the built site (the lines init added): neither shows as new files.
	const { stdout: untracked } = await run(
		'git',
		['status', '--porcelain', '--untracked-files=all'],
		{ cwd: project },
	);
	expect(untracked.split('\n').filter((line) => /^\?\? (\.waymark|dist)\//.test(line))).toEqual([]);
	expect(untracked).toMatch(/^\?\? docs\/README\.md$/m);

	const check = await waymark(['check', '--format', 'json']);
	expect(check.code).toBe(0);
	expect(JSON.parse(check.stdout)).toMatchObject({
		version: 1,
		findings: [],
		summary: { errors: 0, warnings: 0 },
	});

	const served = await serveOnce();
	expect(served.status).toBe(200);
	expect(served.body).toContain('Team runbooks');

	const after = await treeDigest(join(project, 'node_modules'));
	expect(after.entries).toBeGreaterThan(1000);
	expect(after.digest).toBe(before);
	// Positive control: the digest sees a write under node_modules (one file's time moved by a second).
	const touched = join(project, 'node_modules/waymark/package.json');
	const { mtime } = await stat(touched);
	await utimes(touched, mtime, new Date(mtime.getTime() + 1000));
	expect((await treeDigest(join(project, 'node_modules'))).digest).not.toBe(before);
}, 900_000);

/** Starts `waymark serve --port 0`, fetches the home page once, stops it. */
async function serveOnce(): Promise<{ status: number; body: string }> {
	const [command = process.execPath, ...rest] = [
		...asUser,
		process.execPath,
		join(project, 'node_modules/waymark/bin/waymark.mjs'),
		'serve',
		'--port',
		'0',
	];
	const child = spawn(command, rest, {
		cwd: project,
		env: { ...process.env, NO_COLOR: '1' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	try {
		const url = await new Promise<string>((resolve, reject) => {
			let out = '';
			const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
			child.stdout.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				const match = /on (http:\/\/\S+)/.exec(out);
				if (!match?.[1]) return;
				clearTimeout(timer);
				resolve(match[1]);
			});
			child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
		});
		const response = await fetch(url);
		return { status: response.status, body: await response.text() };
	} finally {
		child.kill('SIGTERM');
	}
}
