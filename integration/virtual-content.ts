import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import type { ContentLoaderData } from './content-loader.ts';

const id = 'virtual:waymark/content';

// The loader runs where Astro evaluates `src/content.config.ts`; the module is this folder's own
// (TypeScript here, JavaScript once `npm pack` has compiled it).
const loaderModule = fileURLToPath(new URL(`./content-loader${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/**
 * Serves `virtual:waymark/content`: the guidebooks collection's loader, built from the prepared
 * tree's pages, so `src/` never imports Node code and the collection holds exactly those pages.
 */
export function virtualContentPlugin(data: ContentLoaderData): Plugin {
	return {
		name: 'waymark:content',
		resolveId: (source) => (source === id ? `\0${id}` : undefined),
		load: (resolved) =>
			resolved === `\0${id}` ? `import { guidebookLoader } from ${JSON.stringify(loaderModule)};\nexport const loader = guidebookLoader(${JSON.stringify(data)});\n` : undefined,
	};
}
