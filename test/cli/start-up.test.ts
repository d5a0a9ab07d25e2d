import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// `waymark check` loads what a check needs and nothing of the other commands: a package that
// becomes an eager import again costs every run its load time (## check`).
let project: string;
let loaded: string[];

beforeAll(async () => {
	project = await writeFixture({
		'guidebooks/README.md': '# Home\n\nSee [restart](restart.md) at 10:30.\n',
		'guidebooks/restart.md': '---\ntitle: Restart\n---\n\n# Restart\n\n<br>\n',
		// Records every package a process or thread loads, by name, when it exits. Each writes its own
		// file: the stall watchdog's worker imports this too, and with one shared file the two
		// writes interleaved (CI read `[]` followed by the rest of the main thread's list).
		'record-loads.mjs': [
			"import module from 'node:module';",
			"import { writeFileSync } from 'node:fs';",
			"import { threadId } from 'node:worker_threads';",
			'const names = new Set();',
			// A tool's reader is named `tools/<name>/reader.ts`: recorded as `<name>/reader.ts`.
			'module.registerHooks({ load(url, context, next) { const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(url) ?? /\\/tools\\/([^/]+\\/reader\\.ts)$/.exec(url); if (m) names.add(m[1]); return next(url, context); } });',
			"process.on('exit', () => writeFileSync(new URL(`./loaded-${process.pid}-${threadId}.json`, import.meta.url), JSON.stringify([...names])));",
		].join('\n'),
	});
	// Without Node's compile cache: while it is empty (a fresh machine, as in CI), the load hook sees
	// only the first two modules (Node 24.21), and the control below fails on a run that loaded them all.
	const env = {
		NODE_OPTIONS: `--import=${pathToFileURL(join(project, 'record-loads.mjs')).href}`,
		NODE_DISABLE_COMPILE_CACHE: '1',
	};
	const run = await runCli(['check', '--root', 'guidebooks'], { cwd: project, env, process: true });
	expect(run.stderr).toBe('');
	const records = (await readdir(project)).filter((name) => /^loaded-\d+-\d+\.json$/.test(name));
	expect(records.length).toBeGreaterThan(0);
	const lists = await Promise.all(
		records.map(
			async (name) => JSON.parse(await readFile(join(project, name), 'utf8')) as string[],
		),
	);
	loaded = [...new Set(lists.flat())];
}, 60_000);

afterAll(async () => {
	await removeFixture(project);
});

test('check loads the parser and the rules it runs (the control)', () => {
	expect(loaded).toEqual(expect.arrayContaining(['satteri', 'yaml', 'zod', 'commander']));
});

test.each([
	['astro', "Astro's build (`build`, `dev`, `preview`) and image code (images outside the tree)"],
	['undici', 'the network client (`--external`, `--live`, Prometheus alert sources)'],
	['linkedom', 'the integration (`build`)'],
	['@astrojs/markdown-remark', 'the reviewer preview (`build --base`)'],
	['remark-parse', 'the fallback parser (text Sätteri cannot read, `WAYMARK_PARSER=remark`)'],
	['hast-util-from-html', 'raw HTML with attributes'],
	['htmlparser2', 'built pages and HTTP bodies (`--site`, `--external`)'],
	['micromark-extension-mdxjs', '`.mdx` pages'],
	['micromark-extension-definition-list', 'pages with a definition list, of tools that read them'],
])('check on a plain tree does not load %s, which only %s need', (name) => {
	expect(loaded).not.toContain(name);
});

test("check on a plain tree loads its tool's reader only (the forge's, which comes with the registry)", () => {
	expect(loaded.filter((name) => name.endsWith('/reader.ts'))).toEqual(['github/reader.ts']);
});
