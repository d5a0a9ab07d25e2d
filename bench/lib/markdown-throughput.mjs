import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownConfigDefaults, unified } from '@astrojs/markdown-remark';
import { satteri } from '@astrojs/markdown-satteri';

/**
 * @typedef {{ name: string; ms: number; pagesPerSecond: number; htmlBytes: number; sameHtmlAs?: { name: string; pages: number; of: number } }} ThroughputResult
 */

/**
 * Renders the same pages with Astro's two Markdown processors, through the renderers Astro itself
 * creates (`processor.createRenderer(markdown options)`), with no extra plugins on either side:
 * `unified` (remark/rehype, which Waymark's plugins are written for) and Sätteri (Astro's default).
 * Each is measured with Astro's default Shiki highlighting and with highlighting off, after one
 * warm-up pass, as the best of `rounds` passes over every page, in CPU time of this thread (steady
 * on a busy machine). Two more rows run unified with Waymark's own site plugins and Shiki settings
 * (diagrams excluded), i.e. what a Waymark build pays per page: parsed by remark-parse
 * (`WAYMARK_PARSER=remark`) and by Sätteri's Rust parser (the default; every plugin unchanged),
 * with the count of pages whose HTML is byte-identical between the two, and the latter through
 * Waymark's own processor (`markdown/site-processor.ts`), which the site builds with. The last two render with
 * Sätteri and the site's two Shiki themes, bare and with one site plugin (link rewriting) ported
 * to Sätteri's plugin API: what a port of the plugins would start from.
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
	const { siteMarkdownPlugins, siteSyntaxHighlight } = await import('../../markdown/plugins.ts');
	const { collectGuidebookFiles } = await import('../../tree/walk-files.ts');
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
	// As the site builds a trusted tree: raw HTML sanitised, Shiki among the site's own rehype plugins.
	const safety = { trust: 'trusted', allowRawHtml: false };
	const remarkParsed = siteMarkdownPlugins(site, safety, files, 'remark');
	const satteriParsed = siteMarkdownPlugins(site, safety, files, 'native');
	const { siteShikiConfig } = await import('../../markdown/plugins.ts');
	const { satteriLinks } = await import('./satteri-links.mjs');
	const { siteProcessor } = await import('../../markdown/site-processor.ts');
	const waymarkShared = {
		...markdownConfigDefaults,
		shikiConfig: { ...markdownConfigDefaults.shikiConfig, ...waymarkShiki },
		syntaxHighlight: siteSyntaxHighlight,
	};
	// Sätteri with the site's Shiki themes, as the rows that run Waymark's pipeline have them.
	const satteriShared = {
		...markdownConfigDefaults,
		shikiConfig: { ...markdownConfigDefaults.shikiConfig, ...siteShikiConfig },
	};
	/** @type {Array<{ name: string; processor: import('@astrojs/markdown-remark').MarkdownProcessor; shared: object; compareWith?: string }>} */
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
			processor: unified(remarkParsed),
			shared: waymarkShared,
		},
		{
			name: 'same, parsed by satteri (remark plugins unchanged)',
			processor: unified(satteriParsed),
			shared: waymarkShared,
			compareWith: 'unified + Waymark site plugins, Shiki (2 themes)',
		},
		{
			name: "same, through Waymark's processor (parse5 only on pages that had raw HTML): the site's pipeline",
			processor: siteProcessor(satteriParsed),
			shared: waymarkShared,
			compareWith: 'same, parsed by satteri (remark plugins unchanged)',
		},
		{
			name: 'satteri, Shiki (2 themes), no Waymark plugin',
			processor: satteri(),
			shared: satteriShared,
		},
		{
			name: 'same + link rewriting ported to a Sätteri plugin (one site plugin)',
			processor: satteri({ mdastPlugins: [satteriLinks({ ...site, files })] }),
			shared: satteriShared,
		},
	];
	/** @type {ThroughputResult[]} */
	const results = [];
	/** @type {Map<string, string[]>} */
	const outputs = new Map();
	for (const { name, processor, shared, compareWith } of variants) {
		const renderer = await processor.createRenderer(/** @type {any} */ (shared));
		let best = Infinity;
		/** @type {string[]} */
		let html = [];
		for (let round = 0; round <= rounds; round++) {
			html = [];
			const started = process.cpuUsage();
			for (const { body, fileURL } of bodies)
				html.push((await renderer.render(body, { frontmatter: {}, fileURL })).code);
			const used = process.cpuUsage(started);
			// Round 0 warms up the highlighter and the JIT.
			if (round > 0) best = Math.min(best, (used.user + used.system) / 1000);
		}
		outputs.set(name, html);
		const reference = compareWith ? outputs.get(compareWith) : undefined;
		results.push({
			name,
			ms: best,
			pagesPerSecond: (bodies.length / best) * 1000,
			htmlBytes: html.reduce((sum, code) => sum + Buffer.byteLength(code), 0),
			...(compareWith &&
				reference && {
					sameHtmlAs: {
						name: compareWith,
						pages: html.filter((code, i) => code === reference[i]).length,
						of: html.length,
					},
				}),
		});
	}
	return results;
}

/** The content layer hands processors the body without frontmatter; do the same. */
function stripFrontmatter(/** @type {string} */ markdown) {
	return markdown.startsWith('---\n')
		? markdown.slice(markdown.indexOf('\n---\n', 4) + 5)
		: markdown;
}
