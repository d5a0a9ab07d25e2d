import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { contentTabSets, type TabbedSettings } from './content-tabs.ts';
import { walkMdast } from './walk-mdast.ts';

/**
 * `:::tab[Title]` directives (MkDocs `=== "Title"`, rewritten) grouped into sets, each tab marked
 * with its id, the id the checks know (`markdown/content-tabs.ts`). The markup is plain `div`s
 * with `wm-` classes that pass the HTML sanitiser; `rehype-content-tabs.ts` then builds the tabs.
 * After heading ids: `combine_header_slug` and unique slugs read them.
 */
export function remarkContentTabs(options: { tabbed?: TabbedSettings }) {
	return (tree: Root) => {
		const taken = new Set<string>();
		walkMdast(tree, (node) => {
			const id = node.type === 'heading' ? node.data?.hProperties?.['id'] : undefined;
			if (typeof id === 'string') taken.add(id);
		});
		const sets = contentTabSets(
			tree,
			options.tabbed,
			(heading) => {
				const id = heading.data?.hProperties?.['id'];
				return typeof id === 'string' ? id : undefined;
			},
			taken,
		);
		for (const set of sets) {
			for (const tab of set.tabs) {
				const label =
					tab.node.children[0]?.type === 'paragraph' && tab.node.children[0].data?.directiveLabel
						? tab.node.children[0]
						: undefined;
				if (label) label.data = { ...label.data, hProperties: { className: ['wm-tab-label'] } };
				tab.node.data = {
					hName: 'div',
					hProperties: {
						className: ['wm-tab', ...(tab.selected ? ['wm-tab-selected'] : [])],
						id: tab.id,
					},
				};
			}
			const children = set.parent.children as ContainerDirective[];
			const first = children.indexOf(set.tabs[0]?.node as ContainerDirective);
			const wrapper: ContainerDirective = {
				type: 'containerDirective',
				name: 'tabs',
				attributes: {},
				children: set.tabs.map((tab) => tab.node),
				data: { hName: 'div', hProperties: { className: ['wm-tabbed'] } },
			};
			children.splice(first, set.tabs.length, wrapper);
		}
	};
}
