import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadPage } from '../helpers/dom.ts';
import { buildFixture, removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

const secret = 'hunter2-secret-value';
let root: string;
let outDir: string;
let buildLog: string;

beforeAll(async () => {
	root = await writeFixture({
		'README.md': '# Home\n\n[ERP](erp.md) · [Notes](notes.md) · [MDX](mdx-page.mdx)\n',
		'erp.md': [
			'---',
			'probes:',
			'  - id: erp-status',
			'    name: Dolibarr <script>alert(1)</script> API',
			'    http: https://erp.example.lab/api/index.php/status',
			'    headers: { DOLAPIKEY: "${env:DOLAPIKEY}" }',
			'    conditions: ["[STATUS] == 200", "[BODY].success.dolibarr_version == 22.0.4"]',
			'  - id: erp-dns',
			'    dns: { name: erp.example.lab, type: A }',
			'---',
			'',
			'# ERP',
			'',
			'The API is :status{probe=erp-status} right now.',
			'',
			'::status{probe=erp-dns}',
			'',
		].join('\n'),
		'notes.md': '# Notes\n\nNo probes here, but `10:30` and `nginx:alpine` stay text.\n',
		'mdx-page.mdx':
			'# MDX page\n\nInline: <Status probe="erp-dns" />\n\n<Status probe="erp-status" variant="card" />\n',
	});
	const result = await buildFixture(root);
	outDir = result.outDir;
	buildLog = result.stdout + result.stderr;
	if (result.code !== 0) throw new Error(`build failed: ${result.stderr}${result.stdout}`);
}, 120_000);
afterAll(async () => {
	await removeFixture(root);
	await removeFixture(outDir);
});

async function allText(dir: string): Promise<string> {
	let text = '';
	for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile() && /\.(html|json|js|css)$/.test(entry.name))
			text += await readFile(join(entry.parentPath, entry.name), 'utf8');
	}
	return text;
}

test('renders the badge, the card and the header strip from the build-time snapshot', async () => {
	const doc = await loadPage(outDir, '/erp/');
	const badge = doc.querySelector('.prose .wm-badge[data-probe="erp-status"]');
	expect(badge?.getAttribute('data-state')).toBe('unknown');
	expect(badge?.querySelector('.wm-name')?.textContent).toBe(
		'Dolibarr <script>alert(1)</script> API',
	);
	expect(badge?.querySelector('.wm-state')?.textContent).toBe('Unknown');
	// The words the widget script gives a copy of the site without `waymark serve`: nothing changes when it runs.
	expect(badge?.querySelector('.visually-hidden .wm-reason')?.textContent).toBe(
		'Live status is not available on this copy of the site',
	);
	expect(badge?.getAttribute('title')).toBe(
		'Live status is not available on this copy of the site',
	);
	const card = doc.querySelector('.prose .wm-card[data-probe="erp-dns"]');
	expect(card?.querySelector('.wm-state')?.textContent).toBe('Unknown');
	expect(card?.querySelector('.wm-reason')?.textContent).toBe(
		'Live status is not available on this copy of the site',
	);
	// Rendered Markdown carries no build clock (it would defeat Astro's Markdown cache).
	expect(card?.querySelector('.wm-time')?.textContent).toBe('never');
	// No time, no `<time>`: `datetime=""` is invalid HTML.
	expect(card?.querySelector('.wm-time')?.tagName).toBe('SPAN');
	expect(doc.querySelectorAll('time[datetime=""], time:not([datetime])')).toHaveLength(0);
	const strip = [...doc.querySelectorAll('.wm-strip')].map((el) => el.getAttribute('data-probe'));
	expect(strip).toEqual(['erp-status', 'erp-dns']);
	const stripLead = doc.querySelector('.wm-strip-list li')?.textContent;
	// Nothing was probed at build time: no snapshot time to show, as on /status/ (the page carries no build clock).
	expect(stripLead).toBe('Live status (not checked yet):');
	// Widgets are live furniture, kept out of the search index; a probe's name in the text is not.
	const indexed = (el: Element) => el.closest('[data-pagefind-ignore]') === null;
	expect(doc.querySelector('.wm-strip-wrap')?.hasAttribute('data-pagefind-ignore')).toBe(true);
	const widgets = [...doc.querySelectorAll('.prose .wm-status')];
	expect(widgets.length).toBeGreaterThan(1);
	expect(widgets.map((el) => [...el.querySelectorAll('.wm-name')].every(indexed))).not.toContain(
		false,
	);
	expect(
		[...doc.querySelectorAll('.prose .wm-status :is(.wm-state, .wm-reason, .wm-time)')].filter(
			indexed,
		),
	).toEqual([]);
});

test('escapes probe text', async () => {
	for (const route of ['/erp/', '/status/']) {
		// Positive control: the name is on the page, as text.
		const doc = await loadPage(outDir, route);
		expect(doc.querySelector('.wm-name')?.textContent, route).toBe(
			'Dolibarr <script>alert(1)</script> API',
		);
		expect(
			[...doc.querySelectorAll('script')].filter((script) =>
				script.textContent.includes('alert(1)'),
			),
			route,
		).toEqual([]);
		expect(await readFile(join(outDir, route, 'index.html'), 'utf8'), route).not.toContain(
			'<script>alert(1)</script>',
		);
	}
});

test('renders <Status> in MDX pages without an import', async () => {
	const doc = await loadPage(outDir, '/mdx-page/');
	expect(doc.querySelector('.wm-badge[data-probe="erp-dns"] .wm-state')?.textContent).toBe(
		'Unknown',
	);
	expect(doc.querySelector('.wm-card[data-probe="erp-status"]')).not.toBeNull();
});

