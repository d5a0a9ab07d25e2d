import { imageBoundsOf, inspectImage } from '../../tree/image-source.ts';
import { defineRule } from './define-rule.ts';
import { pageImages } from './support/page-images.ts';
import { mdxTargets } from './support/mdx-pages.ts';

const mdxPage = [
	'---',
	'title: Restart',
	'---',
	"import Chart from './chart.jsx';",
	'',
	'# Restart',
	'',
	'Token: {process.env.API_TOKEN}',
	'',
	'<Chart data={[1, 2]} />',
	'',
].join('\n');

const rule = defineRule({
	id: 'untrusted-content',
	description:
		"Only in an untrusted tree (`preview`, `build --base`, `check --changed-since`, or `--untrusted`): what Waymark does not run or use. Each MDX import and export (left out: an `.mdx` page renders as Markdown), `{expression}` and component (each a notice where it stands, with a component's content under it), and each config setting set aside: a program (`diagrams.chromium`), a path leading outside the project, any place for Waymark's state or caches (an untrusted run keeps them outside the repository), `site.allowRawHtml`; and each image from outside the tree (a repository file: the page shows a placeholder until the branch is built as trusted).",
	defaultSeverity: 'warning',
	examples: {
		ok: [
			{
				title: 'an MDX page in a trusted tree (your main branch) runs as written',
				files: { 'README.md': '# Home\n\n[Restart](restart.mdx)\n', 'restart.mdx': mdxPage },
			},
			{
				title: 'plain Markdown and HTML in an untrusted tree',
				trust: 'untrusted',
				files: {
					'README.md': '# Home\n\n<details><summary>More</summary>\n\nText.\n\n</details>\n',
				},
			},
		],
		notOk: [
			{
				title: 'imports, expressions and components of an MDX page under review',
				trust: 'untrusted',
				files: { 'README.md': '# Home\n\n[Restart](restart.mdx)\n', 'restart.mdx': mdxPage },
				output: [
					"restart.mdx:4:1: Unexpected MDX import `import Chart from './chart.jsx';`, expected Markdown: an untrusted tree's MDX never runs, the page leaves it out; it runs once the branch is merged and built as trusted (untrusted-content)",
					"restart.mdx:8:8: Unexpected MDX expression `{process.env.API_TOKEN}`, expected Markdown: an untrusted tree's MDX never runs, the page shows a notice in its place; it runs once the branch is merged and built as trusted (untrusted-content)",
					"restart.mdx:10:1: Unexpected MDX component `<Chart>`, expected Markdown: an untrusted tree's MDX never runs, the page shows its content under a notice; it runs once the branch is merged and built as trusted (untrusted-content)",
				],
			},
		],
	},
	async check(ctx) {
		if (ctx.trust !== 'untrusted') return;
		for (const setting of ctx.setAside) {
			ctx.report({
				file: ctx.configFile ?? '.',
				position: setting.position,
				message: `Unexpected \`${setting.key}\` in an untrusted tree's config: it ${setting.reason}`,
			});
		}
		const assets = new Set(ctx.tree.files.assets);
		const bounds = imageBoundsOf(ctx.tree, ctx.trust);
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			if (!page || page.notice) continue;
			for (const image of pageImages(page)) {
				const problem = await inspectImage(ctx.tree.root, path, image.url, assets, bounds);
				if (problem?.crossed === 'untrusted')
					ctx.report({
						file: path,
						position: image.position,
						message: `Unexpected ${problem.reason}, expected an image inside the tree: a tree under review publishes nothing from outside its root, so the page shows a placeholder; it shows the image once the branch is built as trusted`,
					});
			}
		}
		for await (const { path, parsed } of mdxTargets(ctx)) {
			// The site reads a page MDX cannot parse as Markdown, with a notice; `readable-files` reports it in a trusted tree.
			if ('error' in parsed) {
				ctx.report({
					file: path,
					position: { line: parsed.error.line, column: parsed.error.column },
					message: `Unexpected MDX syntax error (${parsed.error.message.replace(/\.$/, '')}), expected MDX; the page is shown as Markdown, its code as text`,
				});
				continue;
			}
			// What the site does with the page (`remark-mdx-inert.ts`), from the same function.
			const { applyMdxFallbacks } = await import('../../markdown/mdx-fallbacks.ts');
			for (const fallback of applyMdxFallbacks(parsed.tree, { mode: 'inert' }).sort(
				(a, b) => a.line - b.line || a.column - b.column,
			)) {
				const what =
					fallback.kind === 'expression'
						? `MDX expression \`${fallback.name}\``
						: fallback.kind === 'import' || fallback.kind === 'export'
							? `MDX ${fallback.kind} \`${fallback.name}\``
							: `${fallback.kind === 'component' ? 'MDX component' : 'code in the attributes of'} \`<${fallback.name}>\``;
				const shown =
					fallback.kind === 'import' || fallback.kind === 'export'
						? 'the page leaves it out'
						: fallback.kind === 'expression'
							? 'the page shows a notice in its place'
							: 'the page shows its content under a notice';
				ctx.report({
					file: path,
					position: { line: fallback.line, column: fallback.column },
					message: `Unexpected ${what}, expected Markdown: an untrusted tree's MDX never runs, ${shown}; it runs once the branch is merged and built as trusted`,
				});
			}
		}
	},
});

export default rule;
