import type { Plugin } from 'vite';
import { codeColoursCss } from '../markdown/code-colours.ts';

const id = 'virtual:waymark/code-colours.css';
// Not `\0`-prefixed: Vite's CSS pipeline passes over modules whose id starts with `\0`.
const resolved = '/@waymark/code-colours.css';

/** Serves the code themes' colour classes (`markdown/code-colours.ts`) as a stylesheet the layout imports. */
export function virtualCodeColoursPlugin(): Plugin {
	return {
		name: 'waymark:code-colours',
		resolveId: (source) => (source === id ? resolved : undefined),
		load: (module) => (module === resolved ? codeColoursCss : undefined),
	};
}
