import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadPage } from '../helpers/dom.ts';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';
import { diagramSamples, pageWith } from './diagram-samples.ts';

let root: string;
let result: CliResult;

beforeAll(async () => {
	root = await writeFixture({
		// The mermaid rules off, so the broken diagram below does not fail the build's checks.
		'waymark.config.yaml':
			'diagrams:\n  cacheDir: ./diagram-cache\nchecks:\n  rules: { mermaid-syntax: off, mermaid-render: off }\n',
		'guidebooks/README.md':
			'# Home\n\n- [Diagrams](diagrams.md)\n- [Plain](plain.md)\n- [Broken](broken.md)\n',
		'guidebooks/broken.md': pageWith('Broken', ['flowchat TD\n  A --> B']),
		'guidebooks/diagrams.md': pageWith('Diagrams', [
			diagramSamples.flowchart as string,
			diagramSamples.pie as string,
		]),
		'guidebooks/plain.md': '# Plain\n\nNo diagrams here.\n',
	});
	result = await runCli(['build', '--root', 'guidebooks', '--out', 'dist'], {
		cwd: root,
		env: { WAYMARK_CHROMIUM: '/nonexistent/chromium', WAYMARK_LOG_LEVEL: 'info' },
	});
});

afterAll(async () => {
	await removeFixture(root);
});

test('says once, clearly, that no browser exists and how to get one', () => {
	expect(result.code).toBe(0);
	const output = `${result.stdout}\n${result.stderr}`;
	expect(output.match(/cannot use Chromium/g)).toHaveLength(1);
	expect(output).toContain(
		"Diagrams: cannot use Chromium at /nonexistent/chromium: no executable exists at that path. Diagrams will be drawn in readers' browsers instead (pages with diagrams load mermaid).",
	);
	expect(output).toContain(
		'Install it (`apt-get install chromium`) or point `WAYMARK_CHROMIUM` or `diagrams.chromium` in waymark.config.yaml at a Chromium executable.',
	);
	expect(output).toContain("diagrams: 0 rendered, 0 from cache, 3 left to the reader's browser");
});

// The advice (dynamic import(), codeSplitting) is for whoever bundles the site: Waymark, not its user.
test("prints no chunk-size advice about mermaid's bundle for the reader's browser, larger than Vite's 500 kB", async () => {
	const assets = join(root, 'dist/_astro');
	const sizes = await Promise.all(
		(await readdir(assets))
			.filter((name) => name.endsWith('.js'))
			.map(async (name) => (await stat(join(assets, name))).size),
	);
	expect(Math.max(...sizes)).toBeGreaterThan(500_000);
	expect(`${result.stdout}\n${result.stderr}`).not.toContain('Some chunks are larger than');
	expect(`${result.stdout}\n${result.stderr}`).not.toContain('chunkSizeWarningLimit');
});

test('shows the notice instead of handing the reader a diagram mermaid cannot parse', async () => {
	const page = await loadPage(join(root, 'dist'), '/broken/');
	expect(page.querySelector('figure.wm-diagram--failed .wm-diagram__failure')?.textContent).toBe(
		'This diagram could not be drawn: Unexpected unknown diagram type `flowchat`, expected a Mermaid diagram type; did you mean `flowchart` (line 1 of the diagram).',
	);
	expect(page.querySelectorAll('pre.mermaid')).toHaveLength(0);
	expect(result.stdout + result.stderr).toContain(
		'broken.md:4:1: Unexpected unknown diagram type `flowchat`',
	);
});

test('leaves the source in <pre class="mermaid"> with the loader script on diagram pages', async () => {
	const page = await loadPage(join(root, 'dist'), '/diagrams/');
	expect(
		[...page.querySelectorAll('figure.wm-diagram--client > pre.mermaid')].map((p) => p.textContent),
	).toEqual([diagramSamples.flowchart, diagramSamples.pie]);
	expect(page.querySelectorAll('.wm-diagram__view')).toHaveLength(0);
	expect(
		[...page.querySelectorAll('script[src]')].filter((s) =>
			/MermaidLoader/.test(s.getAttribute('src') ?? ''),
		),
	).toHaveLength(1);
});

test.each(['/plain/', '/'])('loads no mermaid on %s, a page without diagrams', async (route) => {
	const page = await loadPage(join(root, 'dist'), route);
	expect(
		[...page.querySelectorAll('script[src]')]
			.map((s) => s.getAttribute('src'))
			.filter((src) => /MermaidLoader|mermaid/i.test(src ?? '')),
	).toEqual([]);
});
