import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadPage } from '../../helpers/dom.ts';
import {
	buildFixture,
	removeFixture,
	repoRoot,
	runCli,
	writeFixture,
} from '../../helpers/fixture.ts';

// The just-the-docs fixture (test/fixtures/dialects/jekyll) built once, as `waymark build --root`
// would on a clone: the site's title and home page are Jekyll's, no Liquid or kramdown shows as
// text, every link lands, and `check` reports no error for a link that works on the Jekyll site.
let root: string;
let outDir: string;

beforeAll(async () => {
	root = await writeFixture({});
	await cp(join(repoRoot, 'test/fixtures/dialects/jekyll'), root, { recursive: true });
	const result = await buildFixture(root);
	expect(result.code, result.stderr).toBe(0);
	outDir = result.outDir;
}, 240_000);

afterAll(async () => {
	await removeFixture(root);
	await removeFixture(outDir);
});

/** The page's visible text outside code. */
function shownText(doc: Document): string {
	const main = doc.querySelector('main') ?? doc.body;
	const copy = main.cloneNode(true) as Element;
	for (const code of copy.querySelectorAll('pre, code, script, style')) code.remove();
	return copy.textContent ?? '';
}

test("the home page is index.md (permalink: /), titled with the config's title", async () => {
	const doc = await loadPage(outDir, '/');
	expect(doc.title).toBe('Home · Ops Runbooks');
	expect(doc.querySelector('main h1')?.textContent).toBe('Runbook');
	expect([...doc.querySelectorAll('main img')].map((img) => img.getAttribute('src'))).toEqual([
		'/images/logo.png',
	]);
	const links = [...doc.querySelectorAll('main a')].map((a) => a.getAttribute('href'));
	expect(links).toEqual(
		expect.arrayContaining(['/docs/getting-started/', '/runbooks/restart/', '/docs/checklist/']),
	);
});

test.each(['/', '/docs/getting-started/', '/docs/checklist/', '/runbooks/restart/', '/README/'])(
	'%s shows no Liquid or kramdown as text',
	async (route) => {
		const text = shownText(await loadPage(outDir, route));
		expect(text).not.toMatch(/\{[:%]|\{\{ *(?:site|page|include)\.|\{::/);
	},
);

test('callouts, the table of contents, includes and raw text render as Jekyll shows them', async () => {
	const doc = await loadPage(outDir, '/docs/getting-started/');
	expect([...doc.querySelectorAll('aside.callout')].map((aside) => aside.className)).toEqual([
		'callout callout-warning',
	]);
	const text = shownText(doc);
	expect(text).toContain('Production access needs a ticket.');
	expect(text).toContain('Ask in #ops first.');
	expect(text).toContain('Shown as written: {{ not.liquid }}');
	expect(doc.querySelector('main pre')?.textContent).toContain('kubectl get pods');
	expect([...doc.querySelectorAll('main a')].map((a) => a.getAttribute('href'))).toEqual(
		expect.arrayContaining(['/docs/checklist/#before-you-start', '/runbooks/restart/']),
	);
	const checklist = await loadPage(outDir, '/docs/checklist/');
	expect(checklist.getElementById('before-you-start')).not.toBeNull();
	expect(checklist.querySelector('aside.callout')?.textContent).toContain('Title line');
});

test("a page is listed under its parent's page (just-the-docs' parent, grand_parent), not its folder", async () => {
	const doc = await loadPage(outDir, '/runbooks/escalate/');
	const trail = [...doc.querySelectorAll('nav.breadcrumbs li')];
	// `docs/` has no page: its name, as on every page of it, above the top of the chain.
	expect(trail.map((item) => item.textContent?.trim())).toEqual([
		'Home',
		'Docs',
		'Getting started',
		'Checklist',
		'Escalate',
	]);
	expect(trail.map((item) => item.querySelector('a')?.getAttribute('href') ?? null)).toEqual([
		'/',
		null,
		'/docs/getting-started/',
		'/docs/checklist/',
		null,
	]);
	expect(doc.querySelector('nav.local-nav .nav-up a')?.getAttribute('href')).toBe(
		'/docs/checklist/',
	);
	const checklist = await loadPage(outDir, '/docs/checklist/');
	expect(
		[...checklist.querySelectorAll('nav.local-nav li a')].map((a) => a.getAttribute('href')),
	).toContain('/runbooks/escalate/');
	const home = await loadPage(outDir, '/');
	const listed = [...home.querySelectorAll('nav.local-nav li a')].map((a) =>
		a.getAttribute('href'),
	);
	expect(listed).toEqual(expect.arrayContaining(['/docs/getting-started/']));
	expect(listed).not.toContain('/docs/checklist/');
	expect(listed).not.toContain('/runbooks/escalate/');
});

test('the pages Jekyll leaves out are not built', async () => {
	await expect(loadPage(outDir, '/_drafts/wip/')).rejects.toThrow();
	await expect(loadPage(outDir, '/notes-private/')).rejects.toThrow();
});

test('check reports no error on the tree, and warns of the Liquid block it cannot run', async () => {
	const result = await runCli(['check', '--root', root, '--format', 'json']);
	const report = JSON.parse(result.stdout) as {
		findings: Array<{ file: string; line: number; severity: string; rule: string }>;
	};
	expect(report.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
	expect(
		report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.rule}`),
	).toContain('runbooks/restart.md:11 dialect-syntax');
}, 120_000);
