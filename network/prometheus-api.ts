import type { Dispatcher } from 'undici';
import * as z from 'zod';
import type { PrometheusEndpoint } from '../config/alerts.ts';
import { describeIssue } from '../core/zod-issue.ts';
import { LabelSetSchema } from './answer-fields.ts';
import { getJson } from './fetch-json.ts';

/**
 * Prometheus's query API (`/api/v1/query`, `/api/v1/query_range`) for `waymark serve` reading
 * every probe at once: answers far larger than one probe's (tens of thousands of series), read
 * through the same Agent and schema checks as the rest, never thrown.
 */
export interface PrometheusClient {
	endpoint: PrometheusEndpoint;
	dispatcher?: Dispatcher;
	env?: NodeJS.ProcessEnv;
	/** @default 10000 */
	timeoutMs?: number;
}

/** Series in one answer, at most; 1,000 probes in 10 locations with four metrics each is 40,000. */
const maxSeries = 200_000;
/** Prometheus answers at most 11,000 points per series of a range query. */
const maxPoints = 11_000;

/** `[time, "value"]`: Prometheus writes sample values as text (`"1"`, `"NaN"`, `"+Inf"`). */
const SampleSchema = z.tuple([z.number(), z.string().max(64)]);

const VectorSchema = z.object({
	status: z.literal('success'),
	data: z.object({
		resultType: z.literal('vector'),
		result: z
			.array(z.object({ metric: LabelSetSchema.optional(), value: SampleSchema }))
			.max(maxSeries),
	}),
});

const MatrixSchema = z.object({
	status: z.literal('success'),
	data: z.object({
		resultType: z.literal('matrix'),
		result: z
			.array(
				z.object({
					metric: LabelSetSchema.optional(),
					values: z.array(SampleSchema).max(maxPoints),
				}),
			)
			.max(maxSeries),
	}),
});

/** One series of an instant query: its labels, its value and the evaluation time (seconds). */
export interface InstantSeries {
	metric: Record<string, string>;
	value: number;
}

/** One series of a range query: its labels and `[seconds, value]` points, oldest first. */
export interface RangeSeries {
	metric: Record<string, string>;
	points: Array<[number, number]>;
}

export type Answer<T> = { ok: true; series: T[] } | { ok: false; reason: string };

function apiUrl(endpoint: PrometheusEndpoint, path: string, params: Record<string, string>): URL {
	const url = new URL(path, endpoint.url.endsWith('/') ? endpoint.url : `${endpoint.url}/`);
	for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
	return url;
}

async function ask(
	client: PrometheusClient,
	url: URL,
): Promise<{ ok: true; data: unknown } | { ok: false; reason: string }> {
	const answer = await getJson(url, {
		headers: client.endpoint.headers,
		...(client.env && { env: client.env }),
		...(client.dispatcher && { dispatcher: client.dispatcher }),
		timeoutMs: client.timeoutMs ?? 10_000,
		maxBytes: 64 * 1024 * 1024,
	});
	return answer.ok ? { ok: true, data: answer.data } : answer;
}

const notAnAnswer = (issue: z.core.$ZodIssue | undefined): { ok: false; reason: string } => ({
	ok: false,
	reason: `an answer that does not fit Prometheus's query API (${describeIssue(issue)})`,
});

/** An instant query evaluated at `time` (seconds since the epoch). */
export async function queryAt(
	client: PrometheusClient,
	query: string,
	time: number,
): Promise<Answer<InstantSeries>> {
	const answer = await ask(
		client,
		apiUrl(client.endpoint, 'api/v1/query', { query, time: String(time) }),
	);
	if (!answer.ok) return answer;
	const read = VectorSchema.safeParse(answer.data);
	if (!read.success) return notAnAnswer(read.error.issues[0]);
	return {
		ok: true,
		series: read.data.data.result.map((r) => ({
			metric: r.metric ?? {},
			value: Number(r.value[1]),
		})),
	};
}

/** A range query from `start` to `end` (seconds, both included) every `step` seconds. */
export async function queryRange(
	client: PrometheusClient,
	query: string,
	range: { start: number; end: number; step: number },
): Promise<Answer<RangeSeries>> {
	const answer = await ask(
		client,
		apiUrl(client.endpoint, 'api/v1/query_range', {
			query,
			start: String(range.start),
			end: String(range.end),
			step: String(range.step),
		}),
	);
	if (!answer.ok) return answer;
	const read = MatrixSchema.safeParse(answer.data);
	if (!read.success) return notAnAnswer(read.error.issues[0]);
	return {
		ok: true,
		series: read.data.data.result.map((r) => ({
			metric: r.metric ?? {},
			points: r.values.map(([t, v]): [number, number] => [t, Number(v)]),
		})),
	};
}
