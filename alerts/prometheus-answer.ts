import * as z from 'zod';
import type { PrometheusEndpoint } from '../config/alerts.ts';
import {
	AnnotationSetSchema,
	answerLimits,
	LabelSetSchema,
	text,
} from '../network/answer-fields.ts';
import { escapeLogLine } from '../core/escape.ts';
import { addDropped, keepValid, nothingDropped, type Dropped } from './keep-valid.ts';
import type { AlertRule } from './types.ts';

/** The envelope of `GET /api/v1/rules`: `{ status: "success", data: { groups: [...] } }`. */
const RulesAnswerSchema = z.object({
	status: z.literal('success'),
	data: z.object({ groups: z.array(z.unknown()) }),
});

/** One alerting rule as the API reports it (annotations as written, templates not expanded). */
const PrometheusRuleSchema = z.object({
	type: z.literal('alerting'),
	name: text(answerLimits.name).min(1),
	query: text(answerLimits.query),
	/** Seconds of `for:`. */
	duration: z.number().nonnegative().max(1e12).optional(),
	labels: LabelSetSchema.optional(),
	annotations: AnnotationSetSchema.optional(),
});

/** A rule group with its alerting rules read: those that fit are kept, the rest counted. */
const GroupSchema = z
	.object({
		name: text(answerLimits.name).optional(),
		file: text(answerLimits.name * 4).optional(),
		rules: z.array(z.unknown()).optional(),
	})
	.transform((group) => {
		// Prometheus before 2.25 ignores `?type=alert`: recording rules are not ours to judge.
		const alerting = (group.rules ?? []).filter(
			(rule) => (rule as { type?: unknown } | null)?.type !== 'recording',
		);
		const read = keepValid(alerting, PrometheusRuleSchema, answerLimits.items, { path: 'rules' });
		const first =
			read.dropped.first &&
			escapeLogLine(
				`in group ${JSON.stringify((group.name ?? '').slice(0, 40))}: ${read.dropped.first}`,
			);
		return {
			name: group.name ?? '',
			file: group.file ?? '',
			rules: read.kept,
			dropped: { ...read.dropped, first },
		};
	});

/** Rules (`count`) and whole groups an answer held that did not fit, and the first reason. */
export interface DroppedRules extends Dropped {
	groups: number;
}

/**
 * Prometheus's rules answer → the alerting rules that fit `PrometheusRuleSchema`; groups and
 * rules that do not are counted in `dropped`, recording rules skipped. Not a rules answer at all
 * is no answer (`ok: false`). Never throws.
 */
export function readPrometheusRules(
	data: unknown,
	endpoint: Pick<PrometheusEndpoint, 'url'>,
	configFile: string,
): { ok: true; rules: AlertRule[]; dropped: DroppedRules } | { ok: false; reason: string } {
	const answer = RulesAnswerSchema.safeParse(data);
	if (!answer.success)
		return {
			ok: false,
			reason:
				'an answer that is not a Prometheus rules list (`{ status: "success", data: { groups } }`)',
		};
	const groups = keepValid(answer.data.data.groups, GroupSchema, answerLimits.items, {
		path: 'data.groups',
	});
	const rules = groups.kept.flatMap((group) =>
		group.rules.map((rule): AlertRule => ({
			name: rule.name,
			group: group.name,
			expr: rule.query,
			for: rule.duration ? promDuration(rule.duration) : null,
			labels: rule.labels ?? {},
			annotations: rule.annotations ?? {},
			origin: { kind: 'prometheus', url: endpoint.url, file: group.file, configFile },
		})),
	);
	const inRules = groups.kept.reduce(
		(sum, group) => addDropped(sum, group.dropped),
		nothingDropped,
	);
	return {
		ok: true,
		rules,
		dropped: {
			count: inRules.count,
			groups: groups.dropped.count,
			first: groups.dropped.first || inRules.first,
		},
	};
}

/** 300 → `5m`, 5400 → `1h30m`: seconds as Prometheus writes durations. */
function promDuration(seconds: number): string {
	let rest = Math.round(seconds * 1000);
	let out = '';
	for (const [unit, size] of [
		['d', 86_400_000],
		['h', 3_600_000],
		['m', 60_000],
		['s', 1000],
		['ms', 1],
	] as const) {
		if (rest >= size) {
			out += `${Math.floor(rest / size)}${unit}`;
			rest %= size;
		}
	}
	return out || '0s';
}
