/** How an answer from a host went, as the scheduler's limit for that host hears it. */
type HostSignal =
	/** Any status but 429/503, in less than half the timeout. */
	| 'clean'
	/** A clean status that took at least half the timeout: the host is struggling. */
	| 'slow'
	/** 429, 503, a timeout or a connection error. */
	| 'pushback';

export interface HostLimits {
	/** Requests in flight overall. */
	global: number;
	/** Ceiling of each host's limit (`links.perHostConcurrency`). */
	perHost: number;
	/** Least time between two request starts to one host (`links.requestSpacingMs`). */
	spacingMs: number;
	/** Where each host's limit starts. @default 2 */
	start?: number;
}

/**
 * Runs tasks under a global limit and an adaptive limit per host (`host:port`), at most one start
 * per `spacingMs` to a host. Each host starts at `start` (2). Until it first pushes back, its limit
 * rises by one each `spacingMs` that requests wait for it and with each clean answer, so a healthy
 * host reaches the ceiling within (ceiling − start) × spacing even when its answers take seconds.
 * A pushback halves the limit at once and ends that ramp; from then on only clean answers raise it,
 * one slot per round of `limit` answers. A slow answer ends the ramp and holds the limit. A host can be paused (`Retry-After`):
 * its queued tasks wait, other hosts go on. Hosts take turns, so one host with many links never
 * starves the rest.
 */
export interface HostScheduler {
	/** Runs `task` when `host` has room; `task` gets its start time, for `report`. */
	run<T>(host: string, task: (startedAt: number) => Promise<T>): Promise<T>;
	/**
	 * Adjusts `host`'s limit after one answer (or failure) of a request started at `startedAt`.
	 * Answers to requests started before the last pushback are ignored, so one overload halves the
	 * limit once and the answers already under way do not undo it.
	 */
	report(host: string, signal: HostSignal, startedAt?: number): void;
	/** Holds new requests to `host` for `ms` (extends, never shortens, a pause in force). */
	pauseHost(host: string, ms: number): void;
	/**
	 * Gives up on `host` (it refuses connections or does not resolve): its queued tasks and every
	 * later `run` for it reject with `error` without starting.
	 */
	closeHost(host: string, error: Error): void;
	/** The limit in force for `host` now. */
	limitOf(host: string): number;
	/** Most tasks seen in flight at once per host. */
	readonly peakInFlight: Map<string, number>;
}

interface HostState {
	host: string;
	active: number;
	limit: number;
	/** Clean answers since the limit last changed, toward the next slot after a pushback. */
	credit: number;
	ramping: boolean;
	lastPushback: number;
	lastStart: number;
	lastGrow: number;
	pausedUntil: number;
	closed?: Error;
	queue: Array<{ start: (at: number) => void; reject: (error: Error) => void }>;
	timer?: NodeJS.Timeout;
	timerAt?: number;
}

export function createHostScheduler(
	limits: HostLimits,
	now: () => number = () => Date.now(),
): HostScheduler {
	const hosts = new Map<string, HostState>();
	const peakInFlight = new Map<string, number>();
	const ceiling = limits.perHost;
	const initial = Math.min(limits.start ?? 2, ceiling);
	let globalActive = 0;

	const stateOf = (host: string): HostState => {
		let state = hosts.get(host);
		if (!state) {
			state = {
				host,
				active: 0,
				limit: initial,
				credit: 0,
				ramping: true,
				lastPushback: -Infinity,
				lastStart: -Infinity,
				lastGrow: -Infinity,
				pausedUntil: 0,
				queue: [],
			};
			hosts.set(host, state);
		}
		return state;
	};

	const wakeAt = (state: HostState, at: number): void => {
		if (state.timer && state.timerAt !== undefined && state.timerAt <= at) return;
		if (state.timer) clearTimeout(state.timer);
		state.timerAt = at;
		state.timer = setTimeout(
			() => {
				delete state.timer;
				delete state.timerAt;
				pump();
			},
			Math.max(0, at - now()),
		);
	};

	// Hosts take turns from a rotating cursor, so when the global limit binds, the hosts late in
	// the list are not starved by the early ones.
	let cursor = 0;
	const pump = (): void => {
		const order = [...hosts];
		let idle = 0;
		while (globalActive < limits.global && idle < order.length) {
			const entry = order[cursor % order.length];
			cursor = (cursor + 1) % Math.max(1, order.length);
			if (!entry) break;
			if (!startNext(entry[1])) idle++;
			else idle = 0;
		}
	};

	const startNext = (state: HostState): boolean => {
		if (state.queue.length === 0) return false;
		const t = now();
		if (state.pausedUntil > t) {
			wakeAt(state, state.pausedUntil);
			return false;
		}
		if (state.active >= state.limit) {
			if (!state.ramping || state.limit >= ceiling) return false;
			// Slow start in time: a host that has not pushed back gets one more slot per spacing
			// interval, without waiting seconds for a slow first answer.
			const growAt = state.lastGrow + limits.spacingMs;
			if (growAt > t) {
				wakeAt(state, growAt);
				return false;
			}
			state.limit++;
			state.lastGrow = t;
		}
		const startAt = state.lastStart + limits.spacingMs;
		if (startAt > t) {
			wakeAt(state, startAt);
			return false;
		}
		const start = state.queue.shift()?.start;
		if (!start) return false;
		state.active++;
		state.lastStart = t;
		if (state.lastGrow === -Infinity) state.lastGrow = t;
		globalActive++;
		peakInFlight.set(state.host, Math.max(peakInFlight.get(state.host) ?? 0, state.active));
		start(t);
		return true;
	};

	return {
		peakInFlight,
		run<T>(host: string, task: (startedAt: number) => Promise<T>): Promise<T> {
			const state = stateOf(host);
			if (state.closed) return Promise.reject(state.closed);
			return new Promise<T>((resolve, reject) => {
				const start = (at: number): void => {
					task(at)
						.then(resolve, reject)
						.finally(() => {
							state.active--;
							globalActive--;
							pump();
						});
				};
				state.queue.push({ start, reject });
				pump();
			});
		},
		report(host: string, signal: HostSignal, startedAt = Infinity): void {
			const state = stateOf(host);
			if (startedAt < state.lastPushback) return;
			if (signal === 'pushback') {
				state.lastPushback = now();
				state.ramping = false;
				state.limit = Math.max(1, Math.floor(state.limit / 2));
				state.credit = 0;
			} else if (signal === 'slow') {
				state.ramping = false;
			} else {
				// Slow start adds a slot per answer; after a pushback, a slot per round of `limit`
				// answers (additive increase), so the host gets back to its old pace gradually.
				state.credit++;
				if (state.ramping || state.credit >= state.limit) {
					state.limit = Math.min(ceiling, state.limit + 1);
					state.credit = 0;
				}
				state.lastGrow = now();
			}
			pump();
		},
		closeHost(host: string, error: Error): void {
			const state = stateOf(host);
			state.closed ??= error;
			for (const waiting of state.queue.splice(0)) waiting.reject(state.closed);
		},
		pauseHost(host: string, ms: number): void {
			const state = stateOf(host);
			const until = now() + ms;
			if (until <= state.pausedUntil) return;
			state.pausedUntil = until;
			pump();
		},
		limitOf(host: string): number {
			return hosts.get(host)?.limit ?? initial;
		},
	};
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; `undefined` when absent or unparsable. */
export function parseRetryAfter(
	value: string | string[] | undefined,
	now: number = Date.now(),
): number | undefined {
	const text = (Array.isArray(value) ? value[0] : value)?.trim();
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
