import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { routeTaken } from '../tree/site-conflicts.ts';
import { loadGuidebookTree, treeParseContext, type GuidebookTree } from '../tree/load-tree.ts';
import { noticePage, parsePage, type PageModel } from '../tree/parse-page.ts';
import { siteFilesOf } from '../tree/site-files.ts';
import { hasControlCharacter } from '../tree/walk-files.ts';
import { pageNoticeHtml } from '../markdown/page-notice.ts';
import type { Trust } from '../core/trust.ts';
import type { MarkdownParser } from '../core/environment.ts';
import { defaultSiteTitle } from '../config/site.ts';
import { forgeRepoFrom, sitePlace } from '../markdown/forge-links.ts';
import type { Config } from '../config/load-config.ts';
import { resolveDiagramCacheDir } from '../diagrams/prerender.ts';
import { pagesChangedSince } from '../checks/changed-since.ts';
import { runChecks, type CheckReport } from '../checks/engine.ts';
import type { Finding } from '../checks/finding.ts';
import { escapeHtml } from '../core/escape.ts';
import { diffRenderedHtml } from './diff.ts';
import { listPageChanges, readBaseFiles, type PageChange } from './git.ts';
import type { PulledFile } from '../tools/syntax/pulled-file.ts';
import { toolNamed } from '../tools/index.ts';
import { pullAtCommit } from '../tree/pull-file.ts';
import { fromRootOf } from '../tree/repository.ts';
import { injectBanners, siteHead, withBanner } from './inject.ts';
import {
	bannerHtml,
	changesBody,
	diffIntro,
	diffRoutesFor,
	previewRoutes,
	previewStylesheet,
	shellPage,
	type PreviewManifest,
	type PreviewPage,
} from './pages.ts';
import { createPageRenderer } from './render.ts';
import type { Progress } from '../core/progress.ts';
import { packageFile } from '../core/package.ts';
import { waymarkPaths } from '../config/own-paths.ts';

export interface WritePreviewOptions {
	/** Absolute guidebook root (inside a git work tree). */
	root: string;
	/** A built site (`waymark build` output) to add the preview to. */
	outDir: string;
	/** Git ref to compare the working tree with. */
	ref: string;
	config: Config;
	/** The tree as the build read it; read again when absent. */
	tree?: GuidebookTree;
	/** The build's check report on that tree: its findings on the changed pages are shown instead of running every rule again. */
	report?: CheckReport;
	/** Whose tree this is; an untrusted one's pages render sanitised, `.mdx` as Markdown. @default 'trusted' */
	trust?: Trust;
	/** How pages are parsed (`WAYMARK_PARSER`, read by the command layer). @default 'native' */
	parser?: MarkdownParser;
	/** Ticked once per page diffed (the command's watchdog). */
	progress?: Progress;
}

/**
 * Adds a reviewer preview to a built site: a banner on every page, `/_waymark/changes/` (changed
 * pages with their findings), a rendered diff per changed page under `/_waymark/diff/`, and
 * `/_waymark/changes.json`. Plain files, so any static host serves them.
 */
