import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { packageVersion } from '../../core/package.ts';
import { cliPath, removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// Each test spawns the CLI (a fresh Node process); give it room on a busy 2-core runner.
vi.setConfig({ testTimeout: 60_000 });

let site: string;
let tree: string;

beforeAll(async () => {
	site = await writeFixture({
		'dist/index.html': '<h1>Home</h1>',
		'dist/ops/index.html': '<h1>Ops</h1>',
		'dist/404.html': '<h1>Missing</h1>',
		// A build's probes file (none to check): without one, serve says live status is off, on
		// stderr, which arrives before or after the address on stdout as the machine's load decides.
		'dist/_waymark/probes.json': JSON.stringify({ version: 1, probes: [] }),
		'waymark.config.yaml': 'site:\n  base: /runbooks/\n',
	});
	tree = await writeFixture({
		'README.md': '# Home\n\n[Ops](ops.md)\n',
		'ops.md': '# Ops\n\n[Home](README.md)\n',
	});
});

afterAll(async () => {
	await removeFixture(site);
	await removeFixture(tree);
});

/** A loopback port held by another program for the length of `fn`. */
async function withPortTaken<T>(fn: (port: number) => Promise<T>): Promise<T> {
	const holder: Server = createServer();
	await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
	try {
		return await fn((holder.address() as { port: number }).port);
	} finally {
		holder.close();
	}
}

/** Starts `waymark serve`, waits for its address, runs `fn`, then stops it. */
async function withServe<T>(
	args: string[],
	fn: (url: string, stderr: () => string) => T | Promise<T>,
): Promise<T> {
	const child = spawn(
		process.execPath,
		[cliPath, 'serve', '--port', '0', '--host', '127.0.0.1', ...args],
		{ cwd: site, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let out = '';
	let err = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
	try {
		while (!/on (http:\S+)\n/.test(out)) {
			const [code] = (await Promise.race([once(child.stdout, 'data'), once(child, 'exit')])) as [
				unknown,
			];
			if (typeof code === 'number' || code === null) throw new Error(`serve exited: ${err}`);
		}
		return await fn(/on (http:\S+)\n/.exec(out)?.[1] ?? '', () => err);
	} finally {
		child.kill('SIGTERM');
		if (child.exitCode === null) await once(child, 'exit');
	}
}

const status = async (url: string): Promise<string> => {
	const response = await fetch(url);
	return `${response.status} ${await response.text()}`;
};

test('--version prints the installed version and exits 0', async () => {
	const result = await runCli(['--version']);
	expect([result.code, result.stdout]).toEqual([0, `${packageVersion}\n`]);
});

describe('ports', () => {
	test.each([
		['dev', 'http'],
		['dev', '1e3'],
		['serve', '0x50'],
		['serve', '-1'],
		['serve', '65536'],
		['preview', ' 80'],
		['preview', ''],
	])('%s --port %j exits 2 with the PortInvalid message', async (command, port) => {
		const result = await runCli([command, '--port', port], { cwd: site, timeoutMs: 30_000 });
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			`Unexpected port \`${port}\`, expected a whole number from 0 to 65535.\nHint: Pass e.g. \`--port 4321\`, or \`--port 0\` to pick a free port.\n`,
		);
	});

	test.each(['serve', 'dev', 'preview'])(
		'%s names a port in use and the fix, in one line and a hint',
		async (command) => {
			await withPortTaken(async (port) => {
				const started = Date.now();
				const result = await runCli(
					[
						command,
						'--port',
						String(port),
						'--host',
						'127.0.0.1',
						...(command === 'dev' ? ['--root', tree] : []),
					],
					{ cwd: site, timeoutMs: 30_000 },
				);
				expect(result.code).toBe(2);
				expect(result.stderr).toBe(
					`Port ${port} on 127.0.0.1 is already in use by another program.\nHint: Stop the program that holds port ${port}, or pass another port, e.g. \`--port ${port + 1}\` (\`--port 0\` picks a free one).\n`,
				);
				// preview finds it before building (a build takes far longer than this).
				if (command === 'preview') {
					expect(result.stdout).toBe('');
					expect(Date.now() - started).toBeLessThan(15_000);
				}
			});
		},
	);
});

describe('serve base path', () => {
	test('takes site.base from the config when --base-path is not given', async () => {
		await withServe([], async (url) => {
			expect(url).toMatch(/\/runbooks\/$/);
			expect(await status(`${url}ops/`)).toBe('200 <h1>Ops</h1>');
			expect(await status(`${new URL(url).origin}/ops/`)).toBe('404 <h1>Missing</h1>');
		});
	});

	test('--base-path overrides the config', async () => {
		await withServe(['--base-path', '/'], async (url, stderr) => {
			expect(await status(`${url}ops/`)).toBe('200 <h1>Ops</h1>');
			expect(new URL(url).pathname).toBe('/');
			expect(stderr()).not.toContain('--base');
		});
	});

	test('still accepts the old --base, with a deprecation warning', async () => {
		await withServe(['--base', '/docs'], (url, stderr) => {
			expect(new URL(url).pathname).toBe('/docs/');
			expect(stderr()).toMatchInlineSnapshot(`
				"Warning: \`waymark serve --base /docs\` is deprecated: \`--base\` names a git ref in \`waymark build\` and \`waymark preview\`, so the URL path is \`--base-path\`.
				Hint: Write \`--base-path /docs\`; the old spelling still works for now.
				"
			`);
		});
	});

	test('exits 2 on a base path that is not a URL path', async () => {
		const result = await runCli(['serve', '--base-path', 'runbooks', '--port', '0'], { cwd: site });
		expect(result.code).toBe(2);
		expect(result.stderr).toMatchInlineSnapshot(`
			"Unexpected base path \`runbooks\`, expected a URL path starting with \`/\`, such as \`/runbooks/\`.
			Hint: Pass the path the site is published under, the same as \`site.base\` in waymark.config.yaml, e.g. \`--base-path /runbooks/\`.
			"
		`);
	});
});

describe('check --output', () => {
	test('exits 2 naming the file when the report cannot be written', async () => {
		const result = await runCli(
			['check', '--root', tree, '--format', 'sarif', '--output', 'no/such/folder/waymark.sarif'],
			{ cwd: tree },
		);
		expect(result.code).toBe(2);
		expect(result.stderr.replaceAll(tree, '<tree>')).toMatchInlineSnapshot(`
			"Cannot write the report to \`<tree>/no/such/folder/waymark.sarif\`: its folder does not exist. The checks found 0 error(s) and 0 warning(s).
			Hint: Pass a path in a folder that exists and that you may write to, e.g. \`--output waymark-report.json\`, or leave out \`--output\` to print the report.
			"
		`);
	});

	test('exits 2 when a --report file cannot be written, and still prints the --format report', async () => {
		const result = await runCli(
			['check', '--root', tree, '--report', 'junit=no/such/folder/waymark.xml'],
			{ cwd: tree },
		);
		expect(result.code).toBe(2);
		expect(result.stderr.replaceAll(tree, '<tree>')).toMatch(
			/^Cannot write the report to `<tree>\/no\/such\/folder\/waymark\.xml`: its folder does not exist\./,
		);
		expect(result.stdout).toMatch(/^✓ 0 errors, 0 warnings in \d+ files? checked/);
		const written = await runCli(
			['check', '--root', tree, '--format', 'github', '--report', 'junit=waymark.xml'],
			{ cwd: tree },
		);
		expect(written.code).toBe(0);
		await expect(readFile(`${tree}/waymark.xml`, 'utf8')).resolves.toMatch(/^<\?xml /);
	});

	test('writes the file and exits 0 when the folder exists (the control)', async () => {
		const result = await runCli(
			['check', '--root', tree, '--format', 'sarif', '--output', 'waymark.sarif'],
			{ cwd: tree },
		);
		expect(result.code).toBe(0);
		expect(JSON.parse(await readFile(`${tree}/waymark.sarif`, 'utf8'))).toMatchObject({
			version: '2.1.0',
		});
	});
});

describe('flags that need another flag', () => {
	test.each([
		[['--domains', 'example.com'], '--domains', '--live'],
		[['--no-cache'], '--no-cache', '--external'],
		[
			['--preview-url', 'https://preview.example.com/', '--format', 'markdown'],
			'--preview-url',
			'--changed-since',
		],
		[['--markdown-limit', '2048'], '--markdown-limit', '--format markdown'],
	])('warns when %j comes without its flag', async (args, flag, needs) => {
		const result = await runCli(['check', '--root', tree, ...args]);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe(
			`Warning: \`${flag}\` has no effect without \`${needs}\`.\nHint: Add \`${needs}\`, or leave out \`${flag}\`.\n`,
		);
	});

	test('says nothing when the flag it depends on is there (the control)', async () => {
		const result = await runCli([
			'check',
			'--root',
			tree,
			'--live',
			'--domains',
			'example.invalid',
		]);
		expect(result.stderr).toBe('');
	});
});
