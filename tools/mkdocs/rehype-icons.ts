import type { Element, ElementContent, Root } from 'hast';
import type { fromHtml } from 'hast-util-from-html';
import { lazyModule } from '../../core/lazy-module.ts';
import { walkElements } from '../../markdown/walk-hast.ts';

// Loaded on the first icon: every tool is in the registry `check` loads, and only a site's icons need it.
const html = lazyModule<{ fromHtml: typeof fromHtml }>('hast-util-from-html');

/**
 * Fills each `<span data-icon="octicons-link-external-16">` that `remark-mkdocs-shortcodes.ts`
 * left with the icon's SVG, sized and coloured like the text around it (`site.css`, `.wm-icon`).
 * Runs after the HTML sanitiser: the SVG is Waymark's, from the icon sets it ships, never the
 * page's; a name the run did not record stays an empty span.
 */
export function rehypeMkdocsIcons(options: { icons: Readonly<Record<string, string>> }) {
	const parsed = new Map<string, ElementContent[]>();
	const svgOf = (name: string): ElementContent[] | undefined => {
		if (!Object.hasOwn(options.icons, name)) return undefined;
		let children = parsed.get(name);
		if (!children)
			parsed.set(
				name,
				(children = html().fromHtml(options.icons[name] ?? '', { fragment: true })
					.children as ElementContent[]),
			);
		return children;
	};
	return (tree: Root) => {
		walkElements(tree, (node: Element) => {
			const name = node.properties['dataIcon'];
			if (typeof name !== 'string') return;
			const svg = svgOf(name);
			delete node.properties['dataIcon'];
			if (!svg) return;
			node.properties['ariaHidden'] = 'true';
			node.children = structuredClone(svg);
			return 'skip';
		});
	};
}
