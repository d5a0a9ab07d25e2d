import type { Root } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import {
	applyMdxFallbacks,
	pageComponents,
	type MdxFallbackOptions,
} from '../../markdown/mdx-fallbacks.ts';
import { parseMdx } from '../../tree/mdx-syntax.ts';

const docusaurusPage = [
	"import Columns from '@site/src/components/Columns';",
	"import Logo from '@site/static/img/logo.png';",
	"import Box from './box.jsx';",
	'',
	'# Ops',
	'',
	'<Columns>',
	'Some **children**.',
	'</Columns>',
	'',
	'<img src={Logo} alt="Logo" />',
	'',
	'Owner {owner}, sum {1 + 1}{/* a note */}.',
	'',
	'<Box />',
].join('\n');

const compile: MdxFallbackOptions = {
	mode: 'compile',
	blocked: new Map([
		[
			'@site/src/components/Columns',
			'a module of another tool or a package, which the site does not have',
		],
		[
			'@site/static/img/logo.png',
			'a module of another tool or a package, which the site does not have',
		],
	]),
	unrenderable: new Map([
		['./box.jsx', 'a `.jsx` module, whose components the site does not render'],
	]),
	provided: pageComponents,
};

function treeOf(text: string): Root {
	const parsed = parseMdx(text);
	if ('error' in parsed) throw new Error(parsed.error.message);
	return parsed.tree;
}

/** What the fallbacks leave, as HTML. MDX compiles what is left of a page's ESM from its `data.estree`; here it is left out. */
function htmlOf(tree: Root): string {
	const markdown: Root = {
		...tree,
		children: tree.children.filter((node) => node.type !== 'mdxjsEsm'),
	};
	return String(
		unified().use(rehypeStringify).stringify(unified().use(remarkRehype).runSync(markdown)),
	);
}

describe('a trusted page (compile)', () => {
	test('lists each import it takes out and each use it shows as a notice, at its line', () => {
		const fallbacks = applyMdxFallbacks(treeOf(docusaurusPage), compile);
		expect(
			fallbacks.map(
				(f) =>
					`${f.line}:${f.column} ${f.kind} ${f.name}: ${f.reason}${f.from ? ` (from ${f.from})` : ''}`,
			),
		).toMatchInlineSnapshot(`
			[
			  "1:1 import @site/src/components/Columns: a module of another tool or a package, which the site does not have",
			  "2:1 import @site/static/img/logo.png: a module of another tool or a package, which the site does not have",
			  "7:1 component Columns: is imported from \`@site/src/components/Columns\`, a module of another tool or a package, which the site does not have (from @site/src/components/Columns)",
			  "11:1 element img: has an attribute that names \`Logo\`, which is imported from \`@site/static/img/logo.png\`, a module of another tool or a package, which the site does not have (from @site/static/img/logo.png)",
			  "13:7 expression {owner}: names \`owner\`, which is not defined on the page",
			  "15:1 component Box: is imported from \`./box.jsx\`, a \`.jsx\` module, whose components the site does not render",
			]
		`);
	});

	test('shows a notice naming each, and the content of a component; the rest stays MDX (here, its source)', () => {
		const tree = treeOf(docusaurusPage);
		applyMdxFallbacks(tree, compile);
		expect(htmlOf(tree)).toMatchInlineSnapshot(`
			"<h1>Ops</h1>
			<div class="wm-mdx-fallback">
			<p class="wm-mdx-notice" role="note" data-pagefind-ignore>Component <code>&#x3C;Columns></code> is not shown: it is imported from <code>@site/src/components/Columns</code>, a module of another tool or a package, which the site does not have. Its content is shown without it.</p>
			<p>Some <strong>children</strong>.</p>
			</div>
			<p class="wm-mdx-notice" role="note" data-pagefind-ignore><code>&#x3C;img></code> is not shown: it has an attribute that names <code>Logo</code>, which is imported from <code>@site/static/img/logo.png</code>, a module of another tool or a package, which the site does not have.</p>
			<p>Owner <span class="wm-mdx-notice" role="note" data-pagefind-ignore>MDX expression <code>{owner}</code> not shown: it names <code>owner</code>, which is not defined on the page.</span>, sum 1 + 1/* a note */.</p>
			<p class="wm-mdx-notice" role="note" data-pagefind-ignore>Component <code>&#x3C;Box></code> is not shown: it is imported from <code>./box.jsx</code>, a <code>.jsx</code> module, whose components the site does not render.</p>"
		`);
	});

	test.each([
		['a parameter', '{[1, 2].map((x) => x * 2)}'],
		['a local', '{(() => { const y = 1; return y; })()}'],
		['a global', '{Math.max(1, 2)}'],
		["MDX's props and Astro's frontmatter", '{props.title ?? frontmatter.title}'],
		['a name the page exports', 'export const team = "SRE";\n\n{team}'],
		['a component the page gets', '<Status probe="api" />'],
	])('leaves %s alone', (_name, text) => {
		expect(applyMdxFallbacks(treeOf(text), compile)).toEqual([]);
	});

	test.each([
		['an undefined name', '{owner}', 'names `owner`, which is not defined on the page'],
		[
			'an unknown component inside an expression',
			'{true && <Chart />}',
			'names `Chart`, which is neither imported nor defined on the page',
		],
		[
			'an attribute naming an undefined name',
			'<a href={target}>x</a>',
			'has an attribute that names `target`, which is not defined on the page',
		],
	])('replaces %s', (_name, text, reason) => {
		expect(applyMdxFallbacks(treeOf(text), compile).map((f) => f.reason)).toEqual([reason]);
	});

	test('judges no component of a page that hands itself `components`', () => {
		expect(
			applyMdxFallbacks(
				treeOf('export const components = { Chart: () => null };\n\n<Chart />'),
				compile,
			),
		).toEqual([]);
	});
});

