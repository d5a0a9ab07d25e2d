import { channel } from 'node:diagnostics_channel';
import type { Plugin } from 'vite';
import type { Progress } from '../core/progress.ts';
import type { PageHtmlFiles } from './page-html-files.ts';
import type { PageFacts } from './page-view.ts';

const id = 'virtual:waymark/render';

/**
 * Where the route tells the build it renders a page. The prerender runs in this process but from
 * bundled copies of its modules, so no object of the integration reaches it; a diagnostics channel
 * is Node's own way across, and carries only the route.
 */
const pagesChannel = 'waymark:page-rendered';
const factsChannel = 'waymark:page-facts';
const failuresChannel = 'waymark:page-failed';

/**
 * Serves `virtual:waymark/render` to the route. Its code names folders of the tree's store and
 * nothing else, so it is the same on every build of the tree: what changes between builds is read
 * from files as pages render, and Astro's incremental build sees the route's code unchanged.
 * - `readPageHtml(name)` reads one rendered page body that the content loader wrote
 *   (`page-html-files.ts`). A name is the loader's own (32 hex digits and `.html`); anything else
 *   is refused, so no entry reaches outside the folder.
 * - `readSiteData()` reads the build's `SiteData` (`site-data-file.ts`), once per version of the file.
 * - `digestOf(text)` is the digest a page's incremental-build key is made of (`bodyDigest` on the
 *   Node side, `page-entry.ts`).
 * - `pageFactsKnown(facts)` tells the build what a page's entry holds (`PageFacts`), for its record
 *   of the site (`site-record.ts`).
 * - `pageRendered(route)` ticks the build's progress once per page, so the watchdog sees a long
 *   page generation (20,000 pages) moving.
 * - `pageFailed(path, reason)` tells the build a page's content could not be rendered
 *   (`components/PageContent.astro` shows a notice instead).
 */
export function virtualRenderPlugin(files: PageHtmlFiles, siteDataFile: string): Plugin {
	const code = [
		`import { createHash } from 'node:crypto';`,
		`import { readFile, stat } from 'node:fs/promises';`,
		`import { channel } from 'node:diagnostics_channel';`,
		`import { join } from 'node:path';`,
		`const dir = ${JSON.stringify(files.dir)};`,
		`const siteDataFile = ${JSON.stringify(siteDataFile)};`,
		`let siteData;`,
		`const pages = channel(${JSON.stringify(pagesChannel)});`,
		`const failures = channel(${JSON.stringify(failuresChannel)});`,
		`const facts = channel(${JSON.stringify(factsChannel)});`,
		`export function readPageHtml(name) {`,
		`\tif (!/^[0-9a-f]{32}\\.html$/.test(name)) return Promise.reject(new Error(\`Not a page file: \${name}\`));`,
		`\treturn readFile(join(dir, name), 'utf8');`,
		`}`,
		`export async function readSiteData() {`,
		// Each version is a new file put in place (a new inode), so the inode tells versions apart.
		`\tconst { ino, mtimeMs, size } = await stat(siteDataFile);`,
		`\tif (siteData?.ino !== ino || siteData.mtimeMs !== mtimeMs || siteData.size !== size) siteData = { ino, mtimeMs, size, data: JSON.parse(await readFile(siteDataFile, 'utf8')) };`,
		`\treturn siteData.data;`,
		`}`,
		`export function digestOf(text) {`,
		`\treturn createHash('sha256').update(text).digest('base64url').slice(0, 32);`,
		`}`,
		`export function pageRendered(route) {`,
		`\tif (pages.hasSubscribers) pages.publish(route);`,
		`}`,
		`export function pageFactsKnown(known) {`,
		`\tif (facts.hasSubscribers) facts.publish(known);`,
		`}`,
		`export function pageFailed(path, reason) {`,
		`\tif (failures.hasSubscribers) failures.publish({ path, reason });`,
		`}`,
	].join('\n');
	return {
		name: 'waymark:render',
		resolveId: (source) => (source === id ? `\0${id}` : undefined),
		load: (resolved) => (resolved === `\0${id}` ? code : undefined),
	};
}

/**
 * Ticks `progress` for every page the route renders, and counts them (Astro's incremental build
 * copies the others), until `stop` is called.
 */
export function tickPerPageRendered(progress: Progress): { count: () => number; stop: () => void } {
	let rendered = 0;
	const tick = (route: unknown) => {
		rendered++;
		progress.tick(`rendered the page ${String(route)}`);
	};
	channel(pagesChannel).subscribe(tick);
	return { count: () => rendered, stop: () => void channel(pagesChannel).unsubscribe(tick) };
}

/** Collects what the route says of each page of the tree it lists (`PageFacts`), until the returned function is called. */
export function collectPageFacts(): { facts: PageFacts[]; stop(): void } {
	const facts: PageFacts[] = [];
	const listener = (message: unknown) => void facts.push(message as PageFacts);
	channel(factsChannel).subscribe(listener);
	return { facts, stop: () => void channel(factsChannel).unsubscribe(listener) };
}

/** Calls `report` for every page whose content fails to render, until the returned function is called. */
export function onPageFailed(report: (path: string, reason: string) => void): () => void {
	const listener = (message: unknown) => {
		const { path, reason } = message as { path: string; reason: string };
		report(path, reason);
	};
	channel(failuresChannel).subscribe(listener);
	return () => void channel(failuresChannel).unsubscribe(listener);
}
