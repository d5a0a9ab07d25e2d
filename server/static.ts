import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import { decodePathForSirv } from '../core/request-path.ts';

/** A request handler that calls `next` when it does not answer. */
export type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Serves a built site: files as they are, `/x/` from `/x/index.html`, and the site's own
 * `404.html` (status 404) for anything else. Compose it with other handlers (the live status API)
 * by calling it last.
 */
function createStaticHandler(dir: string, base = '/'): Handler {
	const files = sirv(dir, { dev: false, etag: true, dotfiles: false });
	const prefix = base.replace(/\/?$/, '/');
	let notFound: Promise<Buffer | undefined> | undefined;
	return (req, res, next) => {
		// A site built with `site.base: /runbooks/` links to `/runbooks/…` but is written without it.
		if (prefix !== '/' && req.url) {
			if (req.url === prefix.slice(0, -1)) req.url = prefix;
			if (req.url.startsWith(prefix)) req.url = req.url.slice(prefix.length - 1);
		}
		decodePathForSirv(req);
		files(req, res, async () => {
			if (req.method !== 'GET' && req.method !== 'HEAD') return next();
			notFound ??= readFile(join(dir, '404.html')).catch(() => undefined);
			const page = await notFound;
			res.statusCode = 404;
			res.setHeader('Content-Type', 'text/html; charset=utf-8');
			res.end(req.method === 'HEAD' ? undefined : (page ?? 'Not found'));
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
}

export interface RunningServer {
	url: string;
	server: Server;
	close(): Promise<void>;
}

/** Starts an HTTP server for a built site; resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const chain = [...(options.handlers ?? []), createStaticHandler(options.dir, options.base)];
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
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 4321, host, () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const shownHost = host.includes(':') ? `[${host}]` : host;
	return {
		url: `http://${shownHost}:${port}${(options.base ?? '/').replace(/\/?$/, '/')}`,
		server,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
