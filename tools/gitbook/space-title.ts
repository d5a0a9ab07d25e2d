import { atxHeading } from '../syntax/atx-heading.ts';
import { literalLines } from '../syntax/code-lines.ts';

/**
 * The headings GitBook itself writes at the top of `SUMMARY.md` when it syncs a space to git: a
 * summary headed by one of them names nothing.
 */
const summaryHeadings = new Set(['table of contents', 'contents', 'summary']);

/**
 * The space's title as the site's. A GitBook space's name lives in GitBook, not in the repository
 * Git Sync writes, so the nearest thing the repository holds stands in for it: the title a team
 * gave `SUMMARY.md` in place of GitBook's own "Table of contents", else the title of the space's
 * first page (`structure.readme`), which GitBook shows at the top of the space. `undefined` when
 * neither has one (the site's default title then, or `site.title` in Waymark's config).
 */
export function gitbookSpaceTitle(
	summary: string | undefined,
	readme: string | undefined,
): string | undefined {
	const summaryTitle = summary === undefined ? undefined : firstH1(summary);
	if (summaryTitle && !summaryHeadings.has(summaryTitle.toLowerCase())) return summaryTitle;
	return readme === undefined ? undefined : firstH1(readme);
}

/** The text of the first level-1 ATX heading outside code and front matter, its `*` and backtick marks left out (an underscore may be part of a name). */
function firstH1(text: string): string | undefined {
	const lines = text.split('\n');
	const literal = literalLines(lines);
	for (const [i, line] of lines.entries()) {
		if (literal[i]) continue;
		const heading = atxHeading(line);
		const title = heading?.level === 1 ? heading.text.replace(/[*`]/g, '').trim() : undefined;
		if (title) return title;
	}
	return undefined;
}
