import { request, type Dispatcher } from 'undici';
import { defaultDispatcher } from './agent.ts';
import { expandEnv } from '../core/env-template.ts';
import { escapeLogLine } from '../core/escape.ts';
import { describeNetworkError, sentence } from './describe-error.ts';

/**
 * A JSON API answer, or why there is none, in words. Never a thrown error. `kind: 'answer'` when
 * the server did answer (2xx) but with nothing usable: a body that is not JSON, of another content
 * type, or larger than `maxBytes`; `network` for no answer or an HTTP error status.
 */
export type JsonAnswer =
	| { ok: true; status: number; data: unknown }
	| { ok: false; reason: string; kind: 'network' | 'answer' };

export interface JsonRequestOptions {
	/** Header templates; `${env:NAME}` is read from `env` now and never kept (no `env`, no variable is set). */
	headers?: Record<string, string>;
	env?: NodeJS.ProcessEnv;
	/** @default `defaultDispatcher()`: the default address policy, never undici's global dispatcher */
	dispatcher?: Dispatcher;
	/** @default 10000 */
	timeoutMs?: number;
	/** Bytes of body read at most. @default 32 MiB */
	maxBytes?: number;
}

/**
 * GETs a JSON API (Prometheus, Alertmanager) and parses the answer. A missing environment
 * variable, a network error, a non-2xx status, a body that is not JSON (or says it is something
 * else) and one larger than `maxBytes` (never read further) come back as `reason`; header values
 * never appear in it.
 */
export async function getJson(url: URL, options: JsonRequestOptions = {}): Promise<JsonAnswer> {
	const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'waymark' };
	for (const [name, template] of Object.entries(options.headers ?? {})) {
		const expanded = expandEnv(template, options.env ?? {});
		if (!expanded.ok)
			return {
				ok: false,
				kind: 'network',
				reason: `environment variable \`${expanded.missing}\` (for header \`${name}\`) is not set`,
			};
		headers[name] = expanded.value;
	}
	const timeoutMs = options.timeoutMs ?? 10_000;
	const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
	try {
		const response = await request(url, {
			method: 'GET',
			headers,
			dispatcher: options.dispatcher ?? defaultDispatcher(),
			signal: AbortSignal.timeout(timeoutMs),
			headersTimeout: timeoutMs,
			bodyTimeout: timeoutMs,
		});
		const answered = response.statusCode >= 200 && response.statusCode <= 299;
		const refuse = (reason: string): JsonAnswer => {
			// Destroyed unread, undici's body emits an AbortError: with no listener, that would end the process.
			response.body.once('error', () => {});
			response.body.destroy();
			return { ok: false, reason, kind: answered ? 'answer' : 'network' };
		};
		const type = String(response.headers['content-type'] ?? '')
			.split(';')[0]!
			.trim()
			.toLowerCase();
		// A login page or an error page from a proxy in front of the API is not its answer.
		if (answered && type !== '' && !/^application\/(?:[\w.-]+\+)?json$/.test(type))
			return refuse(
				`HTTP ${response.statusCode} with a body of type \`${type.slice(0, 60)}\`, expected JSON`,
			);
		if (Number(response.headers['content-length']) > maxBytes)
			return refuse(`answer larger than ${maxBytes} bytes`);
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of response.body) {
			size += (chunk as Buffer).length;
			if (size > maxBytes) return refuse(`answer larger than ${maxBytes} bytes`);
			chunks.push(chunk as Buffer);
		}
		const text = Buffer.concat(chunks).toString('utf8');
		if (!answered)
			return {
				ok: false,
				kind: 'network',
				reason: `HTTP ${response.statusCode}${text.trim() ? `: ${escapeLogLine(text.slice(0, 200)).trim()}` : ''}`,
			};
		try {
			return { ok: true, status: response.statusCode, data: JSON.parse(text) as unknown };
		} catch {
			return {
				ok: false,
				kind: 'answer',
				reason: `HTTP ${response.statusCode} with a body that is not JSON`,
			};
		}
	} catch (error) {
		return {
			ok: false,
			kind: 'network',
			reason: sentence(describeNetworkError(error, timeoutMs).text),
		};
	}
}
