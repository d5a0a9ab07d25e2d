import type { Root } from 'mdast';
import { inputsFromRecord } from '../tools/mkdocs/settings.ts';
import { replaceMkdocsShortcodes } from '../tools/mkdocs/shortcodes.ts';
import type { TreeFiles } from './link-target.ts';

/**
 * MkDocs emoji and icon shortcodes (`:books:`, `:octicons-link-external-16:`) as the checks read
 * them (`src/lib/mkdocs-shortcodes.ts`); before heading ids, so an icon adds nothing to an id.
 */
export function remarkMkdocsShortcodes(options: { files?: TreeFiles }) {
	const inputs = options.files?.mkdocs && inputsFromRecord(options.files.mkdocs);
	return (tree: Root) => {
		if (inputs) replaceMkdocsShortcodes(tree, inputs);
	};
}
