import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readProbeManifest } from '../../server/probe-manifest.ts';
import { parseConfig } from '../../config/load-config.ts';
import { prepareServeStatus } from '../../server/serve-status.ts';
import { cliPath, removeFixture, writeFixture } from '../helpers/fixture.ts';

// Never contacted: no test here starts the scheduler with a probe.
const probe = {
	id: 'erp-dns',
	kind: 'dns',
	target: 'erp.example.lab',
	dnsType: 'A',
	headers: {},
	conditions: ['[DNS_RCODE] == NOERROR'],
	intervalMs: 60_000,
	timeoutMs: 2000,
	file: 'erp/README.md',
	line: 5,
	route: '/erp/',
	pageTitle: 'ERP',
};

let dir: string;
beforeAll(async () => {
	dir = await writeFixture({
		'site/index.html': '<!doctype html><title>Site</title><h1>Home</h1>',
	});
});
afterAll(() => removeFixture(dir));

const site = (name: string) => join(dir, name);
// `manifest`: the file's text, or `null` for a folder in its place (unreadable as a file).
const siteWith = async (name: string, manifest?: string | null): Promise<string> => {
	await mkdir(join(site(name), '_waymark'), { recursive: true });
	await writeFile(join(site(name), 'index.html'), '<!doctype html><title>Site</title>');
	if (manifest === null) await mkdir(join(site(name), '_waymark/probes.json'));
	else if (manifest !== undefined)
		await writeFile(join(site(name), '_waymark/probes.json'), manifest);
	return site(name);
};

const warningsFor = async (
	siteDir: string,
): Promise<{ warnings: string[]; lines: string[]; handlers: number }> => {
	const status = await prepareServeStatus({
		dir: siteDir,
		cwd: dir,
		config: parseConfig({}),
		env: {},
		log: () => {},
		warnLater: () => {},
	});
	await status.stop();
	return {
		warnings: status.warnings.map((w) => w.replaceAll(dir, '<dir>')),
		lines: status.lines,
		handlers: status.handlers.length,
	};
};

test('names the missing manifest and the fix, and serves without live status', async () => {
	expect(await warningsFor(await siteWith('missing'))).toMatchInlineSnapshot(`
		{
		  "handlers": 0,
		  "lines": [],
		  "warnings": [
		    "Live status is off: the build has no probes file (\`<dir>/missing/_waymark/probes.json\` does not exist). Rebuild the site with \`waymark build\`; every build writes this file.",
		  ],
		}
	`);
});

test('gives the JSON parse position of a malformed manifest', async () => {
	expect(await warningsFor(await siteWith('malformed', '{ "version": 1, "probes": [ }')))
		.toMatchInlineSnapshot(`
		{
		  "handlers": 0,
		  "lines": [],
		  "warnings": [
		    "\`<dir>/malformed/_waymark/probes.json\` is not valid JSON (unexpected token '}' at line 1, column 29); live status is off. Rebuild the site with \`waymark build\`, which rewrites this file; do not edit it by hand.",
		  ],
		}
	`);
});

test('says why an unreadable manifest cannot be used', async () => {
	expect(await warningsFor(await siteWith('unreadable', null))).toMatchInlineSnapshot(`
		{
		  "handlers": 0,
		  "lines": [],
		  "warnings": [
		    "\`<dir>/unreadable/_waymark/probes.json\` cannot be read (EISDIR); live status is off. Rebuild the site with \`waymark build\`, which rewrites this file; do not edit it by hand.",
		  ],
		}
	`);
});

test('rejects a manifest of another shape', async () => {
	expect(await warningsFor(await siteWith('shape', '{ "probes": {} }'))).toMatchInlineSnapshot(`
		{
		  "handlers": 0,
		  "lines": [],
		  "warnings": [
		    "\`<dir>/shape/_waymark/probes.json\` is not a Waymark probe manifest (expected \`{ "version": 1, "probes": [...] }\`); live status is off. Rebuild the site with \`waymark build\`, which rewrites this file; do not edit it by hand.",
		  ],
		}
	`);
});

test('keeps the valid probes of a manifest with a malformed entry and names the entry', async () => {
	const manifest = await readProbeManifest(
		await siteWith(
			'partial',
			JSON.stringify({
				version: 1,
				probes: [probe, { ...probe, id: 'broken', kind: 'carrier-pigeon' }],
			}),
		),
	);
	expect(manifest.probes.map((p) => p.id)).toEqual(['erp-dns']);
	expect(manifest.problem?.message.replaceAll(dir, '<dir>')).toMatchInlineSnapshot(
		`"\`<dir>/partial/_waymark/probes.json\` has malformed entry \`probes[1]\`; the other probes run."`,
	);
});

test.each([
	['an interval of 1 ms', { intervalMs: 1 }],
	['an interval of 30 days', { intervalMs: 30 * 86_400_000 }],
	['a timeout of 0', { timeoutMs: 0 }],
	['a timeout of 10 minutes', { timeoutMs: 600_000 }],
])('leaves out an entry edited to %s, outside what check accepts', async (name, change) => {
	const manifest = await readProbeManifest(
		await siteWith(
			`bounds-${name.replaceAll(' ', '-')}`,
			JSON.stringify({
				version: 1,
				probes: [
					{ ...probe, ...change },
					{ ...probe, id: 'fine' },
				],
			}),
		),
	);
	expect(manifest.probes.map((p) => p.id)).toEqual(['fine']);
	expect(manifest.problem?.message).toContain('has malformed entry `probes[0]`');
});

test('a valid manifest gives its probes and no warning', async () => {
	const manifest = await readProbeManifest(
		await siteWith('valid', JSON.stringify({ version: 1, probes: [probe] })),
	);
	expect(manifest.probes.map((p) => p.id)).toEqual(['erp-dns']);
	expect(manifest.problem).toBeUndefined();
});

test('waymark serve prints the warning on one line and still serves the static site', async () => {
	const child = spawn(
		process.execPath,
		[cliPath, 'serve', '--dir', 'site', '--port', '0', '--host', '127.0.0.1'],
		{ cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	try {
		let out = '';
		let err = '';
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		const warned = new Promise<void>((resolve) =>
			child.stderr.on('data', (chunk: string) => {
				err += chunk;
				if (err.includes('\n')) resolve();
			}),
		);
		while (!out.includes('Serving')) out += String((await once(child.stdout, 'data'))[0]);
		const url = /Serving .* on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1] ?? '';
		const home = await fetch(url);
		expect(home.status).toBe(200);
		expect(await home.text()).toContain('<h1>Home</h1>');
		await warned;
		expect(err.replaceAll(dir, '<dir>')).toMatchInlineSnapshot(`
			"Live status is off: the build has no probes file (\`<dir>/site/_waymark/probes.json\` does not exist). Rebuild the site with \`waymark build\`; every build writes this file.
			"
		`);
	} finally {
		child.kill('SIGTERM');
		await once(child, 'exit');
	}
}, 30_000);
