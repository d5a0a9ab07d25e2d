import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { nativeParser, type MarkdownParser } from './native-parse.ts';

/**
 * Parses `.md` pages with Sätteri's parser, keeping every remark and rehype plugin after it: the
 * same HTML on every page of bench/build.mjs and the bundled guidebooks, for a fraction of the
 * CPU parsing costs a build. MDX keeps remark's parser (it must understand JSX), and so does any
 * page Sätteri fails on. Astro hands over the body without frontmatter. `parser: remark` keeps remark
 * for every page.
 */
export function remarkNativeParser(this: Processor, options: { parser?: MarkdownParser } = {}): void {
	const fallback = this.parser;
	const native = nativeParser({ frontmatter: false, ...options });
	if (!native || !fallback) return;
	this.parser = (document: string, file: VFile) => {
		if (!file.path?.endsWith('.md')) return fallback(document, file);
		try {
			return native(document);
		} catch {
			return fallback(document, file);
		}
	};
}
