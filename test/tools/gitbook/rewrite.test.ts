import '../../helpers/load-tools.ts';
import { execFile } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatFinding } from '../../../checks/finding.ts';
import { parseConfig } from '../../../config/load-config.ts';
import { parseGitbookConfig } from '../../../tools/gitbook/config.ts';
import { gitbookHref } from '../../../tools/gitbook/links.ts';
import { loadGuidebookTree, type GuidebookTree } from '../../../tree/load-tree.ts';
import { checkTree } from '../../helpers/check-tree.ts';
import { removeFixture, repoRoot, writeFixture } from '../../helpers/fixture.ts';
import { rewriteAs } from '../../helpers/tool-reading.ts';

const rewrite = (text: string) =>
	rewriteAs(text, { dialect: 'gitbook', path: 'ops/page.md', pages: new Set(['ops/page.md']) });

describe('GitBook blocks', () => {
	test("a hint is the site's callout of its style", () => {
		expect(
			rewrite(
				'{% hint style="success" %}\nDone.\n{% endhint %}\n{% hint style="danger" %}\nStop.\n{% endhint %}\n',
			).text,
		).toBe(':::success\nDone.\n:::\n:::danger\nStop.\n:::\n');
	});

	test("tabs are the site's tabs, each set started anew", () => {
		expect(
			rewrite(
				'{% tabs %}\n{% tab title="Linux" %}\nA\n{% endtab %}\n{% tab title="macOS" %}\nB\n{% endtab %}\n{% endtabs %}\n',
			).text,
		).toBe('\n:::tab-new[Linux]\nA\n:::\n:::tab[macOS]\nB\n:::\n\n');
	});

	test('a hint inside a tab: the tab takes more colons, as nested directives must', () => {
		expect(
			rewrite(
				'{% tabs %}\n{% tab title="A" %}\n{% hint style="warning" %}\nW\n{% endhint %}\n{% endtab %}\n{% endtabs %}\n',
			).text,
		).toBe('\n::::tab-new[A]\n:::warning\nW\n:::\n::::\n\n');
	});

	test('content-ref keeps its link, embed and file are links, code shows its title', () => {
		const out = rewrite(
			'{% content-ref url="b.md" %}\n[b.md](b.md)\n{% endcontent-ref %}\n{% embed url="https://example.com/v" %}\nA video\n{% endembed %}\n{% file src="../.gitbook/assets/run%20book.pdf" %}\n{% code title="run.sh" %}\n```bash\nrun\n```\n{% endcode %}\n',
		);
		expect(out.text).toBe(
			'\n[b.md](b.md)\n\n[https://example.com/v](<https://example.com/v>)\nA video\n\n[run book.pdf](<../.gitbook/assets/run%20book.pdf>)\n**run.sh**\n```bash\nrun\n```\n\n',
		);
		expect(out.notes).toEqual([]);
	});

	test("a block of GitBook's services is a notice and a warning, its content kept", () => {
		const out = rewrite(
			'{% openapi src="x.yaml" path="/x" method="get" %}\nList them.\n{% endopenapi %}\n{% @github-files/code-block url="https://github.com/a/b" %}\n',
		);
		expect(out.text).toBe(
			'*(GitBook block “openapi” is not shown here)* [x.yaml](<x.yaml>)\nList them.\n\n*(GitBook block “@github-files/code-block” is not shown here)* [https://github.com/a/b](<https://github.com/a/b>)\n',
		);
		expect(out.notes.map((note) => [note.line, note.severity])).toEqual([
			[1, 'warning'],
			[4, 'warning'],
		]);
		expect(out.notes[0]!.message).toMatch(/^Unexpected GitBook block .+, expected Markdown/);
	});

	test('a legacy API block is the call, its parameters and responses as text', () => {
		const out = rewrite(
			'{% swagger method="get" path="/allocation" summary="Allocation API" %}\n{% swagger-description %}\nCosts.\n{% endswagger-description %}\n{% swagger-parameter in="query" name="window" type="string" required="true" %}\nDuration.\n{% endswagger-parameter %}\n{% swagger-response status="200: OK" description="" %}\n{% endswagger-response %}\n{% endswagger %}\n',
		);
		expect(out.text).toBe(
			'**GET `/allocation`** Allocation API\n\nCosts.\n\n- Parameter `window` (query, string, required)\nDuration.\n\n- Response 200: OK\n\n\n',
		);
		expect(out.notes).toEqual([]);
	});

	test('a figure is its picture and caption, code is left alone', () => {
		expect(
			rewrite(
				'<figure><img src="../.gitbook/assets/a (1).png" alt="Flow"><figcaption><p>How it flows</p></figcaption></figure>\n\n```\n{% hint style="info" %}\n```\n',
			).text,
		).toBe(
			'![Flow](<../.gitbook/assets/a (1).png>) How it flows\n\n```\n{% hint style="info" %}\n```\n',
		);
	});
});

