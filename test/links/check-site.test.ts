import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { formatFinding } from '../../checks/finding.ts';
import { checkBuiltSite } from '../../checks/links/check-site.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { treeOf } from './loopback-web.ts';

let dir: string;
const page = (body: string) =>
	`<!doctype html><html><head><title>x</title></head><body><nav><a href="/docs/">Home</a></nav>${body}</body></html>`;

beforeAll(async () => {
	dir = await writeFixture({
		'index.html': page(
			'<a href="/docs/erp/">ERP</a> <a href="/docs/erp/retired/">old</a> <a href="https://runbooks.example.com/docs/erp/#install">abs</a> <a href="https://vendor.example.com/manual">vendor</a> <div data-href="https://lookalike.example.com/"></div> <a href="https://runbooks.example.com/docs/gone/">gone</a>',
		),
		'erp/index.html': page(
			'<h2 id="install">Install</h2><a href="/docs/erp/#rollback">rollback</a> <img src="/docs/missing.png" alt=""> <a href="/docs/erp/retired/">old again</a>',
		),
	});
});
afterAll(() => removeFixture(dir));

test('reports dead links and fragments only rendering creates, by source page or route, with the production origin mapped locally', async () => {
	const config = parseConfig({
		site: { url: 'https://runbooks.example.com', base: '/docs/' },
		network: { timeoutMs: 2000 },
	});
	const tree = treeOf({ 'erp/README.md': '# ERP\n' });
	const { findings, external } = await checkBuiltSite(dir, config, { tree });
	expect(findings.map(formatFinding).sort()).toEqual([
		'/docs/: Unexpected status 404 for /docs/erp/retired/ in the rendered page, expected a page or file in the built site (also on erp/README.md) (site-links)',
		'/docs/: Unexpected status 404 for /docs/gone/ in the rendered page, expected a page or file in the built site (site-links)',
		'erp/README.md: Unexpected missing fragment on /docs/erp/#rollback in the rendered page, expected an element with that id on the rendered page (site-links)',
		'erp/README.md: Unexpected status 404 for /docs/missing.png in the rendered page, expected a page or file in the built site (site-links)',
	]);
	expect(external.map((o) => `${o.file} ${o.url}`)).toEqual([
		'/docs/ https://vendor.example.com/manual',
	]);
});

test('stops with a hint when the site folder holds no build', async () => {
	await expect(checkBuiltSite(`${dir}/nowhere`, parseConfig({}))).rejects.toMatchObject({
		name: 'SiteDirNotFound',
		message: `\`--site ${dir}/nowhere\` has no index.html; there is no built site to crawl.`,
		hint: 'Build the site first (`npx waymark build --out dist`), then pass that folder: `npx waymark check --site dist`.',
	});
});
