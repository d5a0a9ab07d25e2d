import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';
import { pick, seededRandom, type Random } from '../helpers/seeded-random.ts';

// The build's work folder lies in the user's repository (`.waymark/` beside the config), and the
// tree is a folder of it: whatever Vite or Astro finds by looking up from either is the project's
// own tooling, written for another tool or for nothing Waymark runs. A PostCSS config found there
// was loaded and run (in an untrusted preview build too), and a `tsconfig.json` extending a
// package the repository never installed (`@docusaurus/tsconfig`, as create-docusaurus writes
// it) ended every build with an internal error. Repositories are generated with such files at
// every level, in every module format: each builds, its pages render, and none of their code runs.

/** One kind of project file: its name, and its text given the file that running it would write. */
interface ProjectFile {
	name: string;
	text(marker: string): string;
}

const projectFiles: ProjectFile[] = [
	{
		name: 'postcss.config.js',
		text: (marker) =>
			`require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = { plugins: [] };\n`,
	},
	{
		name: 'postcss.config.cjs',
		text: (marker) =>
			`require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = { plugins: [] };\n`,
	},
	{
		name: 'postcss.config.mjs',
		text: (marker) =>
			`import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default { plugins: [] };\n`,
	},
	{
		name: '.postcssrc.js',
		text: (marker) =>
			`require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = { plugins: [] };\n`,
	},
	{
		name: '.postcssrc.json',
		text: () => '{ "plugins": { "postcss-plugin-nobody-installed": {} } }\n',
	},
	{
		name: 'tsconfig.json',
		text: () =>
			'{\n  // create-docusaurus writes this; the package is never installed in a clone\n  "extends": "@docusaurus/tsconfig",\n  "compilerOptions": { "baseUrl": "." }\n}\n',
	},
	{
		name: 'tsconfig.json',
		text: () =>
			'{ "extends": "../../../../../../../etc/no-such-base.json", "compilerOptions": { "jsx": "preserve" } }\n',
	},
	{ name: 'tsconfig.json', text: () => '{ "compilerOptions": { "target": \n' },
	{
		name: 'jsconfig.json',
		text: () => '{ "extends": "@tsconfig/nobody-installed/tsconfig.json" }\n',
	},
	{
		name: 'vite.config.js',
		text: (marker) =>
			`import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default {};\n`,
	},
	{
		name: 'astro.config.mjs',
		text: (marker) =>
			`import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default {};\n`,
	},
	{
		name: 'babel.config.js',
		text: (marker) =>
			`require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = {};\n`,
	},
	{ name: '.browserslistrc', text: () => 'not a browser query ((\n' },
	// A merge left unresolved: no JSON at all.
	{
		name: 'package.json',
		text: () =>
			'{\n<<<<<<< HEAD\n  "name": "ops-docs",\n=======\n  "name": "runbooks",\n>>>>>>> topic\n}\n',
	},
	{ name: 'package.json', text: () => '{ "name": "x", \n' },
];

/** Where a project file may sit: the repository's top, the folder the tree is in, or the tree itself. */
const levels = ['', 'website/', 'website/docs/'] as const;

interface Repository {
	dir: string;
	markers: string;
	planted: string[];
	/** A package.json the bundler would read is not JSON: the MDX pages are rendered as Markdown, said once. */
	unparsable: boolean;
	build: CliResult;
	untrusted?: CliResult;
}

const repositories: Repository[] = [];

/**
 * A repository's project files. The first two hold one of each name, at the top (beside a
 * package.json, which is where Vite stops looking up) and beside the tree; the others a random set
 * at random levels, with a package.json of either module type (with PostCSS settings or not), or none.
 */
function plant(
	random: Random,
	n: number,
	markers: string,
): { files: Record<string, string>; planted: string[]; unparsable: boolean } {
	const files: Record<string, string> = {};
	const place = (path: string, kind: ProjectFile) => {
		files[path] ??= kind.text(join(markers, `${path.replaceAll('/', '_')}.ran`));
	};
	// PostCSS's loader reads the first config it finds: in the first repository, one that runs code.
	if (n < 2)
		for (const kind of projectFiles.filter((kind) => n === 1 || kind.name !== '.postcssrc.json'))
			place(`${levels[n]}${kind.name}`, kind);
	else
		for (let i = 2 + pick(random, 5); i > 0; i--) {
			const kind = projectFiles[pick(random, projectFiles.length)] as ProjectFile;
			place(`${levels[pick(random, levels.length)]}${kind.name}`, kind);
		}
	const packageJson = n < 2 ? 1 : pick(random, 3);
	const postcssField = n === 1 || (n > 1 && pick(random, 2) === 1);
	if (packageJson > 0)
		files['package.json'] ??=
			`${JSON.stringify({ name: 'ops-docs', private: true, ...(packageJson === 2 && { type: 'module' }), ...(postcssField && { postcss: { plugins: { 'postcss-plugin-nobody-installed': {} } } }) }, null, 2)}\n`;
	const unparsable = Object.entries(files).some(
		([path, text]) => path.endsWith('package.json') && !parses(text),
	);
	return { files, planted: Object.keys(files), unparsable };
}

