import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadPage } from '../helpers/dom.ts';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

let root: string;
let result: CliResult;
let strict: CliResult;

beforeAll(async () => {
	root = await writeFixture({
		'guidebooks/README.md': '# Home\n\nSee [ops](ops.md) and [queue](queue.md).\n',
		'guidebooks/ops.md':
			'---\ntitle: Ops\nstatus: live\nlastUpdated: soon\nowner: dba-team\n---\n\n# Ops\n\nRestart the replica.\n',
		// The bracket left open on line 3: yaml gives up on line 4, the finding points at the `[`.
		'guidebooks/queue.md':
			'---\ntitle: Queue\nowner: [platform\nstatus: active\n---\n\n# Queue\n\nDrain the queue first.\n',
	});
	[result, strict] = await Promise.all([
		runCli(['build', '--root', 'guidebooks', '--out', 'dist'], { cwd: root }),
		runCli(['build', '--root', 'guidebooks', '--out', 'dist-strict', '--strict'], { cwd: root }),
	]);
});

afterAll(async () => {
	await removeFixture(root);
});

test('builds every page and prints each bad value as a finding', () => {
	expect(result.code, result.stderr).toBe(0);
	expect(result.stdout).toContain('3:1  error    Unexpected `live` for `status`');
	expect(result.stdout).toContain('guidebooks/queue.md\n  3:8  error    Unexpected YAML syntax');
});

test('renders a page with bad values under a notice naming each line, key and fix, keeping the good values', async () => {
	const doc = await loadPage(join(root, 'dist'), '/ops/');
	const notice = doc.querySelector('.prose > aside.wm-notice');
	expect(notice?.getAttribute('role')).toBe('note');
	expect([...(notice?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual([
		'Line 3: Unexpected live for status, expected one of active, draft, deprecated, archived. Use one of active, draft, deprecated, archived.',
		'Line 4: Unexpected soon for lastUpdated, expected a date. Write an ISO date, e.g. lastUpdated: 2026-06-23.',
	]);
	expect(doc.querySelector('.prose')?.textContent).toContain('Restart the replica.');
	expect(doc.querySelector('title')?.textContent).toContain('Ops');
	expect(doc.body.textContent).toContain('dba-team');
});

test('renders a page whose YAML is broken without its frontmatter, under a notice', async () => {
	const doc = await loadPage(join(root, 'dist'), '/queue/');
	const notice = doc.querySelector('.prose > aside.wm-notice');
	expect(notice?.textContent).toContain(
		"This page's frontmatter is not valid YAML, so the page is shown without it:",
	);
	expect(notice?.querySelector('li')?.textContent).toMatch(/^Line 3: Unexpected YAML syntax: /);
	expect(doc.querySelector('.prose')?.textContent).toContain('Drain the queue first.');
});

test('stops a strict build with file, line, key and the fix for each bad frontmatter value, and writes nothing', async () => {
	expect(strict.code).toBe(1);
	// Each finding once, in the report; the error under it points there.
	expect(strict.stdout.replaceAll(root, '<root>')).toMatchInlineSnapshot(`
		"guidebooks/ops.md
		  3:1  error    Unexpected \`live\` for \`status\`, expected one of \`active\`, \`draft\`, \`deprecated\`, \`archived\`. Use one of \`active\`, \`draft\`, \`deprecated\`, \`archived\`.  frontmatter
		  4:1  error    Unexpected \`soon\` for \`lastUpdated\`, expected a date. Write an ISO date, e.g. \`lastUpdated: 2026-06-23\`.  frontmatter

		guidebooks/queue.md
		  3:8  error    Unexpected YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]. Frontmatter is YAML between two \`---\` lines; quote values that contain \`: \` or start with \`[\`, \`{\`, \`*\` or \`&\`.  frontmatter

		✖ 3 errors, 0 warnings in 3 files checked
		"
	`);
	expect(strict.stderr.replaceAll(root, '<root>')).toMatchInlineSnapshot(`
		"The build stopped on the 3 errors reported above (\`--strict\` or \`build.strict\`); nothing was written.
		Hint: Fix each finding at the file:line:column shown; each message says what was found and what was expected. Without \`--strict\` and \`build.strict\`, the site is built with the findings shown on their pages.
		"
	`);
	expect(await stat(join(root, 'dist-strict')).catch(() => undefined)).toBeUndefined();
});
