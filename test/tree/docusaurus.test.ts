import '../helpers/load-tools.ts';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { docusaurusPageCandidates, docusaurusRouteOf } from '../../tools/docusaurus/links.ts';
import { folderEntries } from '../../markdown/site-index.ts';
import { buildSiteIndex } from '../../integration/site-index.ts';
import { parseDocusaurusConfig } from '../../tools/docusaurus/config.ts';
import { docusaurusRoute } from '../../tools/docusaurus/routes.ts';
import { loadGuidebookTree, type GuidebookTree } from '../../tree/load-tree.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

describe('docusaurus.config, read as text and never run', () => {
	test("takes the docs plugin's `routeBasePath` and `path` from the preset, and `staticDirectories`", () => {
		const config = parseDocusaurusConfig(`// docs: { routeBasePath: 'commented' }
export default {
  staticDirectories: ['static', "public"],
  presets: [['classic', { docs: { path: 'runbooks', routeBasePath: '/ops/', sidebarPath: './sidebars.ts' }, blog: { routeBasePath: 'news' } }]],
  themeConfig: { docs: { sidebar: { hideable: true } } },
};`);
		expect(config).toEqual({
			routeBasePath: 'ops',
			docsPath: 'runbooks',
			staticDirectories: ['static', 'public'],
			numberPrefixes: true,
		});
	});

	test('reads the options of the docs plugin itself, a docs-only site, and `numberPrefixParser: false`', () => {
		expect(
			parseDocusaurusConfig(
				`module.exports = { plugins: [['@docusaurus/plugin-content-docs', { routeBasePath: '/', numberPrefixParser: false }]] };`,
			),
		).toEqual({
			routeBasePath: '',
			docsPath: 'docs',
			staticDirectories: ['static'],
			numberPrefixes: false,
		});
	});

	test("takes the site's `title`, never the navbar's, one written in a comment, or one it cannot read", () => {
		const title = (text: string) => parseDocusaurusConfig(text).title;
		expect(title(`module.exports = { title: 'Runbooks', presets: [['classic', {}]] };`)).toBe(
			'Runbooks',
		);
		expect(
			title(
				`const config: Config = {\n  // title: 'Old',\n  title: "Platform operations",\n  url: 'https://ops.example.org',\n  themeConfig: { navbar: { title: 'Ops' } },\n};\nexport default config;`,
			),
		).toBe('Platform operations');
		expect(
			title(
				`export default async function createConfig() {\n  return { title: \`Ops\`, baseUrl: '/' };\n}`,
			),
		).toBe('Ops');
		expect(
			title(
				`export default { url: 'https://ops.example.org', themeConfig: { navbar: { title: 'Ops' } } };`,
			),
		).toBeUndefined();
		expect(
			title(`export default { title: process.env.TITLE, url: 'https://ops.example.org' };`),
		).toBeUndefined();
		expect(
			title(
				`const footer = { title: 'Docs', items: [] };\nexport default { url: 'https://ops.example.org', title: 'Runbooks' };`,
			),
		).toBe('Runbooks');
	});

	test("keeps Docusaurus's defaults for a value it cannot read without running the config", () => {
		expect(
			parseDocusaurusConfig(
				'const base = "x";\nexport default { presets: [["classic", { docs: { routeBasePath: base, path: `${base}/docs` } }]] };',
			),
		).toEqual({
			routeBasePath: 'docs',
			docsPath: 'docs',
			staticDirectories: ['static'],
			numberPrefixes: true,
		});
	});
});

