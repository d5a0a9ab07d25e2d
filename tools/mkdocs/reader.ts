import { contentTabSets } from '../../markdown/content-tabs.ts';
import {
	sluggingHeadings,
	type HeadingSlugger,
	type RewritePage,
} from '../../markdown/site-tool.ts';
import { rehypeContentTabs } from '../../markdown/rehype-content-tabs.ts';
import { remarkContentTabs } from '../../markdown/remark-content-tabs.ts';
import { forgeReading } from '../forge-reading.ts';
import type { PageNav } from '../page-nav.ts';
import { sortNotes, type RewrittenSource } from '../rewrite.ts';
import { movedOrigins, rewrittenLineOf } from '../syntax/line-origins.ts';
import { pastedRuns } from '../syntax/pasted-lines.ts';
import { notingPulls } from '../syntax/pulled-file.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { defineReader } from '../tool.ts';
import { replaceEntries, withUnlisted } from '../shown-data.ts';
import { attributeListIds, replaceMkdocsShortcodes } from './shortcodes.ts';
import { splitAttrList } from './attr-lists.ts';
import { excludedByMkdocs, type MkdocsSite } from './config.ts';
import { pythonMarkdownFootnoteIds } from './footnote-ids.ts';
import { pythonMarkdownSlugger } from './heading-ids.ts';
import { mkdocsRun } from './inputs.ts';
import { mkdocsNavigation } from './nav.ts';
import { readPagesFiles } from './nav-config.ts';
import { mkdocsPageUrlTarget } from './page-urls.ts';
import { rehypeFootnoteIds, remarkFootnoteLabels } from './rehype-footnote-ids.ts';
import { rehypeMkdocsIcons } from './rehype-icons.ts';
import { remarkAbbreviations } from './remark-abbreviations.ts';
import { remarkMkdocsShortcodes } from './remark-shortcodes.ts';
import { inputsFromRecord, type MkdocsInputs, type MkdocsRecorded } from './settings.ts';
import { mayHoldMkdocsSyntax, mkdocsPullMarkers, rewriteMkdocsSource } from './source.ts';

/** What Waymark keeps of an MkDocs tree: what `mkdocs.yml` enables and what the pages pulled in (snippets, templates, icons), for the site to read the same. */
export interface MkdocsData {
	[key: string]: unknown;
	recorded?: MkdocsRecorded;
}

const excluded = {
	why: 'a page MkDocs leaves out (`exclude_docs`, `draft_docs`, its defaults such as `templates/` and dot-files, or the `exclude` plugin)',
	fix: 'link to a page MkDocs builds, or stop leaving this one out',
};