describe('an untrusted page (inert)', () => {
	test('runs nothing: no import printed, notices for components, code attributes and expressions, HTML kept', () => {
		const tree = treeOf(
			`${docusaurusPage}\n\n<details open>\n<summary>More</summary>\n\nInside.\n\n</details>\n`,
		);
		const fallbacks = applyMdxFallbacks(tree, { mode: 'inert' });
		expect(fallbacks.map((f) => `${f.line}:${f.column} ${f.kind} ${f.name}`))
			.toMatchInlineSnapshot(`
			[
			  "1:1 import import Columns from '@site/src/components/Columns';",
			  "2:1 import import Logo from '@site/static/img/logo.png';",
			  "3:1 import import Box from './box.jsx';",
			  "7:1 component Columns",
			  "11:1 element img",
			  "13:7 expression {owner}",
			  "13:20 expression {1 + 1}",
			  "15:1 component Box",
			]
		`);
		expect(htmlOf(tree)).toMatchInlineSnapshot(`
			"<h1>Ops</h1>
			<div class="wm-mdx-fallback">
			<p class="wm-mdx-notice" role="note" data-pagefind-ignore>Component <code>&#x3C;Columns></code> is not shown: it is not run in a build under review. Its content is shown without it.</p>
			<p>Some <strong>children</strong>.</p>
			</div>
			<p class="wm-mdx-notice" role="note" data-pagefind-ignore><code>&#x3C;img></code> is not shown: it has code in its attributes, which is not run in a build under review.</p>
			<p>Owner <span class="wm-mdx-notice" role="note" data-pagefind-ignore>MDX expression <code>{owner}</code> not shown: it is not run in a build under review.</span>, sum <span class="wm-mdx-notice" role="note" data-pagefind-ignore>MDX expression <code>{1 + 1}</code> not shown: it is not run in a build under review.</span>.</p>
			<p class="wm-mdx-notice" role="note" data-pagefind-ignore>Component <code>&#x3C;Box></code> is not shown: it is not run in a build under review.</p>
			<details open>
			<summary>
			More
			</summary>
			<p>Inside.</p>
			</details>"
		`);
	});
});
