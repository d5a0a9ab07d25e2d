import type { PhrasingContent, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { walkMdast } from './walk-mdast.ts';

/** Admonition types of MkDocs (Material), Docusaurus and Hugo themes, by the callout style they take. */
const kinds: Record<string, 'note' | 'tip' | 'important' | 'warning' | 'caution'> = {
	note: 'note',
	info: 'note',
	abstract: 'note',
	summary: 'note',
	tldr: 'note',
	todo: 'note',
	seealso: 'note',
	example: 'note',
	quote: 'note',
	cite: 'note',
	question: 'note',
	help: 'note',
	faq: 'note',
	secondary: 'note',
	advanced: 'note',
	tip: 'tip',
	hint: 'tip',
	success: 'tip',
	check: 'tip',
	done: 'tip',
	important: 'important',
	warning: 'warning',
	warn: 'warning',
	attention: 'warning',
	caution: 'warning',
	danger: 'caution',
	error: 'caution',
	failure: 'caution',
	fail: 'caution',
	missing: 'caution',
	bug: 'caution',
};

/**
 * Admonitions as the site's callouts, the same markup as GitHub alerts (`rehype-alerts.ts`):
 * `:::warning[Title]` (Docusaurus, and MkDocs `!!!` and Hugo `hint` once rewritten) becomes an
 * `<aside>` with an icon and its title; `{collapse=closed|open}` (MkDocs `???`, `???+`) a
 * `<details>` whose `<summary>` is the title. Without a label the title is the type's name.
 */
export function remarkCallouts() {
	return (tree: Root) => {
		walkMdast(tree, (node) => {
			if (node.type !== 'containerDirective') return;
			const type = node.name.toLowerCase();
			const kind = kinds[type];
			if (!kind) return;
			const label =
				node.children[0]?.type === 'paragraph' && node.children[0].data?.directiveLabel
					? node.children.shift()
					: undefined;
			const titleContent: PhrasingContent[] =
				label?.type === 'paragraph' && label.children.length > 0
					? label.children
					: [{ type: 'text', value: type.charAt(0).toUpperCase() + type.slice(1) }];
			const title = toString({ type: 'paragraph', children: titleContent });
			const collapse = node.attributes?.['collapse'];
			const collapsible = collapse === 'closed' || collapse === 'open';
			const showTitle = node.attributes?.['notitle'] === undefined || collapsible;
			const icon: Text = {
				type: 'text',
				value: '',
				data: { hName: 'span', hProperties: { className: ['callout-icon'], ariaHidden: 'true' } },
			};
			if (showTitle) {
				node.children.unshift({
					type: 'paragraph',
					children: [icon, ...titleContent],
					data: {
						hName: collapsible ? 'summary' : 'p',
						hProperties: { className: ['callout-title'], dataPagefindIgnore: true },
					},
				});
			}
			node.data = {
				hName: collapsible ? 'details' : 'aside',
				hProperties: {
					className: ['callout', `callout-${kind}`],
					...(collapsible ? (collapse === 'open' ? { open: true } : {}) : { role: 'note' }),
					ariaLabel: title,
				},
			};
		});
	};
}