describe('Docusaurus doc routes', () => {
	const route = (path: string, frontmatter = '', numberPrefixes = true) =>
		docusaurusRoute(
			parsePage(path, `${frontmatter ? `---\n${frontmatter}\n---\n` : ''}# Page\n`, {
				dialect: 'docusaurus',
			}),
			numberPrefixes,
		);

	test.each([
		['a path without front matter', '01-ops/02-restart.md', '', '/ops/restart/'],
		['an absolute slug', '01-ops/02-restart.md', 'slug: /restart-now', '/restart-now/'],
		[
			'a relative slug, from the unprefixed folder',
			'01-ops/02-restart.md',
			'slug: again',
			'/ops/again/',
		],
		[
			'a relative slug that climbs, never above the top',
			'01-ops/02-restart.md',
			'slug: ../../../up',
			'/up/',
		],
		['`slug: /` (the home page)', '01-ops/intro.md', 'slug: /', '/'],
		['an `id`', '01-ops/02-restart.md', 'id: restart-backend', '/ops/restart-backend/'],
		[
			'`parse_number_prefixes: false`',
			'01-ops/02-restart.md',
			'parse_number_prefixes: false',
			'/01-ops/02-restart/',
		],
		['a category index named like its folder', '01-ops/01-ops.md', '', '/ops/'],
		['a category index with a slug', '01-ops/index.md', 'slug: overview', '/ops/overview/'],
	])('follows %s', (_, path, frontmatter, expected) => {
		expect(route(path, frontmatter)).toBe(expected);
	});

	test('keeps every prefix when the config turns the parser off', () => {
		expect(route('01-ops/02-restart.md', '', false)).toBe('/01-ops/02-restart/');
	});
});

describe('links as Docusaurus resolves them', () => {
	const site = { rootInSite: 'docs', docsInSite: 'docs', routeBasePath: 'docs' };

	test("tries the docs folder, the site folder, then the page's folder, each as Docusaurus does", () => {
		expect(docusaurusPageCandidates('03-x/01-a.md', '/docs/03-x/02-y.md#step', site)).toEqual({
			paths: ['docs/03-x/02-y.md', '03-x/02-y.md'],
			hash: 'step',
		});
		expect(docusaurusPageCandidates('03-x/01-a.md', 'intro.md', site)?.paths).toEqual([
			'intro.md',
			'03-x/intro.md',
		]);
		expect(docusaurusPageCandidates('03-x/01-a.md', './intro.md', site)?.paths).toEqual([
			'03-x/intro.md',
		]);
		expect(docusaurusPageCandidates('03-x/01-a.md', '../intro.md', site)?.paths).toEqual([
			'intro.md',
		]);
		// Outside the docs (a blog post) is not a page of the root.
		expect(docusaurusPageCandidates('intro.md', '/blog/post.md', site)?.paths).toEqual([
			'blog/post.md',
		]);
		expect(docusaurusPageCandidates('intro.md', 'restart', site)).toBeUndefined();
	});

	test('strips `routeBasePath` from a URL, and the prefixes of folders between the docs and the root', () => {
		expect(docusaurusRouteOf('/docs/x/y#z', site)).toEqual({ route: '/x/y/', hash: 'z' });
		expect(docusaurusRouteOf('/docs', site)).toEqual({ route: '/', hash: '' });
		expect(docusaurusRouteOf('/blog/x', site)).toBeUndefined();
		expect(docusaurusRouteOf('/docs/x/y', { ...site, rootInSite: 'docs/02-ops' })).toBeUndefined();
		expect(docusaurusRouteOf('/docs/ops/y', { ...site, rootInSite: 'docs/02-ops' })).toEqual({
			route: '/y/',
			hash: '',
		});
		expect(docusaurusRouteOf('/x/y', { ...site, routeBasePath: '' })).toEqual({
			route: '/x/y/',
			hash: '',
		});
	});
});