describe('.gitbook.yaml and assets', () => {
	test("reads root and structure, with Git Sync's defaults", () => {
		expect(
			parseGitbookConfig(
				'root: ./docs/\nstructure:\n  readme: LANDING.md\nredirects:\n  old/page: new/page.md\n',
			),
		).toEqual({
			root: 'docs',
			readme: 'LANDING.md',
			summary: 'SUMMARY.md',
			redirects: { 'old/page': 'new/page.md' },
		});
		expect(parseGitbookConfig('')).toEqual({
			root: '',
			readme: 'README.md',
			summary: 'SUMMARY.md',
			redirects: {},
		});
	});

	test('finds an asset by its name however many ../ the page wrote', () => {
		const assets = new Set(['a (1).png']);
		expect(gitbookHref('x/y.md', '../../../.gitbook/assets/a%20(1).png', assets)).toBe(
			'/gitbook/assets/a%20(1).png',
		);
		expect(gitbookHref('x/y.md', '../.gitbook/assets/missing.png', assets)).toBe(
			'../.gitbook/assets/missing.png',
		);
		expect(gitbookHref('x/y.md', '../other.md', assets)).toBe('../other.md');
	});
});

describe('the fixture space (test/fixtures/dialects/gitbook)', () => {
	let dir: string;
	let tree: GuidebookTree;
	beforeAll(async () => {
		dir = await writeFixture({});
		await cp(join(repoRoot, 'test/fixtures/dialects/gitbook'), dir, { recursive: true });
		await promisify(execFile)('git', ['init', '--quiet', dir]);
		tree = await loadGuidebookTree(join(dir, 'space'));
	});
	afterAll(() => removeFixture(dir));

	test('is read as GitBook from .gitbook.yaml above the root; SUMMARY.md is no page; README the home page', () => {
		expect(tree.dialect.name).toBe('gitbook');
		expect(
			Object.fromEntries([...tree.pages.values()].map((page) => [page.path, page.route])),
		).toEqual({
			'README.md': '/',
			'operations/backups/README.md': '/operations/backups/',
			'operations/backups/restore.md': '/operations/backups/restore/',
			'operations/on-call.md': '/operations/on-call/',
		});
	});

	test("is titled with its first page's title, as SUMMARY.md keeps GitBook's own heading", () => {
		expect(tree.siteName).toBe('Platform runbooks');
	});

	test('orders and titles the sidebar as SUMMARY.md does', () => {
		const listed = [...tree.pages.values()]
			.filter((page) => !page.nav?.hidden)
			.sort((a, b) => (a.nav?.order ?? Infinity) - (b.nav?.order ?? Infinity));
		expect(listed.map((page) => [page.path, page.nav?.label])).toEqual([
			['README.md', 'Welcome'],
			['operations/backups/README.md', 'Backups'],
			['operations/backups/restore.md', 'Restore a backup'],
			['operations/on-call.md', 'On call'],
		]);
	});

	test('check: every link and picture lands, the service block is a warning', async () => {
		const report = await checkTree({ root: join(dir, 'space'), config: parseConfig({}) });
		expect(
			report.findings.filter((finding) => finding.severity === 'error').map(formatFinding),
		).toEqual([]);
		expect(
			report.findings.filter((finding) => finding.ruleId === 'dialect-syntax').map(formatFinding),
		).toEqual([
			expect.stringMatching(/^operations\/backups\/restore.md:17:1: Unexpected GitBook block/),
		]);
	});
});
