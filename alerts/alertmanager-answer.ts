import * as z from 'zod';
import type { InstanceState } from '../core/alerts-snapshot.ts';
import {
	AnnotationSetSchema,
	answerLimits,
	LabelSetSchema,
	text,
} from '../network/answer-fields.ts';
import { keepValid, type Dropped } from './keep-valid.ts';

/** One alert as Alertmanager holds it now, with its state in Waymark's words. */
export interface ActiveAlert {
	fingerprint: string;
	labels: Record<string, string>;
	annotations: Record<string, string>;
	/** RFC 3339, or `''` when Alertmanager gave none. */
	startsAt: string;
	state: InstanceState;
}

/** Alerts an answer held that did not fit, with the names of those that had a readable one. */
export interface DroppedAlerts extends Dropped {
	/** `alertname` of every dropped alert, when each had one (at most 20); else null: any alert may be among them. */
	names: string[] | null;
}

const maxDroppedNames = 20;
const suppressors = z.array(text(answerLimits.name)).max(answerLimits.suppressors).nullish();

/**
 * One alert of `GET /api/v2/alerts` (Alertmanager API v2, `gettableAlert`), the fields Waymark
 * reads: an alert without a text `alertname`, a label or annotation that is not text or is too
 * long, or a time that is not RFC 3339 does not fit, and is dropped whole.
 */
const AlertmanagerAlertSchema = z
	.object({
		fingerprint: text(answerLimits.name).optional(),
		labels: LabelSetSchema.refine(
			(labels) => (labels['alertname'] ?? '') !== '',
			'labels with an `alertname`',
		),
		annotations: AnnotationSetSchema.optional(),
		startsAt: z.iso.datetime({ offset: true }).max(64).optional(),
		status: z
			.object({ state: text(32).optional(), silencedBy: suppressors, inhibitedBy: suppressors })
			.optional(),
	})
	.transform((raw): ActiveAlert => ({
		fingerprint: raw.fingerprint ?? '',
		labels: raw.labels,
		annotations: raw.annotations ?? {},
		startsAt: raw.startsAt ?? '',
		// `unprocessed` (received, not yet run through silences) counts as firing: nothing has silenced it yet.
		state:
			raw.status?.state !== 'suppressed'
				? 'firing'
				: (raw.status.silencedBy?.length ?? 0) > 0
					? 'silenced'
					: 'inhibited',
	}));

/**
 * Alertmanager's answer → the alerts that fit `AlertmanagerAlertSchema`, and what was dropped.
 * Not a list at all is no answer (`ok: false`). Never throws.
 */
export function readAlertmanagerAnswer(
	data: unknown,
): { ok: true; alerts: ActiveAlert[]; dropped: DroppedAlerts } | { ok: false; reason: string } {
	if (!Array.isArray(data))
		return { ok: false, reason: 'an answer that is not a list of alerts (Alertmanager API v2)' };
	let names: Set<string> | null = new Set();
	const { kept, dropped, unread } = keepValid(data, AlertmanagerAlertSchema, answerLimits.items, {
		onDrop(item) {
			const name = (item as { labels?: { alertname?: unknown } } | null)?.labels?.alertname;
			if (typeof name !== 'string' || name === '' || name.length > answerLimits.labelValue)
				names = null;
			else names?.add(name);
			if (names && names.size > maxDroppedNames) names = null;
		},
	});
	return {
		ok: true,
		alerts: kept,
		dropped: { ...dropped, names: names && unread === 0 ? [...names].sort() : null },
	};
}
