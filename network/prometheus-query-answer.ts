import * as z from 'zod';
import { describeIssue } from '../core/zod-issue.ts';
import { LabelSetSchema } from './answer-fields.ts';

/** One series of an instant query's answer: its labels and its value as a number (`NaN` and `±Inf` included). */
export interface Series {
	metric: Record<string, string>;
	value: number;
}

/** `[time, "value"]`: Prometheus writes sample values as text (`"1"`, `"NaN"`, `"+Inf"`). */
const SampleSchema = z.tuple([z.number(), z.string().max(64)]);

/** What an instant query answers (`GET /api/v1/query`): a vector of at most 10,000 series, or a scalar. */
const PrometheusQuerySchema = z.object({
	status: z.literal('success'),
	data: z.discriminatedUnion('resultType', [
		z.object({
			resultType: z.literal('vector'),
			result: z
				.array(z.object({ metric: LabelSetSchema.optional(), value: SampleSchema }))
				.max(10_000),
		}),
		z.object({ resultType: z.literal('scalar'), result: SampleSchema }),
	]),
});

/** Prometheus's answer to an instant query → its series; one that does not fit `PrometheusQuerySchema` is no answer, in words. Never throws. */
export function readPrometheusQuery(
	data: unknown,
): { ok: true; series: Series[] } | { ok: false; reason: string } {
	const read = PrometheusQuerySchema.safeParse(data);
	if (!read.success)
		return {
			ok: false,
			reason: `an answer that does not fit Prometheus's query API (${describeIssue(read.error.issues[0])})`,
		};
	const answer = read.data.data;
	if (answer.resultType === 'scalar')
		return { ok: true, series: [{ metric: {}, value: Number(answer.result[1]) }] };
	return {
		ok: true,
		series: answer.result.map((r) => ({ metric: r.metric ?? {}, value: Number(r.value[1]) })),
	};
}
