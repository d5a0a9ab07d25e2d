import { rewriteHugoShortcodes } from '../hugo/shortcodes.ts';
import type { RewritePage } from '../../markdown/site-tool.ts';
import { sortNotes, unchanged, type RewrittenSource } from '../rewrite.ts';
import { literalLines } from '../syntax/code-lines.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { rewriteTocMarkers } from '../syntax/toc-marker.ts';
import { gitlabDocsShortcodes } from './docs-shortcodes.ts';

/** `[[_TOC_]]` and `[TOC]`, in any case, alone on a line. */
const tocMarker = /^ {0,3}(?:\[\[_TOC_\]\]|\[TOC\])[ \t]*$/i;

/**
 * A GitLab page's own syntax as the site renders it: its table-of-contents markers, and the
 * shortcodes of docs.gitlab.com (GitLab itself shows `{{< … >}}` as text: a GitLab tree using them
 * is written for that Hugo site, which draws its own; code is shown as written there).
 */
export function rewriteGitlabSource(text: string, page: RewritePage): RewrittenSource {
	if (!/\[(?:\[_TOC_\]|TOC)\]/i.test(text) && !hasHugoShortcode(text)) return unchanged(text);
	const notes: SourceNote[] = [];
	const lines = text.split('\n');
	rewriteTocMarkers(lines, literalLines(lines), tocMarker);
	let result = lines.join('\n');
	if (hasHugoShortcode(text))
		result = rewriteHugoShortcodes(
			result,
			{
				path: page.path,
				pages: page.pages,
				params: {},
				runsInCode: false,
				site: gitlabDocsShortcodes,
			},
			notes,
		);
	return { text: result, notes: sortNotes(notes) };
}

export const hasHugoShortcode = (text: string): boolean =>
	text.includes('{{<') || text.includes('{{%');
