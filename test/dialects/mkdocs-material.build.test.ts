import { readdir } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import {
	builtDialectSite,
	checkDialect,
	dialectFixture,
	headingIdsDisagree,
	rawSyntaxByPage,
	readableText,
} from './dialect-build.ts';

const fixture = dialectFixture('mkdocs-material', 'docs');
const site = builtDialectSite(fixture);
const page = (route: string): Document => site.page(route);
/** Material's syntax, besides what every dialect test looks for. */
const materialMarkers = [
	'=== "',
	'===+',
	'--8<--',
	'{%',
	'{{',
	'<<',
	'>>',
	'{#',
	':octicons-',
	':fontawesome-',
	':simple-',
	':books:',
	'*[SLO]',
	'{ .lg',
];

test('says once that it reads the tree as MkDocs, and why', () => {
	expect(site.build.stdout.split('\n').filter((line) => line.startsWith('Reading'))).toEqual([
		'Reading docs/ as a MkDocs tree (found `mkdocs.yml`, `!!!`/`???` admonitions on 2 pages, `=== "…"` content tabs on 1 page, `--8<--` snippets on 2 pages); set `dialect` to override',
	]);
});

test('publishes the pages, the `not_in_nav` one too, and none of what `exclude_docs` and MkDocs leave out', async () => {
	expect([...site.pages.keys()].sort()).toEqual([
		'/',
		'/runbooks/drain-node/',
		'/runbooks/restart-queue/',
		'/runbooks/retired-ftp/',
		'/services/',
		'/services/discovery/',
		'/services/queue/',
	]);
	const published = await readdir(site.build.outDir, { recursive: true });
	expect(
		published.filter(
			(path) =>
				/^(?:partials|snippets|templates|runbooks|services)\b|\.pages$|\.(?:md|yml|sh)$/.test(
					path,
				) &&
				!path.endsWith('index.html') &&
				!/^(?:runbooks|services)(?:\/[\w-]+)?$/.test(path),
		),
	).toEqual([]);
});

test("renders content tabs as radio buttons with Material's ids, the `+` tab selected, blocks inside their tab", () => {
	const doc = page('/services/discovery/');
	const sets = [...doc.querySelectorAll('.prose .wm-tabs')];
	expect(
		sets.map((set) =>
			[...set.querySelectorAll(':scope > input')].map(
				(input) =>
					`${input.id}${input.hasAttribute('checked') ? ' (checked)' : ''} ${set.querySelector(`label[for="${input.id}"]`)?.textContent}`,
			),
		),
	).toEqual([
		['__tabbed_1_1 Service discovery', '__tabbed_1_2 Static address', '__tabbed_1_3 (checked) DNS'],
		['__tabbed_2_1 (checked) Production', '__tabbed_2_2 Staging'],
	]);
	for (const input of doc.querySelectorAll('.wm-tabs > input'))
		expect([input.getAttribute('type'), input.getAttribute('name')]).toEqual([
			'radio',
			input.id.replace(/_\d+$/, ''),
		]);
	const panels = [...(sets[0]?.querySelectorAll(':scope > .wm-tab-panel') ?? [])];
	expect(
		panels.map((panel) =>
			[...panel.children].map((child) => child.className || child.tagName.toLowerCase()),
		),
	).toEqual([['p', 'code-block'], ['p', 'callout callout-warning'], ['p']]);
	expect(doc.querySelector('.prose h2')?.id).toBe('ports');
});

test("only the page with tabs loads the tabs' script, so every other page is that much lighter", () => {
	const loadsTabsScript = (route: string): boolean =>
		[...page(route).querySelectorAll('script[src]')].some((script) =>
			/ContentTabsScript/.test(script.getAttribute('src') ?? ''),
		);
	expect([...site.pages.keys()].filter(loadsTabsScript)).toEqual(['/services/discovery/']);
});

test("gives headings and tabs the ids the check accepts, on every page (an icon adds nothing to a heading's id)", async () => {
	const headings = await headingIdsDisagree(fixture, site.pages);
	expect(headings.disagree).toEqual([]);
	// `## Ports`, and the repository README's title, pulled in by a snippet and shown as a section.
	expect(headings.compared).toBe(2);
	const tree = await loadGuidebookTree(fixture.root);
	let tabs = 0;
	for (const model of tree.pages.values()) {
		const built = [
			...(site.pages.get(model.route)?.querySelectorAll('.wm-tabs > input') ?? []),
		].map((input) => input.id);
		tabs += built.length;
		expect(built.sort(), model.path).toEqual(
			[...model.anchors].filter((id) => id.startsWith('__tabbed_')).sort(),
		);
	}
	expect(tabs).toBe(5);
});

test("gives footnotes Python-Markdown's ids (`footnotes` in mkdocs.yml), the ones the check accepts, so `#fn:PDB` lands", async () => {
	const tree = await loadGuidebookTree(fixture.root);
	const model = [...tree.pages.values()].find(
		(candidate) => candidate.path === 'runbooks/drain-node.md',
	);
	const doc = page('/runbooks/drain-node/');
	const built = [...doc.querySelectorAll('.prose [id^="fn"]')].map((element) => element.id);
	expect(built.sort()).toEqual(['fn:2', 'fn:PDB', 'fnref2:PDB', 'fnref:2', 'fnref:PDB']);
	expect([...(model?.anchors ?? [])].filter((id) => /^fn(ref\d*)?:/.test(id)).sort()).toEqual(
		built,
	);
	const link = [...doc.querySelectorAll('.prose a')].find(
		(a) => a.textContent === 'the note on budgets',
	);
	expect(decodeURIComponent(link?.getAttribute('href') ?? '')).toBe('#fn:PDB');
	expect(link?.classList.contains('wm-broken-link')).toBe(false);
	for (const ref of doc.querySelectorAll(
		'.prose a[data-footnote-ref], .prose a[data-footnote-backref]',
	))
		expect(
			doc.getElementById(decodeURIComponent((ref.getAttribute('href') ?? '').slice(1))),
		).not.toBeNull();
});

