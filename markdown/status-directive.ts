import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { StatusSnapshot } from '../core/status-snapshot.ts';
import { findProbe, statusElement } from '../src/components/status/status-view.ts';
import { astroFrontmatter } from './page-path.ts';
import { walkMdast } from './walk-mdast.ts';

/**
 * `:status{probe=ID}` → inline badge, `::status{probe=ID}` → card, rendered from the build-time
 * snapshot; the page's status script updates them live. Records the ids in the page's
 * frontmatter (`waymarkStatusIds`) so the page knows to load the widget script.
 */
export function remarkStatusDirective(options: { snapshot?: StatusSnapshot | undefined }) {
	return (tree: Root, file: VFile) => {
		const ids: string[] = [];
		walkMdast(tree, (node) => {
			if (
				(node.type !== 'textDirective' && node.type !== 'leafDirective') ||
				node.name !== 'status'
			)
				return;
			const directive = node;
			const id = directive.attributes?.['probe'] ?? '';
			ids.push(id);
			const element = statusElement(
				id,
				findProbe(options.snapshot, id),
				node.type === 'leafDirective' ? 'card' : 'badge',
				options.snapshot?.generatedAt,
			);
			directive.data = {
				hName: element.tagName,
				hProperties: element.properties,
				hChildren: element.children,
			};
			directive.children = [];
		});
		if (ids.length > 0) astroFrontmatter(file)['waymarkStatusIds'] = ids;
	};
}
