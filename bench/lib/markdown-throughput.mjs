import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { markdownConfigDefaults, unified } from '@astrojs/markdown-remark';
import { satteri } from '@astrojs/markdown-satteri';

/**
 * @typedef {{ name: string; ms: number; pagesPerSecond: number; htmlBytes: number }} ThroughputResult
 */

/**
 * Renders the same pages with Astro's two Markdown processors, through the renderers Astro itself
 * creates (`processor.createRenderer(markdown options)`), with no extra plugins on either side:
 * `unified` (remark/rehype, which Waymark's plugins are written for) and Sätteri (Astro's default).
 * Each is measured with Astro's default Shiki highlighting and with highlighting off, after one
 * warm-up pass, as the best of `rounds` passes over every page. A last row runs unified with
 * Waymark's own site plugins and Shiki settings (diagrams excluded), i.e. what a Waymark build
 * pays per page today.
 * @param {string} treeDir
 * @param {readonly { path: string }[]} pages
 * @param {{ rounds?: number }} [options]
 * @returns {Promise<ThroughputResult[]>}
 */
export async function measureMarkdownThroughput(treeDir, pages, { rounds = 3 } = {}) {
	const bodies = await Promise.all(
		pages.map(async (page) => ({
			body: stripFrontmatter(await readFile(join(treeDir, page.path), 'utf8')),
			fileURL: pathToFileURL(resolve(treeDir, page.path)),
		})),
	);
	const { siteMarkdownPlugins } = await import('../../src/markdown/plugins.ts');
	const { collectGuidebookFiles } = await import('../../checks/collect/guidebooks.ts');
	const listed = await collectGuidebookFiles(resolve(treeDir));
	const files = {
		pages: new Set(listed.pages),
		assets: new Set(listed.assets),
		folders: new Set(listed.folders),
	};
	const site = { root: resolve(treeDir), title: 'Guidebooks', base: '/', editUrl: null };
	const waymarkShiki = {
		themes: { light: 'github-light', dark: 'github-dark' },
		defaultColor: false,
	};
	const variants = [
		{ name: 'unified, Shiki', processor: unified(), shared: markdownConfigDefaults },
		{ name: 'satteri, Shiki', processor: satteri(), shared: markdownConfigDefaults },
		{
			name: 'unified, no highlighting',
			processor: unified(),
			shared: { ...markdownConfigDefaults, syntaxHighlight: false },
		},
		{
			name: 'satteri, no highlighting',
			processor: satteri(),
			shared: { ...markdownConfigDefaults, syntaxHighlight: false },
		},
		{
			name: 'unified + Waymark site plugins, Shiki (2 themes)',
			processor: unified(siteMarkdownPlugins(site, files)),
			shared: {
				...markdownConfigDefaults,
				shikiConfig: { ...markdownConfigDefaults.shikiConfig, ...waymarkShiki },
			},
		},
	];
	/** @type {ThroughputResult[]} */
	const results = [];
	for (const { name, processor, shared } of variants) {
		const renderer = await processor.createRenderer(/** @type {any} */ (shared));
		let best = Infinity;
		let htmlBytes = 0;
		for (let round = 0; round <= rounds; round++) {
			htmlBytes = 0;
			const started = performance.now();
			for (const { body, fileURL } of bodies)
				htmlBytes += Buffer.byteLength(
					(await renderer.render(body, { frontmatter: {}, fileURL })).code,
				);
			// Round 0 warms up the highlighter and the JIT.
			if (round > 0) best = Math.min(best, performance.now() - started);
		}
		results.push({ name, ms: best, pagesPerSecond: (bodies.length / best) * 1000, htmlBytes });
	}
	return results;
}

/** The content layer hands processors the body without frontmatter; do the same. */
function stripFrontmatter(/** @type {string} */ markdown) {
	return markdown.startsWith('---\n')
		? markdown.slice(markdown.indexOf('\n---\n', 4) + 5)
		: markdown;
}
