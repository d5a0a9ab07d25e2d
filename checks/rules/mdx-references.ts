import { defineRule } from './define-rule.ts';
import { mdxTargets } from './support/mdx-pages.ts';

const rule = defineRule({
	id: 'mdx-references',
	description:
		"Only in a trusted tree, whose `.mdx` pages compile and run: what a page's MDX uses is there. Each import names a file of the tree, an Astro module (`astro:assets`) or a Node built-in, not another tool's module or a package (Docusaurus `@site/…`, `@theme/…`, `react`), a path out of the root or a missing file; each component is defined on the page or imported from an Astro, MDX or Markdown file of the tree (the site does not render React's); each `{expression}` names only what the page defines. The site shows what uses a missing one as a notice where it stands, a component's content under it, and builds the rest.",
	defaultSeverity: 'warning',
	examples: {
		ok: [
			{
				title:
					'a component of the tree, data from the tree, an expression over what the page defines, Astro and Node modules',
				files: {
					'README.md': '# Home\n\n[Ops](ops.mdx)\n',
					'ops.mdx':
						"import Chart from './chart.astro';\nimport data from './data.json';\nimport { Image } from 'astro:assets';\nimport { join } from 'node:path';\nexport const team = 'SRE';\n\n# Ops\n\n<Chart>{data.name} by {team}, {[1, 2].map((n) => n * 2).join(' ')}</Chart>\n\n<Status probe=\"api\" />\n",
					'chart.astro': '---\n---\n<figure><slot /></figure>\n',
					'data.json': '{ "name": "ERP" }\n',
				},
			},
			{
				title: "an untrusted tree is `untrusted-content`'s to report",
				trust: 'untrusted',
				files: {
					'README.md': '# Home\n\n[Ops](ops.mdx)\n',
					'ops.mdx': "import Tabs from '@theme/Tabs';\n\n# Ops\n\n<Tabs />\n",
				},
			},
		],
		notOk: [
			{
				title:
					"a Docusaurus page: its site's components, a missing file, a React component of the tree, a component never imported, an undefined name",
				files: {
					'README.md': '# Home\n\n[Ops](ops.mdx)\n',
					'ops.mdx':
						"import Tabs from '@theme/Tabs';\nimport Chart from './chart.jsx';\nimport Box from './box.jsx';\n\n# Ops\n\n<Tabs>\nText inside.\n</Tabs>\n\n<Columns />\n\nOwner: {owner}\n\n<Box />\n",
					'box.jsx': 'export default function Box() { return null; }\n',
				},
				output: [
					'ops.mdx:1:1: Unexpected import of `@theme/Tabs`, a module of another tool or a package, which the site does not have, expected a file of the tree, an `astro:` module or a Node built-in; the site shows what uses it as a notice (mdx-references)',
					'ops.mdx:2:1: Unexpected import of `./chart.jsx`, a file that does not exist, expected a file of the tree, an `astro:` module or a Node built-in; the site shows what uses it as a notice (mdx-references)',
					'ops.mdx:11:1: Unexpected component `<Columns>`, which is neither imported nor defined on the page, expected a component the site renders (defined on the page, or from an `.astro`, `.mdx` or `.md` file of the tree); the site shows a notice in its place (mdx-references)',
					'ops.mdx:13:8: Unexpected MDX expression `{owner}`, which names `owner`, which is not defined on the page, expected names the page defines; the site shows a notice in its place (mdx-references)',
					'ops.mdx:15:1: Unexpected component `<Box>`, which is imported from `./box.jsx`, a `.jsx` module, whose components the site does not render (it renders Astro, MDX and Markdown ones), expected a component the site renders (defined on the page, or from an `.astro`, `.mdx` or `.md` file of the tree); the site shows a notice in its place (mdx-references)',
				],
			},
		],
	},
	async check(ctx) {
		if (ctx.trust !== 'trusted') return;
		for await (const { path, parsed } of mdxTargets(ctx)) {
			// A page MDX cannot parse is `readable-files`' to report.
			if ('error' in parsed) continue;
			const [{ mdxImportProblems }, { applyMdxFallbacks, pageComponents }] = await Promise.all([
				import('../../tree/mdx-syntax.ts'),
				import('../../markdown/mdx-fallbacks.ts'),
			]);
			const fallbacks = applyMdxFallbacks(parsed.tree, {
				mode: 'compile',
				...(await mdxImportProblems(ctx.tree.root, path, parsed.tree)),
				provided: pageComponents,
			});
			for (const fallback of fallbacks.sort((a, b) => a.line - b.line || a.column - b.column)) {
				const position = { line: fallback.line, column: fallback.column };
				// What uses a blocked import is reported once, at the import.
				if (fallback.kind !== 'import' && fallback.from !== undefined) continue;
				const message =
					fallback.kind === 'import'
						? `Unexpected import of \`${fallback.name}\`, ${fallback.reason}, expected a file of the tree, an \`astro:\` module or a Node built-in; the site shows what uses it as a notice`
						: fallback.kind === 'expression'
							? `Unexpected MDX expression \`${fallback.name}\`, which ${fallback.reason}, expected names the page defines; the site shows a notice in its place`
							: fallback.kind === 'component'
								? `Unexpected component \`<${fallback.name}>\`, which ${fallback.reason}, expected a component the site renders (defined on the page, or from an \`.astro\`, \`.mdx\` or \`.md\` file of the tree); the site shows a notice in its place`
								: `Unexpected element \`<${fallback.name}>\`, which ${fallback.reason}, expected attributes naming what the page defines; the site shows a notice in its place`;
				ctx.report({ file: path, position, message });
			}
		}
	},
});

export default rule;
