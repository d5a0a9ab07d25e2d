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

export function createHostScheduler(limits: { global: number; perHost: number }, now: () => number = Date.now): HostScheduler {
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

	const pump = (): void => {
		let progressed = true;
		while (progressed && globalActive < limits.global) {
			progressed = false;
			for (const [host, state] of hosts) {
				if (globalActive >= limits.global) break;
				if (state.queue.length === 0 || state.active >= limits.perHost) continue;
				const wait = state.pausedUntil - now();
				if (wait > 0) {
					if (!state.timer) {
						state.timer = setTimeout(() => {
							delete state.timer;
							pump();
						}, wait);
					}
					continue;
				}
				const start = state.queue.shift();
				if (!start) continue;
				state.active++;
				globalActive++;
				peakInFlight.set(host, Math.max(peakInFlight.get(host) ?? 0, state.active));
				progressed = true;
				start();
			}
		}
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
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
	const text = (Array.isArray(value) ? value[0] : value)?.trim();
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
