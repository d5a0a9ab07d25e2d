import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupFunction } from 'node:net';
import { parsePage } from '../../tree/parse-page.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';

export type Route = (
	req: IncomingMessage,
	res: ServerResponse,
	hit: number,
) => void | Promise<void>;

export interface LoopbackWeb {
	/** `http://127.0.0.1:PORT` */
	origin: string;
	port: number;
	/** Every request seen: method, Host header, path, headers, time. */
	requests: Array<{
		method: string;
		host: string;
		path: string;
		headers: IncomingMessage['headers'];
		at: number;
	}>;
	/** Most requests in flight at once, per Host header. */
	maxInFlight: Map<string, number>;
	/** Response bytes written per path. */
	bytesSent: Map<string, number>;
	/** TCP connections accepted so far. */
	readonly connections: number;
	close(): Promise<void>;
}

/** A loopback HTTP server on 127.0.0.1 port 0; `routes` by path (query ignored), 404 otherwise. */
export async function startWeb(routes: Record<string, Route>): Promise<LoopbackWeb> {
	const requests: LoopbackWeb['requests'] = [];
	const inFlight = new Map<string, number>();
	const maxInFlight = new Map<string, number>();
	const bytesSent = new Map<string, number>();
	const hits = new Map<string, number>();
	const server: Server = createServer((req, res) => {
		const host = req.headers.host ?? '';
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		requests.push({ method: req.method ?? '', host, path, headers: req.headers, at: Date.now() });
		inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
		maxInFlight.set(host, Math.max(maxInFlight.get(host) ?? 0, inFlight.get(host) ?? 0));
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
		};
		res.on('close', finish);
		const write = res.write.bind(res);
		res.write = ((chunk: string | Buffer, ...rest: unknown[]) => {
			bytesSent.set(path, (bytesSent.get(path) ?? 0) + Buffer.byteLength(chunk));
			return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
		}) as typeof res.write;
		const hit = (hits.get(path) ?? 0) + 1;
		hits.set(path, hit);
		const route = routes[path];
		if (!route) {
			res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
			return;
		}
		void Promise.resolve(route(req, res, hit)).catch(() => res.destroy());
	});
	let connections = 0;
	server.on('connection', () => void connections++);
	// Above undici's 2 s safety margin (`keepAliveTimeoutThreshold`), under which it never reuses a connection.
	server.keepAliveTimeout = 5000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		origin: `http://127.0.0.1:${port}`,
		port,
		requests,
		maxInFlight,
		bytesSent,
		get connections() {
			return connections;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Resolves every `*.test` name to 127.0.0.1 and everything else to ENOTFOUND (never leaves the machine). */
export const loopbackLookup: LookupFunction = (hostname, options, callback) => {
	const all = Boolean((options as { all?: boolean }).all);
	if (!hostname.endsWith('.test') && hostname !== 'localhost' && !hostname.endsWith('.lab')) {
		const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
			code: 'ENOTFOUND',
			hostname,
		});
		(callback as (e: Error) => void)(error);
		return;
	}
	if (all)
		(callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(
			null,
			[{ address: '127.0.0.1', family: 4 }],
		);
	else callback(null, '127.0.0.1', 4);
};

/** A guidebook tree from in-memory pages (path → Markdown), parsed like the real loader does. */
export function treeOf(pages: Record<string, string>): GuidebookTree {
	const map = new Map(Object.entries(pages).map(([path, text]) => [path, parsePage(path, text)]));
	const paths = [...map.keys()].sort();
	return {
		root: '/virtual',
		files: {
			root: '/virtual',
			pages: paths,
			assets: [],
			templates: [],
			folders: [''],
			problems: [],
		},
		pages: map,
		unreadable: [],
		secrets: new Map(),
		published: new Set(),
		unpublished: new Set(),
		dialect: { name: 'github', forced: false, signals: [] },
		generatedFolders: new Map(),
		excludedPages: new Map(),
		sources: new Map(),
	};
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
