import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkExternalLinks } from '../../checks/links/check-external.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { startWeb, treeOf, type LoopbackWeb } from './loopback-web.ts';

let web: LoopbackWeb;
beforeAll(async () => {
	web = await startWeb({ '/x': (_req, res) => void res.writeHead(404).end() });
});
afterAll(() => web.close());

const forms = (port: number) => [
	`http://127.0.0.1:${port}/x`,
	`http://2130706433:${port}/x`,
	`http://0x7f000001:${port}/x`,
	`http://0x7f.1:${port}/x`,
	`http://0177.0.0.1:${port}/x`,
	`http://127.1:${port}/x`,
	`http://[::ffff:127.0.0.1]:${port}/x`,
	`http://[::ffff:7f00:1]:${port}/x`,
	`http://[::1]:${port}/x`,
	`http://10.0.0.1:${port}/x`,
	`http://169.254.169.254/latest/meta-data/`,
];

test.each(forms(0).map((url, i) => [url.replace(':0/', ':PORT/'), i]))(
	'never contacts the private IP literal %s under privateHostPolicy: skip',
	async (_shown, i) => {
		const url = forms(web.port)[i] ?? '';
		const before = web.requests.length;
		const findings = await checkExternalLinks(
			treeOf({ 'a.md': `[x](${url})\n` }),
			parseConfig({ network: { timeoutMs: 300 } }),
			{ noCache: true },
		);
		expect(findings).toEqual([]);
		expect(web.requests.length).toBe(before);
	},
);

test('checks the same literal once privateHostPolicy is check (control), as a warning with warn', async () => {
	const tree = treeOf({ 'a.md': `[x](http://2130706433:${web.port}/x)\n` });
	const checked = await checkExternalLinks(
		tree,
		parseConfig({ network: { timeoutMs: 300 }, links: { privateHostPolicy: 'check' } }),
		{ noCache: true },
	);
	expect(checked.map(formatFinding)).toEqual([
		`a.md:1:1: Unexpected status 404 Not Found from HEAD http://127.0.0.1:${web.port}/x, expected 2xx (external-links)`,
	]);
	const warned = await checkExternalLinks(
		tree,
		parseConfig({ network: { timeoutMs: 300 }, links: { privateHostPolicy: 'warn' } }),
		{ noCache: true },
	);
	expect(warned.map((f) => f.severity)).toEqual(['warning']);
	expect(web.requests.filter((r) => r.path === '/x')).toHaveLength(2);
});
