import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import { decodePathForSirv } from './request-path.ts';
import { PortInUse, raise } from './errors.ts';

/** A request handler that calls `next` when it does not answer. */
export type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Serves a built site as a static host would: files as they are, `/x/` from `/x/index.html`, and
 * the site's own `404.html` (status 404) for anything else, including paths outside `base`, so a
 * link that misses the base path is as dead here as in production. The folder is read on the
 * first request, so a server may listen before its site is written.
 */
function createStaticHandler(dir: string, base = '/', sitePage404 = true): Handler {
	let files: ReturnType<typeof sirv> | undefined;
	const prefix = base.replace(/\/?$/, '/');
	let notFound: Promise<Buffer | undefined> | undefined;
	const answerNotFound = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		notFound ??= sitePage404 ? readFile(join(dir, '404.html')).catch(() => undefined) : Promise.resolve(undefined);
		const page = await notFound;
		res.statusCode = 404;
		res.setHeader('Content-Type', 'text/html; charset=utf-8');
		res.end(req.method === 'HEAD' ? undefined : (page ?? 'Not found'));
	};
	return (req, res, next) => {
		// A site built with `site.base: /runbooks/` links to `/runbooks/…` but is written without it.
		if (prefix !== '/') {
			const url = req.url ?? '/';
			const queryAt = url.indexOf('?');
			const path = queryAt === -1 ? url : url.slice(0, queryAt);
			const inside = path === prefix.slice(0, -1) ? prefix : path;
			if (!inside.startsWith(prefix)) {
				if (req.method !== 'GET' && req.method !== 'HEAD') return next();
				return void answerNotFound(req, res);
			}
			req.url = `${inside.slice(prefix.length - 1)}${queryAt === -1 ? '' : url.slice(queryAt)}`;
		}
		decodePathForSirv(req);
		files ??= sirv(dir, { dev: false, etag: true, dotfiles: false });
		files(req, res, () => {
			if (req.method !== 'GET' && req.method !== 'HEAD') return next();
			void answerNotFound(req, res);
		});
	};
}

export interface ServerOptions {
	dir: string;
	/** `0` picks a free port. @default 4321 */
	port?: number;
	/** @default 'localhost' */
	host?: string;
	/** The site's base path (`site.base`), stripped from request paths. @default '/' */
	base?: string;
	/** Handlers tried before the static files, in order. */
	handlers?: Handler[];
	/**
	 * Answer a missing path with the site's own `404.html` (readers) or a bare `Not found` (`check
	 * --site`: a crawler would read the 404 page's own links, such as its skip link, as links of the
	 * missing page). @default true
	 */
	sitePage404?: boolean;
}

export interface RunningServer {
	url: string;
	server: Server;
	close(): Promise<void>;
}

/**
 * `PortInUse` when another program listens on `port` at `host`; for servers this module does not
 * start (Astro's dev server), checked before they spend seconds loading. Port 0 is always free.
 */
export async function assertPortFree(port: number, host: string): Promise<void> {
	if (port === 0) return;
	const probe = createNetServer();
	await new Promise<void>((resolve, reject) => {
		probe.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? raise(PortInUse, host, port) : error));
		probe.listen(port, host, () => resolve());
	});
	await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/**
 * Starts an HTTP server for a built site (`waymark serve`, `waymark preview`, `check --site`);
 * resolves once it listens. A port another process holds is `PortInUse`.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const chain = [...(options.handlers ?? []), createStaticHandler(options.dir, options.base, options.sitePage404 ?? true)];
	const server = createServer((req, res) => {
		const run = (i: number): void => {
			const handler = chain[i];
			if (!handler) {
				res.statusCode = 404;
				res.end('Not found');
				return;
			}
			handler(req, res, () => run(i + 1));
		};
		run(0);
	});
	const host = options.host ?? 'localhost';
	const port = options.port ?? 4321;
	await new Promise<void>((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? raise(PortInUse, host, port) : error));
		server.listen(port, host, () => resolve());
	});
	const { port: bound } = server.address() as AddressInfo;
	const shownHost = host.includes(':') ? `[${host}]` : host;
	return {
		url: `http://${shownHost}:${bound}${(options.base ?? '/').replace(/\/?$/, '/')}`,
		server,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