describe('a Docusaurus site with numbered folders', () => {
	let dir: string;
	let tree: GuidebookTree;
	const files = {
		'docusaurus.config.ts':
			"export default { presets: [['classic', { docs: { sidebarPath: './sidebars.ts' } }]] };\n",
		'static/img/flow.png': 'png',
		'docs/intro.md':
			'---\nslug: /\n---\n# Operations\n\n[Restart](/docs/03-backend/02-restart.md#verify) · [Route](/docs/backend/restart#verify) · [Relative](03-backend/02-restart.md)\n\n[Gone](/docs/03-backend/09-gone.md) · [Ztoperator](08-ztoperator/)\n\n![Flow](/img/flow.png) ![Missing](/img/missing.png)\n',
		'docs/03-backend/02-restart.md': '# Restart the backend\n\n## Verify\n',
		'docs/03-backend/01-drain.md': '---\nsidebar_label: Drain first\n---\n# Drain the queue\n',
		'docs/03-backend/queue.md': '# Queue\n',
		'docs/03-backend/10-scale.md': '# Scale\n',
		'docs/08-ztoperator/index.md': '# Ztoperator\n',
		'docs/10-databases/_category_.yml': 'label: Databases\n',
		'docs/10-databases/backup.md': '# Backup\n',
		'docs/2023-notes.md': '# Notes\n',
		'docs/2023-01-outage.md': '# January outage\n',
		'docs/03-backend/11-untitled-step.md': 'No title, no heading.\n',
	};

	beforeAll(async () => {
		dir = await writeFixture(files);
		tree = await loadGuidebookTree(join(dir, 'docs'));
	});

	afterAll(async () => {
		await removeFixture(dir);
	});

	test('routes pages without their number prefixes', () => {
		expect(
			Object.fromEntries([...tree.pages.values()].map((page) => [page.path, page.route])),
		).toEqual({
			'03-backend/01-drain.md': '/backend/drain/',
			'03-backend/02-restart.md': '/backend/restart/',
			'03-backend/10-scale.md': '/backend/scale/',
			'03-backend/11-untitled-step.md': '/backend/untitled-step/',
			'03-backend/queue.md': '/backend/queue/',
			'08-ztoperator/index.md': '/ztoperator/',
			'10-databases/backup.md': '/databases/backup/',
			'2023-01-outage.md': '/2023-01-outage/',
			'2023-notes.md': '/notes/',
			'intro.md': '/',
		});
		expect(
			[...tree.generatedFolders.values()].map((folder) => [
				folder.route,
				folder.title,
				folder.order,
			]),
		).toEqual([
			['/backend/', 'Backend', 3],
			['/databases/', 'Databases', 10],
		]);
	});

	test('orders navigation by number prefix (then position-less pages by file name) and labels with `sidebar_label`', () => {
		const index = buildSiteIndex(tree, new Map());
		expect(folderEntries(index, '03-backend').map((item) => item.title)).toEqual([
			'Drain first',
			'Restart the backend',
			'Scale',
			'Untitled Step',
			'Queue',
		]);
		expect(folderEntries(index, '').map((item) => item.title)).toEqual([
			'Backend',
			'Ztoperator',
			'Databases',
			'Notes',
			'January outage',
		]);
	});

	test('check: links to numbered `.md` files and to `/docs/…` routes land; what is missing is reported', async () => {
		const report = await checkTree({
			root: join(dir, 'docs'),
			config: parseConfig({}),
			only: ['internal-links'],
		});
		expect(report.findings.map(formatFinding)).toEqual([
			'intro.md:8:1: Unexpected link to missing file `/docs/03-backend/09-gone.md`, expected an existing file (internal-links)',
			'intro.md:10:24: Unexpected link to missing image `/img/missing.png`, expected an existing file (internal-links)',
		]);
	});
});

describe('front matter, where gray-matter ends it', () => {
	// Docusaurus closes front matter at the first line starting with `---`: a longer dash line ends
	// it, and a `---` further down is a thematic break. Generated over dash lengths, line endings,
	// and YAML that the later `---` would swallow.
	const dashes = [4, 10, 28];
	test.each(dashes.flatMap((length) => ['\n', '\r\n'].map((eol) => [length, eol] as const)))(
		'reads the YAML up to a %i-dash closing line (%j endings)',
		(length, eol) => {
			const text = [
				'---',
				'id: commands',
				'title: Commands',
				'sidebar_label: Commands',
				'-'.repeat(length),
				'',
				'Intro.',
				'',
				'---',
				'',
				'## Projects',
				'',
			].join(eol);
			const docusaurus = parsePage('commands.md', text, { dialect: 'docusaurus' });
			expect(docusaurus.frontmatter?.errors).toEqual([]);
			expect(docusaurus.frontmatter?.data).toEqual({
				id: 'commands',
				title: 'Commands',
				sidebar_label: 'Commands',
			});
			expect(docusaurus.text.split(eol).length, 'every line keeps its number').toBe(
				text.split(eol).length,
			);
			expect(docusaurus.headings.map((h) => h.text)).toEqual(['Projects']);
			// The positive control: CommonMark's front matter (GitHub's reading) runs to the later `---`.
			expect(
				parsePage('commands.md', text, { dialect: 'github' }).frontmatter?.errors.length,
			).toBeGreaterThan(0);
		},
	);

	test('leaves a page whose front matter closes with `---` alone, and one with none', () => {
		for (const text of [
			'---\nid: a\n---\n\n---\n\nText.\n',
			'# Title\n\n----------\n\nText.\n',
			'----\nid: a\n---\n',
		]) {
			expect(parsePage('a.md', text, { dialect: 'docusaurus' }).text).toBe(text);
		}
	});
});

