import type { Element, ElementContent, Root, Text } from 'hast';
import type { VFile } from 'vfile';
import { findPlaceholders } from './label-template.ts';
import { walkHast } from './walk-hast.ts';
import { astroFrontmatter } from './page-path.ts';

/** Elements whose text is never a placeholder: code blocks (Shiki marks theirs), scripts, drawings. */
const skipped = new Set(['pre', 'script', 'style', 'textarea', 'svg', 'template']);

// Shiki's decorations write `class` (a string), hastscript `className` (a list). Asked of every
// element of every page: no lists made to ask it.
const isPlaceholder = (node: Element): boolean => {
	const { className, class: classes } = node.properties;
	if (Array.isArray(className) ? className.includes('wm-ph') : className === 'wm-ph') return true;
	const written = String(classes ?? '');
	return written.includes('wm-ph') && written.split(' ').includes('wm-ph');
};

/**
 * Marks `{{ $labels.NAME }}` in the page's text (prose, inline code, tables) as `span.wm-ph`, as
 * Shiki's step marks code blocks (`placeholder-decorations.ts`), and records every label the page's
 * placeholders name, text and code, in its frontmatter (`waymarkLabels`, sorted): the page then
 * gets its alert context region and script. `<name>` is a placeholder only in code blocks.
 */
export function rehypePlaceholders() {
	return (tree: Root, file: VFile) => {
		const labels = new Set<string>();
		walkHast(tree, (node, parent, index) => {
			if (node.type === 'element') {
				if (isPlaceholder(node)) {
					labels.add(String(node.properties['dataLabel']));
					return 'skip';
				}
				if (node.tagName === 'pre') collectMarked(node, labels);
				return skipped.has(node.tagName) ? 'skip' : undefined;
			}
			if (node.type !== 'text' || !parent || index === undefined) return undefined;
			const found = findPlaceholders(node.value, { angle: false });
			if (found.length === 0) return undefined;
			const parts: ElementContent[] = [];
			let at = 0;
			for (const p of found) {
				if (p.start > at) parts.push(text(node.value.slice(at, p.start)));
				parts.push({
					type: 'element',
					tagName: 'span',
					properties: {
						className: ['wm-ph'],
						dataLabel: p.name,
						dataKind: p.kind,
						...(p.pipes.length > 0 && { dataPipes: p.pipes.join(' ') }),
					},
					children: [text(node.value.slice(p.start, p.end))],
				});
				labels.add(p.name);
				at = p.end;
			}
			if (at < node.value.length) parts.push(text(node.value.slice(at)));
			// The walk goes on over the parts: texts without placeholders and marked spans it skips.
			parent.children.splice(
				index,
				1,
				...(parts as Array<Root['children'][number] & ElementContent>),
			);
			return 'skip';
		});
		if (labels.size > 0) astroFrontmatter(file)['waymarkLabels'] = [...labels].sort();
	};
}

const text = (value: string): Text => ({ type: 'text', value });

/** The labels of the placeholders Shiki marked in a code block. */
function collectMarked(pre: Element, labels: Set<string>): void {
	const visit = (node: ElementContent): void => {
		if (node.type !== 'element') return;
		if (isPlaceholder(node)) labels.add(String(node.properties['dataLabel']));
		else node.children.forEach(visit);
	};
	pre.children.forEach(visit);
}

/** Whether a code block holds a placeholder Shiki marked. */
export function holdsPlaceholder(pre: Element): boolean {
	const labels = new Set<string>();
	collectMarked(pre, labels);
	return labels.size > 0;
}
