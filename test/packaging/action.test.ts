import { execFile } from 'node:child_process';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { isInside } from '../../core/path-inside.ts';
import { cliPath, removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

// The action's steps run its scripts with GITHUB_* set by the runner: here they run with a fake
// runner (inputs as INPUT_*, a GITHUB_ENV that later steps read, a summary and an output file)
// over trees with broken links, and the real CLI behind a stand-in `node_modules/.bin/waymark`.
// `npm` on the PATH fails: Waymark is not on the registry, so the action must find the project's.
const run = promisify(execFile);
let project: string;
let fakeBin: string;

// About 1.5 MB of Markdown report: more than GitHub takes as a job summary (1 MiB).
const manyLinks = Array.from(
	{ length: 9000 },
	(_, i) => `- [page ${i}](missing-page-number-${i}.md)`,
).join('\n');
const waymarkBin = `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" "$@"\n`;

beforeAll(async () => {
	project = await writeFixture({
		'docs/README.md': '# Runbooks\n\nSee [restore](restore.md#missing).\n',
		'docs/restore.md': '# Restore\n\nRestore it.\n',
		'large/README.md': `# Many links\n\n${manyLinks}\n`,
		'probed/.keep': '',
		// An MDX page importing a component: untrusted, an `untrusted-content` warning; trusted, the import is looked up.
		'mdx/README.mdx': "import Chart from './chart.jsx';\n\n# Chart\n\n<Chart />\n",
		'node_modules/.bin/waymark': waymarkBin,
	});
	await chmod(join(project, 'node_modules/.bin/waymark'), 0o755);
	fakeBin = await writeFixture({ npm: '#!/bin/sh\necho "npm $*: no network here" >&2\nexit 1\n' });
	await chmod(join(fakeBin, 'npm'), 0o755);
});
afterAll(async () => {
	await removeFixture(project);
	await removeFixture(fakeBin);
});

interface Step {
	code: number;
	stdout: string;
	stderr: string;
	/** What the step wrote to GITHUB_OUTPUT. */
	output: string;
}

/** Runs the action's `scripts` in `cwd` as the runner does, each with `inputs` and the GITHUB_ENV of the steps before it. */
async function runSteps(
	cwd: string,
	scripts: string[],
	inputs: Record<string, string>,
	env: Record<string, string> = {},
): Promise<{ steps: Step[]; summary: string; githubEnv: Record<string, string> }> {
	// The runner's temporary folder is outside the checkout (and outside this repository, which holds the fixtures).
	const files = await writeFixture({ summary: '', env: '' }, { outsideInstall: true });
	try {
		const steps: Step[] = [];
		for (const [i, script] of scripts.entries()) {
			await writeFile(join(files, `output-${i}`), '');
			const githubEnv = await readGithubEnv(join(files, 'env'));
			const inputEnv = Object.fromEntries(
				Object.entries(inputs).map(([name, value]) => [
					`INPUT_${name.toUpperCase().replaceAll('-', '_')}`,
					value,
				]),
			);
			// The event is the test's to choose, whatever the CI running this test was started by.
			const stepEnv = {
				...process.env,
				GITHUB_EVENT_NAME: 'push',
				PATH: `${fakeBin}:${process.env['PATH'] ?? ''}`,
				NO_COLOR: '1',
				RUNNER_TEMP: files,
				...inputEnv,
				...githubEnv,
				...env,
				GITHUB_STEP_SUMMARY: join(files, 'summary'),
				GITHUB_OUTPUT: join(files, `output-${i}`),
				GITHUB_ENV: join(files, 'env'),
			};
			const result = await run('bash', [join(repoRoot, 'action', script)], {
				cwd,
				env: stepEnv,
				timeout: 120_000,
				maxBuffer: 64 * 1024 * 1024,
			}).then(
				({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
				(error: { code?: number; stdout?: string; stderr?: string }) => ({
					code: error.code ?? -1,
					stdout: error.stdout ?? '',
					stderr: error.stderr ?? '',
				}),
			);
			steps.push({ ...result, output: await readFile(join(files, `output-${i}`), 'utf8') });
			if (result.code !== 0) break;
		}
		return {
			steps,
			summary: await readFile(join(files, 'summary'), 'utf8'),
			githubEnv: await readGithubEnv(join(files, 'env')),
		};
	} finally {
		await removeFixture(files);
	}
}

/** GITHUB_ENV's `NAME=value` lines; a later line wins, as on the runner. */
async function readGithubEnv(file: string): Promise<Record<string, string>> {
	const text = await readFile(file, 'utf8');
	return Object.fromEntries(
		text
			.split('\n')
			.filter(Boolean)
			.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
	);
}

/** What install.sh writes to GITHUB_OUTPUT: the state folder, and the paths the cache keeps. */
function installOutput(state: string, cached: string[]): string {
	return `state-dir=${state}\ncache-path<<WAYMARK_CACHE_PATH\n${cached.map((path) => `${path}\n`).join('')}WAYMARK_CACHE_PATH\n`;
}

/** The install and check steps with `args` and `fail`: the check step's result and the job summary. */
async function checkStep(
	fail: string,
	args = '--root docs',
	env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; summary: string; output: string }> {
	const { steps, summary } = await runSteps(
		project,
		['install.sh', 'check.sh'],
		{ args, fail },
		env,
	);
	expect(steps[0]?.code).toBe(0);
	const step = steps[1] as Step;
	return { code: step.code, stdout: step.stdout, summary, output: step.output };
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
	expect(lines.at(-1)).toBe(
		`*Not shown, to keep this report under 1,024,000 bytes: ${(9000 - shown).toLocaleString('en')} of 9,000 findings. Every finding is in the log of the run that wrote this report.*`,
	);
	// Whole finding lines only, up to the note.
	for (const line of lines.slice(lines.indexOf('#### `large/README.md`') + 2, -2))
		expect(line).toMatch(
			/^- \*\*error\*\* \d+:\d+ Unexpected link to missing file `missing-page-number-\d+\.md`, expected an existing file \(`internal-links`\)$/,
		);
}, 240_000);

test('with --live each probe runs once: the annotations and the job summary report the same answer', async () => {
	// Up on the first request, down on every one after: two runs of the check would disagree.
	let hits = 0;
	const server = createServer(
		(_request, response) => void response.writeHead(hits++ === 0 ? 200 : 503).end(),
	);
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as AddressInfo;
	await writeFile(
		join(project, 'probed/README.md'),
		`---\nprobes:\n  - id: api\n    http: http://127.0.0.1:${port}/health\n---\n\n# API\n`,
	);
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

// A branch under review is untrusted: no code from it runs, no probe, no ${env:}.
describe('trust', () => {
	const untrustedImport =
		/^::warning file=mdx\/README\.mdx,line=1,col=1,title=waymark\(untrusted-content\)::Unexpected MDX import/m;
	const lookedUp =
		/^::warning file=mdx\/README\.mdx,line=1,col=1,title=waymark\(mdx-references\)::/m;

	test.each(['pull_request', 'pull_request_target'])(
		'on %s the tree is checked as untrusted',
		async (event) => {
			const { steps } = await runSteps(
				project,
				['install.sh', 'check.sh'],
				{ args: '--root mdx', fail: 'true' },
				{ GITHUB_EVENT_NAME: event },
			);
			expect(steps[0]?.stdout).toContain(
				'Waymark: the tree is checked as untrusted (a branch under review): no code from it runs, no probe, no ${env:}',
			);
			expect(steps[1]?.stdout).toMatch(untrustedImport);
			expect(steps[1]?.stdout).not.toMatch(lookedUp);
		},
		240_000,
	);

	test("on a push the tree is the team's own (the control), and --trusted in args trusts a pull request", async () => {
		for (const [event, args] of [
			['push', '--root mdx'],
			['pull_request', '--root mdx --trusted'],
		] as const) {
			const { steps } = await runSteps(
				project,
				['install.sh', 'check.sh'],
				{ args, fail: 'true' },
				{ GITHUB_EVENT_NAME: event },
			);
			expect(steps[1]?.stdout).toMatch(lookedUp);
			expect(steps[1]?.stdout).not.toMatch(untrustedImport);
		}
	}, 240_000);

	test('on a pull request no probe runs, even with --live', async () => {
		let hits = 0;
		const server = createServer(
			(_request, response) => void (hits++, response.writeHead(200).end()),
		);
		await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
		await writeFile(
			join(project, 'probed/README.md'),
			`---\nprobes:\n  - id: api\n    http: http://127.0.0.1:${(server.address() as AddressInfo).port}/health\n---\n\n# API\n`,
		);
		try {
			const { steps } = await runSteps(
				project,
				['install.sh', 'check.sh'],
				{ args: '--root probed --live', fail: 'true' },
				{ GITHUB_EVENT_NAME: 'pull_request' },
			);
			expect(steps[1]?.code).toBe(2);
			expect(steps[1]?.stderr).toContain('--live');
			expect(hits).toBe(0);
		} finally {
			server.close();
		}
	}, 240_000);

	test("on a pull request the site is built untrusted too, its state in the runner's temporary folder and cached from there, and the check goes by the base branch's baseline", async () => {
		const stand = await writeFixture({ waymark: '#!/bin/sh\nprintf "%s\\n" "$@"\n' });
		try {
			await chmod(join(stand, 'waymark'), 0o755);
			const env = {
				GITHUB_EVENT_NAME: 'pull_request',
				GITHUB_BASE_REF: 'main',
				WAYMARK_BIN: join(stand, 'waymark'),
			};
			const { steps, githubEnv } = await runSteps(
				project,
				['install.sh', 'check.sh', 'build.sh'],
				{ args: '--root docs' },
				env,
			);
			const state = githubEnv['WAYMARK_STATE_DIR'] ?? '';
			expect(state).toMatch(/\/waymark-state$/);
			expect(isInside(state, project)).toBe(false);
			expect(steps[0]?.output).toBe(installOutput(state, [state]));
			// And goes by the baseline of the branch it goes into, never its own copy.
			expect(steps[1]?.stdout).toContain(
				`--untrusted\n--state-dir\n${state}\n--baseline-ref\norigin/main\n`,
			);
			expect(steps[2]?.stdout).toBe(`build\n--untrusted\n--state-dir\n${state}\n--out\ndist\n`);
		} finally {
			await removeFixture(stand);
		}
	});
});

// A restore unpacks over the checkout and deletes nothing: the site is cached only where the
// checkout has no output folder of its own and the tree is trusted, so a patched build never keeps
// a file a branch put beside the last build's.
test.each([
	['a trusted build', 'push', { build: 'true' }, false, ['.waymark', 'dist']],
	[
		'a trusted build into another folder',
		'push',
		{ build: 'true', out: 'site' },
		false,
		['.waymark', 'site'],
	],
	['a check without a build', 'push', { build: 'false' }, false, ['.waymark']],
	['a build whose output folder is in the checkout', 'push', { build: 'true' }, true, ['.waymark']],
	['a pull request', 'pull_request', { build: 'true' }, false, ['<state>']],
	['a pull_request_target run', 'pull_request_target', { build: 'true' }, false, ['<state>']],
] as const)(
	'the cache keeps the state folder, and the site only of a trusted build with no output folder in the checkout: %s',
	async (_, event, inputs, committed, cached) => {
		const out = 'out' in inputs ? inputs.out : 'dist';
		if (committed) await writeFile(join(project, out), '');
		try {
			const { steps, githubEnv } = await runSteps(
				project,
				['install.sh'],
				{ args: '--root docs', ...inputs },
				{ GITHUB_EVENT_NAME: event },
			);
			const state = githubEnv['WAYMARK_STATE_DIR'] || '.waymark';
			expect(steps[0]?.output).toBe(
				installOutput(
					state,
					cached.map((path) => (path === '<state>' ? state : path)),
				),
			);
		} finally {
			await rm(join(project, out), { force: true });
		}
	},
);

test('a check that cannot run says so in the summary and fails the step with exit code 2, fail: false or not', async () => {
	const step = await checkStep('false', '--root nowhere');
	expect([step.code, step.output]).toEqual([2, 'exit-code=2\n']);
	expect(step.summary).toBe(
		'## Waymark\nThe check wrote no report; its error is in the log of this step.\n',
	);
}, 240_000);

// A docs site with its own package.json in a subfolder, named by the `project` input or by the
// `--config` in `args`; the repository's top has no Waymark.
describe('a project in a subfolder', () => {
	let repo: string;
	beforeAll(async () => {
		const site = (folder: string) => ({
			[`${folder}/package.json`]: '{ "private": true }\n',
			[`${folder}/waymark.config.yaml`]: 'root: guidebooks\n',
			[`${folder}/guidebooks/README.md`]: '# Runbooks\n\nSee [gone](gone.md).\n',
			[`${folder}/node_modules/.bin/waymark`]: waymarkBin,
		});
		repo = await writeFixture({
			...site('my docs'),
			...site('website'),
			'README.md': '# Repository\n',
		});
		for (const folder of ['my docs', 'website'])
			await chmod(join(repo, folder, 'node_modules/.bin/waymark'), 0o755);
	});
	afterAll(() => removeFixture(repo));

	test.each([
		['the `project` input', { project: 'my docs', args: '' }, 'my docs'],
		[
			'the folder of `--config` in `args`',
			{ args: '--config website/waymark.config.yaml' },
			'website',
		],
	])(
		'found from %s, its own Waymark checks with its config and its state folder is cached',
		async (_, inputs, folder) => {
			const { steps, summary, githubEnv } = await runSteps(repo, ['install.sh', 'check.sh'], {
				fail: 'true',
				...inputs,
			});
			const [install, check] = steps as [Step, Step];
			expect([install.code, install.stderr]).toEqual([0, '']);
			expect(install.stdout).toMatch(
				new RegExp(`^Waymark: the project's own \\(${folder}\\), \\d+\\.\\d+\\.\\d+`),
			);
			expect(githubEnv).toEqual({
				WAYMARK_BIN: join(repo, folder, 'node_modules/.bin/waymark'),
				WAYMARK_CONFIG: `${folder}/waymark.config.yaml`,
				WAYMARK_TRUST: '',
				WAYMARK_STATE_DIR: '',
			});
			expect(install.output).toBe(installOutput(`${folder}/.waymark`, [`${folder}/.waymark`]));
			// Run from the top with the project's config: the annotation names the file as the pull request does.
			expect(check.code).toBe(1);
			expect(check.stdout).toMatch(
				new RegExp(`^::error file=${folder}/guidebooks/README\\.md,line=3,`, 'm'),
			);
			expect(summary).toContain(`#### \`${folder}/guidebooks/README.md\``);
		},
		240_000,
	);

	test("the build step names the project's config to a Waymark whose path has a space", async () => {
		const stand = await writeFixture({ 'a tool/waymark': '#!/bin/sh\nprintf "%s\\n" "$@"\n' });
		try {
			await chmod(join(stand, 'a tool/waymark'), 0o755);
			const { steps } = await runSteps(
				repo,
				['build.sh'],
				{ out: 'my docs/dist' },
				{
					WAYMARK_BIN: join(stand, 'a tool/waymark'),
					WAYMARK_CONFIG: 'my docs/waymark.config.yaml',
				},
			);
			expect([steps[0]?.code, steps[0]?.stdout]).toEqual([
				0,
				'build\n--config\nmy docs/waymark.config.yaml\n--out\nmy docs/dist\n',
			]);
		} finally {
			await removeFixture(stand);
		}
	});

	test('a project folder that is not in the checkout fails the install step, naming the input', async () => {
		const { steps } = await runSteps(repo, ['install.sh'], { project: 'site' });
		expect(steps[0]?.code).toBe(2);
		expect(steps[0]?.stdout).toMatch(
			/^::error::The project folder `site` does not exist in the checkout; set the action's `project` input/,
		);
	});

	test('without a Waymark in the project, it is installed from npm (the fallback; npm fails here)', async () => {
		const { steps } = await runSteps(repo, ['install.sh'], { version: '1.2.3' });
		expect(steps[0]?.code).not.toBe(0);
		expect(steps[0]?.stderr).toContain('npm install --prefix');
		expect(steps[0]?.stderr).toContain('waymark@1.2.3: no network here');
		// npm's own answer (a 404 on the real registry) says nothing of what to do: the step does.
		expect(steps[0]?.stdout).toMatchInlineSnapshot(`
			"::error::npm could not install waymark@1.2.3 (the \`version\` input; npm's output is above), and the repository's top has no Waymark installed (no node_modules/.bin/waymark). Waymark is not on the npm registry yet: add it to the project's devDependencies from its tarball, committed in the repository (\`npm install --save-dev ./vendor/waymark-<version>.tgz\`; Waymark's README, "Using it on your own runbooks"), and run \`npm ci\` in the repository's top in a step before this action.
			"
		`);
	});

	// Waymark is not on the npm registry: without `version` the step asks npm nothing (a 404, or
	// another package that took the name) and says how to add Waymark; the project's own is found
	// in the tests above.
	test.each([
		["the repository's top", {}],
		['`my docs/guidebooks`', { project: 'my docs/guidebooks' }],
	])(
		'without a Waymark in %s or a `version`, the install step says how to add Waymark to the project',
		async (where, inputs) => {
			const { steps } = await runSteps(repo, ['install.sh'], inputs);
			expect(steps[0]?.code).toBe(2);
			expect(steps[0]?.stderr).toBe('');
			expect(steps[0]?.stdout).toBe(
				`::error::No Waymark installed in ${where} (no node_modules/.bin/waymark). Waymark is not on the npm registry yet: add it to the project's devDependencies from its tarball, committed in the repository (\`npm install --save-dev ./vendor/waymark-<version>.tgz\`; Waymark's README, "Using it on your own runbooks"), and run \`npm ci\` in ${where} in a step before this action.\n`,
			);
		},
	);
});

test('every action the composite action uses is pinned by commit, and every script it runs exists and gets each input it reads', async () => {
	const action = parse(await readFile(join(repoRoot, 'action.yml'), 'utf8')) as {
		inputs: Record<string, unknown>;
		runs: {
			using: string;
			steps: Array<{
				id?: string;
				if?: string;
				uses?: string;
				run?: string;
				env?: Record<string, string>;
				with?: Record<string, string>;
			}>;
		};
	};
	expect(action.runs.using).toBe('composite');
	const uses = action.runs.steps.flatMap((step) => (step.uses ? [step.uses] : []));
	for (const ref of uses) expect(ref).toMatch(/^[\w-]+\/[\w-]+(\/[\w-]+)?@[0-9a-f]{40}$/);
	const scripts = action.runs.steps.flatMap((step) =>
		[...(step.run ?? '').matchAll(/\$GITHUB_ACTION_PATH\/(\S+?)"/g)].map((m) => ({
			step,
			script: m[1] as string,
		})),
	);
	expect(scripts.map((s) => s.script)).toEqual([
		'action/install.sh',
		'action/check.sh',
		'action/build.sh',
	]);
	for (const { step, script } of scripts) {
		const text = await readFile(join(repoRoot, script), 'utf8');
		expect(text).toMatch(/^#!\/usr\/bin\/env bash\n/);
		// INPUT_STATE_DIR is the input `state-dir`, as the runner names inputs of a JavaScript action.
		const read = [
			...new Set(
				[...text.matchAll(/\bINPUT_([A-Z_]+)/g)].map((m) =>
					(m[1] as string).toLowerCase().replaceAll('_', '-'),
				),
			),
		];
		expect(read.length).toBeGreaterThan(0);
		for (const input of read) {
			expect(Object.keys(action.inputs)).toContain(input);
			expect(step.env?.[`INPUT_${input.toUpperCase().replaceAll('-', '_')}`]).toBe(
				`\${{ inputs.${input} }}`,
			);
		}
	}
	// The cache keeps what the install step chose (the test above). It is restored before the check and saved by the step right after the build (or the check):
	// no step runs between the build and the save, so what a later step of the job does to the site
	// (a CNAME, a banner) never reaches the cache a later build patches.
	const names = action.runs.steps.map(
		(step) => step.uses?.replace(/@.*/, '') ?? step.run?.match(/action\/(\w+)\.sh/)?.[1],
	);
	expect(names).toEqual([
		'actions/setup-node',
		'install',
		'actions/cache/restore',
		'check',
		'build',
		'actions/cache/save',
		'actions/upload-artifact',
	]);
	const [restore, save] = ['actions/cache/restore', 'actions/cache/save'].map(
		(name) => action.runs.steps[names.indexOf(name)],
	);
	const cached = '${{ steps.install.outputs.cache-path }}';
	expect(restore?.with?.['path']).toBe(cached);
	expect(save?.with?.['path']).toBe(cached);
	expect(save?.with?.['key']).toBe(restore?.with?.['key']);
	expect(restore?.id).toBe('restore');
	// Saved after a check that failed on findings too (`!cancelled()`), never without Waymark found,
	// and not again for a commit whose cache is there already.
	expect(save?.if).toBe(
		"${{ !cancelled() && steps.install.outcome == 'success' && steps.restore.outputs.cache-hit != 'true' }}",
	);
	expect(
		action.runs.steps.some((step) => step.id === 'install' && step.run?.includes('install.sh')),
	).toBe(true);
});
