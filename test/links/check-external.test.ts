import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkExternalLinks } from '../../checks/links/check-external.ts';
import { parseConfig, type UserConfig } from '../../config/load-config.ts';
import { formatFinding } from '../../checks/finding.ts';
import { packageVersion } from '../../core/package.ts';
import { loopbackLookup, sleep, startWeb, treeOf, type LoopbackWeb } from './loopback-web.ts';

let web: LoopbackWeb;
let o: string;

const html = (body: string) => `<!doctype html><html><body>${body}</body></html>`;

beforeAll(async () => {
	web = await startWeb({
		'/ok': (_req, res) =>
			void res.writeHead(200, { 'content-type': 'text/html' }).end(html('fine')),
		'/gone': (_req, res) => void res.writeHead(410, 'Gone').end(),
		'/moved': (_req, res) => void res.writeHead(301, { location: '/ok' }).end(),
		'/temporary': (_req, res) => void res.writeHead(302, { location: '/ok' }).end(),
		'/loop-a': (_req, res) => void res.writeHead(302, { location: '/loop-b' }).end(),
		'/loop-b': (_req, res) => void res.writeHead(302, { location: '/loop-a' }).end(),
		'/throttled': (_req, res, hit) =>
			void (hit === 1
				? res.writeHead(429, { 'retry-after': '1' }).end()
				: res.writeHead(200).end()),
		'/throttled-host': (_req, res, hit) =>
			void (hit === 1
				? res.writeHead(429, { 'retry-after': '1' }).end()
				: res.writeHead(200).end()),
		'/after-pause': (_req, res) => void res.writeHead(200).end(),
		'/twice': (_req, res, hit) =>
			void (hit <= 2 ? res.writeHead(429, { 'retry-after': '1' }).end() : res.writeHead(200).end()),
		'/quota': (_req, res, hit) =>
			void (hit === 1
				? res.writeHead(429, { 'retry-after': '1', 'x-ratelimit-remaining': '0' }).end()
				: res.writeHead(200).end()),
		'/drop': (req) => void req.socket.destroy(),
		'/busy': (_req, res, hit) =>
			void (hit === 1 ? res.writeHead(503).end() : res.writeHead(200).end()),
		'/slow': async (_req, res) => {
			await sleep(1500);
			if (!res.destroyed) res.writeHead(200).end();
		},
		'/head-refused': (req, res) =>
			void (req.method === 'HEAD'
				? res.writeHead(405).end()
				: res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')),
		'/huge': (req, res) => {
			if (req.method === 'HEAD') return void res.writeHead(405).end();
			res.writeHead(200, { 'content-type': 'text/html' });
			const chunk = Buffer.alloc(64 * 1024, 'a');
			let sent = 0;
			const pump = () => {
				while (sent < 50 * 1024 * 1024 && !res.destroyed) {
					sent += chunk.length;
					if (!res.write(chunk)) return void res.once('drain', pump);
				}
				if (!res.destroyed) res.end();
			};
			pump();
		},
		'/anchors': (_req, res) =>
			void res
				.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
				.end(
					html(
						'<h2 id="install">Install</h2><a name="legacy"></a><h2 id="user-content-usage">Usage</h2>',
					),
				),
		'/reset': (_req, res) => {
			res.writeHead(200, { 'content-type': 'text/html' });
			res.write('<html><body><p id="top">start');
			setTimeout(() => res.socket?.destroy(), 20);
		},
		'/bot-wall': (_req, res) => void res.writeHead(999).end(),
		'/private': (req, res) =>
			void (req.headers.authorization === 'token s3cret'
				? res.writeHead(200).end()
				: res.writeHead(401).end()),
	});
	o = web.origin;
});
afterAll(() => web.close());

// The test servers are loopback IP literals, private hosts that `skip` (the default) never contacts.
function config(extra: UserConfig['links'] = {}) {
	return parseConfig({
		network: { timeoutMs: 300, concurrency: 8, env: ['FORGE_TOKEN'] },
		links: { backoffMs: 5, retries: 1, privateHostPolicy: 'check', ...extra },
	});
}

async function run(
	pages: Record<string, string>,
	extra: UserConfig['links'] = {},
	env: NodeJS.ProcessEnv = {},
) {
	const findings = await checkExternalLinks(treeOf(pages), config(extra), {
		noCache: true,
		lookup: loopbackLookup,
		env,
	});
	return findings.map(formatFinding);
}

const requestsTo = (path: string) => web.requests.filter((r) => r.path === path);

describe('status outcomes', () => {
	test('reports nothing for a live page, after asking it once', async () => {
		const before = requestsTo('/ok').length;
		expect(await run({ 'a.md': `[ok](${o}/ok)\n` })).toEqual([]);
		expect(
			requestsTo('/ok')
				.slice(before)
				.map((r) => r.method),
		).toEqual(['HEAD']);
	});

	test('reports a 404 as an error naming the URL, the method and the accepted codes', async () => {
		expect(await run({ 'a.md': `See [x](${o}/missing).\n` })).toEqual([
			`a.md:1:5: Unexpected status 404 Not Found from HEAD ${o}/missing, expected 2xx (external-links)`,
		]);
	});

	test('reports a 410 as an error and never retries it', async () => {
		const before = requestsTo('/gone').length;
		expect(await run({ 'a.md': `[x](${o}/gone)\n` })).toEqual([
			`a.md:1:1: Unexpected status 410 Gone from HEAD ${o}/gone, expected 2xx (external-links)`,
		]);
		expect(requestsTo('/gone').length - before).toBe(1);
	});

	test('warns about a permanent redirect with the link to use instead', async () => {
		expect(await run({ 'a.md': `[x](${o}/moved)\n` })).toEqual([
			`a.md:1:1: Unexpected permanent redirect 301 Moved Permanently from HEAD ${o}/moved to ${o}/ok, expected a direct answer; update the link to ${o}/ok (external-links)`,
		]);
	});

	test('accepts a temporary redirect silently, once its target answers', async () => {
		const before = [requestsTo('/temporary').length, requestsTo('/ok').length] as const;
		expect(await run({ 'a.md': `[x](${o}/temporary)\n` })).toEqual([]);
		expect([
			requestsTo('/temporary').length - before[0],
			requestsTo('/ok').length - before[1],
		]).toEqual([1, 1]);
	});

	test('reports a redirect loop as unreachable, not dead', async () => {
		expect(await run({ 'a.md': `[x](${o}/loop-a)\n` })).toEqual([
			`a.md:1:1: Unexpected redirect loop ${o}/loop-a → ${o}/loop-b → ${o}/loop-a, expected a final response (external-links)`,
		]);
	});

	test('waits out a 429 with Retry-After instead of reporting it', async () => {
		const started = Date.now();
		expect(await run({ 'a.md': `[x](${o}/throttled)\n` })).toEqual([]);
		const seen = requestsTo('/throttled');
		expect(seen).toHaveLength(2);
		expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	test('holds only the refused URL when a request alone on the host gets a 429', async () => {
		expect(
			await run(
				{ 'a.md': `[x](${o}/throttled-host) [y](${o}/after-pause?alone)\n` },
				{ perHostConcurrency: 1 },
			),
		).toEqual([]);
		const [first, retry] = requestsTo('/throttled-host').map((r) => r.at);
		const other = requestsTo('/after-pause').find((r) => r.at >= (first ?? 0))?.at ?? 0;
		expect((retry ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(950);
		expect(other - (first ?? 0)).toBeLessThan(500);
	});

	test('holds the whole host when a URL is refused again after waiting out its Retry-After', async () => {
		const others = Array.from({ length: 30 }, (_, i) => `[${i}](${o}/after-pause?again-${i})`).join(
			' ',
		);
		const since = Date.now();
		expect(
			await run({ 'a.md': `[x](${o}/twice) ${others}\n` }, { perHostConcurrency: 1, retries: 2 }),
		).toEqual([]);
		const twice = requestsTo('/twice')
			.filter((r) => r.at >= since)
			.map((r) => r.at);
		const rest = requestsTo('/after-pause')
			.filter((r) => r.at >= since)
			.map((r) => r.at);
		expect(twice).toHaveLength(3);
		// The first 429 held only its URL: others went on during its second…
		expect(rest.filter((at) => at < (twice[1] ?? 0)).length).toBeGreaterThan(5);
		// …the second held the host: nothing between it and the end of its Retry-After.
		expect(rest.filter((at) => at > (twice[1] ?? 0) + 20 && at < (twice[1] ?? 0) + 950)).toEqual(
			[],
		);
		expect(rest.filter((at) => at > (twice[1] ?? 0)).length).toBeGreaterThan(0);
	});

	test('holds the whole host when a 429 says the quota is spent', async () => {
		expect(
			await run(
				{ 'a.md': `[x](${o}/quota) [y](${o}/after-pause?quota)\n` },
				{ perHostConcurrency: 1 },
			),
		).toEqual([]);
		const first = requestsTo('/quota')[0]?.at ?? 0;
		const other = web.requests.filter((r) => r.path === '/after-pause').at(-1)?.at ?? 0;
		expect(other - first).toBeGreaterThanOrEqual(950);
	});

	test('retries a 503 and accepts the 200 that follows', async () => {
		expect(await run({ 'a.md': `[x](${o}/busy)\n` })).toEqual([]);
		expect(requestsTo('/busy')).toHaveLength(2);
	});

	test('reports a response slower than the timeout as unreachable after bounded retries', async () => {
		expect(await run({ 'a.md': `[x](${o}/slow)\n` })).toEqual([
			`a.md:1:1: Unexpected no answer within 300 ms (timeout) from HEAD ${o}/slow after 2 attempts, expected a response (external-links)`,
		]);
	});

	test('reports a host that refuses connections as dead, an error, after the retries', async () => {
		const closed = await startWeb({});
		const origin = closed.origin;
		await closed.close();
		const findings = await checkExternalLinks(treeOf({ 'a.md': `[x](${origin}/)\n` }), config(), {
			noCache: true,
			lookup: loopbackLookup,
		});
		expect(findings.map((f) => [f.severity, formatFinding(f)])).toEqual([
			[
				'error',
				`a.md:1:1: Unexpected connection refused (ECONNREFUSED) from HEAD ${origin}/ after 2 attempts, expected a server accepting connections (external-links)`,
			],
		]);
	});

	test('ends the other links to a refusing host the same way without asking it again', async () => {
		const closed = await startWeb({});
		const port = closed.port;
		await closed.close();
		let attempts = 0;
		const countingLookup: typeof loopbackLookup = (hostname, options, callback) => {
			attempts++;
			loopbackLookup(hostname, options, callback);
		};
		const findings = await checkExternalLinks(
			treeOf({
				'a.md': `[a](http://down.test:${port}/a)\n[b](http://down.test:${port}/b)\n[c](http://down.test:${port}/c)\n`,
			}),
			parseConfig({
				network: { timeoutMs: 300 },
				links: { backoffMs: 5, retries: 1, perHostConcurrency: 1 },
			}),
			{ noCache: true, lookup: countingLookup },
		);
		expect(findings.map((f) => [f.severity, f.message])).toEqual([
			[
				'error',
				`Unexpected connection refused (ECONNREFUSED) from HEAD http://down.test:${port}/a after 2 attempts, expected a server accepting connections`,
			],
			[
				'error',
				`Unexpected connection refused (ECONNREFUSED) from HEAD http://down.test:${port}/b (as for http://down.test:${port}/a), expected a server accepting connections`,
			],
			[
				'error',
				`Unexpected connection refused (ECONNREFUSED) from HEAD http://down.test:${port}/c (as for http://down.test:${port}/a), expected a server accepting connections`,
			],
		]);
		// Two attempts at the first URL; the others stop at the verdict without a retry, where 3 × 2
		// would be sent without it (each may have had its first go while the first URL backed off).
		expect(attempts).toBeGreaterThanOrEqual(2);
		expect(attempts).toBeLessThanOrEqual(4);
	});

	test('reports a connection reset mid-body as unreachable', async () => {
		expect(await run({ 'a.md': `[x](${o}/reset#top-missing)\n` })).toEqual([
			`a.md:1:1: Unexpected connection closed by the server (UND_ERR_SOCKET) from GET ${o}/reset after 2 attempts, expected a response (external-links)`,
		]);
	});

	test('falls back to GET when HEAD is refused with 405', async () => {
		const before = requestsTo('/head-refused').map((r) => r.method).length;
		expect(await run({ 'a.md': `[x](${o}/head-refused)\n` })).toEqual([]);
		expect(
			requestsTo('/head-refused')
				.slice(before)
				.map((r) => r.method),
		).toEqual(['HEAD', 'GET']);
	});

	test('closes a huge body instead of downloading it', async () => {
		expect(await run({ 'a.md': `[x](${o}/huge)\n` })).toEqual([]);
		await sleep(100);
		expect(web.bytesSent.get('/huge') ?? 0).toBeLessThan(8 * 1024 * 1024);
	});

	test('reports a 999 bot wall as blocked, a warning', async () => {
		const findings = await checkExternalLinks(
			treeOf({ 'a.md': `[x](${o}/bot-wall)\n` }),
			config(),
			{ noCache: true },
		);
		expect(findings.map((f) => [f.severity, f.message])).toEqual([
			['warning', `Unexpected status 999 from HEAD ${o}/bot-wall, expected 2xx`],
		]);
	});

	test('reports an unknown host (NXDOMAIN) as dead', async () => {
		expect(
			await run({ 'a.md': '[x](http://nowhere.invalid/page)\n' }, { privateHostPolicy: 'check' }),
		).toEqual([
			'a.md:1:1: Unexpected unknown host (NXDOMAIN) from HEAD http://nowhere.invalid/page, expected the host to resolve (external-links)',
		]);
	});

	test('sends an honest User-Agent naming Waymark and its version, and no web address', async () => {
		await run({ 'a.md': `[x](${o}/ok?ua)\n` });
		expect(web.requests.at(-1)?.headers['user-agent']).toBe(
			`Waymark/${packageVersion} (documentation link checker)`,
		);
	});
});

describe('fragments', () => {
	test('reports a missing fragment and accepts ids, names and GitHub user-content ids from one GET', async () => {
		const before = requestsTo('/anchors').length;
		const page = `[a](${o}/anchors#install) [b](${o}/anchors#legacy) [c](${o}/anchors#usage) [d](${o}/anchors#rollback)\n`;
		expect(await run({ 'a.md': page })).toEqual([
			`a.md:1:${page.indexOf('[d]') + 1}: Unexpected missing fragment \`#rollback\` on ${o}/anchors, expected an element with id or name \`rollback\` (external-links)`,
		]);
		expect(
			requestsTo('/anchors')
				.slice(before)
				.map((r) => r.method),
		).toEqual(['GET']);
	});

	test('looks for the id before a text fragment (`#:~:text=`), and for none when the fragment is only one', async () => {
		const before = requestsTo('/anchors').length;
		const page = `[a](${o}/anchors#:~:text=install) [b](${o}/anchors#install:~:text=x) [c](${o}/anchors#rollback:~:text=x)\n`;
		expect(await run({ 'a.md': page })).toEqual([
			`a.md:1:${page.indexOf('[c]') + 1}: Unexpected missing fragment \`#rollback\` on ${o}/anchors, expected an element with id or name \`rollback\` (external-links)`,
		]);
		expect(requestsTo('/anchors').length - before).toBeLessThanOrEqual(1);
	});

	test('reads at most maxBodyBytes of a huge page when looking for a fragment', async () => {
		const before = web.bytesSent.get('/huge') ?? 0;
		expect(await run({ 'a.md': `[x](${o}/huge#nowhere)\n` }, { maxBodyBytes: 256 * 1024 })).toEqual(
			[],
		);
		await sleep(100);
		expect((web.bytesSent.get('/huge') ?? 0) - before).toBeLessThan(8 * 1024 * 1024);
	});

	test('skips GitHub line anchors by default, and still checks the page', async () => {
		const before = requestsTo('/anchors').length;
		expect(await run({ 'a.md': `[x](${o}/anchors#L10-L20)\n` })).toEqual([]);
		// HEAD, not GET: the page is checked, its body is never read for the fragment.
		expect(
			requestsTo('/anchors')
				.slice(before)
				.map((r) => r.method),
		).toEqual(['HEAD']);
	});
});

describe('grouping and policy', () => {
	test('fetches a URL once and lists every place it occurs in one finding', async () => {
		const before = requestsTo('/dead-shared').length;
		const findings = await checkExternalLinks(
			treeOf({
				'b.md': `x\n\n[again](${o}/dead-shared)\n`,
				'a.md': `[one](${o}/dead-shared) and [two](${o}/dead-shared)\n`,
			}),
			config(),
			{ noCache: true },
		);
		expect(requestsTo('/dead-shared').length - before).toBe(1);
		expect(findings.map(formatFinding)).toEqual([
			`a.md:1:1: Unexpected status 404 Not Found from HEAD ${o}/dead-shared, expected 2xx (also at a.md:1:${`[one](${o}/dead-shared) and `.length + 1}, b.md:3:1) (external-links)`,
		]);
		expect(findings[0]?.related).toEqual([
			{ file: 'a.md', position: { line: 1, column: `[one](${o}/dead-shared) and `.length + 1 } },
			{ file: 'b.md', position: { line: 3, column: 1 } },
		]);
	});

	test('sends no request twice in a run: across pages, fragments, redirect targets and HEAD after GET', async () => {
		const site = await startWeb({
			'/page': (req, res) =>
				void res
					.writeHead(200, { 'content-type': 'text/html' })
					.end(req.method === 'GET' ? html('<h2 id="x">X</h2>') : undefined),
			'/other': (_req, res) => void res.writeHead(200).end(),
			'/temp': (_req, res) => void res.writeHead(302, { location: '/page' }).end(),
			'/moved': (_req, res) => void res.writeHead(301, { location: '/other' }).end(),
		});
		const p = site.origin;
		const findings = await run({
			'a.md': `[a](${p}/page) [b](${p}/page#x) [c](${p}/temp)\n`,
			'b.md': `[d](${p}/other) [e](${p}/moved) [f](${p}/page#y) [g](${p}/page#x)\n`,
		});
		await site.close();
		expect(findings).toEqual([
			`b.md:1:${`[d](${p}/other) [e](${p}/moved) `.length + 1}: Unexpected missing fragment \`#y\` on ${p}/page, expected an element with id or name \`y\` (external-links)`,
			`b.md:1:${`[d](${p}/other) `.length + 1}: Unexpected permanent redirect 301 Moved Permanently from HEAD ${p}/moved to ${p}/other, expected a direct answer; update the link to ${p}/other (external-links)`,
		]);
		// Without sharing: GET /page, HEAD /page (the 302's target), HEAD /other twice (link and 301 target).
		expect(site.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
			'GET /page',
			'HEAD /moved',
			'HEAD /other',
			'HEAD /temp',
		]);
	});

	test('keeps the connection alive across HEAD requests to one host', async () => {
		const site = await startWeb(
			Object.fromEntries(
				['/1', '/2', '/3', '/4', '/5'].map((p) => [
					p,
					(_req, res) => void res.writeHead(200).end(),
				]),
			),
		);
		const page = ['/1', '/2', '/3', '/4', '/5'].map((p) => `[x](${site.origin}${p})`).join(' ');
		expect(await run({ 'a.md': `${page}\n` }, { perHostConcurrency: 1 })).toEqual([]);
		await site.close();
		expect(site.requests.map((r) => r.method)).toEqual(['HEAD', 'HEAD', 'HEAD', 'HEAD', 'HEAD']);
		expect(site.connections).toBe(1);
	});

	test('checks mailto: and tel: links by syntax only', async () => {
		const count = web.requests.length;
		expect(
			await run({
				'a.md':
					'[m](mailto:ops@example.com) [bad](mailto:ops-at-example) [t](tel:+33123456789) [bad tel](tel:call-me)\n',
			}),
		).toEqual([
			'a.md:1:29: Unexpected address `ops-at-example` in `mailto:ops-at-example`, expected a mailto: link such as `mailto:ops@example.com` (external-links)',
			'a.md:1:80: Unexpected number `call-me` in `tel:call-me`, expected a tel: link such as `tel:+33123456789` (external-links)',
		]);
		expect(web.requests.length).toBe(count);
	});

	test('reports a malformed URL as invalid', async () => {
		expect(await run({ 'a.md': '<a href="https://exa mple.com/">x</a>\n' })).toEqual([
			'a.md:1:10: Unexpected malformed URL `https://exa mple.com/`, expected an absolute http(s) URL such as `https://example.com/page` (external-links)',
		]);
	});

	test.each([
		['skip', []],
		['warn', ['warning']],
		['check', ['error']],
	] as const)('applies privateHostPolicy %s to *.lab hosts', async (policy, severities) => {
		const before = web.requests.filter((r) => r.host.startsWith('svc.lab')).length;
		const findings = await checkExternalLinks(
			treeOf({ 'a.md': `[x](http://svc.lab:${web.port}/missing-private)\n` }),
			config({ privateHostPolicy: policy }),
			{ noCache: true, lookup: loopbackLookup },
		);
		expect(findings.map((f) => f.severity)).toEqual(severities);
		expect(web.requests.filter((r) => r.host.startsWith('svc.lab')).length - before).toBe(
			policy === 'skip' ? 0 : 1,
		);
	});

	test('applies rules: skip, accepted codes and headers from the environment', async () => {
		const rules = [
			{ pattern: `${o}/skipped/**`, skip: true },
			{ pattern: `${o}/private`, headers: { Authorization: 'token ${env:FORGE_TOKEN}' } },
			{ pattern: `${o}/bot-wall`, accept: [999] },
		];
		const pages = { 'a.md': `[s](${o}/skipped/deep/path) [p](${o}/private) [b](${o}/bot-wall)\n` };
		expect(await run(pages, { rules }, { FORGE_TOKEN: 's3cret' })).toEqual([]);
		expect(await run(pages, { rules }, {})).toEqual([
			`a.md:1:${pages['a.md'].indexOf('[p]') + 1}: Skipped because FORGE_TOKEN is not set (header \`Authorization\` of links.rules[1]) (external-links)`,
		]);
		expect(requestsTo('/skipped/deep/path')).toHaveLength(0);
	});

	test('never has more requests in flight to one host than perHostConcurrency', async () => {
		const slow = await startWeb(
			Object.fromEntries(
				Array.from({ length: 12 }, (_, i) => [
					`/p${i}`,
					async (_req, res) => {
						await sleep(40);
						res.writeHead(200).end();
					},
				]),
			),
		);
		const links = Array.from(
			{ length: 12 },
			(_, i) =>
				`[${i}](http://one.test:${slow.port}/p${i}) [${i}](http://two.test:${slow.port}/p${i})`,
		).join('\n');
		expect(
			await run({ 'a.md': `${links}\n` }, { perHostConcurrency: 3, requestSpacingMs: 5 }),
		).toEqual([]);
		expect(Object.fromEntries(slow.maxInFlight)).toEqual({
			[`one.test:${slow.port}`]: 3,
			[`two.test:${slow.port}`]: 3,
		});
		await slow.close();
	});
});

describe('rule severity', () => {
	test('checks.rules external-links: warn caps dead links at warnings, off turns the step off', async () => {
		const tree = treeOf({ 'a.md': `[x](${o}/missing-severity)\n` });
		const warn = parseConfig({
			network: { timeoutMs: 300 },
			links: { privateHostPolicy: 'check' },
			checks: { rules: { 'external-links': 'warn' } },
		});
		expect(
			(await checkExternalLinks(tree, warn, { noCache: true })).map((f) => f.severity),
		).toEqual(['warning']);
		const before = web.requests.length;
		const off = parseConfig({
			network: { timeoutMs: 300 },
			checks: { rules: { 'external-links': 'off' } },
		});
		expect(await checkExternalLinks(tree, off, { noCache: true })).toEqual([]);
		expect(web.requests.length).toBe(before);
	});
});

test('checks URLs only the rendered site adds, and leaves the ones the Markdown has to the Markdown', async () => {
	const findings = await checkExternalLinks(
		treeOf({ 'a.md': `[x](${o}/dead-written)\n` }),
		config(),
		{
			noCache: true,
			occurrences: [
				{ url: `${o}/dead-written`, file: '/a/', position: { line: 9, column: 3 } },
				{ url: `${o}/dead-layout`, file: '/a/', position: { line: 12, column: 40 } },
			],
		},
	);
	expect(findings.map(formatFinding)).toEqual([
		`a.md:1:1: Unexpected status 404 Not Found from HEAD ${o}/dead-written, expected 2xx (external-links)`,
		`/a/:12:40: Unexpected status 404 Not Found from HEAD ${o}/dead-layout, expected 2xx (external-links)`,
	]);
});

test('rejects a fragmentsToSkip entry that is not a regular expression, naming the key', () => {
	expect(() => parseConfig({ links: { fragmentsToSkip: ['^L(\\d+'] } })).toThrow(
		'links.fragmentsToSkip[0]: Unexpected `"^L(\\\\d+"`, expected a regular expression that runs in linear time, such as `^L\\d+$` (RE2 cannot read it (missing closing ): `^L(\\d+`))',
	);
});

test('rejects a fragmentsToSkip entry no linear-time engine runs, naming the key', () => {
	expect(() =>
		parseConfig({ links: { fragmentsToSkip: ['^(?!L)x', '(a)\\1', '^L\\d+$'] } }),
	).toThrow(
		/fragmentsToSkip\[0\]: .*\(RE2 runs no lookaround .*\n.*fragmentsToSkip\[1\]: .*\(RE2 runs no backreference/,
	);
	// The control: the default patterns load.
	expect(
		parseConfig({ links: { fragmentsToSkip: ['^L\\d+(-L\\d+)?$', '^:~:'] } }).links.fragmentsToSkip,
	).toHaveLength(2);
});

test('backs off exponentially with jitter between retries after network errors', async () => {
	expect(
		(await run({ 'a.md': `[x](${o}/drop)\n` }, { retries: 3, backoffMs: 100 })).map(
			(f) => f.split(':')[0],
		),
	).toEqual(['a.md']);
	const at = requestsTo('/drop').map((r) => r.at);
	expect(at).toHaveLength(4);
	at.slice(1).forEach((t, attempt) => {
		const gap = t - (at[attempt] ?? 0);
		expect(gap).toBeGreaterThanOrEqual(100 * 2 ** attempt * 0.5);
		// The upper bound carries a loaded machine's delays besides the jitter of ±50 %.
		expect(gap).toBeLessThanOrEqual(100 * 2 ** attempt * 1.5 + 250);
	});
});

test('accepts the status codes listed in links.accept', async () => {
	expect(
		await run({ 'a.md': `[x](${o}/bot-wall) [y](${o}/gone)\n` }, { accept: ['2xx', 999] }),
	).toEqual([
		`a.md:1:${`[x](${o}/bot-wall) `.length + 1}: Unexpected status 410 Gone from HEAD ${o}/gone, expected 2xx or 999 (external-links)`,
	]);
});
