import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';
import { outputFiles } from '../helpers/output-files.ts';

// A state folder outside the working directory (`--state-dir` on tmpfs, a CI cache volume): Astro
// wrote its prerender chunks under the working directory and renamed them into the store, which
// failed with EXDEV across file systems ("Internal error while writing the HTML pages") and left
// `.astro/` in the user's folder. The state goes on another file system where the machine has one
// (tmpfs, when the checkout is not on it), else in the system's temporary folder.
let root: string;
let state: string;
let elsewhere: CliResult;
let inside: CliResult;

const pages = {
	'guidebooks/README.md': '# Runbooks\n\nSee [the rotation](ops/rotation.md).\n',
	'guidebooks/ops/rotation.md':
		'# Rotate the certificates\n\n```bash\nsudo systemctl reload nginx\n```\n',
	// A diagram: the checks then run beside Astro's build, while it runs from the store.
	'guidebooks/ops/flow.md':
		'# Where certificates go\n\n```mermaid\nflowchart LR\n  Vault --> Nginx\n```\n',
};

beforeAll(async () => {
	root = await writeFixture(pages);
	const otherDevice = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(root).dev;
	state = await mkdtemp(join(otherDevice ? '/dev/shm' : tmpdir(), 'waymark-state-'));
	const env = { WAYMARK_CHROMIUM: '/nonexistent' };
	elsewhere = await runCli(
		['build', '--root', 'guidebooks', '--out', 'site', '--state-dir', state],
		{ cwd: root, env },
	);
	inside = await runCli(['build', '--root', 'guidebooks', '--out', 'site-inside'], {
		cwd: root,
		env,
	});
}, 300_000);

afterAll(async () => {
	await removeFixture(root);
	await rm(state, { recursive: true, force: true });
});

test('builds with the state folder outside the working directory, and leaves nothing of Astro’s there', () => {
	expect(elsewhere.code, elsewhere.stderr).toBe(0);
	expect(elsewhere.stderr).not.toMatch(/Internal error|EXDEV/);
	expect(existsSync(join(root, 'site/ops/rotation/index.html'))).toBe(true);
	expect(existsSync(join(root, '.astro'))).toBe(false);
});

test('writes the same pages as a build with the state folder beside the tree', async () => {
	expect(inside.code, inside.stderr).toBe(0);
	const html = async (dir: string) =>
		(await outputFiles(join(root, dir)))
			.filter((file) => file.path.endsWith('.html'))
			.sort((a, b) => a.path.localeCompare(b.path));
	const [a, b] = [await html('site'), await html('site-inside')];
	expect(a.map((file) => file.path)).toContain('ops/rotation/index.html');
	expect(a).toEqual(b);
});
