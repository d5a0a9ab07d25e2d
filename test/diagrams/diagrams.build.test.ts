import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadPage } from '../helpers/dom.ts';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';
import { paletteSentinels } from '../../diagrams/diagram-palette.ts';
import { diagramSamples, pageWith } from './diagram-samples.ts';

const types = Object.keys(diagramSamples);
let root: string;
let first: CliResult;
let second: CliResult;

beforeAll(async () => {
	root = await writeFixture({
		'waymark.config.yaml': 'diagrams:\n  cacheDir: ./diagram-cache\n',
		'guidebooks/README.md':
			'# Home\n\n- [Every type](every-type.md)\n- [Twice](twice.md)\n- [Plain](plain.md)\n- [Component](component.mdx)\n- [Named](named/README.md)\n',
		'guidebooks/every-type.md': pageWith('Every type', Object.values(diagramSamples)),
		'guidebooks/twice.md': pageWith('Twice', [
			diagramSamples.sequence as string,
			diagramSamples.sequence as string,
		]),
		'guidebooks/plain.md': '# Plain\n\nNo diagrams here.\n',
		// A page without an H1 or title (its header says `README`): the second diagram has no name but its kind.
		'guidebooks/named/README.md':
			'Intro.\n\n```mermaid\nflowchart TD\n  C --> D\n```\n\n## Restore the primary\n\n```mermaid\nflowchart TD\n  A --> B\n```\n',
		'guidebooks/component.mdx': pageWith('Component', ['flowchart TD\n  mdx --> svg']),
	});
	first = await runCli(['build', '--root', 'guidebooks', '--out', 'dist'], { cwd: root });
	second = await runCli(['build', '--root', 'guidebooks', '--out', 'dist'], { cwd: root });
});

afterAll(async () => {
	await removeFixture(root);
});

test('builds', () => {
	expect(first.stderr).toBe('');
	expect([first.code, second.code]).toEqual([0, 0]);
});

const sentinels = Object.keys(paletteSentinels());

describe('every common diagram type', () => {
	test.each(types)(
		"draws %s as one inline SVG whose colours are the palette's custom properties",
		async (type) => {
			const page = await loadPage(join(root, 'dist'), '/every-type/');
			const figure = page.querySelectorAll('figure.wm-diagram')[types.indexOf(type)] as Element;
			// Architecture icons and ZenUML draw SVGs inside the diagram; the diagram itself is one SVG.
			const svgs = figure.querySelectorAll('.wm-diagram__view > svg');
			const svg = svgs[0];
			expect(svgs.length).toBe(1);
			expect(svg?.getAttribute('role')).toBe('img');
			expect(svg?.querySelectorAll('path, rect, circle, text').length).toBeGreaterThan(0);
			expect(svg?.getAttribute('id')).toMatch(/^wm-[0-9a-f]{10}$/);
			expect(svg?.getAttribute('style')).toMatch(/^--wm-min: \d+px; --wm-max: \d+px$/);
			const html = await readFile(join(root, 'dist/every-type/index.html'), 'utf8');
			const markup = (
				new RegExp(`<figure[^>]*id="${figure.getAttribute('id')}"[\\s\\S]*?</figure>`).exec(
					html,
				)?.[0] ?? ''
			).toLowerCase();
			// ZenUML styles its HTML itself; every mermaid-drawn type reads the palette, and no sentinel is left.
			if (type !== 'zenuml') expect(markup).toContain('var(--wm-diagram-');
			for (const sentinel of sentinels) expect(markup, sentinel).not.toContain(sentinel);
			expect(figure.querySelector('details.wm-diagram__source code')?.textContent).toBe(
				diagramSamples[type],
			);
		},
	);
});

