import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a throwaway Astro project that publishes the benchmark tree in the cheapest way Astro
 * offers: the content layer's glob loader over a copy of the tree, one page template with the
 * rendered Markdown and nothing else (no navigation, no search index, Astro's default Markdown
 * processor and Shiki theme). Routes are the tree's (`README.md` is its folder's page). It is the
 * floor under any Astro-based site of these pages: what Astro itself costs.
 * @param {string} dir project folder (emptied first)
 * @param {string} treeDir generated guidebook tree
 */
export async function writeBareAstroProject(dir, treeDir) {
	await rm(dir, { recursive: true, force: true });
	await mkdir(join(dir, 'src/pages'), { recursive: true });
	await cp(treeDir, join(dir, 'docs'), { recursive: true });
	// Astro comes from the repository's node_modules, found by walking up from bench/.tmp/.
	await writeFile(
		join(dir, 'package.json'),
		`${JSON.stringify({ name: 'bench-astro', private: true, type: 'module', dependencies: { astro: '*' } }, null, '\t')}\n`,
	);
	await writeFile(
		join(dir, 'astro.config.mjs'),
		[
			"import { defineConfig } from 'astro/config';",
			'',
			'// One cache folder to delete between runs, so every build starts cold.',
			"export default defineConfig({ cacheDir: './.cache' });",
			'',
		].join('\n'),
	);
	await writeFile(
		join(dir, 'src/content.config.ts'),
		[
			"import { defineCollection } from 'astro:content';",
			"import { glob } from 'astro/loaders';",
			'',
			"// `a/b/README.md` and `a/b.md` are the pages `/a/b/`; the tree's own README is `/`.",
			"const pageId = ({ entry }: { entry: string }) => entry.replace(/\\.md$/, '').replace(/(^|\\/)README$/, '') || 'index';",
			"export const collections = { docs: defineCollection({ loader: glob({ pattern: '**/*.md', base: './docs', generateId: pageId }) }) };",
			'',
		].join('\n'),
	);
	await writeFile(
		join(dir, 'src/pages/[...slug].astro'),
		[
			'---',
			"import { getCollection, render } from 'astro:content';",
			'',
			'export async function getStaticPaths() {',
			"\treturn (await getCollection('docs')).map((entry) => ({ params: { slug: entry.id === 'index' ? undefined : entry.id }, props: { entry } }));",
			'}',
			'const { Content, headings } = await render(Astro.props.entry);',
			'---',
			'<html lang="en">',
			'\t<head><meta charset="utf-8" /><title>{headings[0]?.text}</title></head>',
			'\t<body><Content /></body>',
			'</html>',
			'',
		].join('\n'),
	);
}
