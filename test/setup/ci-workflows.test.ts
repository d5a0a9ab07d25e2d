import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { githubWorkflow, gitlabWorkflow } from '../../setup/ci-workflows.ts';
import { commitAt, initRepository } from '../helpers/dated-commits.ts';
import { cliPath, removeFixture, writeFixture } from '../helpers/fixture.ts';

// What the workflow `waymark init` writes does on GitHub: which of its steps run for a pull
// request and for pushes to each kind of ref, whatever the repository's default branch is called.
// GitHub's trigger filters and the subset of its expression language the workflow uses are
// evaluated here; anything else in a condition fails the test rather than being guessed.

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	if?: string;
}
interface Workflow {
	on: Record<string, { branches?: string[]; tags?: string[] } | null>;
	jobs: Record<string, { if?: string; needs?: string; steps: Step[] }>;
}
interface Event {
	event_name: 'pull_request' | 'push';
	ref: string;
	event: { repository: { default_branch: string } };
}

/** `a || b`, `a && b`, `x == y`, `x != y`, `'text'`, `github.a.b`, `format('{0}', x)`: GitHub's meaning. */
function evaluate(expression: string, github: Event): unknown {
	const tokens = expression.match(/'(?:[^']|'')*'|\|\||&&|==|!=|[(),]|[\w.-]+/g) ?? [];
	let at = 0;
	const next = (): string => tokens[at++] ?? '';
	const take = (token: string): boolean => (tokens[at] === token ? (at++, true) : false);
	const lookup = (path: string): unknown =>
		path
			.split('.')
			.slice(1)
			.reduce<unknown>(
				(value, key) => (value as Record<string, unknown> | undefined)?.[key],
				github,
			);
	const value = (): unknown => {
		const token = next();
		if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
		if (token === 'format' && take('(')) {
			const args: unknown[] = [or()];
			while (take(',')) args.push(or());
			if (!take(')')) throw new Error(`Unclosed format( in ${expression}`);
			return String(args[0]).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i) + 1]));
		}
		if (token.startsWith('github.')) return lookup(token);
		throw new Error(`Unexpected \`${token}\` in ${expression}`);
	};
	const comparison = (): unknown => {
		const left = value();
		if (take('==')) return left === value();
		if (take('!=')) return left !== value();
		return left;
	};
	const and = (): unknown => {
		let result = comparison();
		while (take('&&')) result = Boolean(comparison()) && Boolean(result);
		return result;
	};
	function or(): unknown {
		let result = and();
		while (take('||')) result = Boolean(and()) || Boolean(result);
		return result;
	}
	const result = or();
	if (at !== tokens.length) throw new Error(`Unexpected \`${tokens[at]}\` in ${expression}`);
	return result;
}

/** The names of the steps GitHub would run for `github`, or none when the workflow or job is not started. */
function stepsRun(workflow: Workflow, github: Event): string[] {
	const trigger = workflow.on[github.event_name];
	if (trigger === undefined) return [];
	const branch = github.ref.startsWith('refs/heads/')
		? github.ref.slice('refs/heads/'.length)
		: undefined;
	if (trigger?.branches && !(branch !== undefined && trigger.branches.includes(branch))) return [];
	if (trigger?.tags) throw new Error('tag filters are not evaluated here');
	const started = new Set<string>();
	return Object.entries(workflow.jobs).flatMap(([name, job]) => {
		if (job.if !== undefined && !evaluate(job.if, github)) return [];
		if (job.needs !== undefined && !started.has(job.needs)) return [];
		started.add(name);
		return job.steps
			.filter((step) => step.if === undefined || Boolean(evaluate(step.if, github)))
			.map((step) => step.name ?? step.run ?? step.uses?.replace(/@.*/, '') ?? '?');
	});
}

const workflow = parse(
	githubWorkflow({ stateDir: '.waymark', outDir: 'dist', folder: '' }).text,
) as Workflow;
const on = (event_name: Event['event_name'], ref: string, defaultBranch: string): Event => ({
	event_name,
	ref,
	event: { repository: { default_branch: defaultBranch } },
});
const always = ['actions/checkout', 'actions/setup-node', 'npm ci', 'actions/cache'];

