import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

// `waymark build` runs the checks before starting Astro and prints them (or, when diagrams are
// still to be drawn, beside Astro, printed after it); it publishes whatever they find, unless `--strict` makes error findings exit 1 like `waymark check` (never as an error
// thrown from an Astro hook, which Astro prints as an unhandled error). Astro logs at `info` here,
// so anything it would print shows up in the output.
const verbose = { WAYMARK_LOG_LEVEL: 'info', DEBUG: 'waymark' };
const ruleRuns = (result: CliResult): number =>
	result.stderr.split('\n').filter((line) => line.startsWith('waymark: ran ')).length;

let broken: string;
let clean: string;
let badConfig: string;
let brokenResult: CliResult;
let strictResult: CliResult;
let cleanResult: CliResult;
let badConfigResult: CliResult;

beforeAll(async () => {
	[broken, clean, badConfig] = await Promise.all([
		writeFixture({
			// Bare URLs are not linted by default; on here for a warning beside the error.
			'waymark.config.yaml': 'checks:\n  lint: { no-literal-urls: warn }\n',
			'guidebooks/README.md': '# Home\n\n[Ops](ops.md)\n\n[Restore](restore.md)\n',
			'guidebooks/ops.md': '# Ops\n\nStatus: https://erp.example.lab/status\n',
		}),
		writeFixture({
			'waymark.config.yaml':
				'diagrams:\n  cacheDir: ./diagram-cache\nchecks:\n  lint: { no-literal-urls: warn }\n',
			'guidebooks/README.md': '# Home\n\n[Ops](ops.md)\n',
			'guidebooks/ops.md':
				'# Ops\n\nStatus: https://erp.example.lab/status\n\n```mermaid\nflowchart LR\n  A --> B\n```\n',
		}),
		writeFixture({
			'waymark.config.yaml': 'checks:\n  rules:\n    internal-links: loud\n',
			'guidebooks/README.md': '# Home\n',
		}),
	]);
	[brokenResult, strictResult, cleanResult, badConfigResult] = await Promise.all([
		runCli(['build', '--out', 'dist'], { cwd: broken, env: verbose }),
		runCli(['build', '--out', 'dist-strict', '--strict'], { cwd: broken, env: verbose }),
		runCli(['build', '--out', 'dist'], { cwd: clean, env: verbose }),
		runCli(['build', '--out', 'dist'], { cwd: badConfig, env: verbose }),
	]);
});

afterAll(async () => {
	await Promise.all([broken, clean, badConfig].map((dir) => removeFixture(dir)));
});

describe('a tree with a broken link', () => {
	test('builds the whole site and exits 0', async () => {
		expect(brokenResult.code, brokenResult.stderr).toBe(0);
		expect((await stat(join(broken, 'dist/ops/index.html'))).isFile()).toBe(true);
		expect((await stat(join(broken, 'dist/index.html'))).isFile()).toBe(true);
	});

	test('prints the whole report, warnings included, then a one-line summary pointing at the gate', () => {
		expect(
			brokenResult.stdout.slice(0, brokenResult.stdout.indexOf(' checked\n') + ' checked\n'.length),
		).toMatchInlineSnapshot(`
			"guidebooks/ops.md
			  3:9  warning  Unexpected GFM autolink literal, expected regular autolink, add \`<\` before and \`>\` after [no-literal-urls]  markdown-lint

			guidebooks/README.md
			  5:1  error    Unexpected link to missing file \`restore.md\`, expected an existing file  internal-links

			✖ 1 error, 1 warning in 2 files checked
			"
		`);
		expect(brokenResult.stdout).toMatch(
			/^Built 2 guidebook pages, plus the status and 404 pages, into dist\/ with 1 error and 1 warning; run `waymark check` for the gate$/m,
		);
		expect(`${brokenResult.stdout}${brokenResult.stderr}`).not.toMatch(/unhandled error/i);
	});
});

describe('a tree with a broken link, built with --strict', () => {
	test('exits 1 with the finding at its file, line and column, printed once, and the hint', () => {
		expect(strictResult.code).toBe(1);
		expect(strictResult.stdout).toContain(
			'  5:1  error    Unexpected link to missing file `restore.md`, expected an existing file  internal-links\n',
		);
		// The report above is the list: the error under it points there instead of repeating it.
		expect(
			`${strictResult.stdout}${strictResult.stderr}`.match(/Unexpected link to missing file/g),
		).toHaveLength(1);
		expect(strictResult.stderr.slice(strictResult.stderr.indexOf('The build stopped')))
			.toMatchInlineSnapshot(`
			"The build stopped on the error reported above (\`--strict\` or \`build.strict\`); nothing was written.
			Hint: Fix each finding at the file:line:column shown; each message says what was found and what was expected. Without \`--strict\` and \`build.strict\`, the site is built with the findings shown on their pages.
			"
		`);
	});

	test('stops before Astro starts and writes nothing', async () => {
		expect(strictResult.stdout).toContain('✖ 1 error, 1 warning in 2 files checked');
		// Positive control: Astro's build log, as the non-strict build of the same tree prints it.
		expect(brokenResult.stdout).toContain('[build]');
		expect(strictResult.stdout).not.toContain('[build]');
		expect(strictResult.stdout).not.toContain('Built ');
		expect(await stat(join(broken, 'dist-strict')).catch(() => undefined)).toBeUndefined();
	});
});

describe('a tree without errors', () => {
	test('builds with exit 0 and says so in one line', async () => {
		expect(cleanResult.code).toBe(0);
		expect((await stat(join(clean, 'dist/ops/index.html'))).isFile()).toBe(true);
		expect(cleanResult.stdout).toMatch(
			/^Built 2 guidebook pages, plus the status and 404 pages, into dist\/ with 0 errors and 1 warning; run `waymark check` for the gate$/m,
		);
	});

	test('runs the rules once, and reports each warning once', () => {
		expect(ruleRuns(cleanResult)).toBe(1);
		expect(`${cleanResult.stdout}${cleanResult.stderr}`.match(/no-literal-urls/g)).toHaveLength(1);
	});

	test('runs the checks beside Astro while the diagram is drawn, and prints them after its log', () => {
		const report = cleanResult.stdout.indexOf('no-literal-urls');
		expect(report).toBeGreaterThan(cleanResult.stdout.lastIndexOf('[build]'));
		expect(cleanResult.stdout.indexOf('[build]')).toBeGreaterThan(-1);
		// The tree without diagrams checks first, as a strict build does.
		expect(brokenResult.stdout.indexOf('internal-links')).toBeLessThan(
			brokenResult.stdout.indexOf('[build]'),
		);
	});

	test('draws each diagram once, for the checks and the site together', () => {
		// The checks and the site share one drawing, made while Astro runs: one drawn, none read back.
		expect(cleanResult.stdout.match(/diagrams: .*/g)).toEqual([
			expect.stringMatching(/^diagrams: 1 rendered, 0 from cache in \d+ ms$/),
		]);
	});
});

test('exits 2 for an invalid config, before any check', () => {
	expect(badConfigResult.code).toBe(2);
	expect(badConfigResult.stderr).toContain('checks.rules.internal-links');
	expect(ruleRuns(badConfigResult)).toBe(0);
});
