import { createHostPace, type HostPace, type HostSignal, type RequestStart } from './host-pace.ts';

export interface HostLimits {
	/** Requests in flight overall. */
	global: number;
	/** Ceiling of each host's limit (`links.perHostConcurrency`). */
	perHost: number;
	/** Each of a host's slots rests this long between two starts (`links.requestSpacingMs`). */
	spacingMs: number;
	/** Where each host's limit starts. @default 2 */
	start?: number;
}

interface RunOptions {
	/** Not before this time (a retry's `Retry-After` or backoff); such a task goes ahead of first attempts once due. */
	notBefore?: number;
}

/**
 * Runs tasks under a global limit and each host's pace (`host:port`; see `HostPace`: an adaptive
 * limit, slots spaced by `spacingMs`, pauses). A task waiting for its `notBefore` waits alone: the
 * host's other tasks go on; tasks due at the same time start together as far as the host's limit
 * allows. Hosts take turns, so one host with many links never starves the rest.
 */
export interface HostScheduler {
	/** Runs `task` when `host` has room; `task` gets its start, for `report`. */
	run<T>(host: string, task: (start: RequestStart) => Promise<T>, options?: RunOptions): Promise<T>;
	/** Tells `host`'s pace how the request of `start` went (answers from before its last pushback are not heard). */
	report(host: string, signal: HostSignal, start: RequestStart): void;
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

interface Waiting {
	notBefore: number;
	start: (start: RequestStart, done: () => void) => void;
	reject: (error: Error) => void;
}

interface HostState {
	host: string;
	pace: HostPace;
	/** Starts in flight; `overlapped` once another request to the host ran beside it. */
	active: Set<{ at: number; overlapped: boolean }>;
	/** First attempts, in order. */
	fresh: Waiting[];
	/** Tasks with a `notBefore`, soonest first. */
	later: Waiting[];
	closed?: Error;
	timer?: NodeJS.Timeout;
	timerAt?: number;
}

export function createHostScheduler(
	limits: HostLimits,
	now: () => number = () => Date.now(),
): HostScheduler {
	const hosts = new Map<string, HostState>();
	const peakInFlight = new Map<string, number>();
	const paceLimits = {
		perHost: limits.perHost,
		spacingMs: limits.spacingMs,
		start: limits.start ?? 2,
	};
	let globalActive = 0;

	const stateOf = (host: string): HostState => {
		let state = hosts.get(host);
		if (!state) {
			state = { host, pace: createHostPace(paceLimits), active: new Set(), fresh: [], later: [] };
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
		const order = [...hosts.values()];
		let idle = 0;
		while (globalActive < limits.global && idle < order.length) {
			const state = order[cursor % order.length];
			cursor = (cursor + 1) % Math.max(1, order.length);
			if (!state) break;
			if (!startNext(state)) idle++;
			else idle = 0;
		}
	};

	const startNext = (state: HostState): boolean => {
		const t = now();
		const retryDue = (state.later[0]?.notBefore ?? Infinity) <= t;
		if (!retryDue && state.fresh.length === 0) {
			const next = state.later[0];
			if (next) wakeAt(state, next.notBefore);
			return false;
		}
		const at = state.pace.nextStart(t, state.active.size);
		if (at === Infinity) return false;
		if (at > t) {
			wakeAt(state, at);
			return false;
		}
		const waiting = retryDue ? state.later.shift() : state.fresh.shift();
		if (!waiting) return false;
		const start = { at: t, overlapped: state.active.size > 0 };
		for (const other of state.active) other.overlapped = true;
		state.active.add(start);
		state.pace.started(t);
		globalActive++;
		peakInFlight.set(state.host, Math.max(peakInFlight.get(state.host) ?? 0, state.active.size));
		const done = (): void => {
			state.active.delete(start);
			globalActive--;
			pump();
		};
		waiting.start(
			{
				at: t,
				get alone() {
					return !start.overlapped;
				},
			},
			done,
		);
		return true;
	};

	return {
		peakInFlight,
		run<T>(
			host: string,
			task: (start: RequestStart) => Promise<T>,
			options: RunOptions = {},
		): Promise<T> {
			const state = stateOf(host);
			if (state.closed) return Promise.reject(state.closed);
			return new Promise<T>((resolve, reject) => {
				const waiting: Waiting = {
					notBefore: options.notBefore ?? -Infinity,
					start: (start, done) => void task(start).then(resolve, reject).finally(done),
					reject,
				};
				if (options.notBefore === undefined) state.fresh.push(waiting);
				else {
					const i = state.later.findIndex((w) => w.notBefore > waiting.notBefore);
					state.later.splice(i === -1 ? state.later.length : i, 0, waiting);
				}
				pump();
			});
		},
		report(host, signal, start) {
			stateOf(host).pace.hear(signal, start, now());
			pump();
		},
		closeHost(host, error) {
			const state = stateOf(host);
			state.closed ??= error;
			for (const waiting of [...state.fresh.splice(0), ...state.later.splice(0)])
				waiting.reject(state.closed);
		},
		pauseHost(host, ms) {
			stateOf(host).pace.pause(now() + ms);
			pump();
		},
		limitOf(host) {
			return hosts.get(host)?.pace.limit ?? Math.min(paceLimits.start, paceLimits.perHost);
		},
	};
}