function parses(json: string): boolean {
	try {
		JSON.parse(json);
		return true;
	} catch {
		return false;
	}
}

beforeAll(async () => {
	const random = seededRandom(20261126);
	for (let n = 0; n < 4; n++) {
		// Beside the repository: the file each project file would write if it ran.
		const markers = await writeFixture({}, { outsideInstall: true });
		const { files, planted, unparsable } = plant(random, n, markers);
		const dir = await writeFixture(
			{
				'website/docs/README.md':
					'# Database runbooks\n\nRestore from the nightly dump with `pg_restore`.\n\n```css\nbody { color: red; }\n```\n',
				'website/docs/failover.mdx':
					"import Step from './_step.mdx';\n\n# Fail over the primary\n\nexport const region = 'eu-west-1';\n\nPromote the replica in {region}.\n\n<Step />\n",
				'website/docs/_step.mdx': 'Check replication lag before you promote.\n',
				'website/docusaurus.config.js':
					"module.exports = { title: 'Ops', url: 'https://docs.example.invalid', baseUrl: '/' };\n",
				...files,
			},
			{ outsideInstall: true },
		);
		execFileSync('git', ['init', '-q'], { cwd: dir });
		const env = { WAYMARK_CHROMIUM: '/nonexistent' };
		const build = await runCli(['build', '--root', 'website/docs', '--out', 'site'], {
			cwd: dir,
			env,
			timeoutMs: 300_000,
		});
		// The first as a branch under review would be built: nothing of the repository may run there either.
		const untrusted =
			n === 0
				? await runCli(
						['build', '--root', 'website/docs', '--out', 'site-untrusted', '--untrusted'],
						{ cwd: dir, env, timeoutMs: 300_000 },
					)
				: undefined;
		repositories.push({
			dir,
			markers,
			planted,
			unparsable,
			build,
			...(untrusted && { untrusted }),
		});
	}
}, 900_000);

afterAll(async () => {
	for (const { dir, markers } of repositories) {
		await removeFixture(dir);
		await removeFixture(markers);
	}
});

test('the generated repositories plant every kind of project file between them', () => {
	const names = new Set(
		repositories.flatMap((repository) => repository.planted.map((path) => path.split('/').pop())),
	);
	expect(names.size).toBeGreaterThanOrEqual(8);
});

test('each repository builds, whatever tooling of its own it holds', () => {
	for (const { planted, build } of repositories) {
		expect({
			planted,
			code: build.code,
			internalError: build.stderr.includes('Internal error'),
		}).toEqual({ planted, code: 0, internalError: false });
		expect(build.stdout).toContain('Built 2 guidebook pages');
	}
});

test('its pages render: the MDX page with what it imports, or as Markdown when a package.json above it is not JSON, said at its line', async () => {
	expect(repositories.filter((repository) => repository.unparsable).length).toBeGreaterThan(0);
	expect(repositories.filter((repository) => !repository.unparsable).length).toBeGreaterThan(0);
	for (const { dir, unparsable, build, planted } of repositories) {
		const failover = await readFile(join(dir, 'site/failover/index.html'), 'utf8');
		expect(await readFile(join(dir, 'site/index.html'), 'utf8')).toContain('pg_restore');
		if (!unparsable) {
			expect(failover, planted.join(' ')).toContain('Promote the replica in eu-west-1.');
			expect(failover, planted.join(' ')).toContain('Check replication lag before you promote.');
			expect(build.stderr).not.toContain('package.json');
			continue;
		}
		expect(failover).toContain('Fail over the primary');
		expect(build.stderr).toMatch(
			/package\.json:\d+:\d+: Unexpected text in package\.json \(.+\), expected JSON: the bundler reads it for the tree's MDX pages and would fail on it, so they are rendered as Markdown/,
		);
	}
});

test("none of the repository's code runs, trusted or untrusted", async () => {
	for (const { markers, planted } of repositories)
		expect({ planted, ran: await readdir(markers) }).toEqual({ planted, ran: [] });
	const [first] = repositories;
	expect(first?.untrusted?.code).toBe(0);
	expect(existsSync(join(first?.dir ?? '', 'site-untrusted/index.html'))).toBe(true);
});
