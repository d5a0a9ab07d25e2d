import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { legacyGitlabAnchor } from '../../tools/gitlab/former-ids.ts';
import { pythonMarkdownSlugger } from '../../tools/mkdocs/heading-ids.ts';
import { toolNamed, treeReading } from '../../tools/index.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';
import { rewriteAs } from '../helpers/tool-reading.ts';
import { describeDialect } from '../../tools/detect.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { countTemplates } from '../../tree/walk-files.ts';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';
import { runChecks } from '../../checks/engine.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';

async function dialectOf(files: Record<string, string>, root = '', setting?: 'auto' | 'gitlab') {
	const dir = await writeFixture(files);
	try {
		const tree = await loadGuidebookTree(join(dir, root), setting ? { dialect: setting } : {});
		return { dialect: tree.dialect, line: describeDialect(tree.dialect, root || '.') };
	} finally {
		await removeFixture(dir);
	}
}

describe('dialect detection', () => {
	test("reads a tree with no other tool's files or syntax as GitHub", async () => {
		expect((await dialectOf({ 'README.md': '# Home\n\n> [!NOTE]\n> GitHub alert.\n' })).line).toBe(
			'Reading ./ as a GitHub tree (no other dialect found); set `dialect` to override',
		);
	});

	test("finds `mkdocs.yml` above the root and prefers it to the forge's `.gitlab-ci.yml`", async () => {
		const { line } = await dialectOf(
			{
				'mkdocs.yml': 'site_name: Ops\n',
				'.gitlab-ci.yml': 'stages: [test]\n',
				'docs/index.md': '# Ops\n\n[[_TOC_]]\n',
			},
			'docs',
		);
		expect(line).toBe(
			'Reading docs/ as a MkDocs tree (found `mkdocs.yml`); set `dialect` to override',
		);
	});

	test("reads ProperDocs' `properdocs.yml` as the MkDocs config it replaces, with what it enables", async () => {
		const dir = await writeFixture({
			'properdocs.yml': 'site_name: Ops\nmarkdown_extensions:\n  - def_list\n',
			'docs/index.md': '# Ops\n\nRTO\n: Four hours.\n',
		});
		try {
			const tree = await loadGuidebookTree(join(dir, 'docs'));
			expect(describeDialect(tree.dialect, 'docs')).toBe(
				'Reading docs/ as a MkDocs tree (found `properdocs.yml`); set `dialect` to override',
			);
			expect(tree.siteName).toBe('Ops');
			expect(treeReading(tree).markdown.definitionLists).toBe(true);
		} finally {
			await removeFixture(dir);
		}
		// Beside an `mkdocs.yml`, ProperDocs reads its own file and never the other, above the root or elsewhere.
		for (const [layout, root] of [
			[
				{
					'properdocs.yml': 'site_name: Proper\n',
					'mkdocs.yml': 'site_name: Old\n',
					'docs/index.md': '# Ops\n',
				},
				'docs',
			],
			[
				{
					'site/properdocs.yml': 'site_name: Proper\ndocs_dir: ../docs\n',
					'site/mkdocs.yml': 'site_name: Old\ndocs_dir: ../docs\n',
					'docs/index.md': '# Ops\n',
					'.git/HEAD': 'ref: refs/heads/main\n',
				},
				'docs',
			],
		] as const) {
			const both = await writeFixture(layout);
			try {
				expect((await loadGuidebookTree(join(both, root))).siteName).toBe('Proper');
			} finally {
				await removeFixture(both);
			}
		}
	});

	test.each([
		['GitLab', { 'README.md': '[[_TOC_]]\n\n# Home\n' }],
		[
			'Hugo',
			{ '_index.md': '---\ntitle: Home\n---\n', 'api.md': 'See {{< ref "_index.md" >}}.\n' },
		],
		[
			'Docusaurus',
			{
				'intro.md': '# Intro\n\n:::tip\nBody.\n:::\n',
				'ops/_category_.json': '{ "label": "Ops" }',
			},
		],
		['MkDocs', { 'README.md': '# Home\n\n!!! note\n    Body.\n' }],
	])('detects %s from the pages alone', async (label, files) => {
		expect((await dialectOf(files)).line).toContain(`as a ${label} tree (found `);
	});

	test('follows the config when it sets the dialect', async () => {
		const { dialect, line } = await dialectOf(
			{ 'mkdocs.yml': 'site_name: Ops\n', 'docs/README.md': '# Home\n' },
			'docs',
			'gitlab',
		);
		// The MkDocs site that builds it is noted, for the warning that the config may not mean it (`contraryDialectWarning`).
		expect(dialect).toEqual({
			name: 'gitlab',
			forced: true,
			signals: [],
			contrary: [
				{ name: expect.stringMatching(/(?:^|\/)mkdocs\.yml$/) as string, dialect: 'mkdocs' },
			],
		});
		expect(line).toBe('Reading docs/ as a GitLab tree (config `dialect: gitlab`)');
	});

	test('counts Middleman templates, which are neither pages nor files to publish', async () => {
		const tree = await loadGuidebookTree(join(repoRoot, 'test/fixtures/dialects/middleman/source'));
		expect(tree.pages.size).toBe(0);
		expect(tree.files.assets).toEqual([]);
		expect(countTemplates(tree.files.templates)).toEqual([{ kind: '.html.md.erb', count: 5 }]);
	});
});

