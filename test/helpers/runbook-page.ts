import { markdownConfigDefaults } from '@astrojs/markdown-remark';
import {
	siteMarkdownPlugins,
	siteShikiConfig,
	siteSyntaxHighlight,
} from '../../markdown/plugins.ts';
import { siteProcessor } from '../../markdown/site-processor.ts';

const renderer = await siteProcessor(
	siteMarkdownPlugins(
		{ root: '/tree', title: 'T', base: '/', editUrl: null },
		{ trust: 'trusted', allowRawHtml: false },
	),
).createRenderer({
	...markdownConfigDefaults,
	syntaxHighlight: siteSyntaxHighlight,
	shikiConfig: siteShikiConfig,
});

/**
 * A runbook page as the site builds it: the Markdown through the site's processor, with the alert
 * context region of `AlertContext.astro` and the page script, for the painters to fill.
 */
export async function runbookPage(
	markdown: string,
	route = '/erp/backup/',
): Promise<{ html: string; labels: string[] }> {
	const { code, metadata } = await renderer.render(markdown, { frontmatter: {} });
	const labels = ((metadata as { frontmatter: Record<string, unknown> }).frontmatter[
		'waymarkLabels'
	] ?? []) as string[];
	const region = `<section class="wm-alert-context" data-labels="${labels.join(' ')}" data-route="${route}" aria-label="Alert context" aria-live="polite" data-pagefind-ignore hidden><p class="wm-context-head"></p><p class="wm-context-note"></p><p class="wm-context-clear"><a href="?waymark-labels=off">Show the page as written</a></p></section>`;
	return {
		html: `<!DOCTYPE html><html><head><title>Runbook</title></head><body><main>${region}<div class="prose">${code}</div></main><script type="module" src="/_astro/x.js"></script></body></html>`,
		labels,
	};
}