export async function writePreview(options: WritePreviewOptions): Promise<PreviewManifest> {
	const { root, outDir, ref, config } = options;
	const base = config.site.base;
	const trust = options.trust ?? 'trusted';
	const parser = options.parser ?? 'native';
	const tree =
		options.tree ??
		(await loadGuidebookTree(root, {
			dialect: config.dialect,
			limits: config.checks,
			parser,
			own: waymarkPaths({ stateDir: config.stateDir, outDir, config }),
		}));
	const { commit, changes: listed, others } = await listPageChanges(root, ref, tree);
	// A page the site leaves out (its place belongs to another, a name no URL can carry, excluded by
	// the tree's tool, unreadable) has no page, and no diff, here either; a removed one, only where
	// no URL could lead to its diff.
	const changes = listed.filter((change) =>
		change.status === 'removed'
			? !routeTaken(change.route) && !hasControlCharacter(change.path)
			: tree.pages.has(change.path) && !tree.unpublished.has(change.path),
	);
	const files = siteFilesOf(tree);
	const siteTitle = config.site.title ?? tree.siteName ?? defaultSiteTitle;
	// Links that leave the root resolve as on the site: back into the tree, or to the forge.
	const repo = forgeRepoFrom(config.site);
	const place = tree.place && sitePlace(tree.place);
	const render = await createPageRenderer(
		{
			root,
			title: siteTitle,
			base,
			editUrl: config.site.editUrl ?? null,
			...(place && { place }),
			...(repo && { repo }),
		},
		{ trust, allowRawHtml: trust === 'trusted' && config.site.allowRawHtml },
		files,
		{ config: config.diagrams, cacheDir: resolveDiagramCacheDir(config.diagrams) },
		parser,
	);
	const { findings, error } = await findingsOnChanges(
		root,
		config,
		tree,
		commit,
		options.report,
		trust,
	);
	// A page the site shows as a notice is never rendered here either.
	const renderPage = async (page: PageModel): Promise<string> =>
		page.notice ? pageNoticeHtml(page.notice) : render(page.text, page.path);

	const manifest: PreviewManifest = {
		version: 1,
		ref,
		commit,
		pages: [],
		...(error && { checksError: error }),
		others,
	};
	const diffs = new Map<string, { head: string | undefined; diff: string }>();
	const diffRoutes = diffRoutesFor(changes);
	const baseTexts = await readBaseFiles(
		root,
		commit,
		changes.filter((c) => c.status !== 'added').map((c) => c.from?.path ?? c.path),
	);
	// The base side is read as the tree is: as its tool reads it, with the same limits, and the files
	// pages pull in as they were at the base.
	const atBase = await pullsAtBase(root, commit, tree, changes, others);
	const tool = toolNamed(tree.dialect.name);
	const inputs = tree.toolData ? tool.inputsThrough?.(tree.toolData, atBase) : undefined;
	const baseContext = {
		...treeParseContext(tree),
		...(inputs !== undefined && { tool: tool.bind(tree.toolData, inputs) }),
		maxNestingDepth: config.checks.maxNestingDepth,
		parser,
	};
	for (const change of changes) {
		const headPage = change.status === 'removed' ? undefined : tree.pages.get(change.path);
		const basePath = change.from?.path ?? change.path;
		const baseText = change.status === 'added' ? undefined : baseTexts.get(basePath);
		const basePage =
			baseText === undefined
				? undefined
				: baseText.length > config.checks.maxPageBytes
					? noticePage(basePath, 'page larger than `checks.maxPageBytes`', baseContext)
					: parsePage(basePath, baseText, baseContext);
		const headHtml = headPage ? await renderPage(headPage) : undefined;
		const baseHtml = basePage ? await renderPage(basePage) : undefined;
		const [baseMeta, headMeta] = [pageMeta(basePage), pageMeta(headPage)];
		const withMeta = baseMeta !== headMeta && basePage && headPage;
		const diff = diffRenderedHtml(
			withMeta ? baseMeta + (baseHtml ?? '') : baseHtml,
			withMeta ? headMeta + (headHtml ?? '') : headHtml,
		);
		const page: PreviewPage = {
			...change,
			title: headPage?.title || basePage?.title || change.path,
			diffRoute: diffRoutes.get(change) ?? '',
			...(change.through && { through: change.through }),
			counts: diff.counts,
			...(diff.whole && { whole: true }),
			findings: change.status === 'removed' ? [] : findings.filter((f) => f.file === change.path),
		};
		manifest.pages.push(page);
		diffs.set(page.diffRoute, { head: headHtml, diff: diff.html });
		options.progress?.tick(`diffed ${change.path}`);
	}

	const css = previewStylesheet(base);
	const head = `${await siteHead(outDir)}\n${css}`;
	await put(
		outDir,
		previewRoutes.stylesheet,
		await readFile(packageFile('preview', 'preview.css'), 'utf8'),
	);
	await put(outDir, '/_waymark/changes.json', `${JSON.stringify(manifest, null, '\t')}\n`);
	await put(
		outDir,
		previewRoutes.changes,
		shellPage({
			title: `Changes since ${ref}`,
			siteTitle,
			head,
			banner: bannerHtml(manifest, base),
			body: changesBody(manifest, base),
		}),
	);
	for (const page of manifest.pages) {
		const { head: headHtml, diff } = diffs.get(page.diffRoute)!;
		const body = `${diffIntro(page, manifest, base)}\n<div class="waymark-diff">${diff}</div>`;
		const built =
			page.status === 'removed' || headHtml === undefined
				? undefined
				: await readFile(pageFile(outDir, page.route), 'utf8').catch(() => undefined);
		// The page as built, its content swapped for the diff, keeps the site's chrome; when the
		// layout changed the rendered HTML on the way, a plain page in the site's styles does.
		const inPlace =
			built && headHtml && built.includes(headHtml)
				? withBanner(
						built.replace(headHtml, () => body).replace(/<title>/i, '<title>Changes to '),
						bannerHtml(manifest, base),
						css,
					)
				: undefined;
		await put(
			outDir,
			page.diffRoute,
			inPlace ??
				shellPage({
					title: `Changes to ${page.title}`,
					siteTitle,
					head,
					banner: bannerHtml(manifest, base),
					body,
				}),
		);
	}
	await injectBanners(outDir, manifest, base);
	return manifest;
}

