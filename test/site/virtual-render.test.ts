import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writePageHtml } from '../../integration/page-html-files.ts';
import { writeSiteData } from '../../integration/site-data-file.ts';
import type { SiteData } from '../../integration/site-data.ts';
import {
	onPageFailed,
	tickPerPageRendered,
	virtualRenderPlugin,
} from '../../integration/virtual-render.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// The module the route imports, as Vite would serve it, loaded from a file like any bundled chunk.
let dir: string;
let render: {
	readPageHtml(name: string): Promise<string>;
	readSiteData(): Promise<SiteData>;
	digestOf(text: string): string;
	pageRendered(route: string): void;
	pageFailed(path: string, reason: string): void;
};

beforeAll(async () => {
	dir = await writeFixture({ 'secret.html': '<p>outside</p>' });
	const plugin = virtualRenderPlugin({ dir: join(dir, 'pages') }, join(dir, 'site.json'));
	const resolved = (plugin.resolveId as (source: string) => string | undefined)(
		'virtual:waymark/render',
	);
	expect(resolved).toBe('\0virtual:waymark/render');
	const code = (plugin.load as (id: string) => string | undefined)(resolved ?? '');
	await writeFile(join(dir, 'render.mjs'), code ?? '');
	render = (await import(pathToFileURL(join(dir, 'render.mjs')).href)) as typeof render;
});

afterAll(async () => {
	await removeFixture(dir);
});

test('reads the body the content loader wrote for a page', async () => {
	const name = await writePageHtml({ dir: join(dir, 'pages') }, 'ops/backup.md', '<h1>Backup</h1>');
	await expect(render.readPageHtml(name)).resolves.toBe('<h1>Backup</h1>');
});

const siteData = (title: string): SiteData => ({
	index: { pages: [{ path: 'README.md', route: '/', title }], gitDates: {} },
	alerts: { byRoute: {}, alertmanager: false },
	reviews: { day: '2026-11-24', reviewAfterDays: 180, due: {} },
});

test('reads the site data a build wrote, and the next version once it is written', async () => {
	await writeSiteData(join(dir, 'site.json'), siteData('Guidebooks'));
	const first = await render.readSiteData();
	expect(first.index.pages[0]?.title).toBe('Guidebooks');
	// Read once per version: the same object while the file is unchanged.
	expect(await render.readSiteData()).toBe(first);
	await writeSiteData(join(dir, 'site.json'), siteData('Runbooks for the ERP stack'));
	expect((await render.readSiteData()).index.pages[0]?.title).toBe('Runbooks for the ERP stack');
});

test('digests text the same way every time, and different text differently', () => {
	expect(render.digestOf('a page')).toBe(render.digestOf('a page'));
	expect(render.digestOf('a page')).not.toBe(render.digestOf('a page.'));
});

test('refuses a name that is not one of the loader’s files', async () => {
	await expect(render.readPageHtml('../secret.html')).rejects.toThrow('Not a page file');
});

test('ticks the build’s progress once per page rendered, until stopped', () => {
	const ticks: string[] = [];
	const { stop } = tickPerPageRendered({
		begin: () => () => undefined,
		tick: (detail) => void ticks.push(detail ?? ''),
	});
	render.pageRendered('/ops/backup/');
	render.pageRendered('/ops/');
	stop();
	render.pageRendered('/late/');
	expect(ticks).toEqual(['rendered the page /ops/backup/', 'rendered the page /ops/']);
});

test('tells the build each page whose content failed to render, until stopped', () => {
	const failed: string[] = [];
	const stop = onPageFailed((path, reason) => void failed.push(`${path}: ${reason}`));
	render.pageFailed('ops.mdx', 'Cannot read properties of null');
	stop();
	render.pageFailed('late.mdx', 'too late');
	expect(failed).toEqual(['ops.mdx: Cannot read properties of null']);
});
