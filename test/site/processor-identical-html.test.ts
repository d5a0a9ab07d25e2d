import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	markdownConfigDefaults,
	parseFrontmatter,
	unified,
	type UnifiedProcessorOptions,
} from '@astrojs/markdown-remark';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateGuidebookTree } from '../../bench/lib/guidebook-tree.mjs';
import { buildStatusSnapshot, markdownSnapshot } from '../../checks/probes/snapshot.ts';
import { loadConfig } from '../../config/load-config.ts';
import { noProgress } from '../../core/progress.ts';
import { withoutFrontmatter } from '../../integration/page-entry.ts';
import { diagramsHooks } from '../../integration/diagram-hooks.ts';
import type { DiagramLookup, DiagramRendering } from '../../diagrams/diagram-service.ts';
import { rehypeDiagrams } from '../../diagrams/rehype-diagrams.ts';
import { svgAsParsed } from '../../diagrams/svg-as-parsed.ts';
import { frontmatterNotes } from '../../integration/frontmatter-notes.ts';
import { siteLinkVerdicts } from '../../integration/link-verdicts.ts';
import { siteMarkdownOptions } from '../../integration/site-markdown.ts';
import { nativeParser } from '../../markdown/native-parse.ts';
import type { MarkdownParser } from '../../core/environment.ts';
import {
	siteShikiConfig,
	siteSyntaxHighlight,
	withEarlyRehypePlugin,
} from '../../markdown/plugins.ts';
import { siteProcessor } from '../../markdown/site-processor.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { siteFilesOf } from '../../tree/site-files.ts';
import { imageBoundsOf } from '../../tree/image-source.ts';
import { repoRoot } from '../helpers/fixture.ts';
import { seededRandom } from '../helpers/seeded-random.ts';
import { generatedDrawing } from '../helpers/svg-drawings.ts';

// Every page the site renders must come out byte for byte the same whichever way it goes: with
// Sätteri's parser as with remark-parse, and through Waymark's processor (markdown/
// site-processor.ts, which re-parses a page through parse5 only where raw HTML is left) as
// through Astro's own `unified()` renderer, which re-parses every page. The pages: the bundled
// guidebooks, the fixture trees the site tests build, and the benchmark's generated tree
// (bench/build.mjs's seed).

const fixtures = resolve(repoRoot, 'test/fixtures');
let benchDir: string;

interface TreeCase {
	name: string;
	/** Where the command runs: the config file is looked up here. */
	cwd: () => string;
	root: string;
	/** Fewer `.md` pages than this means the tree was not read, and the comparison proves nothing. */
	minPages: number;
	/** `site.allowRawHtml`: a trusted tree's raw HTML left unsanitised, so raw nodes reach the processor's last step. */
	allowRawHtml?: true;
}

const trees: TreeCase[] = [
	{ name: 'guidebooks', cwd: () => repoRoot, root: 'guidebooks', minPages: 10 },
	{ name: 'site-basic', cwd: () => join(fixtures, 'site-basic'), root: 'guidebooks', minPages: 4 },
	{
		name: 'every-defect',
		cwd: () => join(fixtures, 'every-defect'),
		root: 'guidebooks',
		minPages: 5,
	},
	{ name: 'anchors', cwd: () => join(fixtures, 'anchors'), root: 'guidebooks', minPages: 1 },
	{
		name: 'dialect github-alerts',
		cwd: () => join(fixtures, 'dialects/github-alerts'),
		root: 'runbooks',
		minPages: 3,
	},
	{
		name: 'dialect docusaurus',
		cwd: () => join(fixtures, 'dialects/docusaurus'),
		root: 'docs',
		minPages: 3,
	},
	{
		name: 'dialect gitlab',
		cwd: () => join(fixtures, 'dialects/gitlab'),
		root: 'docs',
		minPages: 3,
	},
	{
		name: 'dialect hugo',
		cwd: () => join(fixtures, 'dialects/hugo'),
		root: 'content',
		minPages: 3,
	},
	{
		name: 'dialect mkdocs',
		cwd: () => join(fixtures, 'dialects/mkdocs'),
		root: 'docs',
		minPages: 3,
	},
	{
		name: 'processor edge cases',
		cwd: () => join(fixtures, 'processor-edges'),
		root: 'guidebooks',
		minPages: 4,
	},
	{
		name: 'processor edge cases, raw HTML allowed',
		cwd: () => join(fixtures, 'processor-edges'),
		root: 'guidebooks',
		minPages: 4,
		allowRawHtml: true,
	},
	{
		name: 'dialect docusaurus, raw HTML allowed',
		cwd: () => join(fixtures, 'dialects/docusaurus'),
		root: 'docs',
		minPages: 3,
		allowRawHtml: true,
	},
	{
		name: 'site-basic, raw HTML allowed',
		cwd: () => join(fixtures, 'site-basic'),
		root: 'guidebooks',
		minPages: 4,
		allowRawHtml: true,
	},
	{
		name: 'benchmark tree (150 pages, seed 20261121)',
		cwd: () => benchDir,
		root: 'guidebooks',
		minPages: 150,
	},
];