test.each(['main', 'master', 'trunk'])(
	'with the default branch `%s`, a pull request is checked and a push to that branch builds the site',
	(defaultBranch) => {
		expect(stepsRun(workflow, on('pull_request', 'refs/pull/7/merge', defaultBranch))).toEqual([
			...always,
			'Check the runbooks',
		]);
		expect(stepsRun(workflow, on('push', `refs/heads/${defaultBranch}`, defaultBranch))).toEqual([
			...always,
			'Build the site',
			'actions/upload-artifact',
		]);
	},
);

test("the clone holds the whole history the pages' dates come from, on GitHub and GitLab", () => {
	for (const choices of [{}, { deploy: true, preview: true }]) {
		const github = parse(
			githubWorkflow({ stateDir: '.waymark', outDir: 'dist', folder: '' }, choices).text,
		) as Workflow & {
			jobs: Record<string, { steps: Array<Step & { with?: Record<string, unknown> }> }>;
		};
		const checkouts = Object.values(github.jobs)
			.flatMap((job) => job.steps)
			.filter((step) => step.uses?.startsWith('actions/checkout@'));
		expect(checkouts.map((step) => step.with?.['fetch-depth'])).toEqual([0]);
		const gitlab = parse(
			gitlabWorkflow({ stateDir: '.waymark', outDir: 'dist', folder: '' }, choices).text,
		) as Record<string, { variables?: Record<string, unknown>; extends?: string }>;
		expect(gitlab['.waymark']?.variables?.['GIT_DEPTH']).toBe(0);
		// Every job inherits it (the control: the template is what each job extends).
		expect(
			Object.entries(gitlab)
				.filter(([name]) => !name.startsWith('.'))
				.map(([, job]) => job.extends),
		).toEqual(
			Object.entries(gitlab)
				.filter(([name]) => !name.startsWith('.'))
				.map(() => '.waymark'),
		);
	}
});

test.each(['main', 'trunk'])(
	'with --deploy pages and --preview (default branch `%s`), a pull request builds its preview as an artifact and a push publishes on GitHub Pages',
	(defaultBranch) => {
		const both = parse(
			githubWorkflow(
				{ stateDir: '.waymark', outDir: 'dist', folder: '' },
				{ deploy: true, preview: true },
			).text,
		) as Workflow;
		expect(stepsRun(both, on('pull_request', 'refs/pull/7/merge', defaultBranch))).toEqual([
			...always,
			'Build the reviewer preview',
			'actions/upload-artifact',
			'Check the runbooks',
		]);
		expect(stepsRun(both, on('push', `refs/heads/${defaultBranch}`, defaultBranch))).toEqual([
			...always,
			'actions/configure-pages',
			'Build the site',
			'actions/upload-pages-artifact',
			'actions/deploy-pages',
		]);
		expect(stepsRun(both, on('push', 'refs/heads/topic', defaultBranch))).toEqual([]);
		const deploy = (
			both.jobs as Record<
				string,
				{ needs?: string; permissions?: Record<string, string>; environment?: { name: string } }
			>
		)['deploy'];
		expect(deploy).toMatchObject({
			needs: 'waymark',
			permissions: { pages: 'write', 'id-token': 'write' },
			environment: { name: 'github-pages' },
		});
		// Only the deploy job may write Pages: the job that runs the branch's code reads.
		expect(
			(
				parse(
					githubWorkflow({ stateDir: '.waymark', outDir: 'dist', folder: '' }, { deploy: true })
						.text,
				) as { permissions: unknown }
			).permissions,
		).toEqual({ contents: 'read' });
	},
);

test('a push to another branch or a tag starts nothing', () => {
	expect(stepsRun(workflow, on('push', 'refs/heads/fix-runbook', 'main'))).toEqual([]);
	expect(stepsRun(workflow, on('push', 'refs/tags/main', 'main'))).toEqual([]);
});

test('the evaluator reads what GitHub reads (controls)', () => {
	const github = on('push', 'refs/heads/main', 'main');
	expect(
		evaluate(
			"github.ref == format('refs/heads/{0}', github.event.repository.default_branch)",
			github,
		),
	).toBe(true);
	expect(
		evaluate("github.event_name == 'pull_request' || github.ref == 'refs/heads/x'", github),
	).toBe(false);
	expect(
		evaluate("github.event_name != 'pull_request' && github.ref == 'refs/heads/main'", github),
	).toBe(true);
	expect(() => evaluate("startsWith(github.ref, 'refs/tags/')", github)).toThrow(
		/Unexpected `startsWith`/,
	);
	expect(
		stepsRun(
			{ on: { push: { branches: ['main'] } }, jobs: { a: { steps: [{ run: 'x' }] } } },
			on('push', 'refs/heads/master', 'master'),
		),
	).toEqual([]);
});

