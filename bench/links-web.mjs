// A loopback "web" for bench/links.mjs, run as a child process so serving never competes with the
// checker under test for the event loop. Each host is one port on 127.0.0.1. Paths say what they
// do (see `behave`). Besides the ordinary hosts there is a slow host (every page after slowMs), a
// rate-limited host (a request arriving while `limitedInFlight` are already in flight gets
// `429 Retry-After: 1`), a fast host (every answer at once: `/ok/N` 200, `/dead/N` 404), a host
// that answers `429 Retry-After: 1` to each URL until a second after that URL's first request
// (then `/ok/N` 200, `/dead/N` 404; a retry sent too early gets another 429, as from a server that
// enforces its Retry-After) and a port nobody listens on. IPC: the parent sends { hosts, slowMs }
// to start and gets { ports, slow, limited, fast, perUrl, closed }; then 'stats' (returns and
// resets counters: requests, bytes, 429s, max in flight per host, the first-request clock) and
// 'stop'.
import { createServer } from 'node:http';

/** @type {import('node:http').Server[]} */
const servers = [];
let stats = fresh();
function fresh() {
	return {
		requests: 0,
		connections: 0,
		heads: 0,
		gets: 0,
		bytes: 0,
		throttled: 0,
		/** @type {Map<string, number>} requests per host (port) */
		perHost: new Map(),
		inFlight: new Map(),
		maxInFlight: new Map(),
		hits: new Map(),
		/** @type {Map<string, number>} first request per URL of the per-URL Retry-After host */
		firstSeen: new Map(),
	};
}

const page = (id) => {
	const filler =
		'<p>Runbook vendor documentation paragraph, long enough to look like a page.</p>'.repeat(200);
	return `<!doctype html><html><head><title>${id}</title></head><body><h1 id="top">${id}</h1><h2 id="present">Present</h2>${filler}</body></html>`;
};

const limitedInFlight = 3;
const retryAfterMs = 1000;

/** @typedef {'plain' | 'slow' | 'limited' | 'fast' | 'perUrl'} Role */
/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {number} port @param {number} slowMs @param {Role} role @param {number} before requests to this host already in flight */
function behave(req, res, port, slowMs, role, before) {
	const path = (req.url ?? '/').split('?')[0] ?? '/';
	const key = `${port}${path}`;
	const hit = (stats.hits.get(key) ?? 0) + 1;
	stats.hits.set(key, hit);
	const [, kind = '', id = '0'] = path.split('/');
	const n = Number(id);
	const send = (status, headers = {}, body = '') => {
		if (res.destroyed) return;
		res.writeHead(status, headers);
		if (req.method === 'HEAD' || !body) return void res.end();
		stats.bytes += Buffer.byteLength(body);
		res.end(body);
	};
	const html = { 'content-type': 'text/html; charset=utf-8' };
	// A few milliseconds of "work" per page; the slow pages alone set the floor.
	const delay = (n * 7 + port) % 4;
	if (role === 'slow') return void setTimeout(() => send(200, html, page(path)), slowMs);
	if (role === 'limited') {
		if (before >= limitedInFlight) {
			stats.throttled++;
			return void send(429, { 'retry-after': '1' });
		}
		return void setTimeout(() => send(200, html, page(path)), 100);
	}
	if (role === 'perUrl') {
		const first = stats.firstSeen.get(key) ?? Date.now();
		stats.firstSeen.set(key, first);
		if (Date.now() - first < retryAfterMs) {
			stats.throttled++;
			return void send(429, { 'retry-after': String(retryAfterMs / 1000) });
		}
	}
	if (role === 'fast' || role === 'perUrl')
		return void (kind === 'ok' ? send(200, html, page(path)) : send(404, html, 'not found'));
	switch (kind) {
		case 'ok':
		case 'anchors':
			return void setTimeout(() => send(200, html, page(path)), delay);
		case 'nohead':
			return void setTimeout(
				() => (req.method === 'HEAD' ? send(405) : send(200, html, page(path))),
				delay,
			);
		case 'temp':
			return void send(302, { location: `/ok/${id}` });
		case 'moved':
			return void send(301, { location: `/ok/${id}` });
		case 'dead':
			return void setTimeout(() => send(404, html, 'not found'), delay);
		case 'gone':
			return void send(410);
		case 'bot':
			return void send(403, html, 'bots go away');
		case 'throttle':
			if (hit === 1) stats.throttled++;
			return void (hit === 1
				? send(429, { 'retry-after': '1' })
				: setTimeout(() => send(200, html, page(path)), delay));
		case 'busy':
			return void (hit === 1
				? send(503, { 'retry-after': '1' })
				: setTimeout(() => send(200, html, page(path)), delay));
		default:
			return void send(404);
	}
}

process.on('message', async (message) => {
	if (message === 'stats') {
		const { requests, connections, heads, gets, bytes, throttled, maxInFlight, perHost } = stats;
		process.send?.({
			requests,
			connections,
			heads,
			gets,
			bytes,
			throttled,
			perHost: Object.fromEntries(perHost),
			maxInFlight: Object.fromEntries(maxInFlight),
		});
		stats = fresh();
		return;
	}
	if (message === 'stop') {
		for (const server of servers) server.closeAllConnections();
		process.exit(0);
	}
	const { hosts, slowMs } = /** @type {{ hosts: number; slowMs: number }} */ (message);
	const ports = [];
	/** @type {Role[]} */
	const extra = ['slow', 'limited', 'fast', 'perUrl'];
	for (let i = 0; i < hosts + extra.length; i++) {
		const role = extra[i - hosts] ?? 'plain';
		const server = createServer((req, res) => {
			const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
			const host = String(port);
			stats.requests++;
			if (req.method === 'HEAD') stats.heads++;
			else stats.gets++;
			stats.perHost.set(host, (stats.perHost.get(host) ?? 0) + 1);
			const before = stats.inFlight.get(host) ?? 0;
			stats.inFlight.set(host, before + 1);
			stats.maxInFlight.set(
				host,
				Math.max(stats.maxInFlight.get(host) ?? 0, stats.inFlight.get(host)),
			);
			let closed = false;
			res.on('close', () => {
				if (closed) return;
				closed = true;
				stats.inFlight.set(host, (stats.inFlight.get(host) ?? 1) - 1);
			});
			behave(req, res, port, slowMs, role, before);
		});
		server.on('connection', () => void stats.connections++);
		server.keepAliveTimeout = 5000;
		await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
		servers.push(server);
		ports.push(/** @type {import('node:net').AddressInfo} */ (server.address()).port);
	}
	// A port that was listening a moment ago and is closed now: connections are refused.
	const closed = await new Promise((resolve) => {
		const probe = createServer();
		probe.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
			probe.close(() => resolve(port));
		});
	});
	process.send?.({
		ports: ports.slice(0, hosts),
		slow: ports[hosts],
		limited: ports[hosts + 1],
		fast: ports[hosts + 2],
		perUrl: ports[hosts + 3],
		closed,
	});
});
