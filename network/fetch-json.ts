import { request, type Dispatcher } from 'undici';
import { defaultDispatcher } from './agent.ts';
import { expandEnv } from '../core/env-template.ts';
import { describeNetworkError, sentence } from './describe-error.ts';

/** A JSON API answer, or why there is none, in words. Never a thrown error. */
export type JsonAnswer =
	{ ok: true; status: number; data: unknown } | { ok: false; reason: string };

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
 * variable, a network error, a non-2xx status or a body that is not JSON come back as `reason`;
 * header values never appear in it.
 */
export async function getJson(url: URL, options: JsonRequestOptions = {}): Promise<JsonAnswer> {
	const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'waymark' };
	for (const [name, template] of Object.entries(options.headers ?? {})) {
		const expanded = expandEnv(template, options.env ?? {});
		if (!expanded.ok)
			return {
				ok: false,
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
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of response.body) {
			size += (chunk as Buffer).length;
			if (size > maxBytes) {
				response.body.destroy();
				return { ok: false, reason: `answer larger than ${maxBytes} bytes` };
			}
			chunks.push(chunk as Buffer);
		}
		const text = Buffer.concat(chunks).toString('utf8');
		if (response.statusCode < 200 || response.statusCode > 299)
			return {
				ok: false,
				reason: `HTTP ${response.statusCode}${text ? `: ${text.slice(0, 200).trim()}` : ''}`,
			};
		try {
			return { ok: true, status: response.statusCode, data: JSON.parse(text) as unknown };
		} catch {
			return { ok: false, reason: `HTTP ${response.statusCode} with a body that is not JSON` };
		}
	} catch (error) {
		return { ok: false, reason: sentence(describeNetworkError(error, timeoutMs).text) };
	}
}
