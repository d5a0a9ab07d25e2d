import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Loopback stand-ins for the systems the bundled guidebooks describe, chosen by `Host`. They
 * answer like the real health endpoints so the demo's widgets are live, without ever contacting
 * the real systems.
 */
export interface StandInState {
	dolibarrVersion: string;
	/** Expected `DOLAPIKEY` header; requests without it get 401 like the real API. */
	dolibarrKey: string;
	odooHealthy: boolean;
	erpnextUp: boolean;
	crmReady: boolean;
	/** Extra latency added to every answer, in ms. */
	delayMs: number;
}

export const initialStandInState = (): StandInState => ({
	dolibarrVersion: '22.0.4',
	dolibarrKey: 'demo-key',
	odooHealthy: true,
	erpnextUp: true,
	crmReady: true,
	delayMs: 0,
});

type Handler = (req: IncomingMessage, res: ServerResponse, state: StandInState) => void;

const json = (res: ServerResponse, status: number, body: unknown): void => {
	res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

const systems: Record<string, Handler> = {
	erp: (req, res, state) => {
		if (req.url !== '/api/index.php/status')
			return json(res, 404, { error: { code: 404, message: 'Not found' } });
		if (req.headers.dolapikey !== state.dolibarrKey)
			return json(res, 401, { error: { code: 401, message: 'Unauthorized' } });
		json(res, 200, {
			success: { code: 200, dolibarr_version: state.dolibarrVersion, access_locked: '0' },
		});
	},
	odoo: (req, res, state) => {
		if (req.url !== '/web/health') return json(res, 404, {});
		json(res, state.odooHealthy ? 200 : 500, { status: state.odooHealthy ? 'pass' : 'fail' });
	},
	erpnext: (req, res, state) => {
		if (!req.url?.startsWith('/api/method/ping')) return json(res, 404, {});
		if (!state.erpnextUp) return json(res, 502, { exc_type: 'BadGateway' });
		json(res, 200, { message: 'pong' });
	},
	crm: (req, res, state) => {
		if (req.url === '/healthz') return json(res, 200, { status: 'ok' });
		if (req.url === '/readyz')
			return json(res, state.crmReady ? 200 : 503, { ready: state.crmReady });
		json(res, 404, {});
	},
	sign: (req, res) => {
		res
			.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html' })
			.end('<!doctype html><title>DocuSeal (demo stand-in)</title>');
	},
};

/** Request handler for `http.createServer`/`https.createServer`; routes on the first label of `Host`. */
export function standInHandler(
	state: StandInState,
): (req: IncomingMessage, res: ServerResponse) => void {
	return (req, res) => {
		const label = (req.headers.host ?? '').split(':')[0]?.split('.')[0] ?? '';
		const handler = systems[label];
		const answer = (): void =>
			handler
				? handler(req, res, state)
				: json(res, 404, { error: `No demo stand-in for ${label}` });
		if (state.delayMs > 0) setTimeout(answer, state.delayMs);
		else answer();
	};
}

/** Every few calls something changes, as in real life: a version drifts, readiness flaps. */
export function driftStandIns(state: StandInState, random = Math.random): string {
	const roll = random();
	if (roll < 0.25) {
		state.crmReady = !state.crmReady;
		return `crm /readyz now answers ${state.crmReady ? 200 : 503}`;
	}
	if (roll < 0.45) {
		state.dolibarrVersion = state.dolibarrVersion === '22.0.4' ? '22.0.3' : '22.0.4';
		return `Dolibarr now reports version ${state.dolibarrVersion}`;
	}
	if (roll < 0.6) {
		state.erpnextUp = !state.erpnextUp;
		return `ERPNext ping now ${state.erpnextUp ? 'answers pong' : 'fails with 502'}`;
	}
	if (roll < 0.75) {
		state.delayMs = state.delayMs > 0 ? 0 : 2500;
		return `answers now take ${state.delayMs} ms longer`;
	}
	state.odooHealthy = !state.odooHealthy;
	return `Odoo /web/health now ${state.odooHealthy ? 'passes' : 'fails'}`;
}