const made: string[] = [];
afterEach(async () => {
	for (const dir of made.splice(0)) await removeFixture(dir);
});

/** What a `run:` line passes to the program it starts, run by bash at the top of a repository whose `folder` holds a stand-in `waymark`. */
async function argumentsOf(command: string, folder: string): Promise<string[]> {
	const top = await writeFixture({});
	made.push(top);
	const bin = join(top, folder, 'node_modules/.bin/waymark');
	await mkdir(join(bin, '..'), { recursive: true });
	await writeFile(bin, '#!/usr/bin/env bash\nprintf "%s\\n" "$0" "$@"\n');
	await chmod(bin, 0o755);
	const { stdout } = await promisify(execFile)('bash', ['-c', command], {
		cwd: top,
		env: { ...process.env, RUNNER_TEMP: '/runner/temp', BASE_REF: 'main' },
	});
	return stdout.trimEnd().split('\n');
}

// A docs site with its own package.json in a subfolder: every path is named from the top, where
// the workflow runs, and a folder name a shell or YAML would read otherwise is quoted for both.
test.each(['website', 'my docs', "it's docs", 'true', '2024'])(
	'in the project folder `%s`, the steps name it from the repository top',
	async (folder) => {
		const text = githubWorkflow({ stateDir: '.waymark', outDir: 'dist', folder }).text;
		const steps = (parse(text) as Workflow).jobs['waymark']?.steps as Array<
			Step & { with?: Record<string, unknown>; 'working-directory'?: unknown }
		>;
		const step = (name: string) =>
			steps.find((s) => s.name === name || s.uses?.startsWith(name) || s.run === name);
		expect(step('npm ci')?.['working-directory']).toBe(folder);
		expect(step('actions/setup-node')?.with?.['cache-dependency-path']).toBe(
			`${folder}/package-lock.json`,
		);
		// A pull request's state is outside the checkout; the default branch's, the project's own.
		expect(step('actions/cache')?.with?.['path']).toBe(
			`\${{ github.event_name == 'pull_request' && format('{0}/waymark-state', runner.temp) || '${folder.replaceAll("'", "''")}/.waymark' }}`,
		);
		expect(step('actions/upload-artifact')?.with?.['path']).toBe(`${folder}/dist`);
		const check = await argumentsOf(step('Check the runbooks')?.run ?? '', folder);
		expect(check).toEqual([
			`${folder}/node_modules/.bin/waymark`,
			'check',
			'--untrusted',
			'--state-dir',
			'/runner/temp/waymark-state',
			'--baseline-ref',
			'origin/main',
			'--format',
			'github',
			'--config',
			`${folder}/waymark.config.yaml`,
		]);
		const build = await argumentsOf(step('Build the site')?.run ?? '', folder);
		expect(build.slice(1)).toEqual(['build', '--config', `${folder}/waymark.config.yaml`]);
		// GitLab: the jobs enter the folder; what GitLab keeps is named from the top.
		const gitlab = parse(
			gitlabWorkflow({ stateDir: '.waymark', outDir: 'dist', folder }).text,
		) as Record<
			string,
			{
				before_script?: string[];
				cache?: { paths: string[] };
				artifacts?: { paths?: string[]; reports?: { junit: string } };
			}
		>;
		expect(gitlab['.waymark']?.before_script?.[0]).toMatch(/^cd /);
		expect(
			(await argumentsOf(`${gitlab['.waymark']?.before_script?.[0] ?? ''} && pwd`, folder))
				.at(-1)
				?.endsWith(`/${folder}`),
		).toBe(true);
		expect(gitlab['.waymark']?.cache?.paths).toEqual([`${folder}/.waymark/`]);
		// The merge request's check neither restores nor saves the cache its checkout could fill.
		expect((gitlab['waymark-check'] as { cache?: unknown } | undefined)?.cache).toEqual([]);
		expect(gitlab['waymark-check']?.artifacts?.reports?.junit).toBe(`${folder}/waymark-report.xml`);
		expect(gitlab['waymark-build']?.artifacts?.paths).toEqual([`${folder}/dist/`]);
	},
);