beforeAll(async () => {
	benchDir = await mkdtemp(join(tmpdir(), 'waymark-identical-'));
	await (
		generateGuidebookTree as (
			dir: string,
			options: { pages: number; seed: number },
		) => Promise<unknown>
	)(join(benchDir, 'guidebooks'), { pages: 150, seed: 20261121 });
});
afterAll(() => rm(benchDir, { recursive: true, force: true }));

type Render = (
	body: string,
	options: { frontmatter: Record<string, unknown>; fileURL: URL },
) => Promise<{ code: string; metadata?: unknown }>;

/**
 * A diagram service that draws without a browser: in `svg` mode each source as a small SVG kept
 * as the cache keeps it (`svgAsParsed`; a source with `FAIL` in it as mermaid's parse error), in
 * `client` mode nothing, as when no browser could start and the reader's browser draws. The SVG
 * holds what a serializer may write differently (entities, quotes, a stylesheet, HTML in a
 * `foreignObject`, self-closed elements): Waymark's processor writes it as the cache holds it,
 * Astro's parses it, and the HTML must be the same.
 */
function fakeDiagrams(mode: 'svg' | 'client'): DiagramLookup {
	const rendering = (source: string): DiagramRendering => {
		if (source.includes('FAIL'))
			return {
				ok: false,
				error: {
					ok: false,
					name: 'Error',
					message: 'Parse error on line 2:\n...FAIL here\nExpecting SEMI, got NODE_STRING',
				},
			};
		const drawn = svgAsParsed(
			`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" aria-roledescription="flowchart-v2" style="max-width: 120px;"><style>#fake .node > rect{fill:var(--a)} .label::after{content:"&"}</style><g class="node"><rect width="120" height="40"/><text x="4" y="24" data-note='say "${source.length}" &amp; more'>${source.length} characters &gt; 0 &amp; &#160;more</text><foreignObject width="100" height="20"><div xmlns="http://www.w3.org/1999/xhtml"><span class="nodeLabel"><p>A &lt; B<br>C</p></span></div></foreignObject></g></svg>`,
		);
		// The case this test is for: the site's processor takes the SVG as text.
		if (!drawn.asParsed)
			throw new Error('Unexpected: the fake drawing does not settle when written as parsed.');
		return { ok: true, svg: drawn.svg, idBase: 'fake', textPx: 14, asParsed: true };
	};
	return { mode, get: (source) => Promise.resolve(mode === 'svg' ? rendering(source) : undefined) };
}

/**
 * The Markdown renderer Astro creates from a processor (`site`: Waymark's, as the integration
 * hands it; `astro`: Astro's own `unified()` with the same options), for one tree and parser.
 * `diagrams`: none drawn (no browser; each mermaid block stays code), drawn by `fakeDiagrams`, or
 * by the service given.
 */
async function siteRenderer(
	tree: Awaited<ReturnType<typeof loadTree>>,
	parser: MarkdownParser,
	processor: 'site' | 'astro' = 'site',
	diagrams: 'none' | 'svg' | 'client' | DiagramLookup = 'none',
): Promise<Render> {
	const { loaded, guidebooks, status } = tree;
	const runtime = {
		root: loaded.root,
		title: 'Guidebooks',
		base: loaded.config.site.base,
		editUrl: loaded.config.site.editUrl ?? null,
	};
	const service =
		typeof diagrams === 'string'
			? diagrams === 'none'
				? undefined
				: fakeDiagrams(diagrams)
			: diagrams;
	const withDiagrams = service
		? (o: UnifiedProcessorOptions) =>
				withEarlyRehypePlugin(o, [rehypeDiagrams, { service, mode: service.mode }])
		: (o: UnifiedProcessorOptions) => diagramsHooks().withRehypePlugin(o);
	const options = siteMarkdownOptions({
		loaded,
		runtime,
		status: markdownSnapshot(status),
		files: siteFilesOf(guidebooks),
		links: siteLinkVerdicts(guidebooks, loaded.config),
		images: imageBoundsOf(guidebooks, loaded.trust),
		parser,
		withDiagrams,
		progress: noProgress,
	});
	const renderer = await (processor === 'site' ? siteProcessor : unified)(options).createRenderer({
		...markdownConfigDefaults,
		syntaxHighlight: siteSyntaxHighlight,
		shikiConfig: siteShikiConfig,
	});
	return (body, renderOptions) => renderer.render(body, renderOptions);
}