describe('dialect routes and heading ids', () => {
	test.each([
		['runbooks/_index.md', 'hugo', '/runbooks/'],
		['_index.md', 'hugo', '/'],
		['runbooks/_index.md', 'github', '/runbooks/_index/'],
		['guides/upgrade.html.md', 'github', '/guides/upgrade/'],
		['guides/index.html.md', 'github', '/guides/'],
	] as const)('routes %s on %s to %s', (path, dialect, route) => {
		expect(toolNamed(dialect).bind(undefined).routeForPath(path)).toBe(route);
	});

	test('spells MkDocs ids the Python-Markdown way: separators merged, duplicates `_1`', () => {
		const slugger = pythonMarkdownSlugger();
		expect(
			['Check & renew', 'Backup & restore', 'Check & renew', 'Café – menu'].map((h) =>
				slugger.slug(h),
			),
		).toEqual(['check-renew', 'backup-restore', 'check-renew_1', 'cafe-menu']);
	});

	test("reads an MkDocs attribute list after a heading as Python-Markdown's attr_list does, in every spelling", () => {
		const random = seededRandom(7);
		const tokens = [
			(n: number) => `#id-${n}`,
			() => '.wide',
			() => 'data-x=1',
			() => 'title="Two words"',
			(n: number) => `id=alt-${n}`,
		];
		for (let n = 0; n < 200; n++) {
			const chosen = Array.from({ length: 1 + pick(random, 3) }, () => pick(random, tokens.length));
			const written = chosen.map((k) => (tokens[k] as (n: number) => string)(n));
			const before = ' '.repeat(pick(random, 3));
			const list = `{${pick(random, 2) ? ':' : ''}${' '.repeat(pick(random, 3))}${written.join(' ')}${' '.repeat(pick(random, 3))}}`;
			const heading = `Main Module ${n}${before}${list}${' '.repeat(pick(random, 2))}`;
			const ids = chosen
				.filter((k) => k === 0 || k === 4)
				.map((k) => (k === 0 ? `id-${n}` : `alt-${n}`));
			// No space before the brace: the list is text, as on MkDocs.
			const expected =
				before === '' ? pythonMarkdownSlugger().slug(heading) : (ids.at(-1) ?? `main-module-${n}`);
			expect(pythonMarkdownSlugger().slug(heading), heading).toBe(expected);
			const page = parsePage('p.md', `## ${heading}\n`, { dialect: 'mkdocs' });
			expect(
				page.headings.map((h) => [h.text, h.slug]),
				heading,
			).toEqual([[before === '' ? heading.trim() : `Main Module ${n}`, expected]]);
		}
		// Docusaurus knows `{#id}` alone: with spaces inside, the braces are the heading's text.
		expect(
			parsePage('p.md', '## Main Module { #gomod-main }\n', { dialect: 'docusaurus' }).headings[0]
				?.slug,
		).toBe('main-module--gomod-main-');
	});

	test('knows the id GitLab gave a heading before 17.0', () => {
		expect(legacyGitlabAnchor('restore--verify')).toBe('restore-verify');
		expect(legacyGitlabAnchor('restore-verify')).toBeUndefined();
	});
});

