import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { startWeb, type LoopbackWeb } from './loopback-web.ts';

// Each test spawns the CLI up to three times; give it room on a busy 2-core runner.
vi.setConfig({ testTimeout: 60_000 });

let web: LoopbackWeb;
let dir: string;

interface JsonReport {
	findings: Array<{
		rule: string;
		severity: string;
		file: string;
		line: number;
		column: number;
		message: string;
		related?: Array<{ file: string; line: number; column: number }>;
	}>;
}

beforeAll(async () => {
	web = await startWeb({ '/alive': (_req, res) => void res.writeHead(200).end() });
	dir = await writeFixture({
		'guidebooks/README.md': `# Home\n\nSee [alive](${web.origin}/alive) and [dead](${web.origin}/dead).\n`,
		'guidebooks/ops.md': `# Ops\n\nAgain: [dead](${web.origin}/dead).\n`,
		'site/index.html': '<!doctype html><html><body><a href="/nowhere/">x</a></body></html>',
		// The test server is a loopback IP literal, a private host that `skip` (the default) never contacts.
		'waymark.config.yaml': 'links:\n  privateHostPolicy: check\n',
	});
});
afterAll(async () => {
	await web.close();
	await removeFixture(dir);
});

const linkFindings = (stdout: string) =>
	(JSON.parse(stdout) as JsonReport).findings.filter(
		(f) => f.rule === 'external-links' || f.rule === 'site-links',
	);

test('check --external reports a dead link once with every location, caches, and --no-cache re-checks', async () => {
	const cold = await runCli(['check', '--external', '--format', 'json'], { cwd: dir });
	expect(cold.code).toBe(1);
	expect(linkFindings(cold.stdout)).toEqual([
		{
			rule: 'external-links',
			severity: 'error',
			file: 'README.md',
			line: 3,
			column: `See [alive](${web.origin}/alive) and `.length + 1,
			message: `Unexpected status 404 Not Found from HEAD ${web.origin}/dead, expected 2xx (also at ops.md:3:8)`,
			actual: `status 404 Not Found from HEAD ${web.origin}/dead`,
			expected: '2xx',
			related: [{ file: 'ops.md', line: 3, column: 8 }],
		},
	]);
	expect(existsSync(join(dir, '.waymark/cache/links.json'))).toBe(true);
	const sent = web.requests.length;
	expect(sent).toBe(2);
	const warm = await runCli(['check', '--external', '--format', 'json'], { cwd: dir });
	expect(linkFindings(warm.stdout)).toEqual(linkFindings(cold.stdout));
	expect(web.requests.length).toBe(sent);
	await runCli(['check', '--external', '--no-cache', '--format', 'json'], { cwd: dir });
	expect(web.requests.length).toBe(sent + 2);
});

test('check --site reports a dead link in the rendered pages with the source page of its route', async () => {
	const result = await runCli(['check', '--site', 'site', '--format', 'json'], { cwd: dir });
	expect(linkFindings(result.stdout).map((f) => `${f.file}: ${f.message}`)).toEqual([
		'README.md: Unexpected status 404 for /nowhere/ in the rendered page, expected a page or file in the built site',
	]);
	expect(result.code).toBe(1);
});
