import type { VFile } from 'vfile';

/**
 * The page's path relative to the guidebook root (`erp/ops.md`), from the vfile Astro hands to
 * the plugins. `undefined` for Markdown outside the root (none in Waymark's own site).
 */
export function pagePathOf(file: VFile, root: string): string | undefined {
	const full = file.path ? decodeFilePath(file.path) : undefined;
	if (!full) return undefined;
	const prefix = root.endsWith('/') ? root : `${root}/`;
	return full.startsWith(prefix) ? full.slice(prefix.length) : undefined;
}

function decodeFilePath(path: string): string {
	if (!path.startsWith('file:')) return path;
	return decodeURIComponent(new URL(path).pathname);
}

/** The frontmatter object Astro exposes as `remarkPluginFrontmatter`, created when absent. */
export function astroFrontmatter(file: VFile): Record<string, unknown> {
	const data = file.data as { astro?: { frontmatter?: Record<string, unknown> } };
	data.astro ??= {};
	data.astro.frontmatter ??= {};
	return data.astro.frontmatter;
}

/** The browser tab's title a page's own syntax gave it (mdBook's `{{#title}}`), for `remarkPageMeta`. */
export function setTabTitle(file: VFile, title: string): void {
	(file.data as { waymarkTabTitle?: string }).waymarkTabTitle = title;
}

export function tabTitleOf(file: VFile): string | undefined {
	return (file.data as { waymarkTabTitle?: string }).waymarkTabTitle;
}
