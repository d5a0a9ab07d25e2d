import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A request handler that calls `next` when it does not answer. It sees `req.url` already
 * normalised (`request-target.ts`) and only GET or HEAD requests. It may return a promise; a
 * rejection is answered with 500, like a throw.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => unknown;
