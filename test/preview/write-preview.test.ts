import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import type { PreviewManifest } from '../../preview/pages.ts';
import { writePreview } from '../../preview/write-preview.ts';
import { removeFixture } from '../helpers/fixture.ts';
import { writeGitFixture } from './git-fixture.ts';

// writePreview on an output folder without a built site: the fast path to what it writes. The
// build tests cover the same on real `waymark build` output.
let repo: string;
let outDir: string;
let manifest: PreviewManifest;

const restore = (title: string, status: string) =>
	`# ${title}\n\n> **Status:** ${status}\n\nStop the application before restoring.\n`;

beforeAll(async () => {
	repo = await writeGitFixture([
		{
			'guidebooks/README.md': '# Home\n\n[Restore](restore.md)\n',
			'guidebooks/restore.md': restore('Restore the database', '✅ Active'),
		},
		{ 'guidebooks/restore.md': restore('Restore the databases', '⚠️ Deprecated') },
	]);
	outDir = join(repo, 'out');
	await mkdir(outDir);
	await writeFile(
		join(outDir, 'index.html'),
		'<!doctype html><html><head><title>Home</title></head><body><main>Home</main></body></html>',
	);
	await writeFile(
		join(outDir, '404.html'),
		'<!doctype html><html><head></head><body class="not-found">Missing</body></html>',
	);
	manifest = await writePreview({
		root: join(repo, 'guidebooks'),
		outDir,
		ref: 'HEAD~1',
		config: parseConfig({}),
	});
});
afterAll(() => removeFixture(repo));

const page = async (path: string) => parseHTML(await readFile(join(outDir, path), 'utf8')).document;

test('diffs the title and status the page header shows, not only the body', async () => {
	const doc = await page('_waymark/diff/restore/index.html');
	expect([...doc.querySelectorAll('.waymark-diff ins')].map((e) => e.textContent)).toEqual([
		'databases',
		'⚠️',
		'Deprecated',
	]);
	expect([...doc.querySelectorAll('.waymark-diff del')].map((e) => e.textContent)).toEqual([
		'database',
		'✅',
		'Active',
	]);
	expect(manifest.pages.map((p) => `${p.status} ${p.path} ${p.title}`)).toEqual([
		'changed restore.md Restore the databases',
	]);
});

test('writes a standalone diff page with the banner when there is no built page to reuse', async () => {
	const doc = await page('_waymark/diff/restore/index.html');
	expect(doc.querySelector('main.waymark-preview-main')).not.toBeNull();
	expect(doc.querySelector('link[href="/_waymark/preview.css"]')).not.toBeNull();
	expect(doc.querySelector('.waymark-preview-banner')?.textContent).toBe(
		'Preview of changes since HEAD~11 page changed',
	);
});

test('puts the banner on every built page once, 404 page included', async () => {
	const again = await writePreview({
		root: join(repo, 'guidebooks'),
		outDir,
		ref: 'HEAD~1',
		config: parseConfig({}),
	});
	expect(again.pages).toHaveLength(1);
	for (const file of ['index.html', '404.html']) {
		const doc = await page(file);
		expect(doc.querySelectorAll('.waymark-preview-banner')).toHaveLength(1);
		expect(doc.querySelectorAll('link[href="/_waymark/preview.css"]')).toHaveLength(1);
	}
});

test('says when a change does not show in the rendered text', async () => {
	const dir = await writeGitFixture([
		{ 'guidebooks/a.md': '---\nowner: Ops\n---\n\n# A\n\nSame text.\n' },
	]);
	try {
		await writeFile(
			join(dir, 'guidebooks/a.md'),
			'---\nowner: Platform\n---\n\n# A\n\nSame   text.\n',
		);
		await mkdir(join(dir, 'out'));
		await writePreview({
			root: join(dir, 'guidebooks'),
			outDir: join(dir, 'out'),
			ref: 'HEAD',
			config: parseConfig({}),
		});
		const doc = parseHTML(
			await readFile(join(dir, 'out/_waymark/changes/index.html'), 'utf8'),
		).document;
		expect(doc.querySelector('li[data-path="a.md"] .waymark-counts')?.textContent).toBe(
			'no change in the rendered text',
		);
	} finally {
		await removeFixture(dir);
	}
});

test('gives standalone preview pages the site stylesheets and theme script, not its other scripts', async () => {
	const dir = await writeGitFixture([{ 'guidebooks/a.md': '# A\n' }]);
	try {
		await writeFile(join(dir, 'guidebooks/a.md'), '# A\n\nNew text.\n');
		await mkdir(join(dir, 'out'));
		await writeFile(
			join(dir, 'out/index.html'),
			'<html><head><meta name="color-scheme" content="light dark"><script>document.documentElement.dataset.theme="dark"</script><link rel="stylesheet" href="/_astro/site.css"><script type="module" src="/_astro/search.js"></script></head><body></body></html>',
		);
		await writePreview({
			root: join(dir, 'guidebooks'),
			outDir: join(dir, 'out'),
			ref: 'HEAD',
			config: parseConfig({}),
		});
		const doc = parseHTML(
			await readFile(join(dir, 'out/_waymark/changes/index.html'), 'utf8'),
		).document;
		expect(doc.querySelector('meta[name="color-scheme"]')?.getAttribute('content')).toBe(
			'light dark',
		);
		expect(
			[...doc.querySelectorAll('head link[rel="stylesheet"]')].map((l) => l.getAttribute('href')),
		).toEqual(['/_astro/site.css', '/_waymark/preview.css']);
		expect(
			[...doc.querySelectorAll('head script')].map((s) => s.getAttribute('src') ?? s.textContent),
		).toEqual(['document.documentElement.dataset.theme="dark"']);
	} finally {
		await removeFixture(dir);
	}
});
