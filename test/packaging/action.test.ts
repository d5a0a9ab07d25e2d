import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parse } from 'yaml';
import { cliPath, removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

// The action's steps run its scripts with GITHUB_* set by the runner: here they run with a fake
// runner environment over a tree with one broken link, and the real CLI.
const run = promisify(execFile);
let project: string;

// About 1.5 MB of Markdown report: more than GitHub takes as a job summary (1 MiB).
const manyLinks = Array.from({ length: 9000 }, (_, i) => `- [page ${i}](missing-page-number-${i}.md)`).join('\n');

beforeAll(async () => {
	project = await writeFixture({
		'docs/README.md': '# Runbooks\n\nSee [restore](restore.md#missing).\n',
		'docs/restore.md': '# Restore\n\nRestore it.\n',
		'large/README.md': `# Many links\n\n${manyLinks}\n`,
		'probed/.keep': '',
		summary: '',
		output: '',
	});
});
afterAll(() => removeFixture(project));

async function checkStep(fail: string, args = '--root docs'): Promise<{ code: number; stdout: string; summary: string; output: string }> {
	await writeFile(join(project, 'summary'), '');
	await writeFile(join(project, 'output'), '');
	const env = { ...process.env, NO_COLOR: '1', WAYMARK_BIN: `${process.execPath} ${cliPath}`, INPUT_ARGS: args, INPUT_FAIL: fail, GITHUB_STEP_SUMMARY: join(project, 'summary'), GITHUB_OUTPUT: join(project, 'output') };
	const { code, stdout } = await run('bash', [join(repoRoot, 'action/check.sh')], { cwd: project, env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }).then(
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

test('a report longer than a job summary may be is cut at a line below 1 MiB and says so; every finding is still annotated', async () => {
	const step = await checkStep('true', '--root large');
	expect(step.code).toBe(1);
	expect(step.stdout.match(/^::error /gm)).toHaveLength(9000);
	const bytes = Buffer.byteLength(step.summary);
	expect(bytes).toBeLessThan(1024 * 1024);
	expect(bytes).toBeGreaterThan(900 * 1024);
	const lines = step.summary.trimEnd().split('\n');
	expect(lines[0]).toBe('## Waymark');
	const shown = step.summary.match(/^- \*\*error\*\* /gm)?.length ?? 0;
	expect(lines.at(-1)).toBe(`*Not shown, to keep this report under 1,024,000 bytes: ${(9000 - shown).toLocaleString('en')} of 9,000 findings. Every finding is in the log of the run that wrote this report.*`);
	// Whole finding lines only, up to the note.
	for (const line of lines.slice(lines.indexOf('#### `large/README.md`') + 2, -2)) expect(line).toMatch(/^- \*\*error\*\* \d+:\d+ Unexpected link to missing file `missing-page-number-\d+\.md`, expected an existing file \(\[`internal-links`\]\(https:\/\/\S+\)\)$/);
}, 240_000);

test('with --live each probe runs once: the annotations and the job summary report the same answer', async () => {
	// Up on the first request, down on every one after: two runs of the check would disagree.
	let hits = 0;
	const server = createServer((_request, response) => void response.writeHead(hits++ === 0 ? 200 : 503).end());
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as AddressInfo;
	await writeFile(join(project, 'probed/README.md'), `---\nprobes:\n  - id: api\n    http: http://127.0.0.1:${port}/health\n---\n\n# API\n`);
	try {
		const step = await checkStep('true', '--root probed --live');
		expect(hits).toBe(1);
		expect([step.code, step.output]).toEqual([0, 'exit-code=0\n']);
		expect(step.stdout).not.toMatch(/^::error /m);
		expect(step.summary).toMatch(/^\| `api` \| up \| \d+ ms \|/m);
	} finally {
		server.close();
	}
}, 240_000);

test('a check that cannot run says so in the summary and fails the step with exit code 2, fail: false or not', async () => {
	const step = await checkStep('false', '--root nowhere');
	expect([step.code, step.output]).toEqual([2, 'exit-code=2\n']);
	expect(step.summary).toBe('## Waymark\nThe check wrote no report; its error is in the log of this step.\n');
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
