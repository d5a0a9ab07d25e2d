import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rawSyntaxByPage, readableText } from '../../dialects/dialect-build.ts';
import { removeFixture, runCli, writeFixture, type CliResult } from '../../helpers/fixture.ts';

// A repository of two entities (issue 55, item 4): `payments/` documents itself with TechDocs
// (mkdocs.yml listing techdocs-core, catalog-info.yaml naming it), links the `ledger` entity's docs
// beside it, and writes the extensions the plugin enables without listing them.
const files = {
	'payments/catalog-info.yaml':
		'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: payments-api\n  title: Payments API\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n',
	'payments/mkdocs.yml':
		'site_name: payments-api docs\nplugins:\n  - techdocs-core\nnav:\n  - Home: index.md\n  - Runbook: runbook.md\n',
	'payments/docs/index.md': [
		'# Payments API',
		'',
		'Read the [runbook](runbook.md#restart) and the [ledger docs](../ledger/index.md).',
		'',
		'!!! warning "Page the on-call"',
		'    Before restarting.',
		'',
		'=== "Linux"',
		'    Run it.',
		'',
		'=== "macOS"',
		'    Run it too.',
		'',
		'Hold ==this== and H~2~O.',
		'',
		'Term',
		':   Its definition.',
		'',
	].join('\n'),
	'payments/docs/runbook.md': '# Runbook\n\n## Restart { #restart }\n\nBack [home](index.md).\n',
	'ledger/catalog-info.yaml':
		'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\n  annotations:\n    backstage.io/techdocs-ref: dir:.\n',
	'ledger/mkdocs.yml': 'site_name: ledger\nplugins:\n  - techdocs-core\n',
	'ledger/docs/index.md': '# Ledger\n',
};

/** The built pages by route (the status pages left out). */
async function builtPages(outDir: string): Promise<Map<string, Document>> {
	const found = new Map<string, Document>();
	for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
		const folder = relative(outDir, entry.parentPath).split('\\').join('/');
		if (entry.name !== 'index.html' || folder.startsWith('status') || folder.startsWith('_'))
			continue;
		found.set(
			folder === '' ? '/' : `/${folder}/`,
			parseHTML(await readFile(join(entry.parentPath, entry.name), 'utf8')).document,
		);
	}
	return found;
}

let dir: string;
let build: CliResult;
let check: CliResult;
let pages: Map<string, Document>;

beforeAll(async () => {
	dir = await writeFixture(files);
	execFileSync('git', ['init', '-q'], { cwd: dir });
	build = await runCli(['build', '--root', 'payments/docs', '--out', join(dir, 'site')], {
		cwd: dir,
		env: { WAYMARK_CHROMIUM: '/nonexistent' },
	});
	check = await runCli(['check', '--root', 'payments/docs', '--format', 'json'], { cwd: dir });
	pages = await builtPages(join(dir, 'site'));
}, 300_000);

afterAll(() => removeFixture(dir));

test('detected as TechDocs from mkdocs.yml and the catalog entity', () => {
	expect(build.code, build.stderr).toBe(0);
	expect(build.stdout).toContain(
		'Reading payments/docs/ as a Backstage TechDocs tree (found `mkdocs.yml with techdocs-core`, `payments/catalog-info.yaml`)',
	);
});

test("the entity's title is the site's, and the extensions techdocs-core enables render", () => {
	const home = pages.get('/')!;
	expect(home.querySelector('title')?.textContent).toContain('Payments API');
	expect(home.querySelector('.prose aside.callout-warning')?.textContent).toContain(
		'Before restarting.',
	);
	expect([...home.querySelectorAll('.wm-tab-title')].map((tab) => tab.textContent)).toEqual([
		'Linux',
		'macOS',
	]);
	expect(home.querySelector('.prose mark')?.textContent).toBe('this');
	expect(home.querySelector('.prose sub')?.textContent).toBe('2');
	expect(home.querySelector('.prose dl dt')?.textContent).toBe('Term');
	expect(rawSyntaxByPage(pages, ['==this==', '~2~', '!!!', '==='])).toEqual({});
});

test("a link to another entity's docs is its text with a notice, and a warning that says what it is; no false error", () => {
	const text = readableText(pages.get('/')!);
	expect(text).toContain('the ledger docs');
	expect(text).toContain('link to the TechDocs of “ledger” is not shown here');
	const report = JSON.parse(check.stdout) as {
		findings: Array<{
			rule: string;
			file: string;
			line: number;
			severity: string;
			message: string;
		}>;
	};
	expect(report.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
	expect(
		report.findings.map((finding) => `${finding.rule} ${finding.file}:${finding.line}`),
	).toEqual(['dialect-syntax index.md:3']);
	expect(report.findings[0]?.message).toContain("another entity's TechDocs (`ledger`)");
});
