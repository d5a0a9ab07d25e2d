import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { bannerHtml, previewStylesheet, type PreviewManifest } from './pages.ts';

/**
 * The site's stylesheets, colour-scheme meta and inline head scripts (the theme set before first
 * paint), taken from the built home page, so preview pages share its look and its dark mode.
 */
export async function siteHead(outDir: string): Promise<string> {
	const home = await readFile(join(outDir, 'index.html'), 'utf8').catch(() => '');
	const head = /<head[^>]*>([\s\S]*?)<\/head>/i.exec(home)?.[1] ?? '';
	return [
		...head.matchAll(
			/<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>|<style\b[^>]*>[\s\S]*?<\/style>|<meta\b[^>]*\bname=["']?color-scheme["']?[^>]*>|<script\b(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>/gi,
		),
	]
		.map((m) => m[0])
		.join('\n');
}

/**
 * Puts the preview banner (and the preview stylesheet) on every built page outside `/_waymark/`;
 * a changed page's banner also links to its diff. Pages that already carry a banner are left alone.
 */
export async function injectBanners(
	outDir: string,
	manifest: PreviewManifest,
	base: string,
): Promise<number> {
	const diffByRoute = new Map(
		manifest.pages.filter((p) => p.status !== 'removed').map((p) => [p.route, p.diffRoute]),
	);
	const css = previewStylesheet(base);
	let count = 0;
	for (const file of await htmlFiles(outDir)) {
		const rel = relative(outDir, file).split(sep).join('/');
		if (rel.startsWith('_waymark/')) continue;
		const html = await readFile(file, 'utf8');
		if (html.includes('waymark-preview-banner') || !/<body\b[^>]*>/i.test(html)) continue;
		const route = rel.endsWith('index.html') ? `/${rel.slice(0, -'index.html'.length)}` : undefined;
		const banner = bannerHtml(manifest, base, route ? diffByRoute.get(route) : undefined);
		await writeFile(file, withBanner(html, banner, css));
		count++;
	}
	return count;
}

/** `html` with `css` at the end of its head and `banner` first in its body. */
export function withBanner(html: string, banner: string, css: string): string {
	return html
		.replace(/<\/head>/i, () => `${css}</head>`)
		.replace(/<body\b[^>]*>/i, (body) => `${body}${banner}`);
}

async function htmlFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true });
	return entries
		.filter((e) => e.isFile() && e.name.endsWith('.html'))
		.map((e) => join(e.parentPath, e.name));
}
