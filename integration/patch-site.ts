import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { AstroIntegrationLogger } from 'astro';
import type { LoadedConfig } from '../config/load-config.ts';
import type { WaymarkEnvironment } from '../core/environment.ts';
import { noProgress } from '../core/progress.ts';
import { SiteFrontmatterSchema, type GuidebookFrontmatter } from '../markdown/frontmatter.ts';
import { lastUpdatedHtml } from './last-updated.ts';
import { lastUpdatedOf, type PageMeta } from '../markdown/page-meta.ts';
import { entryFacts } from './page-html.ts';
import { siteShikiConfig, siteSyntaxHighlight } from '../markdown/plugins.ts';
import { siteProcessor } from '../markdown/site-processor.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { readPageText } from '../tree/read-page.ts';
import { diagramsHooks } from './diagram-hooks.ts';
import { htmlFileName, pageHtmlFolder } from './page-html-files.ts';
import { bodyDigest, planEntry, renderEntry, type EntryInput } from './page-entry.ts';
import { searchIndexOrNone } from './pagefind-index.ts';
import { writeAfterPages } from './after-pages.ts';
import type { WaymarkError } from '../core/errors.ts';
import { readRegularText } from '../core/sealed-files.ts';
import type { SitePlan } from './site-plan.ts';
import type { ContentLoaderData } from './content-loader.ts';
import {
	entryInputs,
	outputIdentity,
	pageOutputFile,
	recordFiles,
	siteRecordHead,
	writeSiteRecord,
	type SiteRecord,
} from './site-record.ts';
import { replaceFile } from '../core/replace-file.ts';

export interface PatchSiteInput {
	loaded: LoadedConfig;
	environment: WaymarkEnvironment;
	/** The working directory, which messages name files from. */
	cwd: string;
	tree: GuidebookTree;
	plan: SitePlan;
	/** The tree's store (`tree-store.ts`): Astro's cache folder and the record of the last build. */
	storeDir: string;
	record: SiteRecord | undefined;
	/** Told of what the diagrams step has to say (a warning); it never prints. */
	warn: (message: string) => void;
	/** Told what the reader will miss: the search index could not be made (`searchIndexOrNone`). */
	warnUser: (warning: WaymarkError) => void;
	/** Told, in one line, of a part of the last build that failed its check and is made again. */
	note?: (line: string) => void;
	/** Called once the patch has nothing left but to wait for Pagefind's process, or has found it cannot patch: other work may run. */
	onWaiting?: () => void;
}

export type PatchResult =
	| { patched: string[]; search: { pages: number; shards: number; indexed: number } | undefined }
	| {
			reason: string;
			/** The published files' digests this build took (`publishedDigests`): the whole build records them without reading the files again. */
			publishedFiles?: SiteRecord['publishedFiles'];
	  };

/**
 * A build that changed the bodies of some pages and nothing else, done without Astro: the last
 * build's output is kept, and each changed page gets its new body in place of the old one. Exact
 * by construction: a page's HTML is its template filled from its view, facts and body
 * (`pages/[...slug].astro`), the template puts the body in once and verbatim, and this runs only
 * when the code, the settings, the site's data and every changed page's facts are those of the
 * last build, so only the body differs, and the day of the last commit its header shows, which
 * is the page's own and written by one function for the template and here (`lastUpdatedHtml`):
 * in CI every build is of a commit. The search shards of those pages are indexed again, and
 * the status files and the service worker written as a whole build writes them.
 * Anything else (a title, a heading, a page added, a picture, a diagram still to draw, MDX, the
 * output folder replaced) is a `reason`, and the build is a whole one: the result is the same.
 */
export async function patchSite(input: PatchSiteInput): Promise<PatchResult> {
	const result = await patchPages(input);
	input.onWaiting?.();
	return result;
}

async function patchPages(input: PatchSiteInput): Promise<PatchResult> {
	const { loaded, environment, tree, plan, record } = input;
	if (!record) return { reason: 'no earlier build of this tree to start from' };
	// A patch runs only when every diagram is in the drawing cache (none to draw beside it).
	const head = await siteRecordHead({ loaded, environment, tree, plan, drawn: true, last: record });
	const result = await patchFrom(input, record, head);
	return 'reason' in result ? { ...result, publishedFiles: head.publishedFiles } : result;
}

