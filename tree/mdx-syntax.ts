import { isBuiltin } from 'node:module';
import { realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { frontmatter } from 'micromark-extension-frontmatter';
import { mdxjs } from 'micromark-extension-mdxjs';
import { isInside } from '../core/path-inside.ts';
import { errorLine } from '../core/error-line.ts';

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
		return {
			tree: fromMarkdown(text, {
				extensions: [frontmatter(['yaml']), mdxjs()],
				mdastExtensions: [frontmatterFromMarkdown(['yaml']), mdxFromMarkdown()],
			}),
		};
	} catch (error) {
		const place = error as { line?: number; column?: number };
		return {
			error: { line: place.line ?? 1, column: place.column ?? 1, message: errorLine(error) },
		};
	}
}

/** Extensions a relative import of an `.mdx` page may leave out, as Vite resolves them. */
const importExtensions = [
	'',
	'.js',
	'.jsx',
	'.mjs',
	'.ts',
	'.tsx',
	'.mts',
	'.json',
	'.astro',
	'.mdx',
	'.md',
	'/index.js',
	'/index.jsx',
	'/index.ts',
	'/index.tsx',
];

/** Why MDX's compiler would fail on the `.mdx` page `text`, if it would: its syntax error. Nothing is evaluated. */
export function mdxProblem(text: string): MdxSyntaxError | undefined {
	const parsed = parseMdx(text);
	return 'error' in parsed ? parsed.error : undefined;
}

/** Every module an MDX tree imports or re-exports from, as written. */
function importSources(tree: Root): string[] {
	const sources: string[] = [];
	for (const node of tree.children) {
		if (node.type !== 'mdxjsEsm') continue;
		// acorn's program for the block: import and export-from declarations carry `source`.
		const program = (
			node.data as { estree?: { body: Array<{ source?: { value?: unknown } | null }> } } | undefined
		)?.estree;
		for (const statement of program?.body ?? [])
			if (typeof statement.source?.value === 'string') sources.push(statement.source.value);
	}
	return sources;
}

/** What the site can do with an `.mdx` page's imports, each with why, as it reads after "imported from `x`, ". */
export interface MdxImportProblems {
	/** Imports it cannot give the page: they are taken out. */
	blocked: Map<string, string>;
	/** Files of the tree whose values the page may use but whose components the site cannot render (JavaScript, React). */
	unrenderable: Map<string, string>;
}

/** Files whose default export (or named ones) the site renders as components: Astro's, MDX, Markdown, SVG. */
const componentFiles = new Set(['.astro', '.mdx', '.md', '.svg']);

/**
 * The imports of the `.mdx` page `path` (in the tree at `root`) that the site cannot give it:
 * a module of another tool or a package (`@site/…`, `@theme/…`, `react`: the tree's own tool
 * resolves them, the site does not), a path leading outside the root, or one naming no file. A
 * page may import the files of its tree, Astro's own modules (`astro:assets`) and Node's built-ins;
 * of a JavaScript file of the tree only values, not components. Nothing is evaluated; `tree` is
 * the page parsed with `parseMdx`.
 */
export async function mdxImportProblems(
	root: string,
	path: string,
	tree: Root,
): Promise<MdxImportProblems> {
	const problems: MdxImportProblems = { blocked: new Map(), unrenderable: new Map() };
	const top = await realpath(root).catch(() => resolve(root));
	const folder = dirname(join(root, path));
	for (const source of importSources(tree)) {
		if (
			problems.blocked.has(source) ||
			problems.unrenderable.has(source) ||
			source === 'astro' ||
			/^astro[:/]/.test(source) ||
			isBuiltin(source)
		)
			continue;
		if (!/^\.\.?\//.test(source)) {
			problems.blocked.set(
				source,
				source.startsWith('/')
					? 'an absolute path, which the site does not resolve'
					: 'a module of another tool or a package, which the site does not have',
			);
			continue;
		}
		const target = resolve(folder, source);
		if (!isInside(target, resolve(root))) {
			problems.blocked.set(source, 'outside the guidebook root');
			continue;
		}
		const found = (
			await Promise.all(
				importExtensions.map((ext) =>
					stat(target + ext).then(
						(info) => (info.isFile() ? target + ext : undefined),
						() => undefined,
					),
				),
			)
		).find(Boolean);
		// A symbolic link may lead out of the tree; the bundler would follow it.
		const real = found && (await realpath(found).catch(() => undefined));
		if (!real) problems.blocked.set(source, 'a file that does not exist');
		else if (!isInside(real, top)) problems.blocked.set(source, 'outside the guidebook root');
		else if (!componentFiles.has(extname(real).toLowerCase()))
			problems.unrenderable.set(
				source,
				`a \`${extname(real) || 'extension-less'}\` module, whose components the site does not render (it renders Astro, MDX and Markdown ones)`,
			);
	}
	return problems;
}