async function loadTree({ cwd, root, allowRawHtml }: TreeCase) {
	const loaded = await loadConfig({ cwd: cwd(), root });
	if (allowRawHtml) loaded.config.site.allowRawHtml = true;
	const guidebooks = await loadGuidebookTree(loaded.root, {
		dialect: loaded.config.dialect,
		limits: loaded.config.checks,
	});
	const { snapshot: status } = await buildStatusSnapshot(guidebooks, loaded.config);
	return { loaded, guidebooks, status };
}

/** What Astro's content layer hands the renderer for a page: the body and frontmatter the loader and Astro split. */
function pageInput(
	contents: string,
	brokenFrontmatter: boolean,
): { body: string; frontmatter: Record<string, unknown> } {
	let source = brokenFrontmatter ? withoutFrontmatter(contents) : contents;
	try {
		parseFrontmatter(source, { frontmatter: 'empty-with-spaces' });
	} catch {
		source = withoutFrontmatter(contents);
	}
	const { frontmatter, content } = parseFrontmatter(source);
	return { body: content, frontmatter };
}

type PageToRender = { path: string; fileURL: URL; contents: string; broken: boolean };

/** Each page's HTML (`withMetadata`: and, after a NUL, the metadata Astro keeps: headings, image paths, frontmatter). */
async function renderAll(
	render: Render,
	pages: PageToRender[],
	{ withMetadata = false } = {},
): Promise<string[]> {
	const html: string[] = [];
	for (const page of pages) {
		const { body, frontmatter } = pageInput(page.contents, page.broken);
		// Astro reuses the frontmatter object (plugins write into it): each side gets its own.
		html.push(
			await render(body, { frontmatter: structuredClone(frontmatter), fileURL: page.fileURL }).then(
				(r) => (withMetadata ? `${r.code}\0${JSON.stringify(r.metadata)}` : r.code),
				(error: Error) => `render failed: ${error.message}`,
			),
		);
	}
	return html;
}

async function pagesOf(tree: Awaited<ReturnType<typeof loadTree>>): Promise<PageToRender[]> {
	const notes = frontmatterNotes(tree.guidebooks);
	return Promise.all(
		[...tree.guidebooks.pages.values()]
			// MDX keeps remark's parser (it must read JSX), and Astro's MDX compiler: not this processor's renderer.
			.filter(
				(page) =>
					!page.notice && !tree.guidebooks.unpublished.has(page.path) && !/\.mdx$/i.test(page.path),
			)
			.map(async (page) => {
				const file = join(tree.loaded.root, page.path);
				return {
					path: page.path,
					fileURL: pathToFileURL(file),
					contents: await readFile(file, 'utf8'),
					broken: notes[page.path]?.syntax ?? false,
				};
			}),
	);
}

/** `page: first difference at offset N` with some text of each side around it. */
function describeDifference(
	path: string,
	reference: string,
	other: string,
	names = ['remark', 'native'],
): string {
	let offset = 0;
	while (offset < reference.length && reference[offset] === other[offset]) offset++;
	const around = (html: string) =>
		JSON.stringify(html.slice(Math.max(0, offset - 60), offset + 60));
	return `${path}: first difference at offset ${offset} of ${reference.length} (${names[0]}) / ${other.length} (${names[1]})\n  ${names[0]}: ${around(reference)}\n  ${names[1]}: ${around(other)}`;
}

test('the native parser loads, so the comparison below is between two parsers', () => {
	expect(nativeParser({ frontmatter: false })).toBeTypeOf('function');
});

test.each(trees)(
	'renders every page of $name to the same HTML with the native parser as with remark-parse',
	async (treeCase) => {
		const tree = await loadTree(treeCase);
		const pages = await pagesOf(tree);
		expect(pages.length).toBeGreaterThanOrEqual(treeCase.minPages);
		const reference = await renderAll(await siteRenderer(tree, 'remark'), pages);
		const native = await renderAll(await siteRenderer(tree, 'native'), pages);
		const differences = pages.flatMap((page, i) =>
			reference[i] === native[i]
				? []
				: [describeDifference(page.path, reference[i] ?? '', native[i] ?? '')],
		);
		expect(
			differences.length === 0
				? 'identical'
				: `${differences.length} of ${pages.length} pages differ; the first:\n${differences[0]}`,
		).toBe('identical');
		// A page that failed to render on both sides would compare equal and prove nothing.
		expect(reference.filter((html) => html.startsWith('render failed:'))).toEqual([]);
	},
	60_000,
);

