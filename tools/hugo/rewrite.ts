import type { RewritePage } from '../../markdown/site-tool.ts';
import { gitlabDocsShortcodes } from '../gitlab/docs-shortcodes.ts';
import { hasHugoShortcode } from '../gitlab/rewrite.ts';
import { sortNotes, unchanged, type RewrittenSource } from '../rewrite.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { blankJsonFrontmatter } from './json-frontmatter.ts';
import { hugoContentOf } from './ref.ts';
import { rewriteHugoShortcodes } from './shortcodes.ts';
import type { HugoData } from './data.ts';

/**
 * A Hugo page's own syntax as the site renders it: its JSON front matter blanked (metadata, which
 * the tree reads, never text), its shortcodes drawn (in code too, as Hugo runs them there; a GitLab
 * project's docs with docs.gitlab.com's own shortcodes first).
 */
export function rewriteHugoSource(
	text: string,
	page: RewritePage,
	data: HugoData | undefined,
): RewrittenSource {
	if (!hasHugoShortcode(text) && !/^\uFEFF?\s*\{/.test(text)) return unchanged(text);
	const notes: SourceNote[] = [];
	const lines = text.split('\n');
	blankJsonFrontmatter(lines);
	const content = data?.links ? hugoContentOf(data.links).hugoContent : undefined;
	const result = rewriteHugoShortcodes(
		lines.join('\n'),
		{
			path: page.path,
			pages: page.pages,
			params: data?.params ?? {},
			runsInCode: true,
			...(data?.gitlabDocs && { site: gitlabDocsShortcodes }),
			...(content && { content }),
		},
		notes,
	);
	return { text: result, notes: sortNotes(notes) };
}