describe('HTML comments in MDX, as Docusaurus reads them (mdx1Compat.comments)', () => {
	const comment = (n: number, multiline: boolean) =>
		multiline ? `<!-- note ${n}\nstill note ${n} -->` : `<!-- note ${n} -->`;
	const contexts = [
		(c: string) => `${c}\n`,
		(c: string) => `Text before ${c} and after.\n`,
		(c: string) => `- item ${c}\n`,
		(c: string) => `> quoted ${c}\n`,
	];

	test('hides every comment, wherever it stands, and keeps every line and column', async () => {
		const { mdxProblem } = await import('../../tree/mdx-syntax.ts');
		let n = 0;
		for (const multiline of [false, true]) {
			for (const place of contexts) {
				n += 1;
				const text = `# Page ${n}\n\n${place(comment(n, multiline))}\nEnd ${n}.\n`;
				const page = parsePage(`p${n}.mdx`, text, { dialect: 'docusaurus' });
				expect(mdxProblem(page.text), text).toBeUndefined();
				expect(
					page.text.split('\n').map((line) => line.length),
					text,
				).toEqual(text.split('\n').map((line) => line.length));
				// The positive control: MDX alone (a GitHub tree's `.mdx`) refuses the same page.
				expect(
					mdxProblem(parsePage(`p${n}.mdx`, text, { dialect: 'github' }).text),
					text,
				).toBeDefined();
			}
		}
	});

	test('leaves comments in code blocks and code spans as written, and `.md` pages alone', () => {
		const text =
			'# Code\n\n```html\n<!-- kept -->\n```\n\nUse `<!-- kept too -->` in HTML.\n\n<!-- hidden -->\n';
		const page = parsePage('code.mdx', text, { dialect: 'docusaurus' });
		expect(page.text).toContain('```html\n<!-- kept -->\n```');
		expect(page.text).toContain('`<!-- kept too -->`');
		expect(page.text).toContain('{/*  hidden */}');
		expect(parsePage('code.md', text, { dialect: 'docusaurus' }).text).toBe(text);
	});
});

describe('heading ids in MDX, as Docusaurus reads them (mdx1Compat.headingIds)', () => {
	const spacing = [' ', '  ', '\t', ''];
	const ids = ['running-ci-cd-on-kubernetes', 'step_2', 'v1.2', 'Install-OpenEBS'];

	test('sets the id of every heading that ends in `{#id}`, at every level and spacing, where MDX alone fails the page', async () => {
		const { mdxProblem } = await import('../../tree/mdx-syntax.ts');
		let n = 0;
		for (const depth of [1, 2, 3, 4, 5, 6]) {
			for (const space of spacing) {
				const id = ids[n++ % ids.length] as string;
				const heading = `${'#'.repeat(depth)} Running CI ${n}${space}{#${id}}`;
				const text = `import Card from '@site/src/components/Card';\n\nexport const region = 'eu';\n\n${heading}\n\n<Card name="hello" />\n`;
				const page = parsePage(`p${n}.mdx`, text, { dialect: 'docusaurus' });
				expect(mdxProblem(page.text), heading).toBeUndefined();
				expect(
					page.headings.map((h) => [h.text, h.slug]),
					heading,
				).toEqual([[`Running CI ${n}`, id]]);
				// With a space before the brace, every line keeps its width.
				if (space !== '')
					expect(
						page.text.split('\n').map((line) => line.length),
						heading,
					).toEqual(text.split('\n').map((line) => line.length));
				// The positive control: MDX alone (a GitHub tree's `.mdx`) refuses the same page.
				expect(
					mdxProblem(parsePage(`p${n}.mdx`, text, { dialect: 'github' }).text),
					heading,
				).toBeDefined();
			}
		}
	});

	test('leaves a `{#` in fenced code, and on lines that are not headings, as written', () => {
		const text =
			'# Ids {#ids}\n\n```md\n## Shown {#as-written}\n```\n\nText with {/* a comment */} stays.\n';
		const page = parsePage('ids.mdx', text, { dialect: 'docusaurus' });
		expect(page.text).toContain('```md\n## Shown {#as-written}\n```');
		expect(page.headings.map((h) => h.slug)).toEqual(['ids']);
	});
});

