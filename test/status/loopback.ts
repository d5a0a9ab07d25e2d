import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { startLoopbackDns, type LoopbackDns } from '../../server/demo/dns-server.ts';

/** Loopback systems for probe tests: an HTTP API with good and bad endpoints, an expired-cert TLS server, a DNS zone. */
export interface Loopback {
	http: string;
	httpPort: number;
	httpsPort: number;
	dns: LoopbackDns;
	state: { version: string; ready: boolean; up: boolean };
	/** Headers of every request seen, for secret tests. */
	seenHeaders: Array<Record<string, string | string[] | undefined>>;
	close(): Promise<void>;
}

const fixtures = new URL('../fixtures/status/', import.meta.url);

export async function startLoopback(): Promise<Loopback> {
	const state = { version: '22.0.3', ready: false, up: true };
	const seenHeaders: Loopback['seenHeaders'] = [];
	const hanging = new Set<import('node:http').ServerResponse>();
	const server: Server = createServer((req, res) => {
		seenHeaders.push(req.headers);
		const json = (status: number, body: unknown): void =>
			void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		switch (req.url) {
			case '/api/index.php/status':
				return json(200, { success: { code: 200, dolibarr_version: state.version } });
			case '/healthz':
				return json(state.up ? 200 : 500, { status: state.up ? 'ok' : 'fail' });
			case '/readyz':
				return json(state.ready ? 200 : 503, { ready: state.ready });
			case '/slow':
				return void setTimeout(() => json(200, { ok: true }), 300);
			case '/hang':
				hanging.add(res);
				return;
			case '/huge': {
				res.writeHead(200, { 'content-type': 'text/plain' });
				const chunk = Buffer.alloc(64 * 1024, 'x');
				let sent = 0;
				const pump = (): void => {
					while (sent < 20 * 1024 * 1024 && !res.destroyed) {
						sent += chunk.length;
						if (!res.write(chunk)) return void res.once('drain', pump);
					}
					res.end();
				};
				return pump();
			}
			case '/echo':
				return json(200, req.headers);
			case '/flip':
				return json(state.up ? 200 : 503, { up: state.up });
			case '/loop':
				return void res.writeHead(302, { location: '/loop' }).end();
			default:
				return json(404, {});
		}
	});
	const https = createHttpsServer(
		{
			key: readFileSync(new URL('expired.key', fixtures)),
			cert: readFileSync(new URL('expired.crt', fixtures)),
		},
		(_req, res) => res.end('ok'),
	);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
	const dns = await startLoopbackDns((name, type) => {
		if (name === 'silent.test.lab') return 'silence';
		if (name === 'broken.test.lab') return { rcode: 'SERVFAIL' };
		if (name === 'docs.gigafibre.ca' || name.startsWith('missing.')) return { rcode: 'NXDOMAIN' };
		if (name.endsWith('.test.lab') || name.endsWith('gigafibre.ca')) {
			if (type === 'A') return { rcode: 'NOERROR', records: [{ type: 'A', data: '127.0.0.1' }] };
			if (type === 'MX')
				return { rcode: 'NOERROR', records: [{ type: 'MX', data: '10 mail.test.lab' }] };
			if (type === 'TXT')
				return { rcode: 'NOERROR', records: [{ type: 'TXT', data: 'v=spf1 -all' }] };
			return { rcode: 'NOERROR', records: [] };
		}
		return { rcode: 'REFUSED' };
	});
	const httpPort = (server.address() as AddressInfo).port;
	return {
		http: `http://127.0.0.1:${httpPort}`,
		httpPort,
		httpsPort: (https.address() as AddressInfo).port,
		dns,
		state,
		seenHeaders,
		async close() {
			for (const res of hanging) res.destroy();
			server.closeAllConnections();
			https.closeAllConnections();
			await Promise.all([
				new Promise((r) => server.close(r)),
				new Promise((r) => https.close(r)),
				dns.close(),
			]);
		},
	};
}
