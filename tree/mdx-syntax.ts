import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { frontmatter } from 'micromark-extension-frontmatter';
import { mdxjs } from 'micromark-extension-mdxjs';

/** Where and why MDX's grammar rejects a page. */
export interface MdxSyntaxError {
	line: number;
	column: number;
	/** The parser's message, one line: "Unexpected end of file in expression, expected …". */
	message: string;
}

/**
 * An `.mdx` page parsed with MDX's own grammar (micromark's MDX extensions; acorn parses the
 * JavaScript, nothing is evaluated): the tree, or the syntax error that would fail MDX's compiler.
 */
export function parseMdx(text: string): { tree: Root } | { error: MdxSyntaxError } {
	try {
		return { tree: fromMarkdown(text, { extensions: [frontmatter(['yaml']), mdxjs()], mdastExtensions: [frontmatterFromMarkdown(['yaml']), mdxFromMarkdown()] }) };
	} catch (error) {
		const place = error as { line?: number; column?: number };
		return { error: { line: place.line ?? 1, column: place.column ?? 1, message: (error as Error).message.split('\n')[0] ?? '' } };
	}
}

/** Extensions a relative import of an `.mdx` page may leave out, as Vite resolves them. */
const importExtensions = ['', '.js', '.jsx', '.mjs', '.ts', '.tsx', '.mts', '.json', '.astro', '.mdx', '.md', '/index.js', '/index.jsx', '/index.ts', '/index.tsx'];

/**
 * Why MDX would fail to compile the `.mdx` page `path` of the tree at `root`, if it would: a
 * syntax error, or a relative import (`import Chart from './chart.jsx'`) naming no file. Package
 * imports are left to the bundler. Nothing is evaluated.
 */
export async function mdxProblem(root: string, path: string, text: string): Promise<MdxSyntaxError | undefined> {
	const parsed = parseMdx(text);
	if ('error' in parsed) return parsed.error;
	const folder = dirname(join(root, path));
	for (const node of parsed.tree.children) {
		if (node.type !== 'mdxjsEsm') continue;
		// acorn's program for the block: import and export-from declarations carry `source`.
		const program = (node.data as { estree?: { body: Array<{ source?: { value?: unknown } | null }> } } | undefined)?.estree;
		for (const statement of program?.body ?? []) {
			const source = typeof statement.source?.value === 'string' ? statement.source.value : undefined;
			if (!source || !/^\.\.?\//.test(source)) continue;
			const found = await Promise.all(importExtensions.map((ext) => stat(resolve(folder, source + ext)).then((info) => info.isFile(), () => false)));
			if (found.includes(true)) continue;
			return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, message: `Cannot find \`${source}\`, which the page imports` };
		}
	}
	return undefined;
}
