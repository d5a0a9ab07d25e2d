import * as z from 'zod';

/**
 * The fields Alertmanager's and Prometheus's answers share, as Waymark accepts them: text of a
 * bounded length, label sets of a bounded size. What is larger than this is not drawn on a page
 * or put in a silence link; it is dropped and counted (`keep-valid.ts`).
 */
export const answerLimits = {
	/** Bytes of one answer read from the socket, at most, before it is parsed. */
	bodyBytes: 32 * 1024 * 1024,
	/** Labels (or annotations) of one alert or rule. */
	labels: 64,
	labelName: 256,
	labelValue: 1024,
	/** An annotation of a rule (descriptions are long templates). */
	annotation: 64 * 1024,
	/** A name: an alert's, a rule group's, a file's, a fingerprint. */
	name: 1024,
	/** Silences or inhibiting alerts listed on one alert. */
	suppressors: 1000,
	/** Alerts in one Alertmanager answer; rules and groups in one Prometheus answer. */
	items: 100_000,
	/** A PromQL expression. */
	query: 64 * 1024,
} as const;

/** Text of at most `max` characters. */
export const text = (max: number) => z.string().max(max);

const recordOf = (value: z.ZodString, what: string) =>
	z
		.record(
			// `__proto__` cannot be an own key of a plain object: it would be lost, not kept.
			text(answerLimits.labelName).refine(
				(name) => name !== '__proto__',
				'a name that cannot be kept',
			),
			value,
		)
		.refine(
			(record) => Object.keys(record).length <= answerLimits.labels,
			`at most ${answerLimits.labels} ${what}`,
		);

/** Prometheus labels: names to text values. */
export const LabelSetSchema = recordOf(text(answerLimits.labelValue), 'labels');

/** A rule's annotations as written (templates not expanded). */
export const AnnotationSetSchema = recordOf(text(answerLimits.annotation), 'annotations');
