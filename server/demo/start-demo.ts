import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AlertmanagerEndpoint } from '../../config/alerts.ts';
import { startAlertmanagerStandIn } from './alertmanager-stand-in.ts';
import { startLoopbackDns } from './dns-server.ts';
import {
	driftStandIns,
	initialStandInState,
	standInHandler,
	type StandInState,
} from './stand-ins.ts';
import { packageFile } from '../../core/package.ts';

/** The demo zone: every name under it resolves to 127.0.0.1 on the demo's DNS server. */
const demoZone = 'example.lab';

export interface Demo {
	/** `127.0.0.1:PORT` of the demo DNS server. */
	dnsServer: string;
	/** Sends `*.example.lab:443`/`:80` to the stand-ins' ports. */
	portFor: (host: string, port: number) => number | undefined;
	/** The demo certificate (self-signed, `*.example.lab`, loopback only), trusted by the demo's prober. */
	ca: string;
	/** Demo values for `${env:…}` headers the bundled guidebooks use. */
	env: Record<string, string>;
	state: StandInState;
	/**
	 * The demo's `network.allow`: loopback only, so an IP-literal target in a page, or a redirect
	 * anywhere else, is never contacted (names resolve only through the demo's DNS server).
	 */
	allow: string[];
	/** How refusals name that allow-list. */
	allowName: string;
	/** The stand-in Alertmanager API, polled instead of `alerts.alertmanager`. */
	alertmanager: AlertmanagerEndpoint;
	close(): Promise<void>;
}

const certs = packageFile('server', 'demo', 'certs');

/**
 * Starts loopback stand-ins for the bundled guidebooks' systems (HTTPS and HTTP on 127.0.0.1), a
 * DNS server for `*.example.lab` and an Alertmanager API with a few alerts on bundled runbooks. Nothing here contacts a real system. `driftEveryMs` changes one
 * stand-in now and then so the widgets have something to show.
 */
export async function startDemo(
	options: { driftEveryMs?: number; log?: (line: string) => void } = {},
): Promise<Demo> {
	const state = initialStandInState();
	const handler = standInHandler(state);
	const cert = readFileSync(join(certs, 'demo.crt'), 'utf8');
	const https = createHttpsServer({ key: readFileSync(join(certs, 'demo.key')), cert }, handler);
	const http = createServer(handler);
	await Promise.all(
		[https, http].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))),
	);
	const dns = await startLoopbackDns((name, type) => {
		if (name !== demoZone && !name.endsWith(`.${demoZone}`)) return { rcode: 'REFUSED' };
		if (name === `docs.${demoZone}`) return { rcode: 'NXDOMAIN' };
		return type === 'A'
			? { rcode: 'NOERROR', records: [{ type: 'A', data: '127.0.0.1' }] }
			: { rcode: 'NOERROR', records: [] };
	});
	const alertmanager = await startAlertmanagerStandIn(state);
	const ports = {
		443: (https.address() as AddressInfo).port,
		80: (http.address() as AddressInfo).port,
	} as Record<number, number>;
	const timer = options.driftEveryMs
		? setInterval(() => options.log?.(`demo: ${driftStandIns(state)}`), options.driftEveryMs)
		: undefined;
	timer?.unref();
	return {
		dnsServer: dns.server,
		portFor: (host, port) => (host.endsWith(`.${demoZone}`) ? ports[port] : undefined),
		ca: cert,
		env: { DOLAPIKEY: state.dolibarrKey },
		state,
		allow: ['loopback'],
		allowName: 'the demo (loopback stand-ins only)',
		alertmanager: { url: alertmanager.url, headers: {}, pollInterval: '2s' },
		async close() {
			clearInterval(timer);
			for (const s of [https, http]) s.closeAllConnections();
			await Promise.all([
				new Promise((r) => https.close(r)),
				new Promise((r) => http.close(r)),
				dns.close(),
				alertmanager.close(),
			]);
		},
	};
}
