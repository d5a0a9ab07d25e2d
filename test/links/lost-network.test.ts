import type { LookupFunction } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { checkExternalLinks } from '../../checks/links/check-external.ts';
import type { ProgressSink } from '../../checks/links/progress.ts';
import { pickItem, seededRandom } from '../helpers/seeded-random.ts';
import { startWeb, treeOf, type LoopbackWeb } from './loopback-web.ts';

let web: LoopbackWeb;
let dir: string;
beforeAll(async () => {
	web = await startWeb({ '/alive': (_req, res) => void res.writeHead(200).end() });
	dir = await mkdtemp(join(tmpdir(), 'waymark-lost-network-'));
});
afterAll(async () => {
	await web.close();
	await rm(dir, { recursive: true, force: true });
});

const config = parseConfig({
	network: { timeoutMs: 300 },
	links: { backoffMs: 5, retries: 1, privateHostPolicy: 'check' },
});
const port = (): string => new URL(web.origin).port;

/** Names ending `.up.test` resolve to the loopback server; every other name fails with `code`, as without a network. */
function offlineLookup(code: string): LookupFunction {
	return (hostname, options, callback) => {
		if (!hostname.endsWith('.up.test'))
			return void (callback as (e: Error) => void)(
				Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, hostname }),
			);
		if ((options as { all?: boolean }).all)
			(callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(
				null,
				[{ address: '127.0.0.1', family: 4 }],
			);
		else callback(null, '127.0.0.1', 4);
	};
}

function recorder(): { sink: ProgressSink; warnings: string[] } {
	const warnings: string[] = [];
	return {
		sink: { start() {}, tick() {}, stop() {}, warn: (m) => void warnings.push(m) },
		warnings,
	};
}

/** A page linking `down` hosts that fail and `up` hosts that answer, two or three URLs each, in a seeded order. */
function pages(seed: number, down: number, up: number): Record<string, string> {
	const random = seededRandom(seed);
	const links: string[] = [];
	for (let h = 0; h < down; h++)
		for (let u = 0; u < 2 + (h % 2); u++)
			links.push(`[d${h}-${u}](https://docs${h}.example.com/page-${u})`);
	for (let h = 0; h < up; h++) links.push(`[u${h}](http://host${h}.up.test:${port()}/alive)`);
	links.sort(() => pickItem(random, [-1, 1]));
	return { 'ops.md': `# Ops\n\n${links.map((link) => `- ${link}`).join('\n')}\n` };
}

async function run(seed: number, down: number, up: number, code: string) {
	const cacheDir = join(dir, `run-${seed}-${down}-${up}-${code}`);
	const { sink, warnings } = recorder();
	const findings = await checkExternalLinks(treeOf(pages(seed, down, up)), config, {
		cacheDir,
		lookup: offlineLookup(code),
		progress: sink,
	});
	const cached = await readFile(join(cacheDir, 'links.json'), 'utf8').then(
		(text) => Object.keys((JSON.parse(text) as { entries: object }).entries),
		() => [],
	);
	return { findings, warnings, cached };
}

const cases = [3, 4, 7, 12].flatMap((down, i) =>
	['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH'].map((code, j) => ({ seed: i * 3 + j, down, code })),
);

test.each(cases)(
	'with every one of $down hosts failing ($code), the links are unchecked: said once, no finding, nothing cached',
	async ({ seed, down, code }) => {
		const { findings, warnings, cached } = await run(seed, down, 0, code);
		expect(findings).toEqual([]);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(
			new RegExp(
				`^No network: \\d+ external links were not checked, since every one of the ${down} hosts asked failed to resolve or to accept a connection \\(.*\\(${code === 'ENOTFOUND' ? 'NXDOMAIN' : code}\\)\\)\\. They are not reported as dead, nothing about them is cached, and they do not fail the run\\.\\nHint: `,
			),
		);
		expect(cached).toEqual([]);
	},
);

test('with nine in ten of many hosts failing, the run lost its network: the answering one is still checked and cached', async () => {
	const { findings, warnings, cached } = await run(40, 18, 2, 'EAI_AGAIN');
	expect(findings).toEqual([]);
	expect(warnings).toHaveLength(1);
	expect(warnings[0]).toContain('since 18 of the 20 hosts asked failed');
	expect(cached).toHaveLength(2);
	expect(cached.every((key) => key.includes('.up.test'))).toBe(true);
});

test.each([
	{ down: 1, up: 0, why: 'one host' },
	{ down: 2, up: 0, why: 'two hosts' },
	{ down: 3, up: 1, why: 'a quarter of the hosts answering' },
	{ down: 8, up: 2, why: 'a fifth of ten hosts answering' },
])(
	"with $why, the failing hosts' links are dead links as before, and cached",
	async ({ down, up }) => {
		const { findings, warnings, cached } = await run(50 + down, down, up, 'ENOTFOUND');
		expect(warnings).toEqual([]);
		expect(
			findings.map((f) => [
				f.severity,
				/^Unexpected unknown host \(NXDOMAIN\) from HEAD https:\/\/docs\d+\.example\.com\//.test(
					f.message,
				),
			]),
		).toEqual(Array.from({ length: findings.length }, () => ['error', true]));
		expect(new Set(findings.map((f) => /docs(\d+)/.exec(f.message)?.[1])).size).toBe(down);
		expect(cached.filter((key) => key.includes('example.com'))).toHaveLength(findings.length);
	},
);
