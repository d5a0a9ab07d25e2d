import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { runProbe, type ProbeIo } from '../../checks/probes/probe-one.ts';
import type { LocatedProbe } from '../../checks/probes/types.ts';
import { planModule } from '../../export/blackbox-module.ts';
import { createNetworkAgent } from '../../network/agent.ts';
import { createResolver } from '../../network/resolver.ts';
import { startLoopbackDns, type LoopbackDns } from '../../server/demo/dns-server.ts';
import { componentsInstalled, start, type Running } from '../helpers/prometheus.ts';

/**
 * Every condition the export turns into a blackbox module setting must fail where Waymark's own
 * probe fails, and hold where it holds: the same probe against the same loopback endpoint, judged
 * once by Waymark and once by the real blackbox_exporter 0.23 with the exported module.
 */
const probe = (
	id: string,
	kind: LocatedProbe['kind'],
	target: string,
	conditions: string[],
	extra: Partial<LocatedProbe> = {},
): LocatedProbe => ({
	id,
	kind,
	target,
	conditions,
	dnsType: 'A',
	headers: {},
	intervalMs: 60_000,
	timeoutMs: 2000,
	file: 'x.md',
	line: 3,
	route: '/x/',
	pageTitle: 'X',
	...extra,
});

describe.skipIf(!componentsInstalled('blackbox'))(
	'exported blackbox modules judge as Waymark does',
	() => {
		let http: Server;
		let tls: TlsServer;
		let dns: LoopbackDns;
		let blackbox: Running;
		let io: ProbeIo;
		let close: () => Promise<void>;
		let base: string;
		let tlsTarget: string;
		let closedPort: number;
		const cases: Array<[string, LocatedProbe]> = [];

		beforeAll(async () => {
			http = createServer((req, res) => {
				if (req.url === '/ok')
					return void res
						.writeHead(200, { 'content-type': 'application/json', 'x-version': '2' })
						.end('{"status":"ok"}');
				if (req.url === '/text')
					return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
				if (req.url === '/text-nl')
					return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
				if (req.url === '/moved') return void res.writeHead(302, { location: '/ok' }).end();
				res.writeHead(500, { 'content-type': 'text/plain' }).end('broken');
			});
			await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
			base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
			const certs = new URL('../../server/demo/certs/', import.meta.url);
			tls = createTlsServer(
				{
					key: readFileSync(new URL('demo.key', certs)),
					cert: readFileSync(new URL('demo.crt', certs)),
				},
				(socket) => socket.end(),
			);
			await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
			tlsTarget = `127.0.0.1:${(tls.address() as AddressInfo).port}`;
			const spare = createServer();
			await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
			closedPort = (spare.address() as AddressInfo).port;
			await new Promise((resolve) => spare.close(resolve));
			dns = await startLoopbackDns((name) =>
				name === 'app.example.lab'
					? { rcode: 'NOERROR', records: [{ type: 'A', data: '127.0.0.1' }] }
					: { rcode: 'NXDOMAIN' },
			);
			const resolver = createResolver({ servers: [dns.server], timeoutMs: 1000 });
			const agent = createNetworkAgent({ lookup: resolver.lookup });
			io = {
				resolver,
				dispatcher: agent.dispatcher,
				certificateExpiry: agent.certificateExpiry,
				env: {},
			};
			close = () => agent.dispatcher.close();
			cases.push(
				['status 200 on 200', probe('s1', 'http', `${base}/ok`, ['[STATUS] == 200'])],
				['status 200 on 500', probe('s2', 'http', `${base}/fail`, ['[STATUS] == 200'])],
				[
					'the http default (< 400) on 500',
					probe('s3', 'http', `${base}/fail`, ['[STATUS] < 400']),
				],
				['status >= 500 on 500', probe('s4', 'http', `${base}/fail`, ['[STATUS] >= 500'])],
				['status != 500 on 500', probe('s5', 'http', `${base}/fail`, ['[STATUS] != 500'])],
				['a redirect followed to 200', probe('s6', 'http', `${base}/moved`, ['[STATUS] == 200'])],
				['a header that matches', probe('h1', 'http', `${base}/ok`, ['[HEADER].x-version == 2'])],
				['a header that differs', probe('h2', 'http', `${base}/ok`, ['[HEADER].x-version == 3'])],
				[
					'a header that is missing',
					probe('h3', 'http', `${base}/text`, ['[HEADER].x-version == 2']),
				],
				[
					'a header required to differ, and it does',
					probe('h4', 'http', `${base}/ok`, ['[HEADER].x-version != 3']),
				],
				[
					'a header required to differ, and it does not',
					probe('h5', 'http', `${base}/ok`, ['[HEADER].x-version != 2']),
				],
				['a text body that matches', probe('b1', 'http', `${base}/text`, ['[BODY] == ok'])],
				[
					'a text body with a trailing newline',
					probe('b4', 'http', `${base}/text-nl`, ['[BODY] == ok']),
				],
				[
					'a header required to differ, and it is missing',
					probe('h6', 'http', `${base}/text`, ['[HEADER].x-version != 2']),
				],
				['a text body that differs', probe('b2', 'http', `${base}/fail`, ['[BODY] == ok'])],
				['a text body required to differ', probe('b3', 'http', `${base}/fail`, ['[BODY] != ok'])],
				[
					'tcp to an open port',
					probe('t1', 'tcp', base.replace('http://', ''), ['[CONNECTED] == true']),
				],
				[
					'tcp to a closed port',
					probe('t2', 'tcp', `127.0.0.1:${closedPort}`, ['[CONNECTED] == true']),
				],
				['tls with a certificate', probe('l1', 'tls', tlsTarget, ['[CONNECTED] == true'])],
				[
					'tls to a closed port',
					probe('l2', 'tls', `127.0.0.1:${closedPort}`, ['[CONNECTED] == true']),
				],
				[
					'dns NOERROR for a name that resolves',
					probe('d1', 'dns', 'app.example.lab', ['[DNS_RCODE] == NOERROR']),
				],
				[
					'dns NOERROR for a missing name',
					probe('d2', 'dns', 'gone.example.lab', ['[DNS_RCODE] == NOERROR']),
				],
				[
					'dns != NXDOMAIN for a missing name',
					probe('d3', 'dns', 'gone.example.lab', ['[DNS_RCODE] != NXDOMAIN']),
				],
				['dns answer that matches', probe('d4', 'dns', 'app.example.lab', ['[BODY] == 127.0.0.1'])],
				['dns answer that differs', probe('d5', 'dns', 'app.example.lab', ['[BODY] == 10.0.0.1'])],
			);
			const modules = Object.fromEntries(
				cases.map(([, p]) => [`waymark_${p.id}`, planModule(p).module]),
			);
			blackbox = await start('blackbox', { config: stringify({ modules }) });
		}, 30_000);
		afterAll(async () => {
			await blackbox?.stop();
			await close?.();
			await dns?.close();
			http?.close();
			tls?.close();
		});

		test('gives the same verdict as Waymark for every condition it exports', async () => {
			const rows = await Promise.all(
				cases.map(async ([name, p]) => {
					const target = p.kind === 'dns' ? dns.server : p.target;
					const metrics = await (
						await fetch(
							`${blackbox.url}/probe?module=waymark_${p.id}&target=${encodeURIComponent(target)}`,
						)
					).text();
					const success = /^probe_success (\d)$/m.exec(metrics)?.[1];
					const waymark = (await runProbe(p, io)).state;
					return `${name}: waymark ${waymark}, blackbox ${success === '1' ? 'up' : 'down'}`;
				}),
			);
			expect(rows).toEqual(
				rows.map((row) =>
					row.replace(/blackbox \w+$/, `blackbox ${/waymark (\w+)/.exec(row)?.[1]}`),
				),
			);
			// Positive control: both sides saw failures as well as successes.
			expect(rows.filter((r) => r.includes('waymark down')).length).toBeGreaterThan(8);
			expect(rows.filter((r) => r.includes('waymark up')).length).toBeGreaterThan(8);
		});
	},
);
