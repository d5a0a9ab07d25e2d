import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

// These machines ship an older system Node beside the Node 24 that npm scripts use.
const systemNode = '/usr/bin/node';
const systemVersion = existsSync(systemNode)
	? (await promisify(execFile)(systemNode, ['--version'])).stdout.trim()
	: '';
const tooOld = /^v(1\d|20|21|22\.(1[0-8]|\d)\.)/.test(systemVersion);

const hints = {
	checkout:
		'Hint: in this checkout run it through npm scripts (`npm run build`), which use the Node 24 in node_modules/.bin, or install Node 24 LTS.\n',
	// `npx` and npm scripts put node_modules/.bin first on PATH, so `#!/usr/bin/env node` finds the `node` devDependency.
	installed:
		"Hint: install Node 24 LTS (from nodejs.org, your system's packages, or `nvm install 24`), or for this project only run `npm install --save-dev node@24` and start Waymark with `npx waymark` or an npm script, which use the Node in node_modules/.bin; then run the command again. In CI, `actions/setup-node` with `node-version: 24`.\n",
};

/** A packed install's launcher: bin/waymark.mjs beside a compiled CLI that must not be reached. */
const installedPackage = async () =>
	writeFixture({
		'bin/waymark.mjs': await readFile(join(repoRoot, 'bin/waymark.mjs'), 'utf8'),
		'dist-cli/cli/main.js': 'throw new Error("not reached");\n',
	});

// Whatever Node the machine has: this test's Node 24 told it is 20.11.1 before the launcher runs.
test.each(['checkout', 'installed'] as const)(
	'explains which Node it needs on Node 20.11.1, %s',
	async (where) => {
		const dir = where === 'installed' ? await installedPackage() : repoRoot;
		const posing =
			'data:text/javascript,Object.defineProperty(process, "versions", { value: { ...process.versions, node: "20.11.1" } });';
		try {
			const result = await promisify(execFile)(process.execPath, [
				'--import',
				posing,
				join(dir, 'bin/waymark.mjs'),
				'check',
			]).catch((error: { code: number; stderr: string }) => error);
			expect('code' in result ? result.code : 0).toBe(2);
			expect(result.stderr).toBe(
				`Waymark needs Node 22.19 or later; this is Node 20.11.1.\n${hints[where]}`,
			);
		} finally {
			if (where === 'installed') await removeFixture(dir);
		}
	},
);

test.skipIf(!tooOld)(
	'explains which Node it needs instead of crashing on an older one, in a checkout',
	async () => {
		const result = await promisify(execFile)(systemNode, [
			join(repoRoot, 'bin/waymark.mjs'),
			'check',
		]).catch((error: { code: number; stderr: string }) => error);
		expect('code' in result ? result.code : 0).toBe(2);
		expect(result.stderr).toBe(
			`Waymark needs Node 22.19 or later; this is Node ${systemVersion.slice(1)}.\n${hints.checkout}`,
		);
	},
);

// An installed package (compiled, in dist-cli/) brings no Node: the hint says where to get one.
test.skipIf(!tooOld)(
	'explains which Node it needs and where to get it, as an installed package',
	async () => {
		const dir = await installedPackage();
		try {
			const result = await promisify(execFile)(systemNode, [
				join(dir, 'bin/waymark.mjs'),
				'check',
			]).catch((error: { code: number; stderr: string }) => error);
			expect('code' in result ? result.code : 0).toBe(2);
			expect(result.stderr).toBe(
				`Waymark needs Node 22.19 or later; this is Node ${systemVersion.slice(1)}.\n${hints.installed}`,
			);
		} finally {
			await removeFixture(dir);
		}
	},
);

// `--jitless` takes WebAssembly away, which Astro's bundler, Shiki, the parser and Pagefind's index
// need: one line saying so, checked in the checkout and in a packed install alike.
test.each(['--jitless', 'NODE_OPTIONS'])(
	'says it needs WebAssembly under --jitless (%s), before anything loads',
	async (how) => {
		const args =
			how === '--jitless'
				? ['--jitless', join(repoRoot, 'bin/waymark.mjs'), '--version']
				: [join(repoRoot, 'bin/waymark.mjs'), 'build'];
		const result = await promisify(execFile)(process.execPath, args, {
			env: { ...process.env, NODE_OPTIONS: how === 'NODE_OPTIONS' ? '--jitless' : '' },
		}).catch((error: { code: number; stdout: string; stderr: string }) => error);
		expect('code' in result ? result.code : 0).toBe(2);
		expect(result.stderr).toBe(
			'Waymark needs WebAssembly, which this Node runs without (`--jitless`, on its command line or in NODE_OPTIONS).\nHint: run the command again without `--jitless`.\n',
		);
	},
);

test('stops quietly when its reader closes the pipe early', async () => {
	const { stdout, stderr } = await promisify(execFile)('bash', [
		'-c',
		`"${process.execPath}" "${join(repoRoot, 'cli/main.ts')}" --help | head -1`,
	]);
	expect(stdout).toBe('Usage: waymark [options] [command]\n');
	expect(stderr).toBe('');
});

test("the README states the Node that package.json's engines asks for", async () => {
	const engines = (
		JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
			engines: { node: string };
		}
	).engines.node;
	const least = /^>=(\d+\.\d+)\.0$/.exec(engines)?.[1];
	expect(least).toBe('22.19');
	expect(await readFile(join(repoRoot, 'README.md'), 'utf8')).toContain(
		`Waymark needs Node ${least} or later`,
	);
});
