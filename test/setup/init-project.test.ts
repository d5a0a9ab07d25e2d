import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, test } from 'vitest';
import { initProject } from '../../setup/init-project.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

const made: string[] = [];
afterEach(async () => {
	for (const dir of made.splice(0)) await removeFixture(dir);
});
async function project(files: Record<string, string>): Promise<string> {
	const dir = await writeFixture(files);
	made.push(dir);
	return dir;
}

// Every .gitignore a user may have: none, empty, and each subset of lines that already ignore one
// of the folders (written four ways) or something else, with and without a final newline, LF or CRLF.
const pool = [
	'node_modules',
	'.waymark',
	'/.waymark/',
	'dist/',
	'/dist',
	'# build output',
	'.waymark/',
];
const subsets = pool.flatMap((_, i) =>
	pool.slice(i, i + 3).map((__, j) => pool.slice(i, i + j + 1)),
);
const gitignores: Array<string | undefined> = [
	undefined,
	'',
	...subsets.flatMap((lines) => [
		lines.join('\n'),
		`${lines.join('\n')}\n`,
		`${lines.join('\r\n')}\r\n`,
	]),
];

test.each(gitignores.map((text, i) => [i, JSON.stringify(text), text, i % 2 === 0] as const))(
	".gitignore case %i (%s): the user's text is kept as written, each folder ignored, none added twice, a second init changes nothing",
	async (_, __, text, npm) => {
		// Every other case an npm project, whose installed packages are ignored too.
		const dir = await project({
			'docs/README.md': '# Home\n',
			...(text !== undefined && { '.gitignore': text }),
			...(npm && { 'package.json': '{ "name": "ops-docs" }\n' }),
		});
		await initProject(dir);
		const after = await readFile(join(dir, '.gitignore'), 'utf8');
		expect(after.startsWith(text ?? '')).toBe(true);
		const count = (file: string, folder: string) =>
			file
				.split(/\r?\n/)
				.filter((line) => line.trim().replace(/^\//, '').replace(/\/$/, '') === folder).length;
		// Added where missing, never a second time (the user's own repeats stay theirs).
		for (const folder of ['.waymark', 'dist'])
			expect(count(after, folder)).toBe(Math.max(1, count(text ?? '', folder)));
		expect(count(after, 'node_modules')).toBe(
			npm ? Math.max(1, count(text ?? '', 'node_modules')) : count(text ?? '', 'node_modules'),
		);
		await initProject(dir);
		expect(await readFile(join(dir, '.gitignore'), 'utf8')).toBe(after);
	},
);

test('finds the Markdown folder and dialect, writes a commented config and a GitHub workflow, and replaces no file', async () => {
	const dir = await project({
		'runbooks/README.md': '# Ops\n\n:::tip\nCareful.\n:::\n',
		'src/notes.md': '# not the tree\n',
	});
	const first = await initProject(dir);
	expect(first).toMatchObject({
		root: 'runbooks',
		dialect: { name: 'docusaurus' },
		workflow: { forge: 'github' },
	});
	expect(first.files.map((f) => `${f.outcome} ${f.path}`)).toEqual([
		'written waymark.config.yaml',
		'written .gitignore',
		'written .github/workflows/waymark.yml',
	]);
	const config = await readFile(join(dir, 'waymark.config.yaml'), 'utf8');
	expect(config).toMatch(/^root: runbooks$/m);
	expect(config).toMatch(/^dialect: docusaurus$/m);
	expect(config).toMatch(/^# .*guidebooks\/configuration\.md$/m);
	const workflow = await readFile(join(dir, '.github/workflows/waymark.yml'), 'utf8');
	expect(workflow).toContain(
		'npx waymark check --untrusted --state-dir \\"$RUNNER_TEMP/waymark-state\\" --baseline-ref \\"origin/$BASE_REF\\" --format github',
	);
	expect(workflow).toMatch(/actions\/cache@[0-9a-f]{40} /);
	// Edited by the user, then init again: kept as they are.
	await writeFile(join(dir, 'waymark.config.yaml'), 'root: runbooks # mine\n');
	const second = await initProject(dir);
	expect(second.files.map((f) => `${f.outcome} ${f.path}`)).toEqual([
		'kept waymark.config.yaml',
		'unchanged .gitignore',
		'kept .github/workflows/waymark.yml',
	]);
	expect(await readFile(join(dir, 'waymark.config.yaml'), 'utf8')).toBe('root: runbooks # mine\n');
});

test('writes a GitLab CI file to include when the repository has .gitlab-ci.yml, leaving that file alone', async () => {
	const dir = await project({ 'docs/README.md': '# Home\n', '.gitlab-ci.yml': 'stages: [test]\n' });
	const result = await initProject(dir);
	expect(result.workflow).toMatchObject({ forge: 'gitlab', path: '.gitlab/waymark.gitlab-ci.yml' });
	expect(await readFile(join(dir, '.gitlab-ci.yml'), 'utf8')).toBe('stages: [test]\n');
	expect(await readFile(join(dir, '.gitlab/waymark.gitlab-ci.yml'), 'utf8')).toContain(
		'$CI_PIPELINE_SOURCE == "merge_request_event"',
	);
});

test.each([
	{ book: '[book]\ntitle = "Ops"\n', root: 'src' },
	{ book: '[book]\nsrc = "book/chapters/"\n', root: 'book/chapters' },
])(
	"finds an mdBook's chapters where its `book.toml` says ($root), before the usual folders",
	async ({ book, root }) => {
		const dir = await project({
			'book.toml': book,
			[`${root}/SUMMARY.md`]: '- [Intro](README.md)\n',
			[`${root}/README.md`]: '# Intro\n',
			'docs/other.md': '# Not the book\n',
		});
		await promisify(execFile)('git', ['init', '--quiet', dir]);
		const result = await initProject(dir);
		// mdBook is a tool of its own (tools/mdbook/), which the config names.
		expect(result).toMatchObject({ root, dialect: { name: 'mdbook' } });
		expect(await readFile(join(dir, 'waymark.config.yaml'), 'utf8')).toMatch(
			/^# The tool the pages are written for, detected from `book\.toml`\.\ndialect: mdbook$/m,
		);
	},
);

test('without a Markdown folder, says where it looked and how to name one', async () => {
	const dir = await project({ 'src/index.ts': '' });
	const error = (await initProject(dir).catch((e: unknown) => e)) as Error;
	expect([error.name, error.message]).toEqual([
		'NoMarkdownFolder',
		'No Markdown found in any of guidebooks/, runbooks/, docs/, doc/, documentation/, content/, website/docs/.',
	]);
	// Someone starting from nothing is told how to start, not sent round to --root (new-user trial).
	expect((error as Error & { hint?: string }).hint).toContain('`guidebooks/README.md`');
});

test('with --root naming a folder that is not there, gives the same advice instead of the build’s', async () => {
	const dir = await project({ 'src/index.ts': '' });
	const error = (await initProject(dir, { root: 'guidebooks' }).catch(
		(e: unknown) => e,
	)) as Error & { hint?: string };
	expect([error.name, error.message]).toEqual([
		'NoMarkdownFolder',
		'No Markdown found in any of guidebooks/.',
	]);
	expect(error.hint).toContain('`guidebooks/README.md`');
});

test('leaves the dialect to detection when nothing tells the tools apart', async () => {
	const dir = await project({ 'docs/README.md': '# Home\n' });
	const result = await initProject(dir);
	expect(result.dialect).toMatchObject({ name: 'github', signals: [] });
	expect(await readFile(join(dir, 'waymark.config.yaml'), 'utf8')).toMatch(/^dialect: auto$/m);
});

// GitHub and GitLab read CI files only at the repository's top.
async function repository(files: Record<string, string>): Promise<string> {
	const top = await project(files);
	await promisify(execFile)('git', ['init', '--quiet', top]);
	return top;
}

test('in a subfolder of a repository (a docs site with its own package.json), writes the workflow at the top, naming the folder', async () => {
	const top = await repository({
		'website/package.json': '{}\n',
		'website/docs/README.md': '# Home\n',
	});
	const result = await initProject(join(top, 'website'));
	expect(result.files.map((f) => `${f.outcome} ${f.path}`)).toEqual([
		'written waymark.config.yaml',
		'written .gitignore',
		'written ../.github/workflows/waymark.yml',
	]);
	const workflow = await readFile(join(top, '.github/workflows/waymark.yml'), 'utf8');
	expect(workflow).toContain(
		'run: "website/node_modules/.bin/waymark check --untrusted --state-dir \\"$RUNNER_TEMP/waymark-state\\" --baseline-ref \\"origin/$BASE_REF\\" --format github --config website/waymark.config.yaml"\n',
	);
	expect(workflow).toContain('working-directory: website\n');
	await expect(
		readFile(join(top, 'website/.github/workflows/waymark.yml'), 'utf8'),
	).rejects.toThrow(/ENOENT/);
	// The state and output folders are ignored where the config is.
	expect(await readFile(join(top, 'website/.gitignore'), 'utf8')).toContain('/.waymark/\n/dist/\n');
});

test('in a subfolder of a GitLab repository, the file to include is at the top and the jobs enter the folder', async () => {
	const top = await repository({
		'.gitlab-ci.yml': 'stages: [test]\n',
		'handbook/docs/README.md': '# Home\n',
	});
	const result = await initProject(join(top, 'handbook'));
	expect(result.workflow).toMatchObject({
		forge: 'gitlab',
		path: '../.gitlab/waymark.gitlab-ci.yml',
	});
	expect(await readFile(join(top, '.gitlab/waymark.gitlab-ci.yml'), 'utf8')).toContain(
		'  before_script:\n    - cd handbook\n    - npm ci\n',
	);
});

test('a folder the enclosing repository ignores is a project of its own: the workflow goes in it', async () => {
	const top = await repository({
		'.gitignore': 'vendor/\n',
		'vendor/docs-site/docs/README.md': '# Home\n',
	});
	const result = await initProject(join(top, 'vendor/docs-site'));
	expect(result.workflow.path).toBe('.github/workflows/waymark.yml');
	expect(
		await readFile(join(top, 'vendor/docs-site/.github/workflows/waymark.yml'), 'utf8'),
	).toContain(
		'npx waymark check --untrusted --state-dir \\"$RUNNER_TEMP/waymark-state\\" --baseline-ref \\"origin/$BASE_REF\\" --format github',
	);
	await expect(readFile(join(top, '.github/workflows/waymark.yml'), 'utf8')).rejects.toThrow(
		/ENOENT/,
	);
});

// The workflow installs with `npm ci` and runs `npx waymark`: it needs package.json listing Waymark
// (not on the npm registry), the lock file beside it, and a `.tgz` inside the checkout.
const lock = { 'package-lock.json': '{ "lockfileVersion": 3 }\n' };
const manifest = (deps: Record<string, unknown>) => ({
	'package.json': `${JSON.stringify(deps)}\n`,
});
test.each([
	{
		name: 'no package.json (an MkDocs repository, Waymark run from another install)',
		files: { 'mkdocs.yml': 'site_name: Ops\n' },
		said: [
			/^There is no package\.json here, so the workflow's `npm ci` fails in CI \(and, before it, `setup-node`'s npm cache, which needs a lock file\): Waymark runs from an install outside this repository\. Add Waymark to the repository's devDependencies so `npm ci` installs it: put the \.tgz in the repository \(for example vendor\/\), run `npm install --save-dev \.\/vendor\/waymark-\d+\.\d+\.\d+\.tgz` here, and commit package\.json and package-lock\.json\.$/,
		],
	},
	{
		name: 'no package.json, on GitLab',
		files: { '.gitlab-ci.yml': 'stages: [test]\n' },
		said: [/^There is no package\.json here, so the workflow's `npm ci` fails in CI: Waymark runs/],
	},
	{
		name: 'a package.json that does not list Waymark',
		files: { ...manifest({ devDependencies: { mkdocs: '1.0.0' } }), ...lock },
		said: [
			/^package\.json does not list Waymark, so the workflow's `npm ci` does not install it and its `npx waymark` finds none \(Waymark is not on the npm registry\)\. Add Waymark to the repository's devDependencies/,
		],
	},
	{
		name: 'a package.json that is not JSON',
		files: { 'package.json': '{ "devDependencies": \n', ...lock },
		said: [/^package\.json is not a JSON object, so the workflow's `npm ci` fails in CI\./],
	},
	{
		name: 'a .tgz outside the repository',
		files: { ...manifest({ devDependencies: { waymark: 'file:../waymark-0.1.0.tgz' } }), ...lock },
		said: [
			/^package\.json installs Waymark from `file:\.\.\/waymark-0\.1\.0\.tgz`, outside the repository, so the workflow's `npm ci` will not find it in CI\. Put the \.tgz in the repository/,
		],
	},
	{
		name: 'a .tgz at an absolute path outside it',
		files: {
			...manifest({ dependencies: { waymark: 'file:/tmp/elsewhere/waymark-0.1.0.tgz' } }),
			...lock,
		},
		said: [/outside the repository, so the workflow's `npm ci` will not find it in CI/],
	},
	{
		name: 'Waymark listed but no lock file',
		files: manifest({ devDependencies: { waymark: 'file:vendor/waymark-0.1.0.tgz' } }),
		said: [
			/^There is no package-lock\.json beside package\.json, and the workflow's `npm ci` installs only from one \(and, before it, `setup-node`'s npm cache, which needs a lock file\)\. Run `npm install` here and commit package-lock\.json\.$/,
		],
	},
	{
		name: 'a .tgz inside it, locked (the control)',
		files: {
			...manifest({ devDependencies: { waymark: 'file:vendor/waymark-0.1.0.tgz' } }),
			...lock,
		},
		said: [],
	},
	{
		name: 'a .tgz in a folder named `..vendor` inside it, locked',
		files: {
			...manifest({ devDependencies: { waymark: 'file:..vendor/waymark-0.1.0.tgz' } }),
			...lock,
		},
		said: [],
	},
	{
		name: 'a registry version, locked by a shrinkwrap',
		files: {
			...manifest({ devDependencies: { waymark: '^0.1.0' } }),
			'npm-shrinkwrap.json': '{}\n',
		},
		said: [],
	},
])('says when the workflow could not install Waymark: $name', async ({ files, said }) => {
	const top = await repository({ ...files, 'docs/README.md': '# Home\n' });
	const { warnings } = await initProject(top);
	expect(warnings).toHaveLength(said.length);
	said.forEach((pattern, i) => expect(warnings[i]).toMatch(pattern));
});

// An npm workspace keeps one lock file, at its root; `npm ci` in a member folder installs from it.
test.each([
	{
		name: 'at a workspace root above, locked',
		files: { 'package.json': '{ "workspaces": ["website"] }\n', ...lock },
		said: [],
	},
	{
		name: 'at a workspace root above, with no lock',
		files: { 'package.json': '{ "workspaces": ["website"] }\n' },
		said: [/^There is no package-lock\.json beside package\.json/],
	},
	{
		name: 'beside a package.json above that is no workspace',
		files: { 'package.json': '{ "name": "ops" }\n', ...lock },
		said: [/^There is no package-lock\.json beside package\.json/],
	},
])('finds the lock file of a project in a subfolder $name', async ({ files, said }) => {
	const top = await repository({
		...files,
		'website/package.json': `${JSON.stringify({ devDependencies: { waymark: 'file:../vendor/waymark-0.1.0.tgz' } })}\n`,
		'website/docs/README.md': '# Home\n',
	});
	const { warnings } = await initProject(join(top, 'website'));
	expect(warnings).toHaveLength(said.length);
	said.forEach((pattern, i) => expect(warnings[i]).toMatch(pattern));
});

// A second project of a repository whose top already has Waymark and a workflow (a first `init`
// there): the workflow is kept, and the warnings are about it, never about installing Waymark in a
// folder the kept workflow does not run in (a new user's trial was told to install it a second time).
test.each([
	{
		name: 'a workflow for another folder',
		workflow: 'jobs:\n  docs:\n    steps:\n      - run: npx waymark check --root content\n',
		said: [
			/^The workflow kept as it is never names `mk`, so CI does not check this project's tree: add a job that runs `npx waymark check` in `mk\/`/,
		],
	},
	{
		name: 'a workflow that names the folder',
		workflow:
			'jobs:\n  mk:\n    defaults:\n      run:\n        working-directory: mk\n    steps:\n      - run: npx waymark check\n',
		said: [],
	},
	{
		name: 'a workflow that enters the folder with `cd mk;`',
		workflow: 'jobs:\n  mk:\n    steps:\n      - run: cd mk; npx waymark check\n',
		said: [],
	},
	{
		name: 'a workflow that lists the folder in a matrix',
		workflow: 'jobs:\n  docs:\n    strategy:\n      matrix:\n        project: [mk, content]\n',
		said: [],
	},
	{
		name: 'a workflow naming only a folder that starts the same',
		workflow:
			'jobs:\n  docs:\n    steps:\n      - run: mkdir -p out && npx waymark check --root mkdocs-site\n',
		said: [/^The workflow kept as it is never names `mk`/],
	},
])(
	'in a subfolder, with $name kept at the top, warns only of what the kept workflow leaves out',
	async ({ workflow, said }) => {
		const top = await repository({
			...manifest({ devDependencies: { waymark: 'file:vendor/waymark-0.1.0.tgz' } }),
			...lock,
			'.github/workflows/waymark.yml': workflow,
			'content/_index.md': '# Ops\n',
			'mk/mkdocs.yml': 'site_name: Ops\n',
			'mk/docs/index.md': '# Ops\n',
		});
		const result = await initProject(join(top, 'mk'));
		expect(
			result.files.find((file) => file.path === '../.github/workflows/waymark.yml')?.outcome,
		).toBe('kept');
		expect(result.warnings).toHaveLength(said.length);
		said.forEach((pattern, i) => expect(result.warnings[i]).toMatch(pattern));
	},
);

test('`waymark init` without a package.json prints what it wrote, then the warning with its fix', async () => {
	const top = await repository({ 'mkdocs.yml': 'site_name: Ops\n', 'docs/index.md': '# Home\n' });
	const result = await runCli(['init'], { cwd: top });
	expect(result.code).toBe(0);
	expect(result.stdout.replace(/waymark-[\d.]+\.tgz/, 'waymark-<version>.tgz'))
		.toMatchInlineSnapshot(`
		"Found the Markdown in docs/, written for MkDocs (\`mkdocs.yml\`).
		Wrote waymark.config.yaml
		Wrote .gitignore
		Wrote .github/workflows/waymark.yml
		Warning: There is no package.json here, so the workflow's \`npm ci\` fails in CI (and, before it, \`setup-node\`'s npm cache, which needs a lock file): Waymark runs from an install outside this repository. Add Waymark to the repository's devDependencies so \`npm ci\` installs it: put the .tgz in the repository (for example vendor/), run \`npm install --save-dev ./vendor/waymark-<version>.tgz\` here, and commit package.json and package-lock.json.
		To publish the site: \`waymark init --deploy pages\` writes the GitHub Pages deploy (move the workflow aside first), or copy what \`npx waymark build\` writes to dist/ to any static host (nginx, S3, Netlify): plain files, served at / unless \`site.base\` names a path.

		Next:
		  npx waymark check
		  npx waymark build
		  npx waymark serve
		"
	`);
});

test('`waymark init` in a tree with findings offers the baseline as the first command, and writes nothing of it unasked', async () => {
	const dir = await project({
		'docs/README.md': '# Home\n\n[Gone](gone.md)\n\n[Also gone](#nowhere)\n',
	});
	const result = await runCli(['init'], { cwd: dir });
	expect(result.code).toBe(0);
	expect(result.stdout).toContain(
		'The tree has 2 findings today (2 errors, 0 warnings), so every pull request would fail until all are fixed: `npx waymark baseline` records them in waymark.baseline.json',
	);
	expect(result.stdout).toMatch(/\nNext:\n {2}npx waymark baseline\n {2}npx waymark check\n/);
	await expect(readFile(join(dir, 'waymark.baseline.json'), 'utf8')).rejects.toThrow(/ENOENT/);
	// The control: a clean tree is offered nothing.
	const clean = await project({ 'docs/README.md': '# Home\n' });
	expect((await runCli(['init'], { cwd: clean })).stdout).not.toContain('baseline');
});
