import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Plugin } from 'unified';
import { astroFrontmatter } from '../markdown/page-path.ts';
import { takesRawAsParsed } from '../markdown/raw-as-parsed.ts';
import { walkElements } from '../markdown/walk-hast.ts';
import { describeMermaidError, type DiagramProblem } from './diagram-errors.ts';
import type { DiagramLookup } from './diagram-service.ts';
import { clientFigure, failedFigure, svgFigure, type DiagramHeading } from './diagram-markup.ts';

/** Set on a page's frontmatter (`remarkPluginFrontmatter.waymarkDiagrams`) so the layout adds the loader only where needed. */
type PageDiagrams = { count: number; mode: 'svg' | 'client' };

/**
 * Replaces each ```` ```mermaid ```` block (`<pre><code class="language-mermaid">`, or Shiki's
 * `<pre data-language="mermaid">`) with its drawn SVG, looked up by content in the diagram
 * service (filled before the build renders pages), named after the heading above it (or the
 * page title) unless it has an `accTitle`. A diagram that cannot be drawn becomes a
 * notice saying why, above its source: the drawing's error, or without a browser `failureOf`
 * (mermaid's parser, run before the build).
 */
export const rehypeDiagrams: Plugin<
	[
		{
			service: DiagramLookup;
			mode?: 'svg' | 'client';
			failureOf?: (source: string) => DiagramProblem | undefined;
		},
	],
	Root
> = ({ service, failureOf }) => {
	return async (tree, file) => {
		const found: Array<{
			parent: Element | Root;
			index: number;
			source: string;
			heading: DiagramHeading | undefined;
		}> = [];
		// Above the first heading of the body, the page title names the diagram (the H1 is lifted into the page header).
		const frontmatter = astroFrontmatter(file);
		const title =
			(typeof frontmatter['title'] === 'string' && frontmatter['title']) ||
			(frontmatter['waymark'] as { h1?: string } | undefined)?.h1;
		let heading: DiagramHeading | undefined = title ? { text: title } : undefined;
		walkElements(tree, (node, parent, index) => {
			if (/^h[1-6]$/.test(node.tagName)) {
				const text = toString(node).trim();
				heading = text
					? { text, ...(typeof node.properties.id === 'string' && { id: node.properties.id }) }
					: heading;
				return 'skip';
			}
			if (node.tagName !== 'pre') return;
			const code = node.children.find(
				(c): c is Element => c.type === 'element' && c.tagName === 'code',
			);
			const classes = [node.properties.className, code?.properties.className].flat().map(String);
			if (!classes.includes('language-mermaid') && node.properties.dataLanguage !== 'mermaid')
				return;
			found.push({ parent, index, source: toString(code ?? node).replace(/\n$/, ''), heading });
			return 'skip';
		});
		if (found.length === 0) return;
		const seen = new Map<string, number>();
		for (const { parent, index, source, heading } of found) {
			const rendering = service.mode === 'svg' ? await service.get(source) : undefined;
			const failure =
				rendering && !rendering.ok
					? describeMermaidError(rendering.error, source)
					: service.mode === 'client'
						? failureOf?.(source)
						: undefined;
			if (failure) {
				parent.children[index] = failedFigure(source, failure);
			} else if (service.mode === 'client') {
				parent.children[index] = clientFigure(source, heading);
			} else if (rendering?.ok) {
				const occurrence = seen.get(source) ?? 0;
				seen.set(source, occurrence + 1);
				parent.children[index] = svgFigure(rendering, source, occurrence, {
					heading,
					asText: file.data[takesRawAsParsed] === true,
				});
			}
		}
		frontmatter['waymarkDiagrams'] = {
			count: found.length,
			mode: service.mode,
		} satisfies PageDiagrams;
	};
};
