import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli } from '../helpers/fixture.ts';
import { baseTree, git, writeGitFixture } from './git-fixture.ts';

let repo: string;

beforeAll(async () => {
	repo = await writeGitFixture([baseTree]);
	await git(repo, 'branch', '--move', 'main', 'trunk');
});
afterAll(() => removeFixture(repo));

test('asks for --base when none of the default bases exists', async () => {
	const result = await runCli(['preview', '--root', 'guidebooks', '--port', '0'], { cwd: repo });
	expect(result.code).toBe(2);
	expect(result.stderr).toMatchInlineSnapshot(`
		"None of \`origin/main\`, \`main\`, \`origin/master\`, \`master\` exists in this repository.
		Hint: Pass the ref to compare with explicitly, e.g. \`--base HEAD~1\` or \`--base v1.2.0\`.
		"
	`);
});

test('rejects a port that is not a number before building', async () => {
	const result = await runCli(
		['preview', '--root', 'guidebooks', '--base', 'trunk', '--port', 'http'],
		{ cwd: repo },
	);
	expect(result.code).toBe(2);
	expect(result.stderr).toMatchInlineSnapshot(`
		"Unexpected port \`http\`, expected a whole number from 0 to 65535.
		Hint: Pass e.g. \`--port 4321\`, or \`--port 0\` to pick a free port.
		"
	`);
});
