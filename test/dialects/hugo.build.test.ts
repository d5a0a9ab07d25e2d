import { expect, test } from 'vitest';
import {
	builtDialectSite,
	checkDialect,
	dialectFixture,
	headingIdsDisagree,
	rawSyntaxByPage,
	readableText,
} from './dialect-build.ts';

const fixture = dialectFixture('hugo', 'content');
const site = builtDialectSite(fixture);
const page = (route: string): Document => site.page(route);
const hrefs = (doc: Document, selector: string) =>
	[...doc.querySelectorAll(selector)].map((a) => a.getAttribute('href'));

test('says once that it reads the tree as Hugo, and why', () => {
	expect(site.build.stdout.split('\n').filter((line) => line.startsWith('Reading'))).toEqual([
		'Reading content/ as a Hugo tree (found `hugo.toml`, 4 `_index.md`, shortcodes on 6 pages, `+++` frontmatter on 1 page); set `dialect` to override',
	]);
});

test("makes `_index.md` and a bundle's `index.md` folder pages, and lists a top-level section without one: no route holds `_index`", () => {
	expect([...site.pages.keys()].sort()).toEqual([
		'/',
		'/docs/',
		'/docs/contributing/',
		'/runbooks/',
		'/runbooks/crm-api/',
		'/runbooks/crm-api/CRMApiDown/',
		'/runbooks/crm-api/CRMApiNotReady/',
		'/runbooks/crm-api/CRMTenantMigrationFailed/',
		'/runbooks/erp/',
		'/runbooks/erp/dolibarr-backup/',
	]);
	// Frontmatter `title` names the page (tab, navigation); its own H1 stays its heading.
	expect(page('/runbooks/crm-api/').querySelector('.page-header h1')?.textContent).toBe(
		'CRM API alerts',
	);
	expect(page('/runbooks/crm-api/').title).toMatch(/^CRM API\b(?! alerts)/);
	expect(page('/runbooks/').querySelector('.page-header h1')?.textContent).toBe('Runbooks');
});

test("names the site by the config's `title`, as Hugo's header does", () => {
	expect(page('/runbooks/erp/dolibarr-backup/').querySelector('.site-title')?.textContent).toBe(
		'ERP and CRM alert runbooks',
	);
	expect(page('/').title).toMatch(/ERP and CRM alert runbooks$/);
});

test('turns `ref` and `relref` into links to the pages they name, anchors kept', () => {
	expect(hrefs(page('/'), '.prose a').slice(0, 2)).toEqual([
		'/runbooks/crm-api/',
		'/runbooks/erp/',
	]);
	expect(hrefs(page('/runbooks/crm-api/CRMApiNotReady/'), '.prose ol a')).toEqual([
		'/runbooks/crm-api/CRMApiDown/',
		'/runbooks/crm-api/CRMApiDown/#check-the-database',
	]);
	expect(hrefs(page('/runbooks/crm-api/CRMApiDown/'), '.prose a')).toEqual([
		'/runbooks/crm-api/CRMTenantMigrationFailed/',
	]);
	expect(hrefs(page('/runbooks/erp/dolibarr-backup/'), '.prose p a')).toEqual([
		'/runbooks/crm-api/CRMApiDown/',
	]);
});

test('pastes the file a `readfile` names, found in the content, from a headless bundle that is no page', () => {
	const doc = page('/runbooks/crm-api/CRMApiDown/');
	expect(readableText(doc)).toContain('Cordon the node first with , then move its pods off with');
	expect([...doc.querySelectorAll('.prose p code')].map((code) => code.textContent)).toEqual(
		expect.arrayContaining(['kubectl cordon NODE', 'kubectl drain NODE --ignore-daemonsets']),
	);
	expect([...site.pages.keys()].filter((route) => route.startsWith('/includes'))).toEqual([]);
});

test('takes `param` values from the site config, also inside a link', () => {
	expect(readableText(page('/'))).toContain('Questions go to #erp-oncall.');
	expect(hrefs(page('/docs/contributing/'), '.prose a')).toEqual([
		'https://github.com/example-ops/erp-runbooks/new/main/content/runbooks/crm-api',
	]);
});

test('renders `hint` and `notice` as warning callouts and prints no shortcode', () => {
	for (const route of [
		'/runbooks/crm-api/CRMApiNotReady/',
		'/runbooks/crm-api/CRMTenantMigrationFailed/',
	]) {
		expect(
			page(route).querySelector('.prose aside.callout-warning .callout-title')?.textContent,
		).toBe('Warning');
	}
	expect(rawSyntaxByPage(site.pages)).toEqual({});
});

test("shows a Docsy set of tabs as the site's content tabs, each labelled by its `header`; a tab without `text=true` is code", () => {
	const doc = page('/runbooks/crm-api/CRMApiDown/');
	expect([...doc.querySelectorAll('.wm-tab-title')].map((label) => label.textContent)).toEqual([
		'kubectl',
		'Helm',
		'kubectl',
		'Helm',
	]);
	expect(readableText(doc)).not.toContain('tabpane');
	// Docsy highlights such a body: its `# pods not ready` is a comment in the code, not a heading.
	expect([...doc.querySelectorAll('.prose pre')].map((pre) => pre.textContent?.trim())).toContain(
		'# pods not ready\nkubectl -n crm get pods --field-selector=status.phase!=Running',
	);
	expect(
		[...doc.querySelectorAll('.prose h1, .prose h2')].map((heading) => heading.textContent),
	).not.toContain('pods not ready');
});

test('orders the menu by `weight` and leaves `bookHidden` sections out', () => {
	const items = (doc: Document) =>
		[...(doc.querySelector('.local-nav')?.querySelectorAll('li') ?? [])].map(
			(li) => li.textContent,
		);
	// `docs/` is a section (Hugo lists every top-level folder), after the weighted ones.
	expect(items(page('/'))).toEqual(['CRM API', 'ERP', 'Docs']);
	expect(items(page('/runbooks/crm-api/'))).toEqual([
		'CRM API down',
		'CRM API not ready',
		'CRM tenant migration failed',
		'CRM API',
		'ERP',
	]);
});

test("gives headings Goldmark's ids (Hugo's default), the ones the check accepts, on every page", async () => {
	const { disagree, compared } = await headingIdsDisagree(fixture, site.pages);
	expect(disagree).toEqual([]);
	expect(compared).toBeGreaterThan(5);
});

test('check: a `ref` to a missing page is an internal-links error at its line; refs that resolve are not reported', async () => {
	const { findings } = await checkDialect(fixture);
	const at = (file: string) =>
		findings
			.filter((f) => f.file === file && f.rule !== 'markdown-lint' && f.rule !== 'orphan-pages')
			.map((f) => `${f.line} ${f.severity} ${f.rule}`);
	expect(at('runbooks/crm-api/CRMTenantMigrationFailed.md')).toEqual([
		'20 error internal-links',
		'21 error internal-links',
	]);
	expect(
		findings.filter(
			(f) =>
				f.rule === 'internal-links' && f.file !== 'runbooks/crm-api/CRMTenantMigrationFailed.md',
		),
	).toEqual([]);
});
