import type { Root } from 'mdast';
import type { MkdocsInputs } from './settings.ts';
import { replaceMkdocsShortcodes } from './shortcodes.ts';

/**
 * MkDocs emoji and icon shortcodes (`:books:`, `:octicons-link-external-16:`) as the checks read
 * them (`shortcodes.ts`); before heading ids, so an icon adds nothing to an id.
 */
export function remarkMkdocsShortcodes(options: {
	inputs: Pick<MkdocsInputs, 'markdown' | 'icon'>;
}) {
	return (tree: Root) => {
		replaceMkdocsShortcodes(tree, options.inputs);
	};
}