/** The patch from the last build's `record`, this build's `head` in hand. */
async function patchFrom(
	input: PatchSiteInput,
	record: SiteRecord,
	head: Awaited<ReturnType<typeof siteRecordHead>>,
): Promise<PatchResult> {
	const { loaded, tree, plan, storeDir } = input;

	if (head.code !== record.code) return { reason: "Waymark's code changed" };
	if (head.settings !== record.settings) return { reason: 'the configuration changed' };
	if (
		record.output.dir !== loaded.outDir ||
		(await outputIdentity(loaded.outDir)) !== record.output.marker
	)
		return { reason: 'the output folder is not the one the last build wrote' };
	if (head.site !== record.site)
		return {
			reason: 'what pages show of the site changed (navigation, titles, alerts, reviews or status)',
		};
	if (head.published !== record.published)
		return { reason: 'the files published beside the pages changed' };
	if (!record.drawn) return { reason: 'the last build did not draw every diagram' };
	const pages = [...tree.pages.keys()].filter((path) => !tree.unpublished.has(path));
	if (
		pages.length !== Object.keys(record.pages).length ||
		pages.some((path) => !record.pages[path])
	)
		return { reason: 'pages were added or removed' };
	const inputs = entryInputs(tree, plan, pages);

	const changed = pages.filter((path) => inputs.get(path) !== record.pages[path]?.input);
	if (changed.some((path) => record.pages[path]?.body === null))
		return { reason: 'a changed page is MDX or has pictures the bundler takes' };

	const loaderData = plan.loaderData({ dir: '' });
	const render = await pageRenderer(input);

	if ('reason' in render) return render;
	const files = recordFiles(storeDir);
	const patches: Array<{ path: string; html: string; body: string; date: string }> = [];
	for (const path of changed) {
		const recorded = record.pages[path] as SiteRecord['pages'][string];
		if (loaderData.notices[path]) return { reason: `${path} is published as a notice` };
		const plan = planEntry(await entryInput(loaded, loaderData, path));
		if (plan.kind !== 'markdown') return { reason: `${path} compiles as MDX` };
		let failed: string | undefined;
		const rendered = await renderEntry(
			plan,
			(source) => render(source, join(loaded.root, path)),
			(reason) => (failed = reason),
		);
		if (failed !== undefined) return { reason: `${path} could not be rendered (${failed})` };
		if (rendered.imagePaths.length > 0) return { reason: `${path} has pictures the bundler takes` };
		const parsed = await SiteFrontmatterSchema.safeParseAsync(plan.frontmatter);
		if (!parsed.success) return { reason: `${path} has frontmatter the site's schema refuses` };
		// What its view and page are made of besides the body: the same as the last build's, or this is no body edit.
		if (bodyDigestOf(entryFacts(parsed.data, rendered.metadata)) !== recorded.facts)
			return {
				reason: `${path} changed more than its body (its title, headings, header or metadata)`,
			};
		const page = join(loaded.outDir, pageOutputFile(recorded.route));
		if (!page.startsWith(`${loaded.outDir}${sep}`))
			return { reason: `the route of ${path} is outside the output folder` };
		// Never through a symbolic link, to whatever bytes: what was written is what is checked.
		const old = await readRegularText(page);
		const oldBody = await readRegularText(
			recorded.patched
				? join(files.bodies, htmlFileName(path))
				: join(storeDir, 'cache', pageHtmlFolder, htmlFileName(path)),
		);
		if (
			old === undefined ||
			oldBody === undefined ||
			bodyDigest(oldBody) !== recorded.body ||
			bodyDigest(old) !== recorded.html
		)
			return { reason: `the output of ${path} is not the last build's` };
		// A committed edit also moves the day its header shows (the page's own; nothing else shows it).
		const date = shownDate(
			parsed.data,
			rendered.metadata,
			input.plan.siteData.index.gitDates[path],
		);
		const dated = date === recorded.date ? old : replaceOnce(old, recorded.date, date);
		if (dated === undefined)
			return {
				reason: `the last-updated date of ${path} is not found once in its page, or the page gains or loses one`,
			};
		const at = dated.indexOf(oldBody);
		// The body stands in the page once: a second copy (a body that is also a part of the template) leaves no way to tell which.
		if (at === -1 || dated.indexOf(oldBody, at + 1) !== -1 || oldBody === '')
			return { reason: `the body of ${path} is not found once in its page` };
		patches.push({
			path,
			html: `${dated.slice(0, at)}${rendered.html}${dated.slice(at + oldBody.length)}`,
			body: rendered.html,
			date,
		});
	}

	// From the first write into the output until the new record is written, there is none: a patch
	// that stops halfway (Ctrl-C, a full disk, Pagefind failing) leaves the next build a whole one.
	await rm(files.record, { force: true });
	await mkdir(files.bodies, { recursive: true });
	for (const { path, html, body, date } of patches) {
		await replaceFile(join(loaded.outDir, pageOutputFile(record.pages[path]?.route ?? '/')), html);
		await replaceFile(join(files.bodies, htmlFileName(path)), body);
		record.pages[path] = {
			...(record.pages[path] as SiteRecord['pages'][string]),
			input: inputs.get(path) ?? '',
			body: bodyDigest(body),
			html: bodyDigest(html),
			date,
			patched: true,
		};
	}
	// What a whole build writes after the pages, from the same plan, the same way.
	const changedFiles = patches.map(({ path }) =>
		pageOutputFile(record.pages[path]?.route ?? '/')
			.split(sep)
			.join('/'),
	);
	const search = await writeAfterPages(loaded.outDir, loaded, plan, {
		searchIndex: (besides) =>
			searchIndexOrNone(
				loaded.outDir,
				{
					cacheDir: join(storeDir, 'cache/waymark-search'),
					inPlace: true,
					changed: changedFiles,
					besides,
					...(input.onWaiting && { onIndexing: input.onWaiting }),
					...(input.note && { note: input.note }),
				},
				input.warnUser,
			),
	});
	// Without its search index the output is not what a build of the tree makes: the next build is a whole one.
	if (search) await writeSiteRecord(storeDir, { ...record, publishedFiles: head.publishedFiles });

	return { patched: patches.map((patch) => patch.path), search };
}

