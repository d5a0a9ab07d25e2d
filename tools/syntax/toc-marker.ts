/**
 * A table-of-contents marker alone on a line (GitLab's `[[_TOC_]]` and `[TOC]`, Python-Markdown's
 * `[TOC]` in MkDocs), outside code, becomes the `::toc` directive, which the site renders as the
 * page's table of contents in place. `marker` is the tool's: each says which it writes.
 */
export function rewriteTocMarkers(
	lines: string[],
	literal: readonly boolean[],
	marker: RegExp,
): void {
	for (let i = 0; i < lines.length; i++) {
		if (!literal[i] && marker.test(lines[i] ?? '')) lines[i] = '::toc';
	}
}
