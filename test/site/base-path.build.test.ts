import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { loadPage } from '../helpers/dom.ts';
import { repoRoot, runCli } from '../helpers/fixture.ts';

const fixture = resolve(repoRoot, 'test/fixtures/site-basic');
let tmp: string;
let outDir: string;
let server: RunningServer;

beforeAll(async () => {
	await mkdir(join(repoRoot, 'test/.tmp'), { recursive: true });
	tmp = await mkdtemp(join(repoRoot, 'test/.tmp/base-'));
	outDir = join(tmp, 'dist');
	const result = await runCli([
		'build',
		'--root',
		join(fixture, 'guidebooks'),
		'--out',
		outDir,
		'--config',
		join(fixture, 'waymark.base.config.yaml'),
		'--base-path',
		'/runbooks',
	]);
	expect(result.code, result.stderr).toBe(0);
	server = await startServer({ dir: outDir, port: 0, host: '127.0.0.1', base: '/runbooks/' });
});

afterAll(async () => {
	await server?.close();
	await rm(tmp, { recursive: true, force: true });
});

test('prefixes page, asset, breadcrumb and script URLs with the base path', async () => {
	const doc = await loadPage(outDir, '/ops/');
	expect(
		[...doc.querySelectorAll('.prose a')].slice(0, 3).map((a) => a.getAttribute('href')),
	).toEqual([
		'/runbooks/ops/db/failover/#roll-back',
		'/runbooks/ops/restore-checklist.txt',
		'/runbooks/notes/',
	]);
	expect(doc.querySelector('.prose img')?.getAttribute('src')).toBe(
		'/runbooks/ops/img/topology.svg',
	);
	expect(doc.querySelector('nav.breadcrumbs a')?.getAttribute('href')).toBe('/runbooks/');
	expect(doc.querySelector('.site-title')?.getAttribute('href')).toBe('/runbooks/');
	expect(doc.querySelector('script[type="module"]')?.getAttribute('src')).toMatch(
		/^\/runbooks\/_astro\//,
	);
	expect(doc.querySelector('link[rel="icon"]')?.getAttribute('href')).toBe('/runbooks/favicon.svg');
});

test('serves the site under its base path', async () => {
	expect(server.url).toMatch(/\/runbooks\/$/);
	const page = await fetch(new URL('ops/', server.url));
	expect(page.status).toBe(200);
	expect(await page.text()).toContain('Operations hub');
	const asset = await fetch(new URL('ops/restore-checklist.txt', server.url));
	expect(await asset.text()).toBe(
		await readFile(join(fixture, 'guidebooks/ops/restore-checklist.txt'), 'utf8'),
	);
	expect((await fetch(new URL('missing/', server.url))).status).toBe(404);
});