/**
 * What a file the changed pages pull in was at `commit`, from what it is now: the base side of a
 * page reached through a snippet or an included file, or changed with one, shows it as it was. Only
 * files a listed page pulls in and the branch changed are read (never its pictures), each judged
 * as the head's are (`pullAtCommit`: size, text, secrets by name and content).
 */
async function pullsAtBase(
	root: string,
	commit: string,
	tree: GuidebookTree,
	changes: readonly PageChange[],
	others: readonly string[],
): Promise<(read: PulledFile) => PulledFile> {
	// From the root, as pages name what they pull: a file elsewhere in the repository as `../../examples/a.toml`.
	const changedFiles = new Set([
		...others.map((path) => fromRootOf(tree.place?.rootPath ?? '', path)),
		...changes.flatMap((change) => [
			change.path,
			...(change.from ? [change.from.path] : []),
			...(change.through ?? []),
		]),
	]);
	const pulled = new Set(
		changes
			.flatMap((change) => tree.pages.get(change.path)?.pulled ?? [])
			.filter((file) => changedFiles.has(file)),
	);
	if (pulled.size === 0) return (read) => read;
	const texts = await readBaseFiles(root, commit, [...pulled]);
	const atBase = new Map(
		await Promise.all(
			[...pulled].map(async (file) => [file, await pullAtCommit(texts.get(file), file)] as const),
		),
	);
	// The name resolves at the base as now, place by place: the first place that held a file then
	// answers. A changed place answers as the base had it; an unchanged one as now (a place only
	// looked in held nothing, the place read holds the same file).
	return (read) => {
		const file = 'file' in read ? read.file : undefined;
		const places = [...(read.tried ?? []), ...(file !== undefined ? [file] : [])];
		if (!places.some((place) => atBase.has(place))) return read;
		for (const place of places) {
			const base = atBase.get(place);
			if (base === undefined) {
				if (place === file) return read;
			} else if (!('problem' in base && base.problem === 'not found')) return base;
		}
		return { problem: 'not found' };
	};
}

async function findingsOnChanges(
	root: string,
	config: Config,
	tree: GuidebookTree,
	commit: string,
	built: CheckReport | undefined,
	trust: Trust,
): Promise<{ findings: Finding[]; error?: string }> {
	try {
		if (built) {
			const targets = await pagesChangedSince(tree, commit);
			// A rule's internal error is reported on `.`; the engine keeps it whatever the selection.
			return { findings: built.findings.filter((f) => f.file === '.' || targets.has(f.file)) };
		}
		const report = await runChecks({ root, config, tree, changedSince: commit, trust });
		return { findings: report.findings };
	} catch (error) {
		// A preview without findings is still worth having; the changes page says why they are missing.
		return { findings: [], error: (error as Error).message };
	}
}

/** Title and status as the page header shows them; the diff compares them when they changed. */
function pageMeta(page: PageModel | undefined): string {
	if (!page) return '';
	const status = page.headerBlock?.statusLabel ?? page.headerBlock?.status;
	return `<p class="waymark-diff-meta">Title: ${escapeHtml(page.title)}</p>${status ? `<p class="waymark-diff-meta">Status: ${escapeHtml(status)}</p>` : ''}`;
}

function pageFile(outDir: string, route: string): string {
	return join(outDir, route, 'index.html');
}

async function put(outDir: string, route: string, content: string): Promise<void> {
	const file = route.endsWith('/') ? pageFile(outDir, route) : join(outDir, route);
	await mkdir(dirname(file), { recursive: true });
	await writeFile(file, content);
}