describe('dialect source rewriting', () => {
	const rewrite = (
		dialect: 'gitlab' | 'mkdocs' | 'docusaurus' | 'hugo',
		text: string,
		pages: string[] = [],
	) =>
		rewriteAs(text, {
			dialect,
			path: 'ops/page.md',
			pages: new Set(pages),
			params: { oncall: '#ops' },
		});

	test('turns table-of-contents markers into `::toc`, but not inside code', () => {
		const { text } = rewrite('gitlab', '[[_TOC_]]\n\n```md\n[[_TOC_]]\n```\n\n[TOC]\n');
		expect(text).toBe('::toc\n\n```md\n[[_TOC_]]\n```\n\n::toc\n');
	});

	test('keeps every line where it was, so findings point at the source', () => {
		const source =
			'# Page\n\n!!! note "One"\n    Body.\n\n    ??? tip\n        Inner.\n\n    More.\n\nAfter.\n';
		const { text } = rewrite('mkdocs', source);
		expect(text.split('\n').length).toBe(source.split('\n').length);
		expect(text).toBe(
			'# Page\n\n::::note[One]\nBody.\n\n:::tip{collapse=closed}\nInner.\n:::\nMore.\n::::\nAfter.\n',
		);
	});

	test("writes an empty MkDocs title as a callout without a title bar, the page's final newline kept", () => {
		// A closing fence in place of the empty line after the final newline left the text without one: a false `final-newline` finding (traefik).
		expect(rewrite('mkdocs', '!!! warning ""\n    Body.\n').text).toBe(
			':::warning{notitle}\nBody.\n:::\n',
		);
	});

	test('resolves Hugo refs like Hugo: relative, from the content root, by name; a missing one stays a link to check', () => {
		const pages = ['ops/page.md', 'ops/restart.md', 'crm/_index.md', 'crm/api/down.md'];
		const { text, notes } = rewrite(
			'hugo',
			'[a]({{< ref "restart" >}}) [b]({{< relref "/crm" >}}) [c]({{% ref "down.md#db" %}}) [d]({{< ref "gone.md" >}}) `{{< ref "x" >}}` {{< param OnCall >}}\n',
			pages,
		);
		expect(text).toBe(
			'[a](restart.md) [b](../crm/_index.md) [c](../crm/api/down.md#db) [d](gone.md) `{{< ref "x" >}}` #ops\n',
		);
		// In code Hugo runs it too: a page it cannot find stops Hugo's build.
		expect(notes.map((n) => `${n.line}:${n.column} ${n.severity} ${n.message}`)).toEqual([
			expect.stringMatching(
				/^1:113 error Unexpected Hugo shortcode `ref "x"` to a page the tree does not have/,
			),
		]);
	});

	test("finds a Hugo bundle by its folder's name, as Hugo's lookup by name does, and no page of an ambiguous name", () => {
		const pages = [
			'ops/page.md',
			'reference/bindings/_index.md',
			'howto/backup/index.md',
			'howto/backup/notes.md',
			'a/restore.md',
			'b/restore/_index.md',
		];
		const { text } = rewrite(
			'hugo',
			'[a]({{< ref bindings >}}) [b]({{< ref "bindings.md" >}}) [c]({{< relref "backup#daily" >}}) [d]({{< ref restore >}}) [e]({{< ref "_index" >}})\n',
			pages,
		);
		expect(text).toBe(
			'[a](../reference/bindings/_index.md) [b](../reference/bindings/_index.md) [c](../howto/backup/index.md#daily) [d](restore) [e](_index)\n',
		);
	});

	test("reads Hugo sets of tabs as the site's content tabs, each labelled as its theme labels it", () => {
		// (A page starting with `{` is JSON front matter to Hugo: each starts with its title.)
		const dapr =
			'# Init\n{{< tabs "Self-Hosted" "Kubernetes" >}}\n{{% codetab %}}\nRun `dapr init`.\n{{% /codetab %}}\n{{% codetab %}}\nRun `dapr init -k`.\n{{% /codetab %}}\n{{< /tabs >}}\n';
		expect(rewrite('hugo', dapr).text).toBe(
			'# Init\n\n:::tab-new[Self-Hosted]\nRun `dapr init`.\n:::\n:::tab[Kubernetes]\nRun `dapr init -k`.\n:::\n\n',
		);
		const docsy =
			'# Install\n{{< tabpane text=true >}}\n{{% tab header="Linux" %}}\nUse apt.\n{{% /tab %}}\n{{% tab header="macOS" %}}\nUse brew.\n{{% /tab %}}\n{{< /tabpane >}}\n';
		expect(rewrite('hugo', docsy).text).toBe(
			'# Install\n\n:::tab-new[Linux]\nUse apt.\n:::\n:::tab[macOS]\nUse brew.\n:::\n\n',
		);
		const book =
			'# Book\n{{< tabs "install" >}}\n{{< tab "MacOS" >}}\n{{< hint warning >}}\nCareful.\n{{< /hint >}}\n{{< /tab >}}\n{{< tab >}}\nOther.\n{{< /tab >}}\n{{< /tabs >}}\n';
		expect(rewrite('hugo', book).text).toBe(
			'# Book\n\n::::tab-new[MacOS]\n:::warning\nCareful.\n:::\n::::\n:::tab[Tab 2]\nOther.\n:::\n\n',
		);
		expect(rewrite('hugo', book).notes).toEqual([]);
	});

	test("shows a site's own shortcode that names a page or a URL as that link, labelled by its text", () => {
		const pages = ['ops/page.md', 'getting-started/_index.md'];
		const { text, notes } = rewrite(
			'hugo',
			'# Start\n\n{{< button text="Get started" page="getting-started" >}} or {{< card link="https://dl.example.invalid/x" >}} or {{< button text="Gone" page="gone" >}}\n',
			pages,
		);
		// A page the tree does not hold may be elsewhere on the site (mastodon's `page-ref page="entities/Role"`): the notice stays.
		expect(text).toBe(
			'# Start\n\n[Get started](<../getting-started/_index.md>) or [https://dl.example.invalid/x](<https://dl.example.invalid/x>) or *(Hugo shortcode “button” is not shown here)*\n',
		);
		const link = expect.stringContaining('shows the link it names in its place') as unknown;
		expect(notes.map((n) => n.message)).toEqual([
			link,
			link,
			expect.stringContaining('shows a notice in its place'),
		]);
	});

	test('reports other Hugo shortcodes at their line and never leaves them in the text', () => {
		const { text, notes } = rewrite(
			'hugo',
			'# Page\n\n{{< youtube abc >}}\n\n{{< tabs >}}\nInside.\n{{< /tabs >}}\n',
		);
		expect(text).toBe('# Page\n\n*(Hugo shortcode “youtube” is not shown here)*\n\n\nInside.\n\n');
		expect(notes.map((n) => `${n.line}:${n.column} ${n.severity} ${n.message}`)).toEqual([
			'3:1 warning Unexpected Hugo shortcode `youtube`, expected Markdown: Waymark cannot render it and shows a notice in its place',
			'5:1 warning Unexpected Hugo shortcode `tabs`, expected Markdown: Waymark shows the content it wraps without it',
		]);
	});
});

