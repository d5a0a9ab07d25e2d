/**
 * Runs tasks under two limits at once: `global` in flight overall and `perHost` in flight per host
 * (`host:port`). A host can be paused (429/503 `Retry-After`): its queued tasks wait, other hosts
 * go on. Hosts take turns, so one host with many links never starves the rest.
 */
export interface HostScheduler {
	run<T>(host: string, task: () => Promise<T>): Promise<T>;
	/** Holds new requests to `host` for `ms` (extends, never shortens, a pause in force). */
	pauseHost(host: string, ms: number): void;
	/** Most tasks seen in flight at once per host. */
	readonly peakInFlight: Map<string, number>;
}

interface HostState {
	active: number;
	pausedUntil: number;
	queue: Array<() => void>;
	timer?: NodeJS.Timeout;
}

export function createHostScheduler(
	limits: { global: number; perHost: number },
	now: () => number = Date.now,
): HostScheduler {
	const hosts = new Map<string, HostState>();
	const peakInFlight = new Map<string, number>();
	let globalActive = 0;

	const stateOf = (host: string): HostState => {
		let state = hosts.get(host);
		if (!state) {
			state = { active: 0, pausedUntil: 0, queue: [] };
			hosts.set(host, state);
		}
		return state;
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
			const [host, state] = entry;
			if (!startNext(host, state)) idle++;
			else idle = 0;
		}
	};

	const startNext = (host: string, state: HostState): boolean => {
		if (state.queue.length === 0 || state.active >= limits.perHost) return false;
		const wait = state.pausedUntil - now();
		if (wait > 0) {
			state.timer ??= setTimeout(() => {
				delete state.timer;
				pump();
			}, wait);
			return false;
		}
		const start = state.queue.shift();
		if (!start) return false;
		state.active++;
		globalActive++;
		peakInFlight.set(host, Math.max(peakInFlight.get(host) ?? 0, state.active));
		start();
		return true;
	};

	return {
		peakInFlight,
		run<T>(host: string, task: () => Promise<T>): Promise<T> {
			const state = stateOf(host);
			return new Promise<T>((resolve, reject) => {
				state.queue.push(() => {
					task()
						.then(resolve, reject)
						.finally(() => {
							state.active--;
							globalActive--;
							if (state.active === 0 && state.queue.length === 0 && state.pausedUntil <= now())
								hosts.delete(host);
							pump();
						});
				});
				pump();
			});
		},
		pauseHost(host: string, ms: number): void {
			const state = stateOf(host);
			const until = now() + ms;
			if (until <= state.pausedUntil) return;
			state.pausedUntil = until;
			if (state.timer) {
				clearTimeout(state.timer);
				delete state.timer;
			}
			pump();
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
