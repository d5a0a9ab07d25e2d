import { afterAll, beforeAll, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { png } from '../helpers/content-mutations.ts';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

// A Docusaurus project in the system's temp folder, built by this checkout's CLI: nothing above the
// tree holds Astro, sharp or Waymark, as with a global install or the regression corpus's trees
// (opencost and chaos-mesh crashed there). What the compiled pages import on their own (Astro's
// runtime, by name from `.mdx` and by path from `.md`; sharp for a bundled picture; the SVG
// component's runtime for a bundled `.svg`) must resolve from the install, while the page's own
// imports of Docusaurus modules stay notices. The SVG is named through a detour
// (`common/../../static/…`), which the bundler took for a package name until the image guard
// wrote it `./`-relative.

let project: string;
let build: CliResult;
let page: Document;

beforeAll(async () => {
	project = await writeFixture(
		{
			'docusaurus.config.js':
				"module.exports = { title: 'Cost operations', url: 'https://docs.example.lab', baseUrl: '/' };\n",
			'static/img/allocation.png': png,
			'static/img/flow.svg':
				'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><desc>outside-install</desc><rect width="40" height="20" fill="#0a3069"/></svg>\n',
			'docs/install.mdx': [
				'# Install the cost exporter',
				'',
				"import Tabs from '@theme/Tabs';",
				"import Helm from './_helm.mdx';",
				"import Verify from './common/_verify.md';",
				'',
				'<!-- Docusaurus reads HTML comments in MDX: nobody sees this. -->',
				'',
				'<Helm />',
				'',
				'<Verify />',
				'',
				'<Tabs>',
				'',
				'Tab content stays readable.',
				'',
				'</Tabs>',
				'',
				'![Allocation view](../static/img/allocation.png)',
				'',
				'![Cost flow](common/../../static/img/flow.svg)',
				'',
			].join('\n'),
			'docs/_helm.mdx': 'Helm is the **preferred** installation method.\n',
			'docs/common/_verify.md': 'Check the pods with `kubectl get pods -n opencost`.\n',
		},
		{ outsideInstall: true },
	);
	// A repository around the project, as the tree's own: its static folder is part of it.
	execFileSync('git', ['init', '-q'], { cwd: project });
	build = await runCli(['build', '--root', 'docs', '--out', 'site'], {
		cwd: project,
		env: { WAYMARK_CHROMIUM: '/nonexistent' },
		timeoutMs: 300_000,
	});
	page = parseHTML(
		await readFile(join(project, 'site/install/index.html'), 'utf8').catch(() => ''),
	).document;
}, 330_000);

afterAll(async () => {
	await removeFixture(project);
});

test('publishes with exit 0 and no internal error', () => {
	expect(build.code, build.stderr).toBe(0);
	expect(`${build.stdout}${build.stderr}`).not.toContain('bug in Waymark');
});

test('renders the partials the page imports, Markdown and MDX, in place', () => {
	const text = page.querySelector('.prose')?.textContent ?? '';
	expect(text).toContain('Helm is the preferred installation method.');
	expect(text).toContain('Check the pods with kubectl get pods -n opencost.');
	expect(text).not.toContain('nobody sees this');
	// The one notice on the page is the Docusaurus module's, below: the page compiled as MDX.
	expect([...page.querySelectorAll('.wm-mdx-notice')].map((notice) => notice.textContent)).toEqual([
		expect.stringContaining('@theme/Tabs'),
	]);
});

test("keeps a Docusaurus module's children under a notice naming it", () => {
	expect(page.querySelector('.wm-mdx-notice')?.textContent).toContain('@theme/Tabs');
	expect(page.querySelector('.prose')?.textContent).toContain('Tab content stays readable.');
});

test('publishes the pictures the page takes from the static folder by a relative path, SVG too', () => {
	const image = page.querySelector('.prose img[alt="Allocation view"]');
	expect(image?.getAttribute('src')).toMatch(/\.(png|webp)$/);
	expect(page.querySelector('.prose img[alt="Cost flow"]')?.getAttribute('src')).toMatch(
		/^\/_astro\/flow\.[\w-]+\.svg$/,
	);
	expect(page.querySelector('.wm-image-missing')).toBeNull();
});
