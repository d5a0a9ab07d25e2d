import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
 * warm-up pass, as the best of `rounds` passes over every page.
 * @param {string} treeDir
 * @param {readonly { path: string }[]} pages
 * @param {{ rounds?: number }} [options]
 * @returns {Promise<ThroughputResult[]>}
 */
export async function measureMarkdownThroughput(treeDir, pages, { rounds = 3 } = {}) {
	const bodies = await Promise.all(
		pages.map(async (page) => stripFrontmatter(await readFile(join(treeDir, page.path), 'utf8'))),
	);
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
			for (const body of bodies)
				htmlBytes += Buffer.byteLength((await renderer.render(body, { frontmatter: {} })).code);
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
