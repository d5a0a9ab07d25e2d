/** How one answer from a host went, as that host's pace hears it. */
export type HostSignal =
	/** Any status but 429/503, in less than half the timeout. */
	| 'clean'
	/** A clean status that took at least half the timeout: the host is struggling. */
	| 'slow'
	/** A 429 meant for this URL: it retries when told; whether the host slows down is the pace's call. */
	| 'refused'
	/** 503, a timeout, a connection error, or a 429 the host means for all its URLs. */
	| 'pushback';

/** The request an answer belongs to: when it started, and whether no other request to its host overlapped it. */
export interface RequestStart {
	readonly at: number;
	readonly alone: boolean;
}

export interface PaceLimits {
	/** Ceiling of the limit (`links.perHostConcurrency`). */
	perHost: number;
	/** Each slot rests this long between two of its starts (`links.requestSpacingMs`). */
	spacingMs: number;
	/** Where the limit starts. */
	start: number;
}

/**
 * The pace of one host: how many requests may be in flight (its limit) and when the next may start.
 *
 * - **Slots.** At most `limit` requests in flight, and at most `limit` starts in any `spacingMs`:
 *   each slot rests `spacingMs` between its starts, so a host answering in 1 ms gets `limit` per
 *   `spacingMs` rather than one.
 * - **Slow start.** Until the host first pushes back, the limit rises by one with each clean answer
 *   and each `spacingMs` that requests wait for a slot, so a healthy host reaches the ceiling within
 *   (ceiling − start) clean answers or spacings, even when its answers take seconds.
 * - **Back-off.** A pushback halves the limit at once and ends slow start; then only clean answers
 *   raise it, one slot per round of `limit` answers. A slow answer ends slow start and holds it.
 *   Answers to requests started before the last pushback are not heard, so one overload halves the
 *   limit once.
 * - **429 per URL or per host.** A 429 (`refused`) counts as pushback while the host's 429s may be
 *   about load. Once a request that had the host to itself is refused, they are not: that URL
 *   waits its turn, the halvings 429s caused are undone, and later 429s count as clean (prompt,
 *   well-formed) answers. Any other pushback makes 429s count as load again.
 * - **Pause.** `pause(until)` holds every start to the host (a `Retry-After` meant for the host).
 */
export interface HostPace {
	readonly limit: number;
	/**
	 * When the next request may start, with `active` in flight: `now`, a later time to ask again,
	 * or `Infinity` until an answer frees a slot. May raise the limit (slow start in time).
	 */
	nextStart(now: number, active: number): number;
	/** Records a start at `now`. */
	started(now: number): void;
	hear(signal: HostSignal, request: RequestStart, now: number): void;
	/** Holds every start until `until` (extends, never shortens, a pause in force). */
	pause(until: number): void;
}

export function createHostPace(limits: PaceLimits): HostPace {
	const ceiling = limits.perHost;
	const spacing = limits.spacingMs;
	let limit = Math.min(limits.start, ceiling);
	let ramping = true;
	/** Clean answers since the limit last changed, toward the next slot after a pushback. */
	let credit = 0;
	let lastPushback = -Infinity;
	let lastGrow = -Infinity;
	let pausedUntil = -Infinity;
	/** Starts within the last `spacing` ms, oldest first. */
	const recent: number[] = [];
	/** The host's 429s are about single URLs, not load (a request alone on the host got one). */
	let perUrl429 = false;
	/** The limit and slow start before the first halving a 429 caused, to restore once 429s prove to be per URL. */
	let before429: { limit: number; ramping: boolean } | undefined;

	const halve = (now: number): void => {
		lastPushback = now;
		ramping = false;
		limit = Math.max(1, Math.floor(limit / 2));
		credit = 0;
	};
	const grow = (now: number): void => {
		// Slow start adds a slot per answer; after a pushback, a slot per round of `limit` answers
		// (additive increase), so the host gets back to its old pace gradually.
		credit++;
		if (ramping || credit >= limit) {
			limit = Math.min(ceiling, limit + 1);
			credit = 0;
		}
		lastGrow = now;
	};

	return {
		get limit() {
			return limit;
		},
		nextStart(now, active) {
			if (pausedUntil > now) return pausedUntil;
			if (active >= limit) {
				if (!ramping || limit >= ceiling) return Infinity;
				// Slow start in time: one more slot per spacing interval that requests wait, without
				// waiting seconds for a slow first answer.
				const growAt = lastGrow + spacing;
				if (growAt > now) return growAt;
				limit++;
				lastGrow = now;
			}
			while (recent.length > 0 && (recent[0] ?? 0) <= now - spacing) recent.shift();
			if (recent.length >= limit) return (recent[recent.length - limit] ?? now) + spacing;
			return now;
		},
		started(now) {
			if (spacing > 0) recent.push(now);
			if (lastGrow === -Infinity) lastGrow = now;
		},
		hear(signal, request, now) {
			if (request.at < lastPushback) return;
			switch (signal) {
				case 'refused':
					if (request.alone && !perUrl429) {
						perUrl429 = true;
						if (before429) {
							limit = Math.max(limit, before429.limit);
							ramping = before429.ramping;
							before429 = undefined;
						}
					}
					if (perUrl429) return grow(now);
					before429 ??= { limit, ramping };
					return halve(now);
				case 'pushback':
					perUrl429 = false;
					before429 = undefined;
					return halve(now);
				case 'slow':
					ramping = false;
					return;
				case 'clean':
					return grow(now);
			}
		},
		pause(until) {
			pausedUntil = Math.max(pausedUntil, until);
		},
	};
}