describe('.md pages read as Docusaurus reads them: MDX', () => {
	const blocks = [
		["import Tabs from '@theme/Tabs';", "import TabItem from '@theme/TabItem';"],
		['import {', '  PickVersion,', '  PickHelmVersion,', "} from '@site/src/components/Pick';"],
		['export const release = "3.2";'],
		[
			"import * as all from './data';",
			'export default function Layout({ children }) {',
			'  return children;',
			'}',
		],
	];

	test.each(blocks.map((block) => [block[0], block] as const))(
		'blanks the ESM block starting `%s`, every line kept',
		(_first, block) => {
			const text = [
				'# Upgrade',
				'',
				'Pick how it was installed.',
				'',
				...block,
				'',
				'Run `helm upgrade`.',
				'',
				'```js',
				block[0],
				'```',
				'',
			].join('\n');
			const page = parsePage('upgrade.md', text, { dialect: 'docusaurus' });
			const lines = page.text.split('\n');
			expect(lines.length).toBe(text.split('\n').length);
			for (const at of block.keys()) expect(lines[4 + at]?.trim(), block[at]).toBe('');
			// In a code block, and in a GitHub tree's page, it is text as written.
			expect(lines.at(-3)).toBe(block[0]);
			expect(parsePage('upgrade.md', text, { dialect: 'github' }).text).toBe(text);
		},
	);

	test('keeps `import` inside a paragraph: MDX reads an ESM block only after a blank line', () => {
		const text = '# Notes\n\nThe agent can\nimport data from a file.\n';
		expect(parsePage('notes.md', text, { dialect: 'docusaurus' }).text).toBe(text);
	});

	test('reads `src={require(…).default}` as the picture it names, on .md and .mdx pages', () => {
		for (const [path, source] of [
			['a.md', `"../assets/logo.png"`],
			['b.mdx', `'../assets/logo.png'`],
		] as const) {
			const text = `# Logo\n\n<img src={require(${source}).default} alt="Logo" />\n`;
			const page = parsePage(path, text, { dialect: 'docusaurus' });
			expect(page.text.split('\n')[2]).toMatch(
				/^<img src="\.\.\/assets\/logo\.png" +alt="Logo" \/>$/,
			);
			expect(page.text.split('\n')[2]?.length).toBe(text.split('\n')[2]?.length);
		}
	});
});

describe('a versioned Docusaurus site', () => {
	test('serves the docs folder, its current version, under `next/`, and only when versions.json says it is versioned', async () => {
		const { runRule } = await import('../../checks/run-rule.ts');
		const internalLinks = (await import('../../checks/rules/internal-links.ts')).default;
		const { emptyAlertSet } = await import('../../alerts/types.ts');
		const errors = async (versioned: boolean): Promise<string[]> => {
			const dir = await writeFixture({
				'docusaurus.config.js':
					"module.exports = { title: 'Chaos', url: 'https://x.example', baseUrl: '/' };\n",
				...(versioned && { 'versions.json': '["3.2.0", "3.1.0"]\n' }),
				'docs/usage.md': '# Usage\n',
				'docs/syntax.md':
					'# Syntax\n\nSee [usage](/docs/next/usage) and [nothing](/docs/next/no-such-page).\n',
			});
			try {
				const tree = await loadGuidebookTree(join(dir, 'docs'));
				const findings = await runRule(
					internalLinks,
					'error',
					tree,
					parseConfig({}),
					new Set(tree.files.pages),
					{ trust: 'trusted', setAside: [], alerts: emptyAlertSet },
				);
				return findings
					.filter((f) => f.severity === 'error')
					.map((f) => `${f.file}:${f.position?.line}:${f.position?.column}`);
			} finally {
				await removeFixture(dir);
			}
		};
		expect(await errors(true)).toEqual(['syntax.md:3:35']);
		expect(await errors(false)).toEqual(['syntax.md:3:5', 'syntax.md:3:35']);
	});
});
