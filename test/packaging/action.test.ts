import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parse } from 'yaml';
import { cliPath, removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

// The action's steps run its scripts with GITHUB_* set by the runner: here they run with a fake
// runner environment over a tree with one broken link, and the real CLI.
const run = promisify(execFile);
let project: string;

beforeAll(async () => {
	project = await writeFixture({
		'docs/README.md': '# Runbooks\n\nSee [restore](restore.md#missing).\n',
		'docs/restore.md': '# Restore\n\nRestore it.\n',
		summary: '',
		output: '',
	});
});
afterAll(() => removeFixture(project));

async function checkStep(fail: string): Promise<{ code: number; stdout: string; summary: string; output: string }> {
	await writeFile(join(project, 'summary'), '');
	await writeFile(join(project, 'output'), '');
	const env = { ...process.env, NO_COLOR: '1', WAYMARK_BIN: `${process.execPath} ${cliPath}`, INPUT_ARGS: '--root docs', INPUT_FAIL: fail, GITHUB_STEP_SUMMARY: join(project, 'summary'), GITHUB_OUTPUT: join(project, 'output') };
	const { code, stdout } = await run('bash', [join(repoRoot, 'action/check.sh')], { cwd: project, env, timeout: 120_000 }).then(
		({ stdout }) => ({ code: 0, stdout }),
		(error: { code?: number; stdout?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '' }),
	);
	return { code, stdout, summary: await readFile(join(project, 'summary'), 'utf8'), output: await readFile(join(project, 'output'), 'utf8') };
}

test('the check step annotates the finding, writes the report as the job summary and fails on it', async () => {
	const step = await checkStep('true');
	expect(step.code).toBe(1);
	expect(step.stdout).toMatch(/^::error file=docs\/README\.md,line=3,col=\d+.*#missing/m);
	expect(step.summary).toMatch(/^## Waymark\n/);
	expect(step.summary).toContain('Unexpected link to missing heading `#missing`');
	expect(step.output).toBe('exit-code=1\n');
}, 240_000);

test('with fail: false the step passes on findings and still reports the exit code', async () => {
	const step = await checkStep('false');
	expect([step.code, step.output]).toEqual([0, 'exit-code=1\n']);
	expect(step.stdout).toContain('::error file=docs/README.md');
}, 240_000);

test('every action the composite action uses is pinned by commit, and every script it runs exists', async () => {
	const action = parse(await readFile(join(repoRoot, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Array<{ uses?: string; run?: string }> } };
	expect(action.runs.using).toBe('composite');
	const uses = action.runs.steps.flatMap((step) => (step.uses ? [step.uses] : []));
	expect(uses).toEqual(expect.arrayContaining([expect.stringMatching(/^actions\/cache@[0-9a-f]{40}$/)]));
	for (const ref of uses) expect(ref).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
	const scripts = action.runs.steps.flatMap((step) => [...(step.run ?? '').matchAll(/\$GITHUB_ACTION_PATH\/(\S+?)"/g)].map((m) => m[1] as string));
	expect(scripts).toEqual(['action/install.sh', 'action/check.sh', 'action/build.sh']);
	for (const script of scripts) await expect(readFile(join(repoRoot, script), 'utf8')).resolves.toMatch(/^#!\/usr\/bin\/env bash\n/);
});
