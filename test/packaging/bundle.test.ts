import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bundleCli, bundleEntries } from '../../cli/bundle.ts';
import { bundleDigestFile } from '../../core/package.ts';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';
import { copyPackage } from '../helpers/package-copy.ts';

// Packed, Waymark runs as `npm pack` bundles it (`cli/bundle.ts`): its modules' code moves into
// shared chunks, and the dependencies `check` loads come inside them. Here a copy of the package
// is bundled as prepack bundles it, and what the bundle holds and what its `check` loads are read.
const run = promisify(execFile);
let dir: string;
let pkg: string;
let meta: Metafile;

beforeAll(async () => {
	dir = await writeFixture(
		{
			'tree/README.md':
				'---\ntitle: Runbooks\n---\n\n# Runbooks\n\nStart with [the database](db/failover.md#promote-the-replica) or [the queue](queue.md).\n',
			'tree/db/failover.md':
				'# Database failover\n\n## Promote the replica\n\nRun `pg_ctl promote` on the replica, then [go back](../README.md#no-such-heading).\n',
			// Records every module Node loads, by URL.
			'hook.mjs':
				"import module from 'node:module';\nimport { writeFileSync } from 'node:fs';\nconst seen = new Set();\nmodule.registerHooks({ load(url, context, next) { seen.add(url); return next(url, context); } });\nprocess.on('exit', () => writeFileSync(process.env.LOADED_FILE, [...seen].join('\\n')));\n",
		},
		{ outsideInstall: true },
	);
	pkg = join(dir, 'package');
	await copyPackage(pkg, ['dist-cli']);
	meta = await bundleCli(join(pkg, 'dist-cli'));
}, 120_000);

afterAll(() => removeFixture(dir));

test('each module a packed Waymark starts by its path is an entry at its place in dist-cli/, beside the digest', async () => {
	for (const entry of bundleEntries)
		expect(existsSync(join(pkg, 'dist-cli', `${entry}.js`)), entry).toBe(true);
	// Dynamic imports get chunks of their own, in chunks/; everything else is an entry.
	const entryOutputs = Object.entries(meta.outputs)
		.flatMap(([file, output]) =>
			output.entryPoint && !file.includes('/chunks/')
				? [output.entryPoint.replace(/\.ts$/, '')]
				: [],
		)
		.sort();
	expect(entryOutputs).toEqual([...bundleEntries].sort());
	expect(await readFile(join(pkg, 'dist-cli', bundleDigestFile), 'utf8')).toMatch(
		/^[0-9a-f]{64}\n$/,
	);
});

// Bundled, a module's `import.meta.url` is the chunk its code landed in: a file found relative to
// it (`new URL('./parse-worker.js', import.meta.url)`, `new URL('./preview.css', …)`,
// `import.meta.dirname`) is looked for in dist-cli/chunks/, where nothing but chunks is. Every such
// path goes through `packageFile` or `packageModule` (core/package.ts). Read over the whole output,
// the bundled packages' code included.
test('no bundled code finds a file relative to its own URL', async () => {
	const chunks = Object.keys(meta.outputs).filter((file) => file.endsWith('.js'));
	expect(chunks.length).toBeGreaterThan(100);
	const relative =
		/new URL\([^()]*(?:\([^()]*\)[^()]*)*,\s*import\.meta\.url\s*\)|import\.meta\.(?:dirname|filename)\b/g;
	const found: string[] = [];
	for (const file of chunks) {
		const code = await readFile(
			join(pkg, 'dist-cli', file.slice(file.indexOf('dist-cli/') + 'dist-cli/'.length)),
			'utf8',
		);
		for (const [whole] of code.matchAll(relative)) found.push(`${file}: ${whole}`);
	}
	expect(found).toEqual([]);
});

/** `check` of the fixture's tree by `bin` (a package's bin/waymark.mjs): its JSON report, and the URLs of the modules it loaded. */
async function checkWith(
	bin: string,
	name: string,
): Promise<{ findings: unknown; loaded: string[] }> {
	const report = join(dir, `${name}.json`);
	const loadedFile = join(dir, `${name}-loaded.txt`);
	await run(
		process.execPath,
		[
			'--import',
			join(dir, 'hook.mjs'),
			bin,
			'check',
			'--root',
			join(dir, 'tree'),
			'--state-dir',
			join(dir, `${name}-state`),
			'--format',
			'json',
			'--output',
			report,
		],
		{ cwd: dir, env: { ...process.env, LOADED_FILE: loadedFile, NO_COLOR: '1' } },
	).catch((error: { code?: number }) => {
		// 1: the check found the planted dead links, as it should.
		if (error.code !== 1) throw error;
	});
	const { findings } = JSON.parse(await readFile(report, 'utf8')) as { findings: unknown };
	return { findings, loaded: (await readFile(loadedFile, 'utf8')).split('\n') };
}

// The list in `bundledPackages` is what keeps `check` quick to start (bench/HISTORY.md, `## check`):
// a dependency `check` starts loading file by file again (a new import, a package left out) fails here.
test("a packed check loads no dependency's files but satteri's, and reports what the sources report", async () => {
	const packed = await checkWith(join(pkg, 'bin/waymark.mjs'), 'packed');
	const sources = await checkWith(join(repoRoot, 'bin/waymark.mjs'), 'sources');
	expect(packed.findings).toEqual(sources.findings);
	expect(JSON.stringify(packed.findings)).toContain('no-such-heading');
	const packages = new Set(
		packed.loaded.flatMap((url) => {
			const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
			return match?.[1] ? [match[1]] : [];
		}),
	);
	expect([...packages].filter((name) => !/^(?:satteri|@bruits\/satteri-.*)$/.test(name))).toEqual(
		[],
	);
	expect(packed.loaded.filter((url) => url.endsWith('.ts'))).toEqual([]);
	expect(packed.loaded.some((url) => url.includes('/dist-cli/chunks/'))).toBe(true);
});