test('ignores dialect syntax quoted in code: a guide that shows `!!! note` stays a GitHub tree', async () => {
	const { line } = await dialectOf({
		'README.md':
			'# Guide\n\nWrite `{{< ref "x" >}}` or:\n\n```markdown\n!!! note\n    Body.\n\n[[_TOC_]]\n```\n',
	});
	expect(line).toContain('as a GitHub tree');
});

test('leaves out the pages MkDocs leaves out: `exclude_docs`, its `/templates/` default and the `exclude` plugin', async () => {
	const dir = await writeFixture({
		'mkdocs.yml':
			'site_name: Ops\ndocs_dir: docs\nexclude_docs: |\n  drafts/\nplugins:\n  - exclude:\n      glob: ["README.md", "*.gotmpl.md"]\n',
		'docs/index.md': '# Ops\n',
		'docs/README.md': '# Not on the site\n',
		'docs/drafts/idea.md': '# Draft\n',
		'docs/templates/runbook.md': '# {{ title }}\n',
		'docs/charts/values.gotmpl.md': '{{ template "x" . }}\n',
	});
	try {
		const tree = await loadGuidebookTree(join(dir, 'docs'));
		expect([...tree.pages.keys()]).toEqual(['index.md']);
		expect([...tree.excludedPages.keys()]).toEqual([
			'charts/values.gotmpl.md',
			'drafts/idea.md',
			'README.md',
			'templates/runbook.md',
		]);
		expect(tree.siteName).toBe('Ops');
	} finally {
		await removeFixture(dir);
	}
});

