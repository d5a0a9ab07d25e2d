import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import {
	removeFixture,
	repoRoot,
	runCli,
	writeFixture,
	type CliResult,
} from '../helpers/fixture.ts';

// A branch under review whose mkdocs.yml excludes with a catastrophic regex, and a page named to
// make JavaScript's engine backtrack for ever on it. The linear-time engine reads it in
// microseconds; with that engine bypassed (test/helpers/native-regex-hooks.mjs puts JavaScript's
// back), the step that reads the pages keeps computing, and the watchdog must still end the run
// with exit 2, naming the step, instead of hanging.
vi.setConfig({ testTimeout: 120_000 });

const hooks = `--import=${pathToFileURL(join(repoRoot, 'test/helpers/native-regex-hooks.mjs')).href}`;
const stalled =
	/^Waymark made no progress for 10 s while reading the pages \(last done: .*\), and stopped\.\nHint: /;

let project: string;
const runs: Record<string, CliResult> = {};

beforeAll(async () => {
	project = await writeFixture({
		'mkdocs.yml': "site_name: Ops\nplugins:\n  - exclude:\n      regex:\n        - '(a+)+$'\n",
		'waymark.config.yaml': 'build:\n  stallTimeoutSeconds: 10\n',
		// The runs expected to end on their own get longer: under the whole suite's load, starting
		// four processes at once can take a tight watchdog's 10 s before the first step ends.
		'finishing.yaml': 'build:\n  stallTimeoutSeconds: 90\n',
		'docs/index.md': '# Home\n',
		[`docs/${'a'.repeat(48)}!.md`]: '# Backtracking\n',
		'short/mkdocs.yml':
			"site_name: Ops\nplugins:\n  - exclude:\n      regex:\n        - '(a+)+$'\n",
		'short/docs/index.md': '# Home\n',
		'short/docs/aaaa!.md': '# Short\n',
	});
	const check = ['check', '--root', 'docs', '--untrusted'];
	const build = ['build', '--root', 'docs', '--out', 'dist', '--untrusted'];
	// Without Node's compile cache, which while empty keeps module hooks from most modules (test/cli/start-up.test.ts).
	const bypassed = { NODE_OPTIONS: hooks, NODE_DISABLE_COMPILE_CACHE: '1' };
	[runs['check'], runs['build'], runs['linear'], runs['short']] = await Promise.all([
		// Each its own process: a run that stalls computing is ended by its watchdog, process and all.
		runCli(check, { cwd: project, env: bypassed, process: true }),
		runCli(build, { cwd: project, env: bypassed, process: true }),
		runCli([...check, '--config', 'finishing.yaml'], { cwd: project, process: true }),
		runCli([...check, '--config', '../finishing.yaml'], {
			cwd: join(project, 'short'),
			env: bypassed,
			process: true,
		}),
	]);
}, 120_000);

afterAll(async () => {
	await removeFixture(project);
});

test('ends a check stuck in a backtracking exclude regex with exit 2, naming the step', () => {
	expect(runs['check']?.code).toBe(2);
	expect(runs['check']?.stderr).toMatch(stalled);
});

test('ends a build stuck the same way with exit 2 before it writes anything', () => {
	expect(runs['build']?.code).toBe(2);
	expect(runs['build']?.stderr).toMatch(stalled);
	expect(runs['build']?.stdout).not.toMatch(/^Built /m);
});

test('checks the same tree at once with the linear-time engine', () => {
	expect(runs['linear']).toMatchObject({ code: 0 });
	expect(runs['linear']?.stdout).toMatch(/0 errors, 0 warnings in 2 files checked/);
});

test('runs to the end with the engine bypassed when the name is short (the hook alone stops nothing)', () => {
	expect(runs['short']).toMatchObject({ code: 0 });
	expect(runs['short']?.stdout).toMatch(/0 errors, 0 warnings in 2 files checked/);
});
