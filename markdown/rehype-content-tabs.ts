import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { walkElements } from './walk-hast.ts';
import { astroFrontmatter } from './page-path.ts';

/**
 * Content tabs without a script: each tab is a radio button (id `__tabbed_1_2`, as on the MkDocs
 * site, so links to it land), its label, and its panel, which shows while the button is checked
 * (`site.css`). The radio buttons of a set share a name, so the arrow keys move between them; a
 * focused button outlines its label. `scripts/content-tabs.ts` selects the tab a link points at.
 * Without styles every panel shows, each under its label. Runs after the HTML sanitiser: this is
 * Waymark's markup, built from the `div.wm-tab`s `remark-content-tabs.ts` marked. A page with
 * tabs says so in its frontmatter (`waymarkTabs`), and only such a page loads that script.
 */
export function rehypeContentTabs() {
	return (tree: Root, file: VFile) => {
		let sets = 0;
		walkElements(tree, (node) => {
			if (!hasClass(node, 'wm-tabbed')) return;
			const name = `__tabbed_${++sets}`;
			const tabs = node.children.filter(
				(child): child is Element => child.type === 'element' && hasClass(child, 'wm-tab'),
			);
			node.properties = { className: ['wm-tabs'] };
			node.children = tabs.flatMap((tab, index): ElementContent[] => {
				const id =
					typeof tab.properties['id'] === 'string' ? tab.properties['id'] : `${name}_${index + 1}`;
				const labelAt = tab.children.findIndex(
					(child) => child.type === 'element' && hasClass(child, 'wm-tab-label'),
				);
				const label = labelAt === -1 ? undefined : (tab.children[labelAt] as Element);
				const body = tab.children.filter((_, i) => i !== labelAt);
				return [
					{
						type: 'element',
						tagName: 'input',
						properties: {
							type: 'radio',
							className: ['wm-tab-input'],
							name,
							id,
							...(hasClass(tab, 'wm-tab-selected') && { checked: true }),
						},
						children: [],
					},
					{
						type: 'element',
						tagName: 'label',
						properties: { className: ['wm-tab-title'], htmlFor: [id] },
						children: label?.children ?? [],
					},
					{
						type: 'element',
						tagName: 'div',
						properties: { className: ['wm-tab-panel'] },
						children: body,
					},
				];
			});
		});
		if (sets > 0) astroFrontmatter(file)['waymarkTabs'] = true;
	};
}

function hasClass(node: Element, name: string): boolean {
	const classes = node.properties['className'];
	return Array.isArray(classes) && classes.includes(name);
}
