import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { copyPackage } from '../helpers/package-copy.ts';
import { bundleCli } from '../../cli/bundle.ts';

// A team with runbooks elsewhere installs Waymark as a dependency and runs `npx waymark build`.
// Node refuses to strip types under node_modules, so this runs the compiled CLI that `npm pack`
// produces (prepack → dist-cli/, `cli/bundle.ts`), from the other project's folder.
const run = promisify(execFile);
let project: string;

beforeAll(async () => {
	project = await writeFixture({
		// Its own diagram cache: a drawing another test left in the shared one would need no browser.
		'waymark.config.yaml': 'diagrams:\n  cacheDir: ./diagram-cache\n',
		'runbooks/README.md': '# Team runbooks\n\nStart with [the database](db/README.md#failover).\n',
		'runbooks/db/README.md':
			'[Runbooks](../README.md) > **Database**\n\n# Database\n\n## Failover\n\nPromote the replica.\n\n```mermaid\nflowchart LR\n  primary --> replica\n```\n',
	});
	const installed = join(project, 'node_modules/waymark');
	await mkdir(installed, { recursive: true });
	await copyPackage(installed, ['dist-cli']);
	// What `prepack` writes, into the installed copy's dist-cli/ (Node strips no types under
	// node_modules, so the bundler runs from the checkout, as `npm pack` runs it there).
	await bundleCli(join(installed, 'dist-cli'));
}, 240_000);

afterAll(async () => {
	await removeFixture(project);
});

// A specifier left as written (`import('./x.ts')`, which tsc left inside an `export default`): the
// packed CLI would ask for a file it does not have, on the first tree that needs that module.
test('the packed CLI imports no TypeScript file', async () => {
	const compiled = join(project, 'node_modules/waymark/dist-cli');
	const files = (await readdir(compiled, { recursive: true })).filter((file) =>
		file.endsWith('.js'),
	);
	expect(files.length).toBeGreaterThan(100);
	const importsTs = /(?:\bfrom\s*|\bimport\s*\(\s*)['"](\.{1,2}\/[^'"]*\.ts)['"]/g;
	const left: string[] = [];
	for (const file of files)
		for (const [, specifier] of (await readFile(join(compiled, file), 'utf8')).matchAll(importsTs))
			left.push(`${file}: ${specifier}`);
	expect(left).toEqual([]);
});

test("builds another project's tree with the installed, compiled CLI", async () => {
	const { stdout } = await run(
		process.execPath,
		['node_modules/waymark/bin/waymark.mjs', 'build', '--root', 'runbooks', '--out', 'site'],
		{
			cwd: project,
			env: { ...process.env, WAYMARK_LOG_LEVEL: 'silent', WAYMARK_CHROMIUM: '/nonexistent' },
			timeout: 180_000,
		},
	);
	expect(stdout).toMatch(
		/^Built 2 guidebook pages, plus the status and 404 pages, into site\/(?: with .*)?$/m,
	);
	// Astro's server chunks stay behind; only the site is moved to --out, with the marker saying it is Waymark's.
	await expect(
		readFile(join(project, 'site/.prerender/prerender-entry.mjs'), 'utf8'),
	).rejects.toThrow();
	expect((await readdir(join(project, 'site'))).filter((name) => name.startsWith('.'))).toEqual([
		'.waymark-output',
	]);
	const html = await readFile(join(project, 'site/index.html'), 'utf8');
	expect(html).toContain('href="/db/#failover"');
	const db = await readFile(join(project, 'site/db/index.html'), 'utf8');
	expect(db).toContain('Promote the replica.');
	// The hand-written trail is replaced by the generated one, not shown twice.
	expect(db.match(/Runbooks<\/a>/g)?.length ?? 0).toBeLessThanOrEqual(1);
	// No browser here: the diagram was validated by the compiled parse worker and left for the reader's browser.
	expect(db).toContain('class="mermaid"');
});

// Astro loads the build's logger by the path astro-run.ts names, and falls back to its own without a
// word where the import fails, which would run the lines of pages generated together into each other.
test('has the compiled Astro logger its builds name, and it loads', async () => {
	const logger = (await import(
		pathToFileURL(join(project, 'node_modules/waymark/dist-cli/integration/build-log.js')).href
	)) as { default: () => { write: unknown } };
	expect(typeof logger.default().write).toBe('function');
});

test("checks another project's tree with the installed, compiled CLI, diagrams included", async () => {
	const result = await run(
		process.execPath,
		['node_modules/waymark/bin/waymark.mjs', 'check', '--root', 'runbooks', '--format', 'json'],
		{
			cwd: project,
			env: { ...process.env, WAYMARK_CHROMIUM: '/nonexistent' },
			timeout: 120_000,
		},
	);
	expect(JSON.parse(result.stdout)).toMatchObject({
		version: 1,
		findings: [],
		summary: { errors: 0, warnings: 0 },
	});
});

test("imports the installed package's API and integration by name, from the compiled code", async () => {
	const script =
		"const m = await import('waymark'); const i = await import('waymark/integration'); console.log(JSON.stringify([Object.keys(m).sort(), typeof i.default]))";
	const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
		cwd: project,
	});
	expect(JSON.parse(stdout)).toEqual([
		[
			'checkLive',
			'defineRule',
			'formatFinding',
			'loadConfig',
			'parseConfig',
			'reporters',
			'rules',
			'runChecks',
			'runProbes',
		],
		'function',
	]);
});
