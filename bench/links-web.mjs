// A loopback "web" for bench/links.mjs, run as a child process so serving never competes with the
// checker under test for the event loop. Each host is one port on 127.0.0.1. Paths say what they
// do (see `behave`). IPC: the parent sends { hosts, slowMs } to start; then 'stats' (returns and
// resets counters: requests, bytes, max in flight per host) and 'stop'.
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
		inFlight: new Map(),
		maxInFlight: new Map(),
		hits: new Map(),
	};
}

const page = (id) => {
	const filler =
		'<p>Runbook vendor documentation paragraph, long enough to look like a page.</p>'.repeat(200);
	return `<!doctype html><html><head><title>${id}</title></head><body><h1 id="top">${id}</h1><h2 id="present">Present</h2>${filler}</body></html>`;
};

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {number} port @param {number} slowMs */
function behave(req, res, port, slowMs) {
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
	switch (kind) {
		case 'ok':
		case 'anchors':
			return void setTimeout(() => send(200, html, page(path)), delay);
		case 'slow':
			return void setTimeout(() => send(200, html, page(path)), slowMs);
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
		const { requests, connections, heads, gets, bytes, maxInFlight } = stats;
		process.send?.({
			requests,
			connections,
			heads,
			gets,
			bytes,
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
	for (let i = 0; i < hosts; i++) {
		const server = createServer((req, res) => {
			const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
			const host = String(port);
			stats.requests++;
			if (req.method === 'HEAD') stats.heads++;
			else stats.gets++;
			stats.inFlight.set(host, (stats.inFlight.get(host) ?? 0) + 1);
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
			behave(req, res, port, slowMs);
		});
		server.on('connection', () => void stats.connections++);
		server.keepAliveTimeout = 5000;
		await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
		servers.push(server);
		ports.push(/** @type {import('node:net').AddressInfo} */ (server.address()).port);
	}
	process.send?.({ ports });
});
