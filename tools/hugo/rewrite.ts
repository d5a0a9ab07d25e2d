import type { RewritePage } from '../../markdown/site-tool.ts';
import { gitlabDocsShortcodes } from '../gitlab/docs-shortcodes.ts';
import { hasHugoShortcode } from '../gitlab/rewrite.ts';
import { sortNotes, unchanged, type RewrittenSource } from '../rewrite.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { blankJsonFrontmatter } from './json-frontmatter.ts';
import { hugoContentOf } from './ref.ts';
import { rewriteHugoShortcodes } from './shortcodes.ts';
import type { HugoData } from './data.ts';
import { expandHugoReadfiles, mayReadfile } from './readfile.ts';
import { afterExpansion } from '../syntax/expanded-source.ts';
import { notingPulls } from '../syntax/pulled-file.ts';
import type { Reads } from '../syntax/recorded-reads.ts';

/**
 * A Hugo page's own syntax as the site renders it: the files its `readfile`s name pasted in
 * (`reads`, noted as what the page pulled in), its JSON front matter blanked (metadata, which the
 * tree reads, never text), its shortcodes drawn (in code too, as Hugo runs them there; a GitLab
 * project's docs with docs.gitlab.com's own shortcodes first).
 */
export function rewriteHugoSource(
	text: string,
	page: RewritePage,
	data: HugoData | undefined,
	reads?: Reads,
): RewrittenSource {
	const places = data?.readfile?.places;
	if (!reads || !places || !mayReadfile(text)) return rewriteHugoPage(text, page, data);
	const pulled = new Set<string>();
	const noted = notingPulls(pulled);
	const expanded = expandHugoReadfiles(text, page.path, {
		reads: { read: (path) => noted(reads.read(path)), pageBudget: reads.pageBudget },
		places,
	});
	const rewritten = rewriteHugoPage(expanded?.text ?? text, page, data);
	const withPulls = pulled.size > 0 ? { ...rewritten, pulled: [...pulled] } : rewritten;
	return expanded ? afterExpansion(expanded, withPulls) : withPulls;
}

/** The page's own syntax, any `readfile` already pasted (`readfile.ts`). */
function rewriteHugoPage(
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