test('lists every probe on /status/ with its page', async () => {
	const doc = await loadPage(outDir, '/status/');
	const rows = [...doc.querySelectorAll('.wm-list [data-probe]')].map((row) => [
		row.getAttribute('data-probe'),
		row.querySelector('a')?.getAttribute('href'),
		row.querySelector('.wm-state')?.textContent,
	]);
	expect(rows).toEqual([
		['erp-status', '/erp/', 'Unknown'],
		['erp-dns', '/erp/', 'Unknown'],
	]);
	// Nothing was checked: no "snapshot of" a time nothing was observed at.
	expect(doc.querySelector('.wm-snapshot-time')?.textContent).toBe('Not checked yet.');
	expect(
		doc.querySelector('.wm-snapshot-time')?.parentElement?.textContent?.replace(/\s+/g, ' ').trim(),
	).toBe('Not checked yet. Problems come first; each probe links the page it belongs to.');
	expect(doc.querySelector('.wm-summary')?.textContent).toBe('2 unknown.');
	expect(doc.querySelectorAll('time[datetime=""], time:not([datetime])')).toHaveLength(0);
});

test('links /status/ from the header of every page, with an overall badge and its accessible name', async () => {
	for (const route of ['/', '/notes/', '/status/']) {
		const link = (await loadPage(outDir, route)).querySelector('.site-header a.site-status');
		expect(link?.getAttribute('href'), route).toBe('/status/');
		expect(link?.textContent, route).toBe('Status 2 unknown');
		expect(link?.getAttribute('aria-label'), route).toBe('Status: 2 unknown');
	}
	const home = await loadPage(outDir, '/');
	expect(home.querySelector('.wm-home-status a')?.getAttribute('href')).toBe('/status/');
	expect(home.querySelector('.wm-home-status')?.textContent).toBe(
		'Live status of every system: 2 unknown.',
	);
});

test('shows readers no instruction meant for authors; the build log has it', async () => {
	let html = '';
	for (const entry of await readdir(outDir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile() && entry.name.endsWith('.html'))
			html += await readFile(join(entry.parentPath, entry.name), 'utf8');
	}
	// Positive control: the pages do hold the reader's words.
	expect(html).toContain('Not checked yet');
	expect(html).toContain('Live status is not available on this copy of the site');
	expect(html).not.toContain('WAYMARK_PROBE_AT_BUILD');
	expect(html).not.toMatch(/run <code>waymark serve|run `waymark serve`/);
	expect(buildLog).toContain(
		'2 probe(s) are checked live by `waymark serve`; these files served any other way say "Live status is not available on this copy of the site" (build with WAYMARK_PROBE_AT_BUILD=1 to check them once).',
	);
});

test('ships widget JavaScript under 5 KB gzipped', async () => {
	const scriptOf = async (route: string): Promise<string> => {
		const html = await readFile(join(outDir, route, 'index.html'), 'utf8');
		const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)]
			.map((m) => m[1] ?? '')
			.filter((s) => s.includes('_waymark/'));
		// Each script with the modules it imports statically (the live feed is a chunk shared with the alerts script).
		const withImports = async (src: string): Promise<string> => {
			const code = await readFile(join(outDir, src), 'utf8');
			const imported = await Promise.all(
				[...code.matchAll(/\bfrom\s*"\.\/([^"]+)"/g)].map((m) =>
					withImports(join(src, '..', m[1] ?? '')),
				),
			);
			return [code, ...imported].join('\n');
		};
		const external = await Promise.all(
			[...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) =>
				withImports(m[1] ?? ''),
			),
		);
		return [...inline, ...external.filter((s) => s.includes('_waymark/'))].join('\n');
	};
	const script = await scriptOf('erp');
	expect(script).toContain('EventSource');
	expect(gzipSync(script).length).toBeLessThan(5 * 1024);
	expect(await scriptOf('mdx-page')).toContain('EventSource');
	// Every page of a site with probes carries the header's live badge.
	expect(await scriptOf('notes')).toContain('EventSource');
	expect(await scriptOf('')).toContain('EventSource');
});

test('writes the probe manifest with env templates, never secret values', async () => {
	const manifest = JSON.parse(await readFile(join(outDir, '_waymark/probes.json'), 'utf8')) as {
		probes: Array<{ id: string; headers: Record<string, string> }>;
	};
	expect(manifest.probes[0]?.headers).toEqual({ DOLAPIKEY: '${env:DOLAPIKEY}' });
	const snapshot = JSON.parse(await readFile(join(outDir, '_waymark/status.json'), 'utf8')) as {
		live: boolean;
		probes: unknown[];
	};
	expect(snapshot).toMatchObject({ live: false });
	expect(JSON.stringify(snapshot)).not.toContain('DOLAPIKEY');
});

test('keeps the secret out of everything a build with the secret in its environment writes', async () => {
	const out = `${root}-secret`;
	const result = await runCli(['build', '--root', root, '--out', out], {
		env: { DOLAPIKEY: secret },
	});
	expect(result.code).toBe(0);
	const written = await allText(out);
	// Positive control: what is read below holds the probe and the header that names the secret.
	expect(written).toMatch(/"DOLAPIKEY": ?"\$\{env:DOLAPIKEY\}"/);
	expect(written).toContain('data-probe="erp-status"');
	expect(result.stdout + result.stderr).not.toContain(secret);
	expect(written).not.toContain(secret);
	await removeFixture(out);
}, 120_000);
