import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathsOf } from './mutate-json.ts';

/** One answer of a fake API: a status, a content type and a body, sent whole, slowly or cut short. */
export interface HostileAnswer {
	status?: number;
	/** @default 'application/json' */
	type?: string | null;
	body: string | Buffer;
	/** Send the body in this many pieces, `delayMs` apart. */
	drip?: { pieces: number; delayMs: number };
	/** Announce the whole length but close the connection after this many bytes. */
	cutAt?: number;
}

/**
 * A fake Alertmanager or Prometheus on 127.0.0.1 (port 0): each path answers what `answers` holds
 * for it now (404 otherwise), so a test can change an answer between polls. Counts requests.
 */
export interface HostileApi {
	url: string;
	answers: Map<string, HostileAnswer>;
	requests: Map<string, number>;
	/** The `Authorization` header of each request, in order (`''` without one). */
	authorizations: string[];
	close(): Promise<void>;
}

export async function startHostileApi(): Promise<HostileApi> {
	const answers = new Map<string, HostileAnswer>();
	const requests = new Map<string, number>();
	const authorizations: string[] = [];
	const open = new Set<ServerResponse>();
	const server = createServer((req, res) => {
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		requests.set(path, (requests.get(path) ?? 0) + 1);
		authorizations.push(req.headers.authorization ?? '');
		const answer = answers.get(path);
		if (!answer) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not here\n');
		const body = Buffer.from(answer.body);
		const type = answer.type === undefined ? 'application/json' : answer.type;
		res.writeHead(answer.status ?? 200, {
			...(type !== null && { 'content-type': type }),
			'content-length': body.length,
		});
		if (answer.cutAt !== undefined) {
			res.write(body.subarray(0, answer.cutAt));
			return void res.socket?.destroy();
		}
		if (!answer.drip) return void res.end(body);
		open.add(res);
		res.once('close', () => open.delete(res));
		const size = Math.ceil(body.length / answer.drip.pieces);
		let sent = 0;
		const next = (): void => {
			if (res.destroyed) return;
			res.write(body.subarray(sent, sent + size));
			sent += size;
			if (sent >= body.length) res.end();
			else setTimeout(next, answer.drip!.delayMs).unref();
		};
		next();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		answers,
		requests,
		authorizations,
		close: async () => {
			for (const res of open) res.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** `depth` objects nested in one another around `inner`, as JSON text (never built as a value: `JSON.stringify` would recurse). */
export function deepJson(depth: number, inner = '"x"'): string {
	return `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}

/** Each kind of hostile value, as JSON text: wrong types, too long, too many, too deep. */
const hostileTexts: Array<[string, string]> = [
	['a number', '42'],
	['null', 'null'],
	['a boolean', 'false'],
	['a list', '["x"]'],
	['an object', '{"x":"y"}'],
	['an empty text', '""'],
	['a huge text', JSON.stringify('x'.repeat(70_000))],
	[
		'an object of 200 labels',
		JSON.stringify(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`l${i}`, 'v']))),
	],
	['a list of 2,000 texts', JSON.stringify(Array.from({ length: 2000 }, (_, i) => `s${i}`))],
	['nesting 100,000 deep', deepJson(100_000)],
];

/**
 * A generated family: `valid` (one alert, one rule) with each of its fields, and itself, replaced
 * by each kind of hostile value, as JSON text (so nesting 100,000 deep reaches a server as it
 * would from a real one). `where` is the field's path, `what` the kind.
 */
export function hostileVariants(
	valid: () => object,
): Array<{ where: string; what: string; text: string }> {
	const marker = '\u0000HOSTILE';
	return pathsOf(valid()).flatMap((path) =>
		hostileTexts.map(([what, hostile]) => {
			if (path.length === 0) return { where: 'the whole item', what, text: hostile };
			const copy = valid() as Record<string | number, unknown>;
			const parent = path
				.slice(0, -1)
				.reduce<Record<string | number, unknown>>(
					(at, key) => at[key] as Record<string | number, unknown>,
					copy,
				);
			parent[path.at(-1)!] = marker;
			return {
				where: path.join('.'),
				what,
				text: JSON.stringify(copy).replace(JSON.stringify(marker), hostile),
			};
		}),
	);
}