/** What the tool reads of a tree once detected (`tools/tool.ts` `ToolReader`): loaded for the tree's tool only. */
export default defineReader<MkdocsData, MkdocsSite>({
	read({ found: site, files }) {
		if (!site) return { data: {} };
		// `exclude_docs` and the `exclude` plugin: no page, no file, no finding, as on the MkDocs site.
		const kept = (path: string) => !excludedByMkdocs(path, site);
		return {
			data: {},
			...(site.siteName && { siteName: site.siteName }),
			leftOut: [{ paths: files.pages.filter((path) => !kept(path)), why: excluded }],
			keeps: kept,
		};
	},
	pull({ root, found: site, pages, texts, puller }) {
		if (!site) return undefined;
		const markers = mkdocsPullMarkers(site.markdown);
		// Pages that may pull files in share one budget (`pulledBudget`): every page when MkDocs appends a snippet to each.
		const including = site.markdown.snippets?.autoAppend.length
			? pages.length
			: [...texts.values()].filter((text) => markers.some((marker) => text.includes(marker)))
					.length;
		const run = mkdocsRun(root, site, pages, including, puller);
		return {
			inputs: run.inputs,
			data: { recorded: run.recorded },
			...(run.config.notes.length > 0 && { config: run.config }),
			// A page's parse reads other files (snippets, includes), which no key of the page cache covers: parsed every run.
			cacheable: () => false,
			pulledFiles: [run.recorded.snippets, run.recorded.includes, run.recorded.markdownIncludes],
		};
	},
	async navigation(pages, { root, found: site, files }) {
		return site
			? mkdocsNavigation(pages, site, await readPagesFiles(root, files.folders, site.navigation))
			: new Map<string, PageNav>();
	},
	// MkDocs has no folder pages of its own.
	folders: { linked: false },
	publishedPages: (_root, pages, site) =>
		site ? pages.filter((path) => !excludedByMkdocs(path, site)) : pages,
	// What pages pull in is each page's own (its entry's digest covers it): Astro's config digest lists the settings only, so a changed snippet renders the pages that pull it in, not every page.
	shownData: (data) =>
		data.recorded
			? {
					recorded: withUnlisted(data.recorded, [
						'snippets',
						'includes',
						'markdownIncludes',
						'icons',
						'pageBudget',
					]),
				}
			: data,
	refreshPulls(held, fresh) {
		const [mkdocs, now] = [held.recorded, fresh.recorded];
		if (!mkdocs || !now) return;
		replaceEntries(mkdocs.snippets, now.snippets);
		replaceEntries(mkdocs.includes, now.includes);
		if (mkdocs.markdownIncludes && now.markdownIncludes)
			replaceEntries(mkdocs.markdownIncludes, now.markdownIncludes);
		replaceEntries(mkdocs.icons, now.icons);
		if (now.pageBudget !== undefined) mkdocs.pageBudget = now.pageBudget;
	},
	inputsThrough(data, through) {
		if (!data.recorded) return undefined;
		const held = inputsFromRecord(data.recorded);
		return {
			...held,
			snippet: (path: string) => through(held.snippet(path)),
			include: (name: string) => through(held.include(name)),
		} satisfies MkdocsInputs;
	},
	pullMarkers: (data) => (data.recorded ? mkdocsPullMarkers(data.recorded.markdown) : []),

	bind(data, parseInputs) {
		const inputs =
			(parseInputs as MkdocsInputs | undefined) ??
			(data?.recorded && inputsFromRecord(data.recorded));
		const markdown = inputs?.markdown;
		const folderUrls = markdown?.directoryUrls !== false;
		const shown =
			data?.recorded &&
			withUnlisted(data.recorded, [
				'snippets',
				'includes',
				'markdownIncludes',
				'icons',
				'pageBudget',
			]);
		return {
			...forgeReading('mkdocs'),
			forge: false,
			// Its macros and include-markdown run `{% %}` and `{{ }}` (and report what they cannot),
			// `attr_list` reads `{: }`, and `:::` is mkdocstrings' autodoc line.
			rendersItself: ['attribute-list', 'template-tag', 'template-variable', 'container'],
			markdown: { indentedCode: true, definitionLists: markdown?.defList === true, emoji: false },
			rewrite: (text, page) => rewriteMkdocs(text, page, inputs),
			headingSlugger: pythonMarkdownHeadings,
			headingText: (text) => splitAttrList(text).text,
			headingTitle: (text) => splitAttrList(text).text,
			// Before heading ids: an icon adds nothing to an id, as on MkDocs.
			afterParse: (tree) =>
				inputs
					? replaceMkdocsShortcodes(tree, inputs).map((unknown) => ({
							...unknown.position,
							severity: 'warning' as const,
							message: unknownShortcodeMessage(unknown.name),
						}))
					: [],
			anchors(tree, page) {
				const added: string[] = [];
				const taken = new Set(page.anchors);
				const add = (id: string) => {
					added.push(id);
					taken.add(id);
				};
				if (markdown?.footnotes && page.text.includes('[^'))
					for (const id of pythonMarkdownFootnoteIds(tree).anchors) add(id);
				// `attr_list` ids on paragraphs, links and pictures (`{: #security-note }`), as MkDocs writes them.
				if (markdown?.attrList && page.text.includes('#'))
					for (const id of attributeListIds(tree)) add(id);
				if (page.text.includes('tab['))
					for (const set of contentTabSets(tree, markdown?.tabbed, page.headingId, new Set(taken)))
						for (const tab of set.tabs) add(tab.id);
				return added;
			},
			links: {
				// What its file does not reach, the browser may from the page's address (`page-urls.ts`); MkDocs rewrites only links to files, and a folder is none: `./` is the page itself.
				asUrl(fromRoute, href, tree) {
					const reached = mkdocsPageUrlTarget(fromRoute, href, tree, folderUrls);
					if (reached?.kind === 'asset')
						return folderUrls ? { ...reached, byPageUrl: true } : undefined;
					return reached;
				},
				urlsFirst: true,
				siteUrls: folderUrls ? ['asset'] : [],
			},
			// MkDocs copies every file of `docs_dir`.
			publishedWhole: '',
			plugins: {
				...(inputs && { beforeHeadingIds: [[remarkMkdocsShortcodes, { inputs }]] }),
				afterHeadingIds: [
					[remarkContentTabs, { ...(markdown?.tabbed && { tabbed: markdown.tabbed }) }],
					...(markdown?.abbr ? [remarkAbbreviations] : []),
				],
				...(markdown?.footnotes && { lastRemark: [remarkFootnoteLabels] }),
				// The icons plugin takes the record, whose icons are not listed: they stay out of Astro's config digest.
				rehype: [
					rehypeContentTabs,
					[rehypeMkdocsIcons, shown ?? { icons: {} }],
					...(markdown?.footnotes ? [rehypeFootnoteIds] : []),
				],
			},
			digest: data?.recorded?.markdown ?? null,
		};
	},
});

