import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { readableText } from './dialect-build.ts';

// Hugo (Goldmark's `definitionList`, on by default) and MkDocs with `def_list` show
// `Term` / `: definition` as a definition list; mastodon's docs write CLI flags this way (124
// definitions on two pages of its admin guide) and trivy its return values. Sätteri has no such construct: such a page is read by
// remark's parser with micromark's extension, for the site and the checks alike. Where the tool
// does not read them (GitHub, MkDocs without `def_list`, Hugo with it turned off) the lines stay
// text, as the tool shows them.

const page = `# Backup script flags

The nightly dump runs \`backup.sh\` with these flags.

\`--bucket NAME\`
: The object storage bucket the dumps go to.

\`--keep DAYS\`
: How many days of dumps stay in the bucket.
: Older dumps are deleted after an upload that succeeded.

\`--dry-run\`
\`-n\`
:   Lists what would be uploaded and deleted, and changes nothing.
    Read [the restore order](#restore-order) first.

\`--notify CHANNEL\`

:   Posts the result to the chat channel.

    A failed upload is posted without this flag too.
`;

/** Where the link inside the third definition starts, in the page as written: line and column. */
const linkLine = page.split('\n').findIndex((line) => line.includes('[the restore order]')) + 1;
const linkColumn = (page.split('\n')[linkLine - 1] ?? '').indexOf('[') + 1;

interface TreeCase {
	files: Record<string, string>;
	root: string;
	route: string;
	lists: boolean;
}

const hugo = (config: string): TreeCase => ({
	files: {
		'hugo.toml': `title = "ERP"\n${config}`,
		'content/_index.md': '# ERP\n',
		'content/runbooks/backup-flags.md': `---\ntitle: Backup flags\n---\n\n${page}`,
	},
	root: 'content',
	route: 'runbooks/backup-flags',
	lists: !config.includes('definitionList = false'),
});
const mkdocs = (extensions: string): TreeCase => ({
	files: {
		'mkdocs.yml': `site_name: ERP\nmarkdown_extensions:\n  - admonition\n${extensions}`,
		'docs/index.md': '# ERP\n',
		'docs/runbooks/backup-flags.md': page,
	},
	root: 'docs',
	route: 'runbooks/backup-flags',
	lists: extensions !== '',
});

const cases = {
	'Hugo, by default': hugo(''),
	'Hugo, `definitionList = false`': hugo('[markup.goldmark.extensions]\ndefinitionList = false\n'),
	'MkDocs with `def_list`': mkdocs('  - def_list\n'),
	'MkDocs with `pymdownx.extra`': mkdocs('  - pymdownx.extra\n'),
	'MkDocs without it': mkdocs(''),
	'GitHub folders': {
		files: { 'runbooks/README.md': '# ERP\n', 'runbooks/backup-flags.md': page },
		root: 'runbooks',
		route: 'backup-flags',
		lists: false,
	},
} satisfies Record<string, TreeCase>;

interface Built {
	doc: Document;
	findings: Array<{ rule: string; file: string; line: number; column: number; message: string }>;
}
const built = new Map<string, Built>();
const folders: string[] = [];

beforeAll(async () => {
	for (const [name, tree] of Object.entries(cases)) {
		const dir = await writeFixture(tree.files);
		folders.push(dir);
		const build = await runCli(['build', '--root', tree.root, '--out', 'site'], { cwd: dir });
		expect(build.code, `${name}: ${build.stderr}`).toBe(0);
		const check = await runCli(['check', '--root', tree.root, '--format', 'json'], { cwd: dir });
		const html = await readFile(join(dir, 'site', tree.route, 'index.html'), 'utf8');
		built.set(name, {
			doc: parseHTML(html).document,
			findings: (JSON.parse(check.stdout) as Built).findings,
		});
	}
}, 300_000);
afterAll(async () => {
	for (const dir of folders) await removeFixture(dir);
});

const texts = (doc: Document, selector: string) =>
	[...doc.querySelectorAll(selector)].map((node) => node.textContent?.trim().replace(/\s+/g, ' '));

test.each(Object.entries(cases).filter(([, tree]) => tree.lists))(
	'%s: the terms and definitions are a definition list, tight or loose as written',
	(name) => {
		const { doc } = built.get(name)!;
		expect(texts(doc, '.prose dl > dt')).toEqual([
			'--bucket NAME',
			'--keep DAYS',
			'--dry-run',
			'-n',
			'--notify CHANNEL',
		]);
		expect(texts(doc, '.prose dl > dd')).toEqual([
			'The object storage bucket the dumps go to.',
			'How many days of dumps stay in the bucket.',
			'Older dumps are deleted after an upload that succeeded.',
			// The link is marked broken on the page (`#restore-order` is no heading of it).
			expect.stringMatching(
				/^Lists what would be uploaded and deleted, and changes nothing\. Read the restore order\b.* first\.$/,
			),
			'Posts the result to the chat channel. A failed upload is posted without this flag too.',
		]);
		// A blank line before `:` makes the definition loose: paragraphs, as in a loose list.
		expect(
			[...doc.querySelectorAll('.prose dl > dd')].map((dd) => dd.querySelectorAll('p').length),
		).toEqual([0, 0, 0, 0, 2]);
		expect(readableText(doc)).not.toMatch(/(?:^|\n)\s*:\s/);
	},
);

test.each(Object.entries(cases).filter(([, tree]) => !tree.lists))(
	'%s: the lines stay text, as the tool shows them',
	(name) => {
		const { doc } = built.get(name)!;
		expect(doc.querySelector('.prose dl')).toBeNull();
		expect(readableText(doc)).toContain(': The object storage bucket the dumps go to.');
	},
);

test.each(Object.keys(cases))(
	'%s: a link inside a definition is checked at the line and column it is written',
	(name) => {
		const { findings } = built.get(name)!;
		const link = findings.filter(
			(finding) => finding.rule === 'internal-links' && finding.message.includes('#restore-order'),
		);
		expect(link.map(({ line, column }) => ({ line, column }))).toEqual([
			{ line: linkLine + (name.startsWith('Hugo') ? 4 : 0), column: linkColumn },
		]);
	},
);
