import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { PortInUse, raise } from './errors.ts';
import { normalizeRequestTarget } from './request-target.ts';
import { otherCsp, securityHeaders } from './security-headers.ts';
import { createStaticHandler, type PageTransform } from './static-files.ts';

/**
 * A request handler that calls `next` when it does not answer. It sees `req.url` already
 * normalised (`request-target.ts`) and only GET or HEAD requests. It may return a promise; a
 * rejection is answered with 500, like a throw.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => unknown;

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
	/** Told about a request a handler failed on (the client got a 500). @default nothing: the command decides where it goes */
	onError?: (line: string) => void;
	/**
	 * Answer a missing path with the site's own `404.html` (readers) or a bare `Not found` (`check
	 * --site`: a crawler would read the 404 page's own links, such as its skip link, as links of the
	 * missing page). @default true
	 */
	sitePage404?: boolean;
	/**
	 * Rewrites each HTML page as it is sent (`waymark serve` paints the live status into it); `key`
	 * names the file's version. The file on disk is never changed.
	 */
	pageTransform?: PageTransform;
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
		probe.once('error', (error: NodeJS.ErrnoException) =>
			reject(error.code === 'EADDRINUSE' ? raise(PortInUse, host, port) : error),
		);
		probe.listen(port, host, () => resolve());
	});
	await new Promise<void>((resolve) => probe.close(() => resolve()));
}

const text = { 'content-type': 'text/plain; charset=utf-8' };

/** Errors a response stream throws when its reader closed the connection first. */
const readerGone = new Set([
	'ERR_STREAM_PREMATURE_CLOSE',
	'ERR_STREAM_DESTROYED',
	'ERR_STREAM_UNABLE_TO_PIPE',
	'ECONNRESET',
	'EPIPE',
]);

/**
 * Starts the one static site server (`waymark serve`, `waymark preview`, `check --site`); resolves
 * once it listens, or throws `PortInUse`. Every request is answered or refused, never allowed to
 * stop the process: methods other than GET and HEAD get 405, a request target that is not a clean
 * path gets 400, a handler that throws gets 500, and every response carries the security headers
 * (`security-headers.ts`). Malformed HTTP (huge headers, bad syntax) is refused by Node with 400
 * or 431. Files are served by `static-files.ts`.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const chain: Handler[] = [
		...(options.handlers ?? []),
		createStaticHandler(
			options.dir,
			options.base,
			options.sitePage404 ?? true,
			options.pageTransform,
		),
	];
	const onError = options.onError ?? (() => undefined);
	const server = createServer((req, res) => {
		for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
		res.setHeader('content-security-policy', otherCsp);
		res.setHeader('cache-control', 'no-store');
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res
				.writeHead(405, { ...text, allow: 'GET, HEAD' })
				.end('This site is read-only: only GET and HEAD are allowed.\n');
			return;
		}
		const target = normalizeRequestTarget(req.url ?? '/');
		if ('error' in target) {
			res.writeHead(400, text).end(`Bad request: ${target.error}.\n`);
			return;
		}
		req.url = `${target.path}${target.search}`;
		const fail = (error: unknown): void => {
			// The reader went away (a page left while a file was sent): nothing failed here, and nobody waits.
			if (
				(res.destroyed || req.socket.destroyed) &&
				readerGone.has((error as NodeJS.ErrnoException).code ?? '')
			)
				return void res.destroy();
			onError(`waymark serve: ${req.method} ${target.path} failed: ${(error as Error).message}`);
			if (!res.headersSent)
				res.writeHead(500, text).end('Internal error; the server keeps running.\n');
			else res.destroy();
		};
		const run = (i: number): void => {
			const handler = chain[i];
			if (!handler) {
				res.writeHead(404, text).end('Not found\n');
				return;
			}
			try {
				Promise.resolve(handler(req, res, () => run(i + 1))).catch(fail);
			} catch (error) {
				fail(error);
			}
		};
		run(0);
	});
	const host = options.host ?? 'localhost';
	const port = options.port ?? 4321;
	await new Promise<void>((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) =>
			reject(error.code === 'EADDRINUSE' ? raise(PortInUse, host, port) : error),
		);
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
