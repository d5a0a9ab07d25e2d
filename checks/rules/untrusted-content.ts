import { imageBoundsOf, inspectImage } from '../../tree/image-source.ts';
import { defineRule } from './define-rule.ts';
import { pageImages } from './support/page-images.ts';

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

export default defineRule({
	id: 'untrusted-content',
	description:
		'Only in an untrusted tree (`preview`, `build --base`, `check --changed-since`, or `--untrusted`): what Waymark does not run or use. Each MDX import, export, `{expression}` and component (an `.mdx` page renders as Markdown, with them as text), each config setting set aside: a program (`diagrams.chromium`), a path leading outside the project, `site.allowRawHtml`; and each image from outside the tree (a repository file: the page shows a placeholder until the branch is built as trusted).',
	defaultSeverity: 'warning',
	examples: {
		ok: [
			{ title: 'an MDX page in a trusted tree (your main branch) runs as written', files: { 'README.md': '# Home\n\n[Restart](restart.mdx)\n', 'restart.mdx': mdxPage } },
			{ title: 'plain Markdown and HTML in an untrusted tree', trust: 'untrusted', files: { 'README.md': '# Home\n\n<details><summary>More</summary>\n\nText.\n\n</details>\n' } },
		],
		notOk: [
			{
				title: 'imports, expressions and components of an MDX page under review',
				trust: 'untrusted',
				files: { 'README.md': '# Home\n\n[Restart](restart.mdx)\n', 'restart.mdx': mdxPage },
				output: [
					"restart.mdx:4:1: Unexpected MDX import `import Chart from './chart.jsx';`, expected Markdown: an untrusted tree's MDX never runs, the page shows it as text; it runs once the branch is merged and built as trusted (untrusted-content)",
					"restart.mdx:8:8: Unexpected MDX expression `{process.env.API_TOKEN}`, expected Markdown: an untrusted tree's MDX never runs, the page shows it as text; it runs once the branch is merged and built as trusted (untrusted-content)",
					"restart.mdx:10:1: Unexpected MDX component `<Chart>`, expected Markdown: an untrusted tree's MDX never runs, the page shows it as text; it runs once the branch is merged and built as trusted (untrusted-content)",
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
				if (problem?.crossed === 'untrusted') ctx.report({ file: path, position: image.position, message: `Unexpected ${problem.reason}, expected an image inside the tree: a tree under review publishes nothing from outside its root, so the page shows a placeholder; it shows the image once the branch is built as trusted` });
			}
			if (!/\.mdx$/i.test(path)) continue;
			// MDX's grammar (micromark, acorn) is loaded only for a tree that has `.mdx` pages.
			const { findMdxConstructs } = await import('./support/mdx-constructs.ts');
			for (const construct of findMdxConstructs(page.text)) {
				ctx.report({
					file: path,
					position: construct.position,
					message: `Unexpected ${construct.what}, expected Markdown: an untrusted tree's MDX never runs, the page shows it as text; it runs once the branch is merged and built as trusted`,
				});
			}
		}
	},
});