test('names a diagram by its accTitle, else the heading above it, else its kind', async () => {
	const page = await loadPage(join(root, 'dist'), '/every-type/');
	const svg = page.querySelector('figure.wm-diagram .wm-diagram__view > svg') as Element;
	const title = page.getElementById(svg.getAttribute('aria-labelledby') ?? '');
	const description = page.getElementById(svg.getAttribute('aria-describedby') ?? '');
	expect(title?.textContent).toBe('Database failover');
	expect(description?.textContent).toBe('Traffic moves from the primary to the replica.');
	expect(svg.getAttribute('aria-roledescription')).toBe('flowchart');
	const sequence = page.querySelectorAll('figure.wm-diagram .wm-diagram__view > svg')[1] as Element;
	expect(sequence.getAttribute('aria-label')).toBe('Every type');
	expect(sequence.getAttribute('aria-roledescription')).toBe('sequence diagram');
	const named = await loadPage(join(root, 'dist'), '/named/');
	const [first, second] = [...named.querySelectorAll('figure.wm-diagram svg')];
	expect(first?.getAttribute('aria-label')).toBe('Flowchart');
	expect(named.getElementById(second?.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
		'Restore the primary',
	);
});

test('keeps every element id unique when a page shows the same diagram twice', async () => {
	const page = await loadPage(join(root, 'dist'), '/twice/');
	const ids = [...page.querySelectorAll('[id]')].map((e) => e.getAttribute('id'));
	expect(page.querySelectorAll('.wm-diagram__view > svg')).toHaveLength(2);
	expect(ids.length).toBe(new Set(ids).size);
	for (const ref of page.querySelectorAll('[marker-end], [marker-start]')) {
		const target = /url\(#([^)]+)\)/.exec(
			ref.getAttribute('marker-end') ?? ref.getAttribute('marker-start') ?? '',
		)?.[1];
		if (target) expect(page.getElementById(target)).not.toBeNull();
	}
});

test("keeps only the markers and symbols a diagram uses, and none of mermaid's data attributes", async () => {
	const page = await loadPage(join(root, 'dist'), '/every-type/');
	const views = [...page.querySelectorAll('.wm-diagram__view')];
	const markup = views.map((view) => view.innerHTML).join('');
	const definitions = views.flatMap((view) => [...view.querySelectorAll('marker[id], symbol[id]')]);
	// Positive control: the flowchart's arrows and the sequence diagram's arrowheads still point at theirs.
	expect(definitions.filter((d) => d.tagName.toLowerCase() === 'marker').length).toBeGreaterThan(1);
	for (const definition of definitions)
		expect(markup, definition.id).toMatch(new RegExp(`#${definition.id}(?![\\w-])`));
	for (const ref of views.flatMap((view) => [
		...view.querySelectorAll('[marker-end], [marker-start]'),
	])) {
		const target = /url\(#([^)]+)\)/.exec(
			ref.getAttribute('marker-end') ?? ref.getAttribute('marker-start') ?? '',
		)?.[1] as string;
		expect(page.getElementById(target), target).not.toBeNull();
	}
	const dataAttributes = views.flatMap((view) =>
		[...view.querySelectorAll('svg *')].flatMap((e) =>
			e.getAttributeNames().filter((n) => n.startsWith('data-')),
		),
	);
	expect(dataAttributes).toEqual([]);
});

test('draws diagrams in .mdx pages too', async () => {
	const page = await loadPage(join(root, 'dist'), '/component/');
	expect(page.querySelectorAll('.wm-diagram__view > svg')).toHaveLength(1);
});

test('offers a full-size view and the source without JavaScript', async () => {
	const page = await loadPage(join(root, 'dist'), '/twice/');
	const figure = page.querySelector('figure.wm-diagram') as Element;
	expect(figure.querySelector('a.wm-diagram__open')?.getAttribute('href')).toBe(
		`#${figure.getAttribute('id')}`,
	);
	expect(figure.querySelector('details.wm-diagram__source:not([open]) summary')?.textContent).toBe(
		'Diagram source',
	);
	// The toggles are controls, not diagram text: search skips them.
	expect(figure.querySelector('.wm-diagram__actions')?.hasAttribute('data-pagefind-ignore')).toBe(
		true,
	);
	expect(
		figure.querySelector('.wm-diagram__source summary')?.hasAttribute('data-pagefind-ignore'),
	).toBe(true);
	expect(
		figure.querySelector('.wm-diagram__source pre')?.closest('[data-pagefind-ignore]'),
	).toBeNull();
});

test('ships no mermaid JavaScript', async () => {
	let scripts = 0;
	for (const [route, svgs] of [
		['/every-type/', types.length],
		['/twice/', 2],
		['/plain/', 0],
	] as const) {
		const html = await readFile(join(root, 'dist', route, 'index.html'), 'utf8');
		const page = await loadPage(join(root, 'dist'), route);
		// Positive control: the diagrams are on the page, drawn at build time.
		expect(page.querySelectorAll('.wm-diagram__view > svg'), route).toHaveLength(svgs);
		expect(page.querySelectorAll('pre.mermaid')).toHaveLength(0);
		for (const script of page.querySelectorAll('script')) {
			scripts++;
			const src = script.getAttribute('src');
			const code = src
				? await readFile(join(root, 'dist', src), 'utf8')
				: (script.textContent ?? '');
			expect(code).not.toMatch(/startOnLoad|mermaid-loader|MermaidLoader/);
			for (const [, chunk] of code.matchAll(/from\s*"\.\/([^"]+\.js)"/g)) {
				expect(await readFile(join(root, 'dist/_astro', chunk as string), 'utf8')).not.toMatch(
					/startOnLoad/,
				);
			}
		}
		expect(html).not.toMatch(/<script[^>]*mermaid/i);
	}
	// The pages' own scripts (theme, search) were read above, so a mermaid loader among them would show.
	expect(scripts).toBeGreaterThan(0);
});

test('draws nothing on a second build: every diagram comes from the cache', async () => {
	const stats = JSON.parse(
		await readFile(join(root, 'diagram-cache/last-run.json'), 'utf8'),
	) as Record<string, unknown>;
	expect(stats).toMatchObject({
		rendered: 0,
		cached: types.length + 3,
		client: 0,
		mode: 'svg',
		diagrams: types.length + 3,
	});
	const again = await loadPage(join(root, 'dist'), '/every-type/');
	expect(again.querySelectorAll('.wm-diagram__view > svg')).toHaveLength(types.length);
});
