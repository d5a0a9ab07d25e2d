import { plainMarkdown } from '../markdown/site-tool.ts';
import type { ToolReading } from './reading.ts';
import { unchanged } from './rewrite.ts';

/**
 * How a forge shows a tree of Markdown (GitHub's reading, which every tool starts from): CommonMark
 * with GitHub's extensions and emoji, `README` and `index` as folder pages, github-slugger ids, a
 * relative link a file of the repository and `/x` a path from its top, a `public/` folder
 * published whole. A tool's `bind` spreads it and says where its site differs.
 */
export function forgeReading(name: string): ToolReading {
	return {
		...plainMarkdown,
		name,
		markdown: { ...plainMarkdown.markdown, emoji: true },
		rewrite: unchanged,
		headingTitle: plainMarkdown.headingText,
		fragmentsIgnoreCase: false,
		shownName: (written) => written,
		publishedWhole: 'public/',
		digest: null,
	};
}