/** Ids as Python-Markdown's `toc` spells them, an attribute list setting one and never shown. */
function pythonMarkdownHeadings(): HeadingSlugger {
	return sluggingHeadings(pythonMarkdownSlugger(), (raw) => splitAttrList(raw).text);
}

/** A page's MkDocs syntax (macros, snippets, includes, admonitions, tabs, `[TOC]`) as the site renders it; lines pulled in are mapped back (`origins`). */
function rewriteMkdocs(
	text: string,
	page: RewritePage,
	reads: MkdocsInputs | undefined,
): RewrittenSource {
	const notes: SourceNote[] = [];
	if (!mayHoldMkdocsSyntax(text, reads)) return { text, notes };
	const pulled = new Set<string>();
	const noted = notingPulls(pulled);
	const inputs: MkdocsInputs | undefined = reads && {
		...reads,
		snippet: (name) => noted(reads.snippet(name)),
		include: (name) => noted(reads.include(name)),
		markdownInclude: (path) => noted(reads.markdownInclude(path)),
	};
	const rewritten = rewriteMkdocsSource(
		text,
		{ path: page.path, ...(page.frontmatter && { meta: page.frontmatter }) },
		inputs,
		notes,
	);
	const origins = movedOrigins(rewritten.origins);
	for (const note of notes) note.line = rewrittenLineOf(note.line, origins);
	const pasted = pastedRuns(rewritten.lines, rewritten.pasted);
	return {
		text: rewritten.lines.join('\n'),
		notes: sortNotes(notes),
		...(origins && { origins }),
		...(pasted && { pasted }),
		...(pulled.size > 0 && { pulled: [...pulled] }),
	};
}

function unknownShortcodeMessage(name: string): string {
	return /^(?:material|fontawesome|octicons|simple)-/.test(name)
		? `Unexpected icon shortcode \`:${name}:\`, expected an icon of Material for MkDocs' sets (\`material-\`, \`fontawesome-brands-\`, \`fontawesome-regular-\`, \`fontawesome-solid-\`, \`octicons-\`, \`simple-\`); it is shown as text`
		: `Unexpected emoji shortcode \`:${name}:\`, expected an emoji name from GitHub's list (gemoji); it is shown as text`;
}
