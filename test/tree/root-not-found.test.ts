import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rootNotFound } from '../../tree/root-not-found.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// Run from a subfolder of a project (`cd docs && waymark check`), no config is found there and the
// default root `docs/guidebooks` is looked for: the hint names what was meant (new-user trial).
let dir: string;

beforeAll(async () => {
	dir = await writeFixture(
		{
			'project/.git/HEAD': 'ref: refs/heads/main\n',
			'project/waymark.config.yaml': 'root: docs\n',
			'project/docs/ops/restart.md': '# Restart\n',
			'notes/a.md': '# A\n',
			'outer/waymark.config.yaml': 'root: docs\n',
			'outer/repo/.git/HEAD': 'ref: refs/heads/main\n',
			'outer/repo/sub/readme.txt': 'not Markdown\n',
		},
		{ outsideInstall: true },
	);
});

afterAll(async () => {
	await removeFixture(dir);
});

test('names the project config above the folder it was run from', async () => {
	const error = await rootNotFound(join(dir, 'project/docs/ops/guidebooks'));
	expect(error.hint).toContain(
		`The project's config is \`${join(dir, 'project/waymark.config.yaml')}\`: run Waymark from \`${join(dir, 'project')}\``,
	);
});

test('says when the folder it was run from holds the Markdown itself', async () => {
	const error = await rootNotFound(join(dir, 'notes/guidebooks'));
	expect(error.hint).toContain(
		`\`${join(dir, 'notes')}\` holds Markdown itself: pass \`--root ${join(dir, 'notes')}\``,
	);
});

test('guesses nothing for a root the user named', async () => {
	const error = await rootNotFound(join(dir, 'project/docs/ops/runbooks'));
	expect(error.hint).toMatch(/^Pass the folder that holds your Markdown/);
});

test('never looks above the top of the git repository for a config', async () => {
	const error = await rootNotFound(join(dir, 'outer/repo/sub/guidebooks'));
	expect(error.hint).not.toContain('config is');
	expect(error.hint).toMatch(/^Pass the folder that holds your Markdown/);
});
