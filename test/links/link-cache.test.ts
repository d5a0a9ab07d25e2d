import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { formatFinding } from '../../checks/finding.ts';
import { checkExternalLinks } from '../../checks/links/check-external.ts';
import type { ProgressSink } from '../../checks/links/progress.ts';
import { startWeb, treeOf, type LoopbackWeb } from './loopback-web.ts';

let web: LoopbackWeb;
let dir: string;
beforeAll(async () => {
	web = await startWeb({
		'/alive': (_req, res) =>
			void res.writeHead(200, { 'content-type': 'text/html' }).end('<h1 id="top">x</h1>'),
		'/old': (_req, res) => void res.writeHead(308, { location: '/alive' }).end(),
		'/manual.pdf': (_req, res) =>
			void res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7'),
	});
	dir = await mkdtemp(join(tmpdir(), 'waymark-links-cache-'));
});
afterAll(async () => {
	await web.close();
	await rm(dir, { recursive: true, force: true });
});

// The test server is a loopback IP literal, a private host that `skip` (the default) never contacts.
const config = parseConfig({
	network: { timeoutMs: 300 },
	links: { backoffMs: 5, privateHostPolicy: 'check' },
});
const recorder = () => {
	const warnings: string[] = [];
	const sink: ProgressSink = {
		start() {},
		tick() {},
		stop() {},
		warn: (m) => void warnings.push(m),
	};
	return { sink, warnings };
};

test('a warm run sends zero requests for cached results and still reports cached failures', async () => {
	const cacheDir = join(dir, 'warm');
	const tree = treeOf({
		'a.md': `[a](${web.origin}/alive) [b](${web.origin}/alive#top) [c](${web.origin}/missing) [d](${web.origin}/old)\n`,
	});
	const cold = (await checkExternalLinks(tree, config, { cacheDir })).map(formatFinding);
	const sent = web.requests.length;
	expect(sent).toBeGreaterThan(0);
	const warm = (await checkExternalLinks(tree, config, { cacheDir })).map(formatFinding);
	expect(web.requests.length).toBe(sent);
	expect(warm).toEqual(cold);
	expect(cold).toHaveLength(2);
	const noCache = await checkExternalLinks(tree, config, { cacheDir, noCache: true });
	expect(noCache.map(formatFinding)).toEqual(cold);
	expect(web.requests.length).toBeGreaterThan(sent);
});

test('re-checks an entry once its outcome has expired', async () => {
	const cacheDir = join(dir, 'expiry');
	const tree = treeOf({ 'a.md': `[c](${web.origin}/missing-expiring)\n` });
	let now = Date.parse('2026-11-21T00:00:00Z');
	await checkExternalLinks(tree, config, { cacheDir, now: () => now });
	const count = () => web.requests.filter((r) => r.path === '/missing-expiring').length;
	expect(count()).toBe(1);
	now += 23 * 3600 * 1000;
	await checkExternalLinks(tree, config, { cacheDir, now: () => now });
	expect(count()).toBe(1);
	now += 2 * 3600 * 1000; // dead results stay fresh for one day
	await checkExternalLinks(tree, config, { cacheDir, now: () => now });
	expect(count()).toBe(2);
});

test('ignores a corrupt cache with a warning and rewrites it', async () => {
	const cacheDir = join(dir, 'corrupt');
	await checkExternalLinks(treeOf({ 'a.md': `[a](${web.origin}/alive)\n` }), config, { cacheDir });
	await writeFile(join(cacheDir, 'links.json'), '{"version":1,"entries":{"http://x/": tru');
	const { sink, warnings } = recorder();
	const findings = await checkExternalLinks(
		treeOf({ 'a.md': `[c](${web.origin}/missing)\n` }),
		config,
		{ cacheDir, progress: sink },
	);
	expect(findings.map((f) => f.severity)).toEqual(['error']);
	expect(warnings).toHaveLength(1);
	expect(warnings[0]).toMatch(
		/^Ignoring the link cache .*links\.json: .*It is rewritten at the end of this run\.$/,
	);
	const rewritten = JSON.parse(await readFile(join(cacheDir, 'links.json'), 'utf8')) as {
		version: number;
		entries: Record<string, unknown>;
	};
	expect(rewritten.version).toBe(1);
	expect(Object.keys(rewritten.entries)).toEqual([`${web.origin}/missing`]);
});

test('never writes header values to the cache', async () => {
	const cacheDir = join(dir, 'secret');
	const cfg = parseConfig({
		network: { timeoutMs: 300, env: ['FORGE_TOKEN'] },
		links: {
			privateHostPolicy: 'check',
			rules: [
				{ pattern: `${web.origin}/**`, headers: { Authorization: 'token ${env:FORGE_TOKEN}' } },
			],
		},
	});
	await checkExternalLinks(treeOf({ 'a.md': `[a](${web.origin}/alive)\n` }), cfg, {
		cacheDir,
		env: { FORGE_TOKEN: 'hunter2-secret' },
	});
	const cache = await readFile(join(cacheDir, 'links.json'), 'utf8');
	expect(cache).toContain(`${web.origin}/alive`);
	expect(cache).not.toContain('hunter2');
	expect(web.requests.at(-1)?.headers.authorization).toBe('token hunter2-secret');
});

test('drops expired entries when it saves', async () => {
	const cacheDir = join(dir, 'prune');
	let now = Date.parse('2026-11-21T00:00:00Z');
	await checkExternalLinks(
		treeOf({ 'a.md': `[a](${web.origin}/alive?old) [c](${web.origin}/missing?old)\n` }),
		config,
		{ cacheDir, now: () => now },
	);
	now += 2 * 86_400 * 1000; // the 404 (1 day) has expired, the 200 (7 days) has not
	await checkExternalLinks(treeOf({ 'a.md': `[b](${web.origin}/alive?new)\n` }), config, {
		cacheDir,
		now: () => now,
	});
	const saved = JSON.parse(await readFile(join(cacheDir, 'links.json'), 'utf8')) as {
		entries: Record<string, unknown>;
	};
	expect(Object.keys(saved.entries).sort()).toEqual([
		`${web.origin}/alive?new`,
		`${web.origin}/alive?old`,
	]);
});

test('remembers a fragment a page cannot answer (a PDF page number) instead of asking again', async () => {
	const cacheDir = join(dir, 'pdf');
	const tree = treeOf({ 'a.md': `[p](${web.origin}/manual.pdf#page=3)\n` });
	expect(await checkExternalLinks(tree, config, { cacheDir })).toEqual([]);
	expect(await checkExternalLinks(tree, config, { cacheDir })).toEqual([]);
	expect(web.requests.filter((r) => r.path === '/manual.pdf')).toHaveLength(1);
});
