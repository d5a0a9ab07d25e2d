import { noProgress, type Progress } from '../core/progress.ts';
import { collectGuidebookFiles, type GuidebookFiles } from './walk-files.ts';
import { noticePage, parsePage, type PageModel } from './parse-page.ts';
import { findSiteConflicts } from './site-conflicts.ts';
import type { MarkdownParser } from '../src/markdown/native-parse.ts';
import { readPageText } from './read-page.ts';

/** The whole guidebook tree, read and parsed once per run. */
export interface GuidebookTree {
	root: string;
	files: GuidebookFiles;
	/** Parsed pages by relative path. */
	pages: Map<string, PageModel>;
	/** Pages that could not be read as Markdown; reported by the `readable-files` rule. */
	unreadable: Unreadable[];
	/** Pages and files the site leaves out because another owns their place in the output (`site-conflicts.ts`); checked all the same. */
	unpublished: Set<string>;
}

type Unreadable = { path: string; reason: string; hint: string; line: number };

/** What one page may be before it is published as a notice instead (`checks.maxPageBytes`, `checks.maxNestingDepth`). */
export interface PageLimits {
	maxPageBytes?: number;
	maxNestingDepth?: number;
	/** `remark` only when the command layer was asked for it (`WAYMARK_PARSER=remark`). @default 'native' */
	parser?: MarkdownParser;
}

/** `checks.maxPageBytes` when the config does not say. */
const defaultMaxPageBytes = 2 * 1024 * 1024;

/** Reads and parses every page under `root`, ticking `progress` per page. A page that fails never stops the others. */
export async function loadGuidebookTree(root: string, limits: PageLimits = {}, progress: Progress = noProgress): Promise<GuidebookTree> {
	const files = await collectGuidebookFiles(root);
	const tree: GuidebookTree = { root, files, pages: new Map(), unreadable: [], unpublished: new Set() };
	// Reads overlap (64 at a time) while parsing stays in page order, so reports are stable.
	for (let i = 0; i < files.pages.length; i += 64) {
		const batch = files.pages.slice(i, i + 64).map((path) => loadPage(root, path, limits));
		for (const loaded of batch) {
			const page = await loaded;
			if ('reason' in page) tree.unreadable.push(page);
			else tree.pages.set(page.path, page);
			progress.tick(page.path);
		}
	}
	const conflicts = findSiteConflicts(tree.pages.values(), files.assets);
	tree.unpublished = conflicts.unpublished;
	files.problems.push(...conflicts.problems);
	return tree;
}

/** One page, read and parsed; or why it cannot be read. A page over `maxPageBytes` is not read and becomes a notice page. */
export async function loadPage(root: string, path: string, limits: PageLimits = {}): Promise<PageModel | Unreadable> {
	const maxPageBytes = limits.maxPageBytes ?? defaultMaxPageBytes;
	const read = await readPageText(root, path, maxPageBytes);
	if (read.ok === 'too-large') return noticePage(path, `page of ${formatBytes(read.bytes)}, more than \`checks.maxPageBytes\` (${formatBytes(maxPageBytes)})`);
	if (!read.ok) return { path, reason: read.reason, hint: read.hint, line: read.line };
	try {
		// Every page goes through the site's parser, whatever its size (a 5 MB page takes about 2 s);
		// `parsePage` turns a page nested too deeply to parse into a notice page.
		return parsePage(path, read.text, limits.maxNestingDepth, limits.parser);
	} catch (error) {
		// The parser accepts any text; this guards against a bug of ours taking the run down.
		return { path, reason: `it could not be parsed (${(error as Error).message})`, hint: 'Report this page to the Waymark maintainers.', line: 1 };
	}
}

function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
