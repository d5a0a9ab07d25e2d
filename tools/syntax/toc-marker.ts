import type { Dialect } from '../dialect.ts';

const gitlabMarker = /^ {0,3}(?:\[\[_TOC_\]\]|\[TOC\])[ \t]*$/i;
const mkdocsMarker = /^ {0,3}\[TOC\][ \t]*$/;

/**
 * GitLab's `[[_TOC_]]` and `[TOC]`, and Python-Markdown's `[TOC]` (MkDocs), alone on a line, become
 * the `::toc` directive, which the site renders as the page's table of contents in place.
 */
export function rewriteTocMarkers(lines: string[], literal: readonly boolean[], dialect: Dialect): void {
	const marker = dialect === 'gitlab' ? gitlabMarker : dialect === 'mkdocs' ? mkdocsMarker : undefined;
	if (!marker) return;
	for (let i = 0; i < lines.length; i++) {
		if (!literal[i] && marker.test(lines[i] ?? '')) lines[i] = '::toc';
	}
}