const drawn = trees.flatMap((treeCase) =>
	(['svg', 'client'] as const).map((diagrams) => ({ ...treeCase, diagrams })),
);

test.each(drawn)(
	'renders every page of $name ($diagrams diagrams) to the same HTML and metadata through Waymark’s processor as through Astro’s',
	async (treeCase) => {
		const tree = await loadTree(treeCase);
		const pages = await pagesOf(tree);
		expect(pages.length).toBeGreaterThanOrEqual(treeCase.minPages);
		const astro = await renderAll(
			await siteRenderer(tree, 'native', 'astro', treeCase.diagrams),
			pages,
			{ withMetadata: true },
		);
		const site = await renderAll(
			await siteRenderer(tree, 'native', 'site', treeCase.diagrams),
			pages,
			{ withMetadata: true },
		);
		const differences = pages.flatMap((page, i) =>
			astro[i] === site[i]
				? []
				: [describeDifference(page.path, astro[i] ?? '', site[i] ?? '', ['Astro', 'Waymark'])],
		);
		expect(
			differences.length === 0
				? 'identical'
				: `${differences.length} of ${pages.length} pages differ; the first:\n${differences[0]}`,
		).toBe('identical');
		expect(astro.filter((html) => html.startsWith('render failed:'))).toEqual([]);
	},
	60_000,
);

test('renders pages with 300 generated drawings to the same HTML and metadata through Waymark’s processor as through Astro’s, re-parsed or not', async () => {
	const tree = await loadTree({
		name: 'edges',
		cwd: () => join(fixtures, 'processor-edges'),
		root: 'guidebooks',
		minPages: 4,
	});
	const random = seededRandom(20261126);
	const drawings = new Map<string, DiagramRendering>();
	const pages: PageToRender[] = [];
	for (let n = 0; n < 300; n++) {
		const source = `flowchart TD\n  A${n} --> B`;
		drawings.set(source, {
			ok: true,
			...svgAsParsed(generatedDrawing(random)),
			idBase: 'wm-abc',
			textPx: 12,
		});
		// Every other page has raw HTML too, which Waymark's processor re-parses the page for, drawing and all.
		const contents = `# Page ${n}\n\n${n % 2 === 1 ? 'Press <kbd>Ctrl</kbd>.\n\n' : ''}\`\`\`mermaid\n${source}\n\`\`\`\n\nAfter the drawing.\n`;
		const file = join(tree.loaded.root, 'generated', `${n}.md`);
		pages.push({
			path: `generated/${n}.md`,
			fileURL: pathToFileURL(file),
			contents,
			broken: false,
		});
	}
	const service: DiagramLookup = {
		mode: 'svg',
		get: (source) => Promise.resolve(drawings.get(source)),
	};
	const astro = await renderAll(await siteRenderer(tree, 'native', 'astro', service), pages, {
		withMetadata: true,
	});
	const site = await renderAll(await siteRenderer(tree, 'native', 'site', service), pages, {
		withMetadata: true,
	});
	const differences = pages.flatMap((page, i) =>
		astro[i] === site[i]
			? []
			: [describeDifference(page.path, astro[i] ?? '', site[i] ?? '', ['Astro', 'Waymark'])],
	);
	expect(
		differences.length === 0
			? 'identical'
			: `${differences.length} of ${pages.length} pages differ; the first:\n${differences[0]}`,
	).toBe('identical');
	expect(astro.filter((html) => html.startsWith('render failed:'))).toEqual([]);
	// Both ways are taken: drawings carried as text, and drawings parsed in the page.
	const asText = [...drawings.values()].filter((drawing) => drawing.ok && drawing.asParsed).length;
	expect(asText).toBeGreaterThan(50);
	expect(asText).toBeLessThan(280);
}, 60_000);

test('the edge-case pages hold what the comparison is about: footnotes, raw HTML, drawn and failed diagrams', async () => {
	const tree = await loadTree({
		name: 'edges',
		cwd: () => join(fixtures, 'processor-edges'),
		root: 'guidebooks',
		minPages: 4,
	});
	const html = (
		await renderAll(await siteRenderer(tree, 'native', 'site', 'svg'), await pagesOf(tree))
	).join('\n');
	for (const part of [
		'data-footnotes=""',
		'type="checkbox"',
		'<kbd>Ctrl</kbd>',
		'<details open>',
		'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"',
		'This diagram could not be drawn:',
	])
		expect(html).toContain(part);
});
