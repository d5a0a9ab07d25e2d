import type { Root } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';

type NativeParse = (markdown: string) => Root;

// Sätteri parses in Rust and returns the mdast remark-parse would (GFM, directives, positions):
// the same HTML on every page of bench/build.mjs and the bundled guidebooks, for a fraction of
// the CPU that parsing costs a build. Where its binding cannot load, remark-parse stays.
let native: NativeParse | undefined;
try {
	const { markdownToMdast } = await import('satteri');
	native = (markdown) =>
		markdownToMdast(markdown, { features: { gfm: true, frontmatter: false, directive: true } }) as unknown as Root;
} catch {
	native = undefined;
}

/**
 * Parses `.md` pages with Sätteri's parser, keeping every remark and rehype plugin after it. MDX
 * keeps remark's parser (it must understand JSX), and so does any page Sätteri fails on.
 * `WAYMARK_PARSER=remark` turns it off.
 */
export function remarkNativeParser(this: Processor): void {
	const fallback = this.parser;
	if (!native || !fallback || process.env.WAYMARK_PARSER === 'remark') return;
	const parse = native;
	this.parser = (document: string, file: VFile) => {
		if (!file.path?.endsWith('.md')) return fallback(document, file);
		try {
			return parse(document);
		} catch {
			return fallback(document, file);
		}
	};
}
