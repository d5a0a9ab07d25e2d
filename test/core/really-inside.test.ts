import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { isReallyInside } from '../../core/really-inside.ts';

// Containment with symbolic links followed: the one check behind the untrusted config's paths,
// the tool's config files and pictures. A folder reached through a link is judged where it leads.
let dir: string;

beforeAll(async () => {
	dir = await realpath(await mkdtemp(join(tmpdir(), 'waymark-inside-')));
	await mkdir(join(dir, 'project/docs'), { recursive: true });
	await mkdir(join(dir, 'outside'));
	await writeFile(join(dir, 'project/docs/a.md'), '# A\n');
	await writeFile(join(dir, 'outside/secret.txt'), 'x\n');
	await symlink('../../outside', join(dir, 'project/docs/out'));
	await symlink('project', join(dir, 'project-link'));
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

test.each([
	['a file inside', 'project/docs/a.md', 'project', {}, true],
	['the folder itself', 'project', 'project', {}, true],
	['a file through a link that leads out', 'project/docs/out/secret.txt', 'project', {}, false],
	['a folder given through a link', 'project/docs/a.md', 'project-link', {}, true],
	['a path not made yet', 'project/state/new', 'project', {}, false],
	[
		'a path not made yet, when that is allowed',
		'project/state/new',
		'project',
		{ notYetMade: true },
		true,
	],
	[
		'a path not made yet under a link that leads out',
		'project/docs/out/new/state',
		'project',
		{ notYetMade: true },
		false,
	],
	[
		'a sibling whose name starts the same',
		'project-other/x',
		'project',
		{ notYetMade: true },
		false,
	],
	['a folder that does not exist', 'project/docs/a.md', 'nowhere', { notYetMade: true }, false],
] as const)('%s', async (_, path, folder, options, expected) => {
	expect(await isReallyInside(join(dir, path), join(dir, folder), options)).toBe(expected);
});