test("draws Material's icons from the icon sets, the emoji as a character, an unknown icon as its text", () => {
	const home = page('/');
	const icons = [...home.querySelectorAll('.prose .wm-icon')];
	expect(icons.length).toBe(4);
	for (const icon of icons) {
		expect(icon.getAttribute('aria-hidden')).toBe('true');
		expect(icon.querySelector('svg')?.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
		expect(icon.querySelector('svg path')?.getAttribute('d')?.length).toBeGreaterThan(20);
	}
	expect(readableText(home)).toContain('📚 These runbooks belong to Harbour Freight Systems.');
	expect(readableText(page('/runbooks/drain-node/'))).toContain(
		':material-no-such-icon: Cordon the node first.',
	);
});

test('fills in macros variables from `extra:`, `include_yaml` and the front matter, includes templates, and marks what it does not run', () => {
	const restart = page('/runbooks/restart-queue/');
	expect(restart.querySelector('.prose .callout-caution')?.textContent).toContain(
		'Page the #platform-oncall lead before you restart anything.',
	);
	expect([...restart.querySelectorAll('.prose em')].map((em) => em.textContent)).toEqual([
		'(MkDocs macros: the part below applies if tenant() == "nav")',
		'(MkDocs macros: the part below applies otherwise)',
		'(MkDocs macros: end of the conditional part)',
		'(MkDocs macros: the macro tenant_url("console") is not run here)',
		'(MkDocs macros: deploy_token is set when the site is built)',
	]);
	expect(readableText(restart)).toContain('The region is eu-west-2; the owner is Platform team.');
	expect(restart.querySelector('.prose pre')?.textContent).toBe(
		'queuectl restart --region eu-west-2',
	);
	expect(readableText(page('/'))).toContain('Runbooks cover release 2.0 of the platform.');
});

test('puts snippets in place, line ranges in code, and abbreviations from `auto_append` on every page', () => {
	expect(readableText(page('/runbooks/restart-queue/'))).toContain(
		'Duty contacts: the pager and the service catalogue.',
	);
	expect(page('/runbooks/drain-node/').querySelector('.prose pre')?.textContent).toBe(
		'kubectl cordon "$NODE"\nkubectl drain "$NODE" --ignore-daemonsets',
	);
	expect(
		[...page('/services/queue/').querySelectorAll('.prose abbr')].map(
			(abbr) => `${abbr.textContent}: ${abbr.getAttribute('title')}`,
		),
	).toEqual(['SLO: Service level objective']);
	expect(
		[...page('/services/discovery/').querySelectorAll('.prose abbr')].map(
			(abbr) => abbr.textContent,
		),
	).toEqual(['TLS']);
});

test('shows no MkDocs syntax as text anywhere', () => {
	expect(rawSyntaxByPage(site.pages, materialMarkers)).toEqual({});
});

test('orders navigation by `.pages`: titles, `order: desc`, and leaves the `not_in_nav` page out', () => {
	const items = (doc: Document) =>
		[...(doc.querySelector('.local-nav')?.querySelectorAll('li') ?? [])].map((li) =>
			li.textContent?.trim(),
		);
	expect(items(page('/services/'))).toEqual([
		'Dispatch queue',
		'Discovery',
		'Restart the queue',
		'Drain a worker node',
		'Service catalogue',
	]);
	expect(items(page('/runbooks/drain-node/'))).not.toContain('Retired: FTP drop box');
	expect(items(page('/runbooks/drain-node/'))).toContain('Drain a worker node');
});

test("check: Material's tab anchors resolve, what cannot be rendered is a warning at its line, a tab that does not exist is an error", async () => {
	const { findings } = await checkDialect(fixture);
	expect(
		findings.map((f) => `${f.file}:${f.line} ${f.severity} ${f.message.split(', expected')[0]}`),
	).toMatchInlineSnapshot(`
		[
		  "runbooks/drain-node.md:3 warning Unexpected icon shortcode \`:material-no-such-icon:\`",
		  "runbooks/drain-node.md:7 warning Unexpected snippet \`../outside.md\`: not found; expected a file inside the root under the snippets \`base_path\` (2 of this kind on this page; also \`missing-snippet.md\` at 9:1)",
		  "runbooks/restart-queue.md:9 warning Unexpected template logic \`{% if tenant() == "nav" %}\`",
		  "runbooks/restart-queue.md:15 warning Unexpected MkDocs macro \`<< tenant_url("console") >>\`",
		  "runbooks/restart-queue.md:15 warning Unexpected \`<< deploy_token >>\`",
		  "services/queue.md:9 error Unexpected link to missing heading \`#__tabbed_1_9\` in \`services/discovery.md\`",
		]
	`);
});
