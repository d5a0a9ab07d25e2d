import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

let root: string;
let result: CliResult;

beforeAll(async () => {
	root = await writeFixture({
		'guidebooks/README.md': '# Home\n\nSee [ops](ops.md).\n',
		'guidebooks/ops.md': '---\ntitle: Ops\nstatus: live\nlastUpdated: soon\n---\n\n# Ops\n',
	});
	result = await runCli(['build', '--root', 'guidebooks', '--out', 'dist'], { cwd: root });
});

afterAll(async () => {
	await removeFixture(root);
});

test('stops the build with file, line, key and the fix for each bad frontmatter value', () => {
	expect(result.code).toBe(1);
	expect(result.stderr.replaceAll(root, '<root>')).toMatchInlineSnapshot(`
		"Waymark found 2 errors in the guidebooks:
		  ! guidebooks/ops.md:3:1: Unexpected \`live\` for \`status\`, invalid option: expected one of "active"|"draft"|"deprecated"|"archived". Use one of \`active\`, \`draft\`, \`deprecated\`, \`archived\`. (frontmatter)
		  ! guidebooks/ops.md:4:1: Unexpected \`soon\` for \`lastUpdated\`, expected a date. Write an ISO date, e.g. \`lastUpdated: 2026-06-23\`. (frontmatter)
		Hint: Fix each finding at the file:line:column shown; each message says what was found and what was expected. Run \`waymark check\` for the full report, warnings included, and see the rules page of the "Writing guidebooks" guide.
		"
	`);
});

test('writes no site when the frontmatter is invalid', async () => {
	const { stat } = await import('node:fs/promises');
	expect(await stat(`${root}/dist/index.html`).catch(() => undefined)).toBeUndefined();
});