/** The site's Markdown renderer as the content loader has Astro make it, its diagrams from the drawing cache. */
async function pageRenderer(
	input: PatchSiteInput,
): Promise<
	| ((source: string, file: string) => Promise<{ html: string; metadata: Record<string, unknown> }>)
	| { reason: string }
> {
	const { loaded, tree, plan, warn, cwd } = input;
	const diagrams = diagramsHooks();
	const logger = { info: () => undefined, warn, error: warn } as unknown as AstroIntegrationLogger;
	await diagrams.prerender({ loaded, tree, command: 'build', cwd, logger });
	await diagrams.close();
	const renderer = await siteProcessor(
		plan.markdown((options) => diagrams.withRehypePlugin(options), noProgress),
	).createRenderer({
		syntaxHighlight: siteSyntaxHighlight,
		shikiConfig: siteShikiConfig,
		gfm: true,
		smartypants: false,
		image: undefined as never,
	});
	// As Astro's content layer renders a loader's Markdown (`renderMarkdown`): its frontmatter split off, the image paths joined.
	return async (source, file) => {
		const { frontmatter, content } = parseFrontmatter(source);
		const { code, metadata } = await renderer.render(content, {
			frontmatter,
			fileURL: pathToFileURL(file),
		});
		const images = [
			...((metadata['localImagePaths'] as string[] | undefined) ?? []),
			...((metadata['remoteImagePaths'] as string[] | undefined) ?? []),
		];
		return { html: code, metadata: { ...metadata, imagePaths: images } };
	};
}

const bodyDigestOf = bodyDigest;

/** The "Last updated" element the page's header shows, as its template writes it, from what the page holds and its last commit. */
function shownDate(
	data: GuidebookFrontmatter,
	metadata: Record<string, unknown>,
	gitDate: string | undefined,
): string {
	const meta = (metadata['frontmatter'] as Record<string, unknown> | undefined)?.['waymark'] as
		PageMeta | undefined;
	const shown = lastUpdatedOf(data, meta?.header, gitDate);
	return lastUpdatedHtml(
		shown ? { lastUpdated: shown.value, lastUpdatedSource: shown.source } : {},
	);
}

/** `text` with its one `from` replaced by `to`; undefined when `from` is empty or not there exactly once (a date gained or lost changes more of the header). */
function replaceOnce(text: string, from: string, to: string): string | undefined {
	const at = text.indexOf(from);
	if (from === '' || to === '' || at === -1 || text.indexOf(from, at + 1) !== -1) return undefined;
	return `${text.slice(0, at)}${to}${text.slice(at + from.length)}`;
}

/** A page's entry input, its file read as the content loader reads it. */
async function entryInput(
	loaded: LoadedConfig,
	data: ContentLoaderData,
	path: string,
): Promise<EntryInput> {
	const read = await readPageText(loaded.root, path);
	const contents = read.ok === true ? read.text : await readFile(join(loaded.root, path), 'utf8');
	const decodedFrom = data.decoded[path];
	return {
		path,
		contents,
		known: data.frontmatter[path],
		dialect: data.dialect,
		mdx: data.mdx,
		toolKeys: data.toolKeys,
		linkDigest: data.linkDigests[path] ?? '',
		pictureKey: data.pictureKeys[path] ?? '',
		...(decodedFrom && { decodedFrom }),
	};
}