// A branch under review is untrusted; the default branch is the team's own. The commands each
// workflow runs for a pull request and for the default branch run here, through the real CLI, over
// a tree whose MDX page imports a component: untrusted, that is an `untrusted-content` warning.
describe('trust', () => {
	const tree = (folder: string): Record<string, string> => ({
		[`${folder}waymark.config.yaml`]: 'root: guidebooks\n',
		[`${folder}guidebooks/README.mdx`]:
			"import Chart from './chart.jsx';\n\n# Chart\n\n<Chart />\n",
		[`${folder}node_modules/.bin/waymark`]: `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" "$@"\n`,
	});
	/** Runs `lines` in bash at the repository's top, with `npx waymark` as npx finds it: the project's own. */
	async function runLines(top: string, lines: string[]): Promise<string> {
		const npx = `npx() { p="$PWD"; while [ ! -x "$p/node_modules/.bin/$1" ]; do p=$(dirname "$p"); done; cmd=$1; shift; "$p/node_modules/.bin/$cmd" "$@"; }`;
		const script = [npx, ...lines].join('\n');
		// The runner's temporary folder, outside the checkout (and outside this repository, which holds the fixtures).
		const runnerTemp = await writeFixture({}, { outsideInstall: true });
		made.push(runnerTemp);
		const { stdout } = await promisify(execFile)('bash', ['-c', script], {
			cwd: top,
			env: {
				...process.env,
				NO_COLOR: '1',
				GITHUB_EVENT_NAME: '',
				RUNNER_TEMP: runnerTemp,
				...baseRefs,
			},
		}).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
		return stdout;
	}
	async function repository(folder: string): Promise<string> {
		const top = await writeFixture(tree(folder ? `${folder}/` : ''));
		made.push(top);
		await chmod(join(top, folder, 'node_modules/.bin/waymark'), 0o755);
		await baseBranch(top);
		return top;
	}

	test.each(['', 'website'])(
		'GitHub (project folder `%s`): the pull request check is untrusted, the default branch is not',
		async (folder) => {
			const top = await repository(folder);
			const text = parse(
				githubWorkflow({ stateDir: '.waymark', outDir: 'dist', folder }).text,
			) as Workflow;
			const runs = (github: Event) =>
				(text.jobs['waymark']?.steps ?? [])
					.filter(
						(step) =>
							step.run?.includes('waymark') &&
							(step.if === undefined || Boolean(evaluate(step.if, github))),
					)
					.map((step) => step.run as string);
			const pr = runs(on('pull_request', 'refs/pull/7/merge', 'main'));
			expect(pr).toHaveLength(1);
			const where = folder ? `${folder}/guidebooks/README.mdx` : 'guidebooks/README.mdx';
			expect(await runLines(top, pr)).toContain(
				`::warning file=${where},line=1,col=1,title=waymark(untrusted-content)::Unexpected MDX import`,
			);
			// The same check as the team's own tree (the control): the import is looked up, not refused.
			const trusted = await runLines(
				top,
				pr.map((line) => line.replace(' --untrusted', '')),
			);
			expect(trusted).toContain(
				`::warning file=${where},line=1,col=1,title=waymark(mdx-references)::`,
			);
			expect(trusted).not.toContain('untrusted-content');
			const main = runs(on('push', 'refs/heads/main', 'main'));
			expect(main.map((line) => line.replace(/^.*?waymark /, ''))).toEqual([
				folder ? `build --config ${folder}/waymark.config.yaml` : 'build',
			]);
		},
		120_000,
	);

	test.each(['', 'website'])(
		'GitLab (project folder `%s`): the merge request check is untrusted, the default branch is not',
		async (folder) => {
			const top = await repository(folder);
			const ci = parse(
				gitlabWorkflow({ stateDir: '.waymark', outDir: 'dist', folder }).text,
			) as Record<
				string,
				{
					before_script?: string[];
					script?: string[];
					rules?: Array<{ if: string }>;
					artifacts?: { reports?: { junit: string } };
				}
			>;
			const enter = (ci['.waymark']?.before_script ?? []).filter((line) => line !== 'npm ci');
			const check = ci['waymark-check'];
			expect(check?.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
			await runLines(top, [...enter, ...(check?.script ?? [])]);
			const junit = await readFile(join(top, check?.artifacts?.reports?.junit ?? ''), 'utf8');
			expect(junit).toContain('classname="waymark.untrusted-content"');
			expect(ci['waymark-build']?.rules).toEqual([
				{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' },
			]);
			expect(ci['waymark-build']?.script).toEqual(['npx waymark build']);
		},
		120_000,
	);
});

/** The variables naming the base branch, as GitHub (the step's `BASE_REF`) and GitLab set them. */
const baseRefs = { BASE_REF: 'main', CI_MERGE_REQUEST_DIFF_BASE_SHA: 'origin/main' };

/** `top` as a checkout of a pull request: a repository whose `origin/main` is its one commit. */
async function baseBranch(top: string): Promise<void> {
	await initRepository(top);
	await commitAt(top, '2026-03-01', {}, 'the base branch');
	await promisify(execFile)('git', ['-C', top, 'update-ref', 'refs/remotes/origin/main', 'HEAD']);
}

// Day one in a repository with old findings: `init --baseline` records them, and the check the
// workflow runs on a pull request passes one that adds none (even one that moves them) and fails one
// that adds one, naming only it.
test('with the baseline init wrote, the pull request check passes a branch that adds no finding and fails one that adds one', async () => {
	const top = await writeFixture({
		'guidebooks/README.md':
			'# Runbooks\n\n- [Failover](db/failover.md#promote)\n- [Backups](db/backups.md)\n',
		'guidebooks/db/failover.md':
			'# Failover\n\n## Promote the replica\n\nSee [the old DNS page](../dns.md).\n',
		'node_modules/.bin/waymark': `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" "$@"\n`,
	});
	made.push(top);
	await chmod(join(top, 'node_modules/.bin/waymark'), 0o755);
	// The runner's temporary folder, where a pull request's check keeps its state: outside the checkout.
	const runnerTemp = await writeFixture({}, { outsideInstall: true });
	made.push(runnerTemp);
	const shell = async (script: string): Promise<{ code: number; stdout: string }> => {
		const npx = `npx() { cmd=$1; shift; "$PWD/node_modules/.bin/$cmd" "$@"; }`;
		return promisify(execFile)('bash', ['-c', `${npx}\n${script}`], {
			cwd: top,
			env: {
				...process.env,
				NO_COLOR: '1',
				GITHUB_EVENT_NAME: '',
				RUNNER_TEMP: runnerTemp,
				...baseRefs,
			},
		}).then(
			({ stdout }) => ({ code: 0, stdout }),
			(error: { code?: number; stdout?: string }) => ({
				code: error.code ?? -1,
				stdout: error.stdout ?? '',
			}),
		);
	};
	const init = await shell('npx waymark init --baseline');
	expect(init.code).toBe(0);
	expect(init.stdout).toContain(
		'Wrote waymark.baseline.json with the 3 findings (3 errors, 0 warnings) the tree has today',
	);
	// The team commits what init wrote: the branch pull requests go into.
	await baseBranch(top);
	const workflow = parse(
		await readFile(join(top, '.github/workflows/waymark.yml'), 'utf8'),
	) as Workflow;
	const pr = (workflow.jobs['waymark']?.steps ?? [])
		.filter(
			(step) =>
				step.run?.includes('waymark') &&
				Boolean(evaluate(step.if ?? 'true', on('pull_request', 'refs/pull/1/merge', 'main'))),
		)
		.map((step) => step.run as string);
	expect(pr).toEqual([
		'npx waymark check --untrusted --state-dir "$RUNNER_TEMP/waymark-state" --baseline-ref "origin/$BASE_REF" --format github',
	]);

	const unchanged = await shell(pr.join('\n'));
	expect(unchanged.code).toBe(0);
	expect(unchanged.stdout.split('\n').filter((line) => line.startsWith('::error'))).toEqual([]);
	expect(unchanged.stdout.split('\n').filter((line) => line.startsWith('::notice'))).toHaveLength(
		3,
	);

	// A branch that moves the old findings down a page and fixes nothing: still only known ones.
	await writeFile(
		join(top, 'guidebooks/db/failover.md'),
		'# Failover\n\nRead this first.\n\n## Promote the replica\n\nSee [the old DNS page](../dns.md).\n',
	);
	expect((await shell(pr.join('\n'))).code).toBe(0);

	// A branch that adds one broken link: it alone fails the check.
	await writeFile(
		join(top, 'guidebooks/db/failover.md'),
		'# Failover\n\nRead this first.\n\n## Promote the replica\n\nSee [the old DNS page](../dns.md).\n\nThen [verify](#verify-it).\n',
	);
	const added = await shell(pr.join('\n'));
	expect(added.code).toBe(1);
	expect(added.stdout.split('\n').filter((line) => line.startsWith('::error'))).toEqual([
		'::error file=guidebooks/db/failover.md,line=9,col=6,title=waymark(internal-links)::Unexpected link to missing heading `#verify-it`, expected one of `#failover`, `#promote-the-replica`',
	]);

	// The same branch recording its new finding in its own baseline: the check goes by the base branch's.
	expect((await shell('npx waymark baseline')).code).toBe(0);
	const recorded = await shell(pr.join('\n'));
	expect(recorded.code).toBe(1);
	expect(recorded.stdout.split('\n').filter((line) => line.startsWith('::error'))).toHaveLength(1);
}, 120_000);

test('the deploy builds for the path the forge serves the site under, and the preview for the base branch', async () => {
	const github = parse(
		githubWorkflow(
			{ stateDir: '.waymark', outDir: 'dist', folder: '' },
			{ deploy: true, preview: true },
		).text,
	) as Workflow;
	const run = (name: string): string =>
		github.jobs['waymark']?.steps.find((step) => step.name === name)?.run ?? '';
	expect(
		await argumentsOf(
			`export BASE_PATH=/runbooks; ${run('Build the site').replace(/^npx waymark/, 'node_modules/.bin/waymark')}`,
			'',
		),
	).toEqual(['node_modules/.bin/waymark', 'build', '--base-path', '/runbooks/']);
	expect(
		await argumentsOf(
			`export BASE_PATH=; ${run('Build the site').replace(/^npx waymark/, 'node_modules/.bin/waymark')}`,
			'',
		),
	).toEqual(['node_modules/.bin/waymark', 'build', '--base-path', '/']);
	expect(
		await argumentsOf(
			`export BASE_REF=main; ${run('Build the reviewer preview').replace(/^npx waymark/, 'node_modules/.bin/waymark')}`,
			'',
		),
	).toEqual([
		'node_modules/.bin/waymark',
		'build',
		'--base',
		'origin/main',
		'--state-dir',
		'/runner/temp/waymark-state',
		'--out',
		'runbooks-preview',
	]);
	const gitlab = parse(
		gitlabWorkflow(
			{ stateDir: '.waymark', outDir: 'dist', folder: '' },
			{ deploy: true, preview: true },
		).text,
	) as Record<
		string,
		{
			script?: string[];
			rules?: Array<{ if: string }>;
			artifacts?: { paths?: string[]; expose_as?: string };
			cache?: unknown;
		}
	>;
	expect(gitlab['pages']?.artifacts?.paths).toEqual(['public/']);
	expect(gitlab['pages']?.rules).toEqual([{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
	const pages = (gitlab['pages']?.script?.[0] ?? '').replace(
		/^npx waymark/,
		'node_modules/.bin/waymark',
	);
	// `build --base-path` adds the slash a path without one lacks.
	for (const [url, path] of [
		['https://ops.gitlab.io/runbooks', '/runbooks'],
		['https://runbooks-1a2b3c.gitlab.io', '/'],
	]) {
		expect(
			await argumentsOf(`export CI_PROJECT_DIR=/builds/ops CI_PAGES_URL=${url}; ${pages}`, ''),
		).toEqual([
			'node_modules/.bin/waymark',
			'build',
			'--out',
			'/builds/ops/public',
			'--base-path',
			path,
		]);
	}
	expect(gitlab['waymark-preview']?.rules).toEqual([
		{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
	]);
	expect(gitlab['waymark-preview']?.artifacts).toMatchObject({
		expose_as: 'Runbooks preview',
		paths: ['runbooks-preview/'],
	});
	// As the merge request's check: nothing of the branch's state is kept for the default branch.
	expect(gitlab['waymark-preview']?.cache).toEqual([]);
});
