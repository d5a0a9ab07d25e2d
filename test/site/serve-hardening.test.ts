import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createResolver } from '../../network/resolver.ts';
import { openHistoryStore } from '../../server/history-store.ts';
import { createLiveStatus, type LiveStatus } from '../../server/live-status.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { cliPath, removeFixture, writeFixture } from '../helpers/fixture.ts';

const themeScript = "(()=>{document.documentElement.dataset.theme='dark'})()";
const page = `<!doctype html><html><head><script>${themeScript}</script><script type="application/ld+json">{"a":1}</script><script type="module" src="/_astro/app.Bx3k9QzA.js"></script></head><body><h1>Home</h1></body></html>`;
let dir: string;
let outside: string;
let live: LiveStatus;
let server: RunningServer;
let plain: RunningServer;

beforeAll(async () => {
	outside = await writeFixture({ 'secret.txt': 'root:x:0:0 outside the site\n' });
	dir = await writeFixture({
		'index.html': page,
		'404.html': '<!doctype html><h1>Page not found</h1>',
		'erp/index.html': '<!doctype html><h1>ERP</h1>',
		'erp/notes.txt': 'restore in this order\n',
		'_astro/app.Bx3k9QzA.js': 'console.log(1)\n',
		'pagefind/pagefind-worker.js': 'self.onmessage = () => {}\n',
		'diagram.svg':
			'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>',
		LICENSE: 'extension-less file\n',
		'.env': 'TOKEN=never-served\n',
		'_waymark/probes.json': '{"version":1,"probes":[{"headers":{"X":"${env:TOKEN}"}}]}',
		'_waymark/status.json': '{"version":1,"probes":[]}',
		'_waymark/changes/index.html': '<!doctype html><h1>Changes</h1>',
	});
	await symlink(join(outside, 'secret.txt'), join(dir, 'leak.html'));
	await symlink(outside, join(dir, 'outside-dir'));
	await mkdir(join(dir, 'linked'));
	await symlink(join(dir, 'erp/notes.txt'), join(dir, 'linked/notes.txt'));
	live = createLiveStatus({
		probes: [],
		io: { resolver: createResolver() },
		store: openHistoryStore(':memory:'),
		concurrency: 1,
		maxEventClients: 5,
		schedule: false,
	});
	server = await startServer({ dir, port: 0, host: '127.0.0.1', handlers: [live.handler] });
	plain = await startServer({ dir, port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
	live.close();
	await server.close();
	await plain.close();
	await removeFixture(dir);
	await removeFixture(outside);
});

/** Sends raw bytes and returns everything the server answers until it closes the connection. */
function raw(target: RunningServer, request: string): Promise<string> {
	const { port } = new URL(target.url);
	return new Promise((resolve, reject) => {
		const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
		let answer = '';
		socket.setEncoding('latin1');
		socket.on('data', (chunk: string) => (answer += chunk));
		socket.on('end', () => resolve(answer));
		socket.on('error', reject);
		socket.setTimeout(3000, () =>
			socket.destroy(new Error(`no answer to ${JSON.stringify(request.slice(0, 60))}`)),
		);
	});
}
const get = (path: string, headers: string[] = []) =>
	`GET ${path} HTTP/1.1\r\nHost: x\r\n${headers.map((h) => `${h}\r\n`).join('')}Connection: close\r\n\r\n`;
const statusOf = (answer: string) => answer.split('\r\n')[0];
const bodyOf = (answer: string) => answer.slice(answer.indexOf('\r\n\r\n') + 4);
const headerOf = (answer: string, name: string) =>
	new RegExp(`^${name}: (.*)$`, 'im').exec(answer.slice(0, answer.indexOf('\r\n\r\n')))?.[1];

test.each([
	['an inverted range', get('/', ['Range: bytes=2-1']), 'HTTP/1.1 200 OK'],
	[
		'a range past the end',
		get('/', ['Range: bytes=999999-']),
		'HTTP/1.1 416 Range Not Satisfiable',
	],
	['an empty suffix range', get('/', ['Range: bytes=-0']), 'HTTP/1.1 416 Range Not Satisfiable'],
	['several ranges', get('/', ['Range: bytes=0-1,4-5']), 'HTTP/1.1 200 OK'],
	['a range that is not bytes', get('/', ['Range: lines=1-2']), 'HTTP/1.1 200 OK'],
	[
		'a range of a huge number',
		get('/', ['Range: bytes=0-99999999999999999999999']),
		'HTTP/1.1 200 OK',
	],
	['truncated percent-encoding', get('/%E0%A4%A'), 'HTTP/1.1 400 Bad Request'],
	['invalid percent-encoding', get('/%ZZ/'), 'HTTP/1.1 400 Bad Request'],
	['an encoded NUL', get('/index%00.html'), 'HTTP/1.1 400 Bad Request'],
	['dot segments above the root', get('/../../etc/passwd'), 'HTTP/1.1 400 Bad Request'],
	[
		'encoded dot segments above the root',
		get('/%2e%2e/%2e%2e/etc/passwd'),
		'HTTP/1.1 400 Bad Request',
	],
	['an encoded slash', get('/erp%2F..%2F..%2Fetc%2Fpasswd'), 'HTTP/1.1 404 Not Found'],
	['an asterisk target', get('*'), 'HTTP/1.1 400 Bad Request'],
	[
		'a 20 KB header',
		get('/', [`X-Big: ${'a'.repeat(20_000)}`]),
		'HTTP/1.1 431 Request Header Fields Too Large',
	],
	[
		'3,000 headers',
		get(
			'/',
			Array.from({ length: 3000 }, (_, i) => `X-${i}: 1`),
		),
		'HTTP/1.1 431 Request Header Fields Too Large',
	],
	['garbage instead of HTTP', 'GARBAGE\r\n\r\n', 'HTTP/1.1 400 Bad Request'],
	[
		'a PUT with a body',
		'PUT /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nConnection: close\r\n\r\nevil',
		'HTTP/1.1 405 Method Not Allowed',
	],
	[
		'a DELETE',
		'DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
		'HTTP/1.1 405 Method Not Allowed',
	],
	[
		'an OPTIONS *',
		'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
		'HTTP/1.1 405 Method Not Allowed',
	],
	[
		'a POST to the status API',
		'POST /_waymark/status.json HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
		'HTTP/1.1 405 Method Not Allowed',
	],
	['HTTP/1.0 without Host', 'GET /erp/ HTTP/1.0\r\n\r\n', 'HTTP/1.1 200 OK'],
	['an absolute-form target', get('http://elsewhere.example/erp/'), 'HTTP/1.1 200 OK'],
	[
		'an absolute-form target of another scheme',
		get('ftp://elsewhere.example/erp/'),
		'HTTP/1.1 400 Bad Request',
	],
	['a fragment in the target', get('/erp/#top'), 'HTTP/1.1 400 Bad Request'],
	['a dot-dot segment that stays inside', get('/erp/..'), 'HTTP/1.1 200 OK'],
])('answers %s, then still serves a normal request', async (_name, request, status) => {
	expect(statusOf(await raw(server, request))).toBe(status);
	const home = await fetch(server.url);
	expect(home.status).toBe(200);
	expect(await home.text()).toBe(page);
});

test('names the allowed methods in a 405', async () => {
	const answer = await raw(server, 'DELETE /erp/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
	expect(headerOf(answer, 'allow')).toBe('GET, HEAD');
});

test('serves a satisfiable range as 206 (control)', async () => {
	const answer = await raw(server, get('/erp/notes.txt', ['Range: bytes=0-6']));
	expect(statusOf(answer)).toBe('HTTP/1.1 206 Partial Content');
	expect(headerOf(answer, 'content-range')).toBe('bytes 0-6/22');
	expect(bodyOf(answer)).toBe('restore');
});

test('serves a suffix range as the last bytes', async () => {
	const answer = await raw(server, get('/erp/notes.txt', ['Range: bytes=-6']));
	expect([statusOf(answer), bodyOf(answer)]).toEqual(['HTTP/1.1 206 Partial Content', 'order\n']);
});

test('answers HEAD without a body, the event stream included', async () => {
	const head = await raw(server, 'HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
	expect(statusOf(head)).toBe('HTTP/1.1 200 OK');
	expect(headerOf(head, 'content-length')).toBe(String(Buffer.byteLength(page)));
	expect(bodyOf(head)).toBe('');
	const events = await raw(
		server,
		'HEAD /_waymark/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
	);
	expect(headerOf(events, 'content-type')).toBe('text/event-stream');
	expect(bodyOf(events)).toBe('');
	expect(live.hub.size).toBe(0);
	// GET still streams (control): the first frame arrives.
	const controller = new AbortController();
	const stream = await fetch(new URL('/_waymark/events', server.url), {
		signal: controller.signal,
	});
	const reader = stream.body!.getReader();
	expect(new TextDecoder().decode((await reader.read()).value)).toContain('retry: 2000');
	controller.abort();
}, 10_000);

test.each([
	'/_waymark/probes.json',
	'/%5Fwaymark/probes.json',
	'/%5fwaymark/probes.json',
	'/_WAYMARK/probes.json',
	'/_waymark/./probes.json',
	'/erp/../_waymark/probes.json',
	'/.env',
	'/%2Eenv',
])('never serves %s, with or without the live status API', async (path) => {
	for (const target of [server, plain]) {
		const response = await fetch(new URL(path, target.url));
		expect(response.status).toBe(404);
		expect(await response.text()).not.toContain('env:TOKEN');
	}
});

test('serves the preview pages under /_waymark/ (control)', async () => {
	expect(await (await fetch(new URL('/%5Fwaymark/changes/', plain.url))).text()).toBe(
		'<!doctype html><h1>Changes</h1>',
	);
});

test('serves the build-time status.json without a live server, and the live one with it', async () => {
	expect(await (await fetch(new URL('/%5Fwaymark/status.json', plain.url))).json()).toEqual({
		version: 1,
		probes: [],
	});
	expect(await (await fetch(new URL('/%5Fwaymark/status.json', server.url))).json()).toMatchObject({
		live: true,
	});
});

test('never follows a symlink out of the site, and follows one inside it (control)', async () => {
	for (const path of ['/leak.html', '/leak', '/outside-dir/secret.txt']) {
		const response = await fetch(new URL(path, server.url));
		expect(response.status).toBe(404);
		expect(await response.text()).not.toContain('root:x');
	}
	expect(await (await fetch(new URL('/linked/notes.txt', server.url))).text()).toBe(
		'restore in this order\n',
	);
});

test('sends the security headers on every kind of response', async () => {
	const answers = [
		await raw(server, get('/')),
		await raw(server, get('/missing/')),
		await raw(server, get('/%ZZ')),
		await raw(server, 'DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
		await raw(server, get('/', ['Range: bytes=999999-'])),
		await raw(server, get('/_waymark/status.json')),
		await raw(server, 'HEAD /_waymark/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
		await raw(server, get('/LICENSE')),
	];
	for (const answer of answers) {
		expect(headerOf(answer, 'x-content-type-options')).toBe('nosniff');
		expect(headerOf(answer, 'x-frame-options')).toBe('DENY');
		expect(headerOf(answer, 'content-security-policy')).toContain("frame-ancestors 'none'");
	}
});

test("allows a page's own inline scripts by hash, and no other inline script", async () => {
	const csp = (await fetch(server.url)).headers.get('content-security-policy') ?? '';
	const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src')) ?? '';
	const hash = createHash('sha256').update(themeScript).digest('base64');
	expect(scriptSrc).toBe(`script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}'`);
	expect(csp).toContain("object-src 'none'");
});

test.each([
	['/', 'text/html; charset=utf-8', 'no-cache'],
	['/erp/notes.txt', 'text/plain; charset=utf-8', 'no-cache'],
	[
		'/_astro/app.Bx3k9QzA.js',
		'text/javascript; charset=utf-8',
		'public, max-age=31536000, immutable',
	],
	['/LICENSE', 'application/octet-stream', 'no-cache'],
	['/diagram.svg', 'image/svg+xml', 'no-cache'],
])('serves %s as %s with Cache-Control %s', async (path, type, cache) => {
	const response = await fetch(new URL(path, server.url));
	expect([
		response.status,
		response.headers.get('content-type'),
		response.headers.get('cache-control'),
	]).toEqual([200, type, cache]);
});

test('serves an SVG and other non-pages under a policy that runs no script; scripts (workers) may run WebAssembly', async () => {
	expect(
		(await fetch(new URL('/diagram.svg', server.url))).headers.get('content-security-policy'),
	).toBe(
		"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; sandbox; frame-ancestors 'none'",
	);
	expect(
		(await fetch(new URL('/pagefind/pagefind-worker.js', server.url))).headers.get(
			'content-security-policy',
		),
	).toContain("script-src 'self' 'wasm-unsafe-eval'");
});

test('answers 304 to a matching If-None-Match', async () => {
	const first = await fetch(new URL('/erp/notes.txt', server.url));
	const etag = first.headers.get('etag') ?? '';
	expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
	expect(
		(await fetch(new URL('/erp/notes.txt', server.url), { headers: { 'if-none-match': etag } }))
			.status,
	).toBe(304);
});

test('a handler that throws gets a 500 and the server keeps serving', async () => {
	const lines: string[] = [];
	const failing = await startServer({
		dir,
		port: 0,
		host: '127.0.0.1',
		onError: (l) => lines.push(l),
		handlers: [
			(req) => {
				if (req.url === '/boom') throw new Error('boom');
				return Promise.reject(new Error('async boom'));
			},
		],
	});
	try {
		expect((await fetch(new URL('/boom', failing.url))).status).toBe(500);
		expect((await fetch(new URL('/later', failing.url))).status).toBe(500);
		expect(lines).toEqual([
			'waymark serve: GET /boom failed: boom',
			'waymark serve: GET /later failed: async boom',
		]);
	} finally {
		await failing.close();
	}
});

test('closes the connection when a handler fails after it started answering, and keeps serving', async () => {
	const lines: string[] = [];
	const failing = await startServer({
		dir,
		port: 0,
		host: '127.0.0.1',
		onError: (l) => lines.push(l),
		handlers: [
			(_req, res) => {
				res.writeHead(200).write('partial');
				throw new Error('half way');
			},
		],
	});
	try {
		await expect(fetch(new URL('/half', failing.url)).then((r) => r.text())).rejects.toThrow();
		expect(lines).toEqual(['waymark serve: GET /half failed: half way']);
	} finally {
		await failing.close();
	}
});

test('serves a site under a base path, and a plain 404 where the site has no 404 page', async () => {
	const bare = await writeFixture({ 'index.html': '<h1>Runbooks</h1>' });
	const based = await startServer({ dir: bare, port: 0, host: '127.0.0.1', base: '/runbooks/' });
	try {
		const origin = new URL(based.url).origin;
		expect(await (await fetch(`${origin}/runbooks`)).text()).toBe('<h1>Runbooks</h1>');
		expect(await (await fetch(`${origin}/runbooks/`)).text()).toBe('<h1>Runbooks</h1>');
		const missing = await fetch(`${origin}/runbooks/nowhere/`);
		expect([missing.status, await missing.text()]).toEqual([404, 'Not found\n']);
	} finally {
		await based.close();
		await removeFixture(bare);
	}
});

test('waymark serve survives Range: bytes=2-1 and answers the next request', async () => {
	const site = await writeFixture({
		'index.html': '<!doctype html><h1>Home</h1>',
		'_waymark/probes.json': '{"version":1,"probes":[]}',
	});
	await writeFile(join(site, 'waymark.config.yaml'), 'status:\n  database: ":memory:"\n');
	const child = spawn(
		process.execPath,
		[cliPath, 'serve', '--dir', '.', '--port', '0', '--host', '127.0.0.1'],
		{ cwd: site, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	try {
		let out = '';
		child.stdout.setEncoding('utf8');
		while (!out.includes('Serving')) out += String((await once(child.stdout, 'data'))[0]);
		const url = /Serving .* on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1] ?? '';
		const target = { url } as RunningServer;
		expect(statusOf(await raw(target, get('/', ['Range: bytes=2-1'])))).toBe('HTTP/1.1 200 OK');
		expect((await fetch(url)).status).toBe(200);
		expect(child.exitCode).toBeNull();
	} finally {
		child.kill('SIGTERM');
		await once(child, 'exit');
		await removeFixture(site);
	}
}, 30_000);

test('says nothing when a reader leaves while a file is being sent', async () => {
	const big = await writeFixture({
		'index.html': '<!doctype html><title>Big</title>',
		'big.bin': 'x'.repeat(8 * 1024 * 1024),
	});
	const lines: string[] = [];
	const quiet = await startServer({
		dir: big,
		port: 0,
		host: '127.0.0.1',
		onError: (l) => lines.push(l),
	});
	try {
		for (let i = 0; i < 3; i++) {
			const controller = new AbortController();
			const response = await fetch(new URL('/big.bin', quiet.url), { signal: controller.signal });
			// Positive control: the file is on its way when the reader leaves.
			expect((await response.body!.getReader().read()).value?.length).toBeGreaterThan(0);
			controller.abort();
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(lines).toEqual([]);
		// And the server keeps serving.
		expect((await fetch(new URL('/', quiet.url))).status).toBe(200);
	} finally {
		await quiet.close();
		await removeFixture(big);
	}
});