test("runs the `exclude` plugin's regexes in linear time, and sets aside one RE2 cannot run with a finding at its line", async () => {
	const backtracking = `${'a'.repeat(60)}!.md`;
	const dir = await writeFixture({
		'mkdocs.yml':
			"site_name: Ops\nplugins:\n  - exclude:\n      regex:\n        - '(a+)+$'\n        - 'old/.*'\n        - '(?!keep).*draft.*'\n",
		'docs/index.md': '# Ops\n',
		[`docs/${backtracking}`]: '# Long name\n',
		'docs/old/runbook.md': '# Old\n',
		'docs/my-draft.md': '# Draft\n',
	});
	try {
		// JavaScript's engine takes hours for `(a+)+$` on this name; RE2 answers at once.
		const tree = await loadGuidebookTree(join(dir, 'docs'));
		expect([...tree.excludedPages.keys()]).toEqual(['old/runbook.md']);
		expect([...tree.pages.keys()].sort()).toEqual([backtracking, 'index.md', 'my-draft.md']);
		const report = await runChecks({
			root: join(dir, 'docs'),
			config: parseConfig({}),
			tree,
			only: ['dialect-syntax'],
		});
		expect(report.findings.map(formatFinding)).toEqual([
			'../mkdocs.yml:7:11: Unexpected pattern `(?!keep).*draft.*` in the `exclude` plugin, expected one RE2 runs in linear time (RE2 runs no lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`)); Waymark does not apply it, so the files it would leave out are checked and published (dialect-syntax)',
		]);
	} finally {
		await removeFixture(dir);
	}
});

test("a page over the limits keeps its place in the dialect: a Hugo section page too large or too deep is a notice at its folder's route", async () => {
	const dir = await writeFixture({
		'_index.md': '---\ntitle: Home\n---\n',
		'crm/_index.md': `# CRM\n\n${'x'.repeat(2048)}\n`,
		'erp/_index.md': `# ERP\n\n${'> '.repeat(5)}deep\n`,
		'erp/ops.md': '# Ops\n',
	});
	try {
		const tree = await loadGuidebookTree(dir, {
			limits: { maxPageBytes: 1024, maxNestingDepth: 4 },
		});
		expect(tree.dialect.name).toBe('hugo');
		const notices = [...tree.pages.values()]
			.filter((page) => page.notice)
			.map((page) => [page.path, page.route, page.title, page.notice]);
		expect(notices).toEqual([
			['crm/_index.md', '/crm/', 'CRM', 'page of 3 KB, more than `checks.maxPageBytes` (1 KB)'],
			[
				'erp/_index.md',
				'/erp/',
				'ERP',
				'page nested 5 levels deep (block quotes and lists), more than `checks.maxNestingDepth` (4)',
			],
		]);
		expect(tree.pages.get('erp/ops.md')?.notice).toBeUndefined();
	} finally {
		await removeFixture(dir);
	}
});

// Whatever block a MkDocs page ends in (an admonition, a collapsible one, a tab, nested, with a
// blank line or none before the end), the rewritten text ends with a newline exactly when the file
// does: a lost one was a `final-newline` finding on a file that has it.
test.each(
	[
		'!!! note\n    Body.',
		'??? tip "More"\n    Body.',
		'=== "Linux"\n    apt install x',
		'!!! note\n    !!! warning\n        Deep.',
		'!!! note\n    Body.\n',
		'!!! note\n\n    Body.\n\n',
	].flatMap((block) => [block, `${block}\n`]),
)('a MkDocs page ending in %j keeps its final newline, or its lack of one', (block) => {
	const text = `# Page\n\n${block}`;
	expect(
		rewriteAs(text, { dialect: 'mkdocs', path: 'ops/page.md', pages: new Set() }).text.endsWith(
			'\n',
		),
	).toBe(text.endsWith('\n'));
});
